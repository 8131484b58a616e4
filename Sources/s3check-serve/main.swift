import ArgumentParser
import Foundation
import Logging
import S3CheckCore
import S3CheckServer

/// `s3check serve` (also `s3check-serve`): the checker as an HTTP service with an upload page.
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "s3check serve",
        abstract: "Serve the checker over HTTP: an upload page at /, the API under /api/v1, /openapi.yaml, /metrics.",
        discussion: """
            Listens on 127.0.0.1 unless --host says otherwise; put it behind a TLS proxy to offer it \
            to others (docs/service.md). Stops on SIGTERM or SIGINT after the requests in flight finish.
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one, printed at start-up.")
    var port = 8080

    @Option(
        name: .customLong("rules"),
        help: ArgumentHelp(
            "Rule pack file, or shipped:PATH for a pack built into s3check; repeatable, the first is the default (default: the Stockholm programme pack).",
            valueName: "path"))
    var packs: [String] = []

    @Option(help: "Applications checked at once (default: the number of cores).")
    var workers = ProcessInfo.processInfo.activeProcessorCount

    @Option(
        help:
            "Requests that may wait for a worker before the service answers 503 (default: 16; with --health-port, every connection's request: --max-connections minus --workers)."
    )
    var queue: Int?

    @Option(help: "Milliseconds a request may wait for a worker before it gets 503.")
    var queueTimeout = 2000

    @Option(help: "Largest request body accepted, in bytes.")
    var maxSize = 4 * 1024 * 1024

    @Option(help: "Open connections at most; more wait to be accepted.")
    var maxConnections = 64

    @Option(help: "Seconds a connection may send nothing before it is closed.")
    var idleTimeout = 15

    @Option(help: "Seconds a request body may take to arrive in all; slower clients get 408.")
    var bodyTimeout = 20

    @Option(help: "Seconds SIGTERM waits for requests in flight before it cancels them.")
    var drainTimeout = 20

    @Option(
        help:
            "A second port that answers only /health/live and /health/ready, so that probes are answered when clients hold every connection of the main port."
    )
    var healthPort: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        if let healthPort, !(0...65535).contains(healthPort) {
            throw ValidationError("--health-port must be 0 to 65535")
        }
        guard workers > 0, (queue ?? 0) >= 0, queueTimeout > 0, maxSize > 0, idleTimeout > 0, maxConnections > 0,
            bodyTimeout > 0, drainTimeout > 0
        else {
            throw ValidationError(
                "--workers, --queue-timeout, --max-size, --idle-timeout, --max-connections, --body-timeout and --drain-timeout must be positive"
            )
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level") }
    }

    func run() async throws {
        var options = ServiceOptions()
        options.host = host
        options.port = port
        options.packs = packs
        options.workers = workers
        // With health on a port of its own, no probe needs a free slot on the main port, so
        // every connection's request may wait for a worker instead of being refused: measured
        // under 256 keep-alive clients, 90 % of the maximum rate then succeeds, against 33 %
        // when refusals keep slots turning over for probes.
        options.queueLength = queue ?? (healthPort == nil ? 16 : max(16, maxConnections - workers))
        options.queueTimeout = .milliseconds(queueTimeout)
        options.maximumBodyBytes = maxSize
        options.idleTimeout = .seconds(idleTimeout)
        options.maximumConnections = maxConnections
        options.bodyTimeout = .seconds(bodyTimeout)
        options.drainTimeout = .seconds(drainTimeout)
        options.healthPort = healthPort
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            return handler
        }
        let logger = Logger(label: "s3check.serve")
        do {
            try await S3CheckService.run(
                options, logger: logger,
                announce: { address in
                    // The first line on standard output, for scripts and tests that start the service.
                    FileHandle.standardOutput.write(Data("s3check: listening on \(address)\n".utf8))
                },
                announceHealth: { address in
                    FileHandle.standardOutput.write(Data("s3check: health on \(address)\n".utf8))
                })
        } catch let error as RulePackError {
            for problem in error.problems {
                FileHandle.standardError.write(Data("s3check: \(problem.formatted(in: .en))\n".utf8))
            }
            throw ExitCode(3)
        }
    }
}
