import ArgumentParser
import Foundation
import S3CheckCore

/// `s3check serve`: starts `s3check-serve`, installed beside `s3check`, with the same arguments.
///
/// The service lives in a target of its own so that the command line does not carry the HTTP
/// server; this command only makes it reachable by the name users expect.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the checker over HTTP: an upload page at /, the API under /api/v1 (s3check serve --help).",
        shouldDisplay: true
    )

    @Argument(parsing: .captureForPassthrough, help: "Options of s3check-serve: --host, --port, --rules, --workers, ….")
    var arguments: [String] = []

    func run() throws {
        let folder =
            Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let server = folder.appending(path: "s3check-serve").path
        let language = SubcommandFirst.language(arguments)
        guard FileManager.default.isExecutableFile(atPath: server) else {
            Diagnostics.error(Catalog.text("cli.serve-missing", language, ["path": server]))
            throw Outcome.usageError.exitCode
        }
        // Replaces this process, so that signals (SIGTERM) reach the service directly.
        let argv = ([server] + arguments).map { strdup($0) } + [nil]
        execv(server, argv)
        Diagnostics.error(
            Catalog.text(
                "cli.serve-cannot-start", language, ["path": server, "reason": String(cString: strerror(errno))]))
        throw Outcome.usageError.exitCode
    }
}
