import Foundation
import S3CheckCore
import S3CheckReports

/// A report format, as the command line names it (`--format sarif`) and the service negotiates it.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case json
    case html
    case junit
    case sarif
    case github
    case markdown
    case svrl
    case tap

    /// How a report in this format is laid out, whichever front end asked for it.
    public struct Presentation: Sendable {
        /// Terminal colours in the text report.
        public var colors = false
        /// The non-standard `file` attribute on JUnit test cases.
        public var junitFileAttributes = false
        /// The whole Markdown report instead of a summary that fits a pull-request comment.
        public var markdownFull = false
        /// The folder SARIF locations are relative to.
        public var baseDirectory = FileManager.default.currentDirectoryPath
        /// Where the text report reads the lines it quotes; nil reads the file on disk by its name.
        public var source: (@Sendable (String) -> Data?)?

        public init() {}
    }

    /// The reporter that writes this format for a run with `context`.
    public func reporter(context: RunContext, presentation: Presentation = Presentation()) -> any StreamingReporter {
        switch self {
        case .text:
            var reporter = TextReporter(context: context, colors: presentation.colors)
            if let source = presentation.source { reporter.source = source }
            return reporter
        case .json: return JSONReporter(context: context)
        case .html: return HTMLReporter(context: context)
        case .junit: return JUnitReporter(context: context, fileAttributes: presentation.junitFileAttributes)
        case .sarif:
            return SARIFReporter(
                context: context,
                baseDirectory: presentation.baseDirectory,
                exitCode: { tally in
                    Outcome.of(counts: tally, failOnWarning: context.failOnWarning).rawValue
                }
            )
        case .github: return GitHubReporter(context: context)
        case .markdown: return MarkdownReporter(context: context, form: presentation.markdownFull ? .full : .summary)
        case .svrl: return SVRLReporter(context: context)
        case .tap: return TAPReporter(context: context)
        }
    }
}

extension ReportFormat {
    /// One application's whole report, made in memory by the same reporters a batch uses: the
    /// report a service returns for a single upload. HTML is the application's own page.
    public func render(
        _ application: ApplicationReport,
        context: RunContext,
        presentation: Presentation = Presentation()
    ) throws -> String {
        if self == .html { return HTMLReporter(context: context).page(for: application) }
        return try reporter(context: context, presentation: presentation).render([application])
    }
}

/// What every front end says of a format, stated once: the command line's help, the service's
/// content negotiation, the upload page's downloads and the OpenAPI document are maps over
/// `allCases`.
extension ReportFormat {
    /// The media type a report in this format is sent as, without parameters.
    public var mediaType: String {
        switch self {
        case .text, .github, .tap: "text/plain"
        case .json: "application/json"
        case .html: "text/html"
        case .junit, .svrl: "application/xml"
        case .sarif: "application/sarif+json"
        case .markdown: "text/markdown"
        }
    }

    /// Other media types a client may ask for the format by.
    public var otherMediaTypes: [String] {
        self == .junit ? ["application/junit+xml"] : []
    }

    /// The `Content-Type` of a report: text and JSON say that they are UTF-8.
    public var contentType: String {
        mediaType.hasPrefix("text/") || mediaType.hasSuffix("json") ? mediaType + "; charset=utf-8" : mediaType
    }

    /// What a person calls the format.
    public var label: String {
        switch self {
        case .text: "Text"
        case .json: "JSON"
        case .html: "HTML"
        case .junit: "JUnit XML"
        case .sarif: "SARIF"
        case .github: "GitHub annotations"
        case .markdown: "Markdown"
        case .svrl: "SVRL"
        case .tap: "TAP"
        }
    }

    /// The name a downloaded report of one application is saved under.
    public var fileName: String {
        switch self {
        case .text: "s3check-report.txt"
        case .json: "s3check-report.json"
        case .html: "s3check-report.html"
        case .junit: "s3check-junit.xml"
        case .sarif: "s3check-report.sarif"
        case .github: "s3check-annotations.txt"
        case .markdown: "s3check-report.md"
        case .svrl: "s3check-report.svrl"
        case .tap: "s3check-report.tap"
        }
    }

    /// The service's order of preference when a client accepts any of several formats (JSON
    /// first); nil for a format only the command line writes (annotations for a CI log, SVRL
    /// and TAP for batch tooling).
    public var servicePreference: Int? {
        switch self {
        case .json: 0
        case .html: 1
        case .sarif: 2
        case .junit: 3
        case .markdown: 4
        case .text: 5
        case .github, .svrl, .tap: nil
        }
    }

    /// The formats the service serves, in its order of preference.
    public static var served: [ReportFormat] {
        allCases.compactMap { format in format.servicePreference.map { (format, $0) } }.sorted { $0.1 < $1.1 }
            .map(\.0)
    }
}
