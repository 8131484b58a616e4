import Foundation
import S3CheckCore

/// Renders a run as SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.
///
/// The driver lists every rule that ran and every input check (`S3C-…`, ``InputCheck``) with its
/// legal basis as `helpUri`; results point at repository-relative files with line and column and
/// carry a fingerprint that survives unrelated edits (rule, file and field path).
///
/// GitHub's code scanning rejects a run with more than 25 000 results ("SARIF results exceed
/// hard limit", docs.github.com › code scanning › SARIF uploads › results exceed limit); a run
/// beyond ``maximumResults`` keeps the first results in input order and says in a tool
/// execution notification how many it left out, so the upload is accepted and nobody mistakes
/// the log for complete. The other documented limits (20 runs per file, 25 000 rules per run,
/// 1 000 locations per result) cannot be reached: one run, one location per result.
public struct SARIFReporter: StreamingReporter {
    /// GitHub code scanning's hard limit on results per run.
    public static let gitHubResultLimit = 25_000

    public let context: RunContext
    /// The folder file URIs are made relative to (normally the current directory).
    public var baseDirectory: String
    /// The exit code of the run, from its totals.
    public var exitCode: @Sendable (RunTally) -> Int32
    /// The most results the log holds; later ones are counted in a notification instead.
    public let maximumResults: Int
    /// Each rule's and input check's position among the driver's rules; a repeated id keeps
    /// its first. Known before the first application, so results are complete on the workers.
    private let ruleIndices: [String: Int]
    /// The driver's rules: the run's rules, then the input checks (`S3C-…`).
    private let descriptors: [SARIF.ReportingDescriptor]

    public init(
        context: RunContext, baseDirectory: String, maximumResults: Int = gitHubResultLimit,
        exitCode: @escaping @Sendable (RunTally) -> Int32
    ) {
        self.context = context
        self.maximumResults = max(0, maximumResults)
        self.baseDirectory = baseDirectory
        self.exitCode = exitCode
        var indices: [String: Int] = [:]
        var descriptors: [SARIF.ReportingDescriptor] = []
        let language = context.language
        for rule in context.rules where indices[rule.id] == nil {
            indices[rule.id] = descriptors.count
            descriptors.append(
                Self.descriptor(
                    id: rule.id, title: rule.title, message: rule.message, severity: rule.severity, legal: rule.legal,
                    language: language))
        }
        for check in InputCheck.allCases where indices[check.id] == nil {
            indices[check.id] = descriptors.count
            descriptors.append(
                Self.descriptor(
                    id: check.id, title: check.title, message: nil, severity: .error, legal: nil, language: language))
        }
        ruleIndices = indices
        self.descriptors = descriptors
    }

    public init(
        context: RunContext, baseDirectory: String, maximumResults: Int = gitHubResultLimit, exitCode: Int32
    ) {
        self.init(
            context: context, baseDirectory: baseDirectory, maximumResults: maximumResults,
            exitCode: { _ in exitCode })
    }

    // With sorted keys the run's `invocations` (which need the outcome) come first, then the
    // alignment properties and the results of every application, then the rules: the log is
    // encoded without applications and their parts put into its two empty lists.
    public var needsTotalsFirst: Bool { true }
    public var sectionLists: Int { 2 }
    private static let alignmentList = "\"s3check/alignment\" : ["
    private static let alignmentEnd = "\n        ]"
    private static let resultsList = "\"results\" : ["
    private static let resultsEnd = "\n      ]"

    public func opening(_ tally: RunTally) throws -> String {
        let log = try skeleton(tally)
        let list = try Self.range(of: Self.alignmentList, in: log)
        return String(decoding: log[..<list.upperBound], as: UTF8.self) + "\n"
    }

    public func separator(before list: Int, _ tally: RunTally) throws -> String {
        let log = try skeleton(tally)
        let alignment = try Self.range(of: Self.alignmentList + "\n" + Self.alignmentEnd, in: log)
        let results = try Self.range(of: Self.resultsList, in: log)
        return Self.alignmentEnd + String(decoding: log[alignment.upperBound..<results.upperBound], as: UTF8.self)
            + "\n"
    }

