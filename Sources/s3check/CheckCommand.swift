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

    @Argument(help: "Application files or folders; - reads one application from standard input.")
    var paths: [String]

    @OptionGroup var rules: RuleOptions
    @OptionGroup var presentation: PresentationOptions

    @Option(
        name: .customLong("format"),
        help: ArgumentHelp(
            "Report format, repeatable, optionally with a file: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")) (junit=out/junit.xml). Default: text, or github when GITHUB_ACTIONS=true.",
            valueName: "format[=file]"
        )
    )
    var formats: [FormatSpec] = []

    @Option(help: "Write the report that would go to standard output to this file instead.")
    var output: String?

    @Option(help: "Write one HTML report per application and an index.html into this folder.")
    var outputDir: String?

    @Flag(help: "Add the non-standard `file` attribute to JUnit test cases (GitLab links to files with it).")
    var junitFileAttribute = false

    @Flag(
        help:
            "Write the whole Markdown report (every application and finding) instead of a summary that fits a pull-request comment (at most 65 536 characters)."
    )
    var markdownFull = false

    @Option(help: ArgumentHelp("Also fail (exit 1) on warnings.", valueName: "warning"))
    var failOn: FailureThreshold = .error

    @Option(help: "Largest application accepted, in bytes.")
    var maxSize: Int = 16 * 1024 * 1024

    @Option(help: "Applications checked in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard maxSize > 0 else { throw ValidationError("--max-size must be positive") }
        guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
        do {
            if let output { try OutputFile.checkWritable(output) }
            try ReportOutputs.validate(resolvedFormats, outputDirectory: outputDir)
        } catch let error as OutputFile.OutputError {
            throw ValidationError(WriteFailure.message(for: error, language: presentation.language) ?? "\(error)")
        }
        // Nothing a user gave may be overwritten: no report may land on an application.
        let inputs = Set(InputFiles.expand(paths).map(InputFiles.canonical))
        for path in resolvedFormats.compactMap(\.path) where inputs.contains(InputFiles.canonical(path)) {
            throw ValidationError(
                "\(path) is one of the applications; choose another file for the report / \(path) är en av ansökningarna; välj en annan fil för rapporten"
            )
        }
    }

    /// The formats asked for, with `--output` applied to the one for standard output.
    var resolvedFormats: [FormatSpec] {
        var specs = formats
        if specs.isEmpty {
            let github = ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true"
            specs = [FormatSpec(format: github ? .github : .text, path: nil)]
        }
        if let output,
            let index = specs.firstIndex(where: { $0.path == nil && !($0.format == .html && outputDir != nil) })
        {
            specs[index].path = output
        }
        if outputDir != nil, !specs.contains(where: { $0.format == .html }) {
            specs.append(FormatSpec(format: .html, path: nil))
        }
        return specs
    }

    func run() throws {
        let language = presentation.language
        let packs = try rules.loadChoice(language: language)
        let ruleSet = packs.base
        let options = ApplicationChecker.Options(profile: rules.profile, limits: .init(maximumBytes: maxSize))
        let expansion = InputFiles.expanding(paths)
        for path in expansion.missing {
            Diagnostics.error(Catalog.text("cli.path-does-not-exist", ["path": path])[language])
        }
        for path in expansion.unnamable {
            Diagnostics.error(Catalog.text("cli.file-name-is-not-utf8", ["path": path])[language])
        }
        let files = expansion.files
        var batch = BatchChecker(packs: packs, options: options, jobs: jobs)
        if files.contains(InputFiles.standardInput) {
            guard files.count(where: { $0 == InputFiles.standardInput }) == 1 else {
                Diagnostics.error(Catalog.text("cli.standard-input-once")[language])
                throw Outcome.usageError.exitCode
            }
            batch.contents[InputFiles.standardInput] = Self.standardInput(upTo: maxSize)
        }
        let context = RunContext(
            packs: packs.packs,
            profile: rules.profile ?? ruleSet.defaultProfile,
            language: language,
            rules: packs.rules(in: rules.profile),
            generatedAt: Self.generationTime(),
            failOnWarning: failOn == .warning,
            fileCount: files.count
        )
        let outputs = ReportOutputs(
            specs: resolvedFormats,
            outputDirectory: outputDir,
            colors: presentation.useColor,
            junitFileAttributes: junitFileAttribute,
            markdownFull: markdownFull
        )
        let tally: RunTally
        do {
            tally = try outputs.check(
                files, with: batch, context: context)
        } catch let error as RulePackError {
            RuleOptions.report(error, language: language)
            throw Outcome.usageError.exitCode
        } catch {
            if let message = WriteFailure.message(for: error, language: language) {
                Diagnostics.error(message)
                throw Outcome.usageError.exitCode
            }
            throw error
        }
        // A path that names nothing, or a file that cannot be named, is an input error however
        // the rest went: a mistyped path in a CI job must not read as "not eligible".
        if !expansion.missing.isEmpty || !expansion.unnamable.isEmpty {
            throw Outcome.usageError.exitCode
        }
        // Checking nothing is never a pass: a CI job whose checkout or path is wrong must fail.
        if files.isEmpty {
            let shown = paths.joined(separator: ", ")
            Diagnostics.error(
                Catalog.text("cli.no-application-was-found-in-no", ["shown": "\(shown)"])[language])
            throw Outcome.usageError.exitCode
        }
        throw Outcome.of(counts: tally, failOnWarning: failOn == .warning).exitCode
    }

    /// Standard input, read to its end or until it holds more than `limit` bytes (which the
    /// check then refuses as too large, without reading the rest).
    static func standardInput(upTo limit: Int) -> Data {
        var data = Data()
        while data.count <= limit {
            let chunk = FileHandle.standardInput.readData(ofLength: 64 * 1024)
            if chunk.isEmpty { break }
            data.append(chunk)
        }
        return data
    }

    /// Now, or `SOURCE_DATE_EPOCH` when set, so that a report can be reproduced byte for byte.
    static func generationTime() -> Date {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(epoch) {
            return Date(timeIntervalSince1970: seconds)
        }
        return Date()
    }
}

enum FailureThreshold: String, ExpressibleByArgument, CaseIterable {
    case error
    case warning
}
