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

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case html
    case junit
    case sarif
    case github
    case markdown
    case svrl
    case tap
}

/// Renders a run in every requested format and writes each where it belongs.
struct ReportOutputs {
    var specs: [FormatSpec]
    var outputDirectory: String?
    var language: Language
    var colors: Bool
    var junitFileAttributes: Bool

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

    func write(_ run: RunReport, exitCode: Int32) throws {
        for spec in specs {
            if spec.format == .html, let outputDirectory {
                try writeHTMLReports(run, into: outputDirectory, index: spec.path)
                continue
            }
            let text = try render(spec.format, run: run, exitCode: exitCode, toFile: spec.path != nil)
            if let path = spec.path {
                try OutputFile.write(text, to: path)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            if spec.format == .github, let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"],
                !summary.isEmpty
            {
                try OutputFile.append(MarkdownReporter(language: language).render(run), to: summary)
            }
        }
    }

    private func render(_ format: ReportFormat, run: RunReport, exitCode: Int32, toFile: Bool) throws -> String {
        switch format {
        case .text: return TextReporter(language: language, colors: colors && !toFile).render(run)
        case .json: return try JSONReporter().render(run)
        case .html:
            // Several applications in one file: each report after the other, page-broken.
            return run.applications.map { HTMLReporter(language: language).render($0, run: run) }.joined(
                separator: "\n")
        case .junit: return JUnitReporter(language: language, fileAttributes: junitFileAttributes).render(run)
        case .sarif:
            return try SARIFReporter(
                language: language,
                baseDirectory: FileManager.default.currentDirectoryPath,
                exitCode: exitCode
            ).render(run)
        case .github: return GitHubReporter(language: language).render(run)
        case .markdown: return MarkdownReporter(language: language).render(run)
        case .svrl: return SVRLReporter(language: language).render(run)
        case .tap: return TAPReporter(language: language).render(run)
        }
    }

    /// One page per application (named by position and file, so names never clash) and an index.
    private func writeHTMLReports(_ run: RunReport, into directory: String, index: String?) throws {
        let reporter = HTMLReporter(language: language)
        var links: [String] = []
        for (position, application) in run.applications.enumerated() {
            let stem = ((application.file as NSString).lastPathComponent as NSString).deletingPathExtension
            let safe = String(stem.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
            let name = String(format: "%03d-", position + 1) + safe + ".html"
            links.append(name)
            try OutputFile.write(
                reporter.render(application, run: run), to: (directory as NSString).appendingPathComponent(name))
        }
        let indexPath = index ?? (directory as NSString).appendingPathComponent("index.html")
        try OutputFile.write(reporter.renderIndex(run, links: links), to: indexPath)
    }
}
