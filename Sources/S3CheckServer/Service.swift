import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import S3CheckCore
import S3CheckReports
import S3CheckRun
import ServiceLifecycle

/// One rule pack the service checks against, compiled once for the life of the process.
struct ServedPack: Sendable {
    var id: String
    var ruleSet: RuleSet
    var pool: CheckerPool
    /// What reports are made against, by profile ("" for the default) and language: made once,
    /// since indexing the rules for every request is a measurable share of a check.
    var contexts: [String: [Language: RunContext]]

    init(pool: CheckerPool) {
        let packs = pool.packs
        let ruleSet = packs.base
        id = ruleSet.mainPack.id
        self.ruleSet = ruleSet
        self.pool = pool
        var contexts: [String: [Language: RunContext]] = [:]
        for profile in [nil] + ruleSet.profiles.map(\.id) {
            for language in Language.allCases {
                contexts[profile ?? "", default: [:]][language] = RunContext(
                    packs: packs.packs,
                    profile: profile ?? ruleSet.defaultProfile,
                    language: language,
                    rules: packs.rules(in: profile),
                    fileCount: 1
                )
            }
        }
        self.contexts = contexts
    }

    /// The context of a report made now.
    func context(profile: String?, language: Language) -> RunContext {
        var context =
            contexts[profile ?? ""]?[language]
            ?? RunContext(
                packs: pool.packs.packs, profile: profile ?? ruleSet.defaultProfile, language: language,
                rules: pool.packs.rules(in: profile), fileCount: 1)
        context.generatedAt = Date()
        return context
    }
}

/// `s3check serve`: the checker over HTTP, with an upload page, an API described by OpenAPI,
/// health checks and Prometheus metrics.
public enum S3CheckService {
    /// The header that carries the verdict beside a report in any format.
    static let verdictHeader = HTTPField.Name("S3check-Verdict")!

    /// Compiles the packs, listens, and serves until SIGTERM or SIGINT, when it stops accepting
    /// connections and lets the requests in flight finish. `announce` gets the address once
    /// the socket is bound (port 0 picks a free one).
    public static func run(
        _ options: ServiceOptions,
        logger: Logger,
        announce: @escaping @Sendable (String) -> Void,
        announceHealth: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws {
        let state = try ServiceState(options, logger: logger)
        let app = application(for: state) { port in announce(url(host: options.host, port: port)) }
        // SIGTERM drains the requests in flight, but not for ever: after the drain timeout they
        // are cancelled, so a client trickling a body cannot keep the process alive.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app)]
        if let healthPort = options.healthPort {
            // Its own listener and connection slots, answering only the health routes.
            let healthRouter = Router()
            healthRouter.addRoutes(HealthRoutes(gate: state.gate).collection, atPath: "health")
            let health = Application(
                router: healthRouter,
                configuration: .init(address: .hostname(options.host, port: healthPort), serverName: nil),
                onServerRunning: { channel in
                    announceHealth(url(host: options.host, port: channel.localAddress?.port ?? healthPort))
                },
                logger: logger
            )
            services.append(.init(service: health))
        }
        var group = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = options.drainTimeout
        group.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: group).run()
    }

    /// The address a listener is announced as; an IPv6 host in brackets.
    private static func url(host: String, port: Int) -> String {
        "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
    }

    /// The main port's server: the router behind the HTTP/1 codec, the 100-continue handler,
    /// and the limits on headers, idle connections and open connections.
    static func application(
        for state: ServiceState, announce: @escaping @Sendable (Int) -> Void = { _ in }
    ) -> Application<RouterResponder<BasicRequestContext>> {
        let options = state.options
        return Application(
            router: router(for: state),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [ContinueHandler(maximumBodyBytes: options.maximumBodyBytes)],
                    idleTimeout: TimeAmount.nanoseconds(Int64(options.idleTimeout.components.seconds) * 1_000_000_000),
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 32 * 1024, maxHeaderFieldCount: 100)
                )),
            configuration: .init(
                address: .hostname(options.host, port: options.port),
                serverName: nil,
                availableConnectionsDelegate: .maximum(options.maximumConnections, logger: state.logger)
            ),
            onServerRunning: { channel in announce(channel.localAddress?.port ?? options.port) },
            logger: state.logger
        )
    }

    /// The router with every route and the middleware before them; what `run` serves and what
    /// the tests call in process.
    static func router(for state: ServiceState) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(
            middleware: RequestLog(
                metrics: state.metrics, logger: state.logger, maximumBodyBytes: state.options.maximumBodyBytes,
                routes: RouteTable(listing: { register(state, on: $0) })))
        router.add(middleware: HTTPConformance(maximumBodyBytes: state.options.maximumBodyBytes))
        register(state, on: router)
        return router
    }

    /// The routes: the API under `/api/v1`, health under `/health`, metrics, the OpenAPI
    /// document and the upload page at the root.
    static func register(_ state: ServiceState, on router: Router<BasicRequestContext>) {
        let api = router.group("api/v1")
        api.addRoutes(CheckRoutes(service: state).collection)
        api.addRoutes(RuleRoutes(service: state).collection)
        router.addRoutes(HealthRoutes(gate: state.gate).collection, atPath: "health")
        router.addRoutes(OperationRoutes(metrics: state.metrics).collection)
        router.addRoutes(UploadPage(service: state).collection)
    }
}

