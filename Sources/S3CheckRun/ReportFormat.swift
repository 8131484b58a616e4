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
