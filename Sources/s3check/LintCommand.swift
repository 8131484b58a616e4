import ArgumentParser
import Foundation
import S3CheckCore

/// `s3check lint`: checks a rule pack the way a compiler checks code.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a rule pack: schema, unique ids, expressions, references, both languages, legal basis."
    )

    @Argument(help: "Rule pack file or shipped:PATH (default: the shipped Stockholm pack).")
    var pack: String?

    @Option(
        help: ArgumentHelp(
            "Also check this smart-specialisation strategy file, such as one written by calibrate --fit.",
            valueName: "file"))
    var strategy: String?

    @OptionGroup var presentation: PresentationOptions

    func run() throws {
        let language = presentation.language
        var ruleSet = try PackLocation(pack).load(language: language)
        if let strategy {
            do {
                ruleSet = ruleSet.replacingStrategy(with: try Strategy.load(file: strategy))
            } catch {
                RuleOptions.report(error, language: language)
                throw Outcome.usageError.exitCode
            }
        }
        let result = RuleLinter().lint(ruleSet)
        for warning in result.warnings {
            Diagnostics.write(
                warning.formatted(in: language), label: Catalog.text("cli.warning")[language])
        }
        for problem in result.problems {
            Diagnostics.write(problem.formatted(in: language), label: Catalog.text("cli.error")[language])
        }
        let summary = Catalog.text(
            "cli.rules-in-packs-errors-warnings",
            [
                "rules": "\(ruleSet.rules.count)", "packs": "\(ruleSet.packs.count)",
                "problems": "\(result.problems.count)", "warnings": "\(result.warnings.count)",
            ])
        print(summary[language])
        if !result.problems.isEmpty { throw Outcome.usageError.exitCode }
    }
}
