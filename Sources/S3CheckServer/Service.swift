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
        let packs = try loadPacks(options)
        let gate = AdmissionGate(
            slots: options.workers, queueLength: options.queueLength, queueTimeout: options.queueTimeout)
        let metrics = ServiceMetrics()
        let api = API(packs: packs, gate: gate, metrics: metrics, options: options, logger: logger)
        let router = Router()
        router.add(
            middleware: RequestLog(metrics: metrics, logger: logger, maximumBodyBytes: options.maximumBodyBytes))
        router.add(middleware: HTTPConformance(maximumBodyBytes: options.maximumBodyBytes, metrics: metrics))
        api.register(on: router)
        let app = Application(
            router: router,
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
                availableConnectionsDelegate: .maximum(options.maximumConnections, logger: logger)
            ),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                announce("http://\(options.host.contains(":") ? "[\(options.host)]" : options.host):\(port)/")
            },
            logger: logger
        )
        // SIGTERM drains the requests in flight, but not for ever: after the drain timeout they
        // are cancelled, so a client trickling a body cannot keep the process alive.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app)]
        if let healthPort = options.healthPort {
            // Its own listener and connection slots, answering only the health routes.
            let healthRouter = Router()
            api.registerHealth(on: healthRouter)
            let health = Application(
                router: healthRouter,
                configuration: .init(address: .hostname(options.host, port: healthPort), serverName: nil),
                onServerRunning: { channel in
                    let port = channel.localAddress?.port ?? healthPort
                    announceHealth("http://\(options.host.contains(":") ? "[\(options.host)]" : options.host):\(port)/")
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

    /// Loads and compiles every pack before the socket opens, so that a bad pack stops start-up.
    static func loadPacks(_ options: ServiceOptions) throws(RulePackError) -> [ServedPack] {
        let locations = options.packs.isEmpty ? [nil] : options.packs.map(Optional.some)
        var packs: [ServedPack] = []
        for location in locations {
            let pool = try CheckerPool(
                packs: PackLocation(location).loadChoice(), maximumBytes: options.maximumBodyBytes,
                prepared: options.workers)
            packs.append(ServedPack(pool: pool))
        }
        return packs
    }
}

/// Logs one line per request (method, route, status, duration, verdict) and counts it; never
/// the query's values, the body, or a file name, which could all carry application content.
struct RequestLog<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics
    let logger: Logger
    let maximumBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        let route = Routes.route(request.uri.path)
        let language = Problem.language(of: request)
        var response: Response
        do {
            response = try await next(request, context)
        } catch let problem as Problem {
            // Rendered here rather than by Hummingbird, so that the refusal is logged and counted.
            response = try problem.response(from: request, context: context)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            metrics.refusal("too-large")
            response = Problem.tooLarge(limit: maximumBodyBytes).response(language: language)
        } catch let error as HTTPError where error.status == .notFound {
            if let allowed = Routes.methods[route],
                !allowed.split(separator: ", ").contains(Substring(request.method.rawValue))
            {
                response = Problem.methodNotAllowed(allowed).response(language: language)
            } else {
                response = Problem.notFound.response(language: language)
            }
        } catch  where Self.clientWentAway(error) {
            // The client closed the connection or sent a broken request stream: nobody reads an
            // answer, and it is no server error (499, as proxies log it; not counted as 5xx).
            logger.info("client closed the request", metadata: ["route": "\(route)", "error": "\(type(of: error))"])
            response = Response(status: .init(code: 499, reasonPhrase: "Client Closed Request"))
        } catch {
            logger.error("request failed", metadata: ["route": "\(route)", "error": "\(type(of: error))"])
            response = Problem.internalError.response(language: language)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        let duration = ContinuousClock.now - start
        metrics.request(
            route: route, method: request.method.rawValue, status: response.status.code, duration: duration)
        var metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(response.status.code)",
            "ms":
                "\(String(format: "%.2f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15))",
        ]
        if let verdict = response.headers[S3CheckService.verdictHeader] { metadata["verdict"] = "\(verdict)" }
        logger.info("request", metadata: metadata)
        return response
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

/// The service's routes as fixed names, for logs, metric labels and 405 answers.
enum Routes {
    /// The methods each route answers, for 405 and its `Allow` header.
    static let methods: [String: String] = [
        "/": "GET, HEAD, POST", "/api/v1/check": "POST", "/api/v1/s3": "POST", "/api/v1/rules": "GET, HEAD",
        "/api/v1/rules/{id}": "GET, HEAD", "/api/v1/template": "GET, HEAD", "/api/v1/schema/{name}": "GET, HEAD",
        "/health/live": "GET, HEAD", "/health/ready": "GET, HEAD",
        "/metrics": "GET, HEAD",
        "/openapi.yaml": "GET, HEAD", "/page.js": "GET, HEAD",
    ]

    /// The route a path belongs to, from a fixed list, for logs and metric labels.
    static func route(_ path: String) -> String {
        if methods[path] != nil { return path }
        // A route with a parameter (`/api/v1/rules/{id}`) matches one more segment after its prefix.
        for route in methods.keys where route.hasSuffix("}") {
            let prefix = route[..<(route.lastIndex(of: "/") ?? route.startIndex)] + "/"
            if path.hasPrefix(prefix), !path.dropFirst(prefix.count).contains("/"), path.count > prefix.count {
                return route
            }
        }
        return "other"
    }
}
