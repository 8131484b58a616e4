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

    @OptionGroup var presentation: PresentationOptions

    func run() throws {
        let language = presentation.language
        let ruleSet = try PackLocation(pack).load(language: language)
        let result = RuleLinter().lint(ruleSet)
        for warning in result.warnings {
            Diagnostics.write(
                warning.formatted(in: language), label: LocalizedText(sv: "varning", en: "warning")[language])
        }
        for problem in result.problems {
            Diagnostics.write(problem.formatted(in: language), label: LocalizedText(sv: "fel", en: "error")[language])
        }
        let summary = LocalizedText(
            sv:
                "\(ruleSet.rules.count) regler i \(ruleSet.packs.count) paket: \(result.problems.count) fel, \(result.warnings.count) varningar.",
            en:
                "\(ruleSet.rules.count) rules in \(ruleSet.packs.count) packs: \(result.problems.count) errors, \(result.warnings.count) warnings."
        )
        print(summary[language])
        if !result.problems.isEmpty { throw Outcome.usageError.exitCode }
    }
}
