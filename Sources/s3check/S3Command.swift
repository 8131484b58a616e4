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

    @Option(help: "Applications checked in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

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
        let reports: [ApplicationReport]
        do {
            let options = ApplicationChecker.Options(profile: rules.profile)
            reports = try BatchChecker(ruleSet: ruleSet, options: options, jobs: jobs).check(InputFiles.expand(paths))
        } catch {
            RuleOptions.report(error, language: language)
            throw Outcome.usageError.exitCode
        }
        let run = RunReport(applications: reports, packs: ruleSet.packs, profile: rules.profile, language: language)
        switch format {
        case .text:
            let reporter = TextReporter(language: language, colors: presentation.useColor)
            print(reporter.renderAlignment(run), terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let alignments = reports.map { FileAlignment(file: $0.file, alignment: $0.alignment) }
            print(String(decoding: try encoder.encode(alignments), as: UTF8.self))
        }
        let unreadable = reports.contains { $0.alignment == nil }
        if unreadable { throw Outcome.cannotBeAssessed.exitCode }
    }
}

/// One application's smart-specialisation result in `s3 --format json`.
private struct FileAlignment: Encodable {
    var file: String
    var alignment: S3Alignment?

    private enum CodingKeys: String, CodingKey {
        case file
        case alignment
    }

    /// `alignment` is written as null when the file could not be scored, not left out.
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(alignment, forKey: .alignment)
    }
}

enum S3Format: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