extension ServiceState {
    /// Loads and compiles every pack before the socket opens, so that a bad pack stops start-up.
    init(_ options: ServiceOptions, logger: Logger) throws(RulePackError) {
        let locations = options.packs.isEmpty ? [nil] : options.packs.map(Optional.some)
        var packs: [ServedPack] = []
        for location in locations {
            let pool = try CheckerPool(
                packs: PackLocation(location).loadChoice(), maximumBytes: options.maximumBodyBytes,
                prepared: options.workers)
            packs.append(ServedPack(pool: pool))
        }
        self.init(packs: packs, options: options, logger: logger)
    }

    /// A service over packs already compiled, with a gate and metrics of its own.
    init(packs: [ServedPack], options: ServiceOptions, logger: Logger) {
        self.init(
            packs: packs,
            gate: AdmissionGate(
                slots: options.workers, queueLength: options.queueLength, queueTimeout: options.queueTimeout),
            metrics: ServiceMetrics(), options: options, logger: logger)
    }
}

/// Logs one line per request (method, route, status, duration, verdict) and counts it; never
/// the query's values, the body, or a file name, which could all carry application content.
struct RequestLog<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics
    let logger: Logger
    let maximumBodyBytes: Int
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        let language = Problem.language(of: request)
        // The router's own name for the route (it has matched before a middleware runs), or the
        // route whose path it is when the method has none; a path no route has is one label, so
        // that the series stay bounded whatever clients send.
        let route =
            context.endpointPath.flatMap { routes.methods[$0] == nil ? nil : $0 } ?? routes.route(request.uri.path)
            ?? "other"
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = answer(error, to: request, route: route, language: language)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        let duration = ContinuousClock.now - start
        metrics.request(
            route: route, method: request.method.rawValue, status: response.status.code, duration: duration)
        // The line is built only when it is logged: at `--log-level warning` (as under load) the
        // formatting would be paid on every request for nothing.
        guard logger.logLevel <= .info else { return response }
        var metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(response.status.code)",
            "ms":
                "\(String(format: "%.2f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15))",
        ]
        if let verdict = response.headers[S3CheckService.verdictHeader] { metadata["verdict"] = "\(verdict)" }
        logger.info("request", metadata: metadata)
        return response
    }

    /// The answer to a request that failed: its problem, counted as a refusal when it is one;
    /// 405 where the path has a route but not for this method; 499 when the client went away.
    private func answer(_ error: any Error, to request: Request, route: String, language: Language) -> Response {
        switch error {
        case let problem as Problem:
            // Rendered here rather than by Hummingbird, so that the refusal is logged and counted.
            metrics.refusal(problem)
            return problem.response(language: language)
        case let error as HTTPError where error.status == .contentTooLarge:
            return answer(Problem.tooLarge(limit: maximumBodyBytes), to: request, route: route, language: language)
        case let error as HTTPError where error.status == .notFound:
            // `route` is the route the path belongs to ("other" when none): matched once, on entry.
            if let allowed = routes.methods[route], !allowed.contains(request.method) {
                return answer(
                    Problem.methodNotAllowed(routes.allow(route)), to: request, route: route, language: language)
            }
            return answer(Problem.notFound, to: request, route: route, language: language)
        case _ where Self.clientWentAway(error):
            // The client closed the connection or sent a broken request stream: nobody reads an
            // answer, and it is no server error (499, as proxies log it; not counted as 5xx).
            logger.info("client closed the request", metadata: ["route": "\(route)", "error": "\(type(of: error))"])
            return Response(status: .init(code: 499, reasonPhrase: "Client Closed Request"))
        default:
            logger.error("request failed", metadata: ["route": "\(route)", "error": "\(type(of: error))"])
            return Problem.internalError.response(language: language)
        }
    }
}

extension RequestLog {
    /// Whether `error` comes from the client's side of the connection going away mid-request:
    /// NIO's HTTP parser or channel errors, or the task cancelled with the connection.
    static func clientWentAway(_ error: any Error) -> Bool {
        if error is CancellationError { return true }
        let name = String(describing: type(of: error))
        return name == "HTTPParserError" || name == "ChannelError" || name == "IOError"
    }
}
