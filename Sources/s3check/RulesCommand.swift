import ArgumentParser
import Foundation
import S3CheckCore
import S3CheckReports

/// `s3check rules`: the catalogue of rules in a pack.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules: id, severity, title, legal basis and pack."
    )

    @OptionGroup var rules: RuleOptions
    @OptionGroup var presentation: PresentationOptions

    @Option(help: "text, json or markdown.")
    var format: CatalogueFormat = .text

    func run() throws {
        let language = presentation.language
        let catalogue = RuleCatalogue(ruleSet: try rules.load(language: language), language: language)
        switch format {
        case .text: print(catalogue.text(), terminator: "")
        case .markdown: print(catalogue.markdown(), terminator: "")
        case .json: print(try catalogue.json(), terminator: "")
        }
    }
}

enum CatalogueFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case markdown
}

/// `s3check explain`: one rule in full.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show a rule in full: check, message, legal basis, parameters and their dated values."
    )

    @Argument(help: "The rule id, for example EU-COF-001.")
    var ruleID: String

    @OptionGroup var rules: RuleOptions
    @OptionGroup var presentation: PresentationOptions

    func run() throws {
        let language = presentation.language
        let ruleSet = try rules.load(language: language)
        guard let rule = ruleSet.rules.first(where: { $0.id.caseInsensitiveCompare(ruleID) == .orderedSame }) else {
            Diagnostics.error(
                Catalog.text("cli.there-is-no-rule-s3check-rules", ["ruleID": "\(ruleID)"])[language]
            )
            throw Outcome.usageError.exitCode
        }
        print(RuleExplanation(rule: rule, ruleSet: ruleSet, language: language).text(), terminator: "")
    }
}
