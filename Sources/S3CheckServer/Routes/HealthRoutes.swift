import Hummingbird
import S3CheckRun

/// `/health/live` and `/health/ready`, on the main port and on the health port when there is one.
struct HealthRoutes: Sendable {
    let gate: AdmissionGate

    var collection: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.getAndHead("live") { _, _ in Response.json(#"{"status":"live"}"#) }
        routes.getAndHead("ready") { _, _ in ready() }
        return routes
    }

    /// Ready: the packs compiled before the socket opened. A saturated service is still ready
    /// (a load balancer that took every busy replica out would turn a peak into an outage);
    /// the load is reported beside, and `/check` answers 503 itself when the queue is full.
    func ready() -> Response {
        let load = gate.load
        return .json(#"{"status":"ready","running":\#(load.running),"waiting":\#(load.waiting)}"#)
    }
}
