import Hummingbird

/// What operators and client generators read: Prometheus metrics and the OpenAPI document.
struct OperationRoutes: Sendable {
    let metrics: ServiceMetrics

    var collection: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.getAndHead("metrics") { _, _ in
            Response.text(metrics.text(), type: "text/plain; version=0.0.4; charset=utf-8")
        }
        routes.getAndHead("openapi.yaml") { _, _ in Response.text(OpenAPIDocument.text, type: "application/yaml") }
        return routes
    }
}
