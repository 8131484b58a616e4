import ArgumentParser
import Foundation
import S3CheckCore

/// The `s3check` command: checks EU structural-fund applications against eligibility rules.
@main
struct S3Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "s3check",
        abstract: "Check ERDF applications against eligibility rules and the smart-specialisation strategy.",
        discussion: """
            Exit codes: 0 every application eligible (remarks allowed); 1 at least one not \
            eligible; 2 at least one could not be assessed (wins over 1); 3 usage or rule-pack error.
            """,
        version: "0.1.0",
        subcommands: [
            CheckCommand.self, S3Command.self, CalibrateCommand.self, LintCommand.self, TestCommand.self,
            RulesCommand.self,
            ExplainCommand.self, NewCommand.self, SchemaCommand.self, ServeCommand.self,
        ],
        defaultSubcommand: CheckCommand.self
    )

    /// Parses and runs, mapping every usage error to exit code 3 as documented.
    static func main() {
        TemporaryFiles.removeOnTermination()
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if let (written, meant) = SubcommandFirst.mistypedSubcommand(arguments) {
                let language = SubcommandFirst.language(arguments)
                Diagnostics.error(Catalog.text("cli.mistyped-command", language, ["written": written, "meant": meant]))
                Foundation.exit(Outcome.usageError.rawValue)
            }
            var command = try parseAsRoot(SubcommandFirst.arguments(arguments))
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let language = SubcommandFirst.language(Array(CommandLine.arguments.dropFirst()))
            FileHandle.standardError.write(
                Data((UsageErrorText.localized(fullMessage(for: error), language) + "\n").utf8))
            Foundation.exit(Outcome.usageError.rawValue)
        }
    }
}
