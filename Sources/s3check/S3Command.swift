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
        let (ruleSet, _) = try rules.loadWithStrategy(language: language)
        let files = InputFiles.expand(paths)
        let context = RunContext(
            packs: ruleSet.packs, profile: rules.profile, language: language, fileCount: files.count)
        let reporter = TextReporter(context: context, colors: presentation.useColor)
        let format = format
        let output = ByteSink.standardOutput()
        var unreadable = false
        do {
            let options = ApplicationChecker.Options(profile: rules.profile)
            try BatchChecker(ruleSet: ruleSet, options: options, jobs: jobs).check(
                files,
                transform: { report, position in
                    // Rendered on the worker; only the text and whether it was scored come back.
                    let text: Result<String, any Error> = Result {
                        switch format {
                        case .text: return reporter.alignmentSection(for: report, at: position)
                        case .json: return try FileAlignment.element(report, at: position)
                        }
                    }
                    return (text, report.alignment == nil)
                },
                deliver: { position, rendered in
                    if position == 0, format == .json { try output.write("[\n") }
                    try output.write(try rendered.0.get())
                    unreadable = unreadable || rendered.1
                }
            )
        } catch let error as RulePackError {
            RuleOptions.report(error, language: language)
            throw Outcome.usageError.exitCode
        }
        if format == .json { try output.write(files.isEmpty ? "[\n\n]\n" : "\n]\n") }
        try output.flush()
        if unreadable { throw Outcome.cannotBeAssessed.exitCode }
    }
}

/// One application's smart-specialisation result in `s3 --format json`.
private struct FileAlignment: Encodable {
    var file: String
    var alignment: S3Alignment?

    /// The application's element of the JSON array, indented and separated as one encoding
    /// of the whole array would print it.
    static func element(_ report: ApplicationReport, at position: Int) throws -> String {
        let encoded = try JSONText.encode(FileAlignment(file: report.file, alignment: report.alignment))
        return JSONText.indented(encoded, by: 2, after: position > 0 ? ",\n" : "")
    }

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
