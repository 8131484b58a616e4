import ArgumentParser
import Foundation
import S3CheckCore
import S3CheckReports

/// `s3check s3`: only the smart-specialisation scoring, for applicants choosing their area.
struct S3Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "s3",
        abstract: "Show how applications score against each smart-specialisation area, with the evidence."
    )

    @Argument(help: "Application files or folders.")
    var paths: [String]

    @OptionGroup var rules: RuleOptions
    @OptionGroup var presentation: PresentationOptions

    @Option(help: "text or json.")
    var format: S3Format = .text

    func run() throws {
        let language = presentation.language
        let ruleSet = try rules.load(language: language)
        guard ruleSet.strategy != nil else {
            Diagnostics.error(
                LocalizedText(
                    sv: "Regelpaketet anger ingen strategi för smart specialisering.",
                    en: "The rule pack names no smart-specialisation strategy."
                )[language]
            )
            throw Outcome.usageError.exitCode
        }
        let checker = try ApplicationChecker(ruleSet: ruleSet, options: .init(profile: rules.profile))
        let reports = InputFiles.expand(paths).map { checker.check(fileAt: $0) }
        let run = RunReport(applications: reports, packs: ruleSet.packs, profile: rules.profile, language: language)
        switch format {
        case .text:
            let reporter = TextReporter(language: language, colors: presentation.useColor)
            print(reporter.renderAlignment(run), terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let alignments = reports.map { ["file": AnyEncodable($0.file), "alignment": AnyEncodable($0.alignment)] }
            print(String(decoding: try encoder.encode(alignments), as: UTF8.self))
        }
        let unreadable = reports.contains { $0.alignment == nil }
        if unreadable { throw Outcome.cannotBeAssessed.exitCode }
    }
}

/// Wraps a value so that differently typed values can share one dictionary.
struct AnyEncodable: Encodable {
    private let encodeValue: (Encoder) throws -> Void

    init<T: Encodable>(_ value: T) {
        encodeValue = value.encode
    }

    func encode(to encoder: Encoder) throws {
        try encodeValue(encoder)
    }
}

enum S3Format: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
