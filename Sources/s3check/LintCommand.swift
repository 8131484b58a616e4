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

    @Flag(
        help:
            "Also list, for every rule, what makes it not applicable (its when test, its context, the nodes its check judges)."
    )
    var notApplicable = false

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
        if notApplicable { print(Self.notApplicableList(ruleSet, language: language), terminator: "") }
        if !result.problems.isEmpty { throw Outcome.usageError.exitCode }
    }

    /// Every rule that can be not applicable with its causes, then the ones that cannot.
    static func notApplicableList(_ ruleSet: RuleSet, language: Language) -> String {
        var text = "\n" + Catalog.text("cli.not-applicable-header")[language] + "\n"
        var always: [String] = []
        for rule in ruleSet.rules {
            let causes = rule.notApplicableCauses
            guard !causes.isEmpty else {
                always.append(rule.id)
                continue
            }
            text += "  \(rule.id) (\(rule.severity.rawValue)): "
            text += causes.map { $0.text[language] }.joined(separator: "; ") + "\n"
        }
        let summary = Catalog.text(
            "cli.always-applicable", ["count": "\(always.count)", "rules": always.joined(separator: ", ")])
        return text + summary[language] + "\n"
    }
}