    public func closing(_ tally: RunTally) throws -> String {
        let log = try skeleton(tally)
        let results = try Self.range(of: Self.resultsList + "\n" + Self.resultsEnd, in: log)
        return Self.resultsEnd + String(decoding: log[results.upperBound...], as: UTF8.self) + "\n"
    }

    /// The application's smart-specialisation properties, then each of its results as a text of
    /// its own (so that ``placing(_:after:)`` can leave out those beyond the limit), each
    /// encoded from ``SARIF`` and indented to its place in the log.
    public func section(for application: ApplicationReport, at position: Int) throws -> ReportSection {
        var alignment = ""
        if let properties = alignmentProperties(application) {
            alignment = JSONText.indented(try SARIF.encode(properties), by: 10)
        }
        var results: [String] = []
        for finding in application.findings {
            // Worked out once per result: it standardises a file URL.
            let uri = relativeURI(finding.location?.file ?? application.file)
            let region = finding.location.map {
                SARIF.Region(startLine: max(1, $0.line), startColumn: max(1, $0.column))
            }
            let result = SARIF.Result(
                ruleId: finding.ruleID,
                ruleIndex: ruleIndices[finding.ruleID],
                level: Self.level(finding.severity),
                message: SARIF.Message(text: finding.message[language]),
                locations: [
                    SARIF.Location(
                        physicalLocation: SARIF.PhysicalLocation(
                            artifactLocation: artifactLocation(uri: uri), region: region))
                ],
                partialFingerprints: [
                    "s3check/v1": Fingerprint.of([finding.ruleID, uri, finding.field?.path ?? ""])
                ],
                properties: finding.field.map { SARIF.ResultProperties(field: $0.label[language], fieldPath: $0.path) }
            )
            results.append(JSONText.indented(try SARIF.encode(result), by: 8))
        }
        return ReportSection(texts: [alignment] + results)
    }

    /// Separates the application's elements from earlier ones and leaves out the results beyond
    /// the limit, known now that the tally counts the results before them.
    public func placing(_ section: ReportSection, after tally: RunTally) -> ReportSection {
        guard let application = tally.applications.last else { return section }
        var alignment = section.texts[0]
        if !alignment.isEmpty, tally.scoredApplications > 1 { alignment = ",\n" + alignment }
        let earlier = tally.findings - application.findings
        let kept = max(0, min(section.texts.count - 1, maximumResults - earlier))
        var results = section.texts.dropFirst().prefix(kept).joined(separator: ",\n")
        if !results.isEmpty, earlier > 0 { results = ",\n" + results }
        return ReportSection(alignment, results)
    }

    /// The log without any application: the lists they go in are empty.
    private func skeleton(_ tally: RunTally) throws -> [UInt8] {
        let log = SARIF.Log(runs: [
            SARIF.Run(
                tool: SARIF.Tool(
                    driver: SARIF.Driver(
                        name: ToolInfo.name, version: ToolInfo.version, informationUri: ToolInfo.informationURI,
                        rules: descriptors)),
                invocations: [invocation(tally)],
                originalUriBaseIds: [Self.sourceRoot: SARIF.ArtifactLocation(uri: baseURI)],
                results: [],
                properties: SARIF.RunProperties(alignment: [])
            )
        ])
        return Array(try SARIF.encode(log))
    }

    /// How the run went; with a notification when results were left out.
    private func invocation(_ tally: RunTally) -> SARIF.Invocation {
        var notifications: [SARIF.Notification]?
        let omitted = tally.findings - maximumResults
        if omitted > 0 {
            let text = Catalog.text("sarif.results-left-out") { language in
                [
                    "kept": NumberText.integer(maximumResults, language),
                    "all": NumberText.integer(tally.findings, language),
                    "omitted": NumberText.integer(omitted, language),
                    "limit": NumberText.integer(Self.gitHubResultLimit, language),
                ]
            }
            notifications = [
                SARIF.Notification(
                    level: "warning", descriptor: SARIF.DescriptorReference(id: "S3C-SARIF-LIMIT"),
                    message: SARIF.Message(text: text[language]))
            ]
        }
        return SARIF.Invocation(
            executionSuccessful: !tally.evaluationFailed, exitCode: Int(exitCode(tally)),
            workingDirectory: SARIF.ArtifactLocation(uri: baseURI), toolExecutionNotifications: notifications)
    }

