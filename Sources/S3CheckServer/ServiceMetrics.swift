import Prometheus
import S3CheckCore

/// The service's Prometheus metrics: requests, latency, verdicts and refusals.
///
/// Label values come from fixed sets (route templates, status codes, verdicts, refusal kinds),
/// never from what a client sent, so the number of series stays bounded.
final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    func request(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "s3check", metricName: "http_requests", unitName: "total",
                helpText: "HTTP requests answered, by route, method and status."),
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "s3check", metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time from a request's head to its response, by route."),
            labels: [("route", route)],
            buckets: [
                .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
                .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                .seconds(2.5), .seconds(5),
            ]
        ).record(duration)
    }

    func verdict(_ verdict: Verdict) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "s3check", metricName: "verdicts", unitName: "total",
                helpText: "Applications checked, by verdict."),
            labels: [("verdict", verdict.rawValue)]
        ).increment()
    }

    /// A request turned away before it was checked, by its problem's kind: `busy`,
    /// `too-large`, `media-type`, …; a server error is no refusal.
    func refusal(_ problem: Problem) {
        guard problem.status.code < 500 || problem.status == .serviceUnavailable else { return }
        registry.makeCounter(
            descriptor: .init(
                namespace: "s3check", metricName: "refusals", unitName: "total",
                helpText: "Requests refused before a check, by reason."),
            labels: [("reason", problem.kind)]
        ).increment()
    }

    func text() -> String { registry.emitToString() }
}
