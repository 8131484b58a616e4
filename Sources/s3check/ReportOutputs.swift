import ArgumentParser
import Foundation
import S3CheckCore
import S3CheckReports

/// A report format on the command line: `junit` or `junit=out/junit.xml`.
struct FormatSpec: ExpressibleByArgument {
    var format: ReportFormat
    var path: String?

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard let format = ReportFormat(rawValue: parts[0]) else { return nil }
        self.format = format
        path = parts.count == 2 && !parts[1].isEmpty ? parts[1] : nil
    }

    init(format: ReportFormat, path: String?) {
        self.format = format
        self.path = path
    }

    static var allValueStrings: [String] { ReportFormat.allCases.map(\.rawValue) }
}

/// Renders a run in every requested format and writes each where it belongs.
struct ReportOutputs {
    var specs: [FormatSpec]
    var outputDirectory: String?
    var colors: Bool
    var junitFileAttributes: Bool
    /// The whole Markdown report rather than its summary.
    var markdownFull = false

    /// Checks every destination before any work starts, so a bad path fails fast (exit 3).
    static func validate(_ specs: [FormatSpec], outputDirectory: String?) throws {
        let toStandardOutput = specs.filter { $0.path == nil && !($0.format == .html && outputDirectory != nil) }
        if toStandardOutput.count > 1 {
            throw ValidationError(
                "Only one format can go to standard output; give the others a file: --format junit=out/junit.xml"
            )
        }
        for spec in specs {
            if let path = spec.path { try OutputFile.checkWritable(path) }
        }
        if let outputDirectory {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
            guard FileManager.default.isWritableFile(atPath: outputDirectory) else {
                throw OutputFile.OutputError(path: outputDirectory)
            }
        }
    }

    /// Checks `files` and writes every report as the applications come in; returns the totals.
    func check(_ files: [String], with checker: BatchChecker, context: RunContext) throws -> RunTally {
        var writers: [ReportWriter] = []
        var pages: HTMLReporter?
        var tally = RunTally()
        do {
            for spec in specs where !isHTMLFolder(spec) {
                writers.append(
                    ReportWriter(
                        reporter: reporter(for: spec, context: context), destination: try destination(for: spec)))
            }
            if let summary = stepSummary {
                writers.append(
                    ReportWriter(reporter: MarkdownReporter(context: context), destination: try .appending(to: summary))
                )
            }
            if specs.contains(where: isHTMLFolder) { pages = HTMLReporter(context: context) }
            let sectionReporters = writers.map(\.reporter)
            try checker.check(
                files,
                transform: { [pages] report, position in
                    // Everything about one application is made here, on the worker that checked it.
                    Delivery(
                        summary: ApplicationSummary(report, context: context),
                        sections: Result { try sectionReporters.map { try $0.section(for: report, at: position) } },
                        page: pages?.page(for: report)
                    )
                },
                deliver: { position, delivery in
                    tally.add(delivery.summary)
                    for (writer, section) in zip(writers, try delivery.sections.get()) {
                        try writer.add(section, tally: tally)
                    }
                    if let page = delivery.page, let outputDirectory {
                        let name = Self.pageName(for: delivery.summary.file)
                        try OutputFile.write(page, to: (outputDirectory as NSString).appendingPathComponent(name))
                    }
                }
            )
            for writer in writers { try writer.finish(tally) }
        } catch {
            for writer in writers { writer.abandon() }
            throw error
        }
        if let pages, let outputDirectory {
            let links = tally.applications.map { Self.pageName(for: $0.file) }
            let index =
                specs.first(where: isHTMLFolder)?.path
                ?? (outputDirectory as NSString).appendingPathComponent("index.html")
            try OutputFile.write(pages.renderIndex(tally, links: links), to: index)
        }
        return tally
    }

    /// What a worker hands over for one application: never the full report.
    private struct Delivery: Sendable {
        var summary: ApplicationSummary
        var sections: Result<[ReportSection], any Error>
        var page: String?
    }

    private func isHTMLFolder(_ spec: FormatSpec) -> Bool {
        spec.format == .html && outputDirectory != nil
    }

    /// Where GitHub wants the Markdown summary of a run in `github` format.
    private var stepSummary: String? {
        guard specs.contains(where: { $0.format == .github }),
            let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty
        else { return nil }
        return summary
    }

    private func destination(for spec: FormatSpec) throws -> ByteSink {
        guard let path = spec.path else { return .standardOutput() }
        return try .file(path)
    }

    private func reporter(for spec: FormatSpec, context: RunContext) -> any StreamingReporter {
        var presentation = ReportFormat.Presentation()
        presentation.colors = colors && spec.path == nil
        presentation.junitFileAttributes = junitFileAttributes
        presentation.markdownFull = markdownFull
        return spec.format.reporter(context: context, presentation: presentation)
    }

    /// One page per application, named after its file's path (relative to the working folder
    /// when it is inside it), so that adding an application renames no other page: an ASCII
    /// letter, digit, `-` or `.` stays, `/` becomes `__`, and any other byte `_` and two hex
    /// digits, so that two paths never share a name. A name too long for a file system keeps
    /// its end and a digest of the whole path.
    static func pageName(for file: String) -> String {
        var path = file
        let workingFolder = FileManager.default.currentDirectoryPath + "/"
        if path.hasPrefix(workingFolder) { path.removeFirst(workingFolder.count) }
        while path.hasPrefix("./") { path.removeFirst(2) }
        while path.hasPrefix("/") { path.removeFirst() }
        var name = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
                name.append(Character(Unicode.Scalar(byte)))
            case UInt8(ascii: "/"): name += "__"
            default: name += "_" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        if name.count > 200 { name = String(name.suffix(150)) + "-" + Digest.sha256(Data(file.utf8)).prefix(16) }
        return name + ".html"
    }
}