    private static func descriptor(
        id: String, title: LocalizedText, message: LocalizedText?, severity: Severity, legal: LegalReference?,
        language: Language
    ) -> SARIF.ReportingDescriptor {
        var help = title[language]
        if let legal, !legal.reference.isEmpty { help += "\n\(legal.text(in: language)) <\(legal.url)>" }
        return SARIF.ReportingDescriptor(
            id: id,
            name: pascalCase(title.en),
            shortDescription: SARIF.Message(text: title[language]),
            // The message with its `{placeholders}` shown as "…": the values come with each result.
            fullDescription: SARIF.Message(
                text: message.map { MessageTemplate.eliding($0[language]) } ?? title[language]),
            help: SARIF.MultiformatMessage(
                text: help,
                markdown: legal.map { "\(title[language])\n\n[\($0.text(in: language))](\($0.url))" } ?? help),
            helpUri: legal.flatMap { $0.url.isEmpty ? nil : $0.url },
            defaultConfiguration: SARIF.Configuration(level: level(severity))
        )
    }

    private static func range(of piece: String, in log: [UInt8]) throws -> Range<Int> {
        guard let range = JSONText.range(of: piece, in: log) else {
            throw EncodingError.invalidValue(
                piece,
                .init(
                    codingPath: [],
                    debugDescription: "\(piece) is not in the SARIF log / \(piece) saknas i SARIF-loggen"))
        }
        return range
    }

    /// The smart-specialisation result of an application: declared, best, and every score.
    private func alignmentProperties(_ application: ApplicationReport) -> SARIF.Alignment? {
        guard let alignment = application.alignment else { return nil }
        return SARIF.Alignment(
            file: relativeURI(application.file),
            declared: alignment.declared,
            best: alignment.best?.id ?? "",
            supported: alignment.conclusion.supported,
            clear: alignment.conclusion.clear,
            threshold: alignment.conclusion.threshold,
            conclusion: ConclusionText(language: language).sentence(alignment),
            scores: alignment.areas.map { SARIF.Score(area: $0.id, score: $0.score, share: $0.share) }
        )
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A path relative to the base directory, percent-encoded as a URI reference.
    /// The base every relative location is resolved against, as GitHub's code scanning reads
    /// it: `%SRCROOT%`, the working directory.
    static let sourceRoot = "%SRCROOT%"

    /// The working directory as an absolute `file:` URI ending in `/`.
    var baseURI: String {
        let base = URL(fileURLWithPath: baseDirectory, isDirectory: true).standardizedFileURL.absoluteString
        return base.hasSuffix("/") ? base : base + "/"
    }

    /// Where a file's ``relativeURI(_:)`` points: inside the working directory, relative to
    /// `%SRCROOT%`; outside it, the absolute `file:` URI alone (never `../…` or a path without a
    /// scheme, which code scanning cannot map).
    func artifactLocation(uri: String) -> SARIF.ArtifactLocation {
        SARIF.ArtifactLocation(uri: uri, uriBaseId: uri.hasPrefix("file:") ? nil : Self.sourceRoot)
    }

    /// `path` relative to the working directory, `a/../b` normalised, percent-encoded; an
    /// absolute `file:` URI when the file is outside it.
    func relativeURI(_ path: String) -> String {
        let base = URL(fileURLWithPath: baseDirectory, isDirectory: true).standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: base, isDirectory: true))
            .standardizedFileURL
        guard absolute.path.hasPrefix(prefix) else { return absolute.absoluteString }
        let relative = String(absolute.path.dropFirst(prefix.count))
        return relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
    }

    /// "The project starts within …" → "TheProjectStartsWithin…", SARIF's convention for names.
    static func pascalCase(_ text: String) -> String {
        text.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
