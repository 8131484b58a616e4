import S3CheckCore

/// A report format written in three parts: an opening, one section per application, a closing.
///
/// Sections are made on the threads that check the applications, concurrently and in any
/// order, so that rendering runs in parallel and no run ever has to be held whole; the writer
/// puts them in input order. A format whose opening needs the run's totals (`needsTotalsFirst`)
/// has its sections spooled until the end; the others stream straight to their destination and
/// get an empty tally for their opening.
public protocol StreamingReporter: Sendable {
    /// What the run is checked against, known before the first application.
    var context: RunContext { get }

    /// Whether ``opening(_:)`` reads the tally, so sections must wait until the run is over.
    var needsTotalsFirst: Bool { get }

    /// How many separate lists of sections the report has; SARIF lists applications twice.
    var sectionLists: Int { get }

    /// The text before the first section.
    func opening(_ tally: RunTally) throws -> String

    /// One application's part of the report, one text per section list. Must depend only on
    /// the application, its position and the reporter's fixed context: it runs on workers.
    func section(for application: ApplicationReport, at position: Int) throws -> ReportSection

    /// Completes a section once the tally includes its application, on the writer's thread and
    /// in input order; for the few things a worker cannot know (what came before it).
    func placing(_ section: ReportSection, after tally: RunTally) -> ReportSection

    /// The text between one section list and the next (`list` counts from 1).
    func separator(before list: Int, _ tally: RunTally) throws -> String

    /// The text after the last section.
    func closing(_ tally: RunTally) throws -> String
}

extension StreamingReporter {
    /// The language the report is written in.
    var language: Language { context.language }

    public var needsTotalsFirst: Bool { false }
    public var sectionLists: Int { 1 }

    public func placing(_ section: ReportSection, after tally: RunTally) -> ReportSection {
        section
    }

    public func separator(before list: Int, _ tally: RunTally) throws -> String {
        ""
    }

    /// The whole report of a few applications held in memory (one, when fuzzing), made by the
    /// same three parts as a streamed report.
    public func render(_ applications: [ApplicationReport]) throws -> String {
        var lists = Array(repeating: "", count: sectionLists)
        var tally = RunTally()
        for (position, application) in applications.enumerated() {
            tally.add(ApplicationSummary(application, context: context))
            let section = placing(try self.section(for: application, at: position), after: tally)
            for (list, text) in section.texts.enumerated() { lists[list] += text }
        }
        var text = try opening(tally) + lists[0]
        for list in lists.indices.dropFirst() {
            text += try separator(before: list, tally) + lists[list]
        }
        return text + (try closing(tally))
    }
}

/// One application's part of a report: one text per section list of its format.
public struct ReportSection: Sendable {
    public var texts: [String]

    public init(_ texts: String...) {
        self.texts = texts
    }

    /// A section whose texts a reporter's own ``StreamingReporter/placing(_:after:)`` turns
    /// into one per section list (SARIF keeps its results apart until it knows the limit).
    public init(texts: [String]) {
        self.texts = texts
    }
}
