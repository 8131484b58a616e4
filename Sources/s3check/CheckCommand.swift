import ArgumentParser
import Foundation
import S3CheckCore
import S3CheckReports

/// `s3check check`: the main job, also run when no subcommand is named.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check applications (files, or folders searched for *.xml) and print a verdict for each."
    )

    @Argument(help: "Application files or folders.")
    var paths: [String]

    @OptionGroup var rules: RuleOptions
    @OptionGroup var presentation: PresentationOptions

    @Option(help: "Report format: text or json.")
    var format: ReportFormat = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: ArgumentHelp("Also fail (exit 1) on warnings.", valueName: "warning"))
    var failOn: FailureThreshold = .error

    @Option(help: "Largest application accepted, in bytes.")
    var maxSize: Int = 16 * 1024 * 1024

    @Option(help: "Applications checked in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard maxSize > 0 else { throw ValidationError("--max-size must be positive") }
        guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
        if let output { try OutputFile.checkWritable(output) }
    }

    func run() throws {
        let language = presentation.language
        let ruleSet = try rules.load(language: language)
        let options = ApplicationChecker.Options(profile: rules.profile, limits: .init(maximumBytes: maxSize))
        let reports: [ApplicationReport]
        do {
            reports = try BatchChecker(ruleSet: ruleSet, options: options, jobs: jobs).check(InputFiles.expand(paths))
        } catch {
            RuleOptions.report(error, language: language)
            throw Outcome.usageError.exitCode
        }
        let run = RunReport(
            applications: reports,
            packs: ruleSet.packs,
            profile: rules.profile ?? ruleSet.defaultProfile,
            language: language
        )
        let text: String
        switch format {
        case .text:
            let colors = output == nil && presentation.useColor
            text = TextReporter(language: language, colors: colors).render(run)
        case .json:
            text = try JSONReporter().render(run)
        }
        if let output {
            try OutputFile.write(text, to: output)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        throw Outcome.of(reports.map(\.verdict), failOnWarning: failOn == .warning).exitCode
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

enum FailureThreshold: String, ExpressibleByArgument, CaseIterable {
    case error
    case warning
}
