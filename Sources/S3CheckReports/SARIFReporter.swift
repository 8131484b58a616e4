import Foundation
import S3CheckCore

/// Renders a run as SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.
///
/// The driver lists every rule that ran (and the `S3C-…` input checks that fired) with its
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
    /// Each rule's position among the driver's rules; a repeated id keeps its first.
    private let ruleIndices: [String: Int]
    /// The run's rules as the driver lists them, before the unlisted checks.
    private let listedRules: [Rule]
    /// The most results the log holds; later ones are counted in a notification instead.
    public let maximumResults: Int

    public init(
        context: RunContext, baseDirectory: String, maximumResults: Int = gitHubResultLimit,
        exitCode: @escaping @Sendable (RunTally) -> Int32
    ) {
        self.context = context
        self.maximumResults = max(0, maximumResults)
        self.baseDirectory = baseDirectory
        self.exitCode = exitCode
        var indices: [String: Int] = [:]
        var listed: [Rule] = []
        for rule in context.rules where indices[rule.id] == nil {
            indices[rule.id] = listed.count
            listed.append(rule)
        }
        ruleIndices = indices
        listedRules = listed
    }

    public init(
        context: RunContext, baseDirectory: String, maximumResults: Int = gitHubResultLimit, exitCode: Int32
    ) {
        self.init(
            context: context, baseDirectory: baseDirectory, maximumResults: maximumResults,
            exitCode: { _ in exitCode })
    }

    // With sorted keys the run's `invocations` (which need the outcome) come first, then the
    // alignment properties and the results of every application, then the rules (which
    // include the checks that fired): everything is spooled, and the log is printed without
    // the applications at the end and their parts spliced into its two empty lists.
    public var needsTotalsFirst: Bool { true }
    public var sectionLists: Int { 2 }
    private static let alignmentList = "\"s3check/alignment\" : ["
    private static let alignmentEnd = "\n        ]"
    private static let resultsList = "\"results\" : ["
    private static let resultsEnd = "\n      ]"
    // Marks a result's rule index that only the writer knows, by the check's position in the
    // application's own unlisted checks; the closing line break keeps -1 from matching -12.
    private static let pendingIndex = "\n          \"ruleIndex\" : -"

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
    /// indented to its place in the log.
    public func section(for application: ApplicationReport, at position: Int) throws -> ReportSection {
        let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var alignment = ""
        if let properties = alignmentProperties(application) {
            alignment = JSONText.indented(
                try JSONSerialization.data(withJSONObject: properties, options: options), by: 10)
        }
        var unlisted: [String] = []
        var results: [String] = []
        for finding in application.findings {
            let uri = relativeURI(finding.location?.file ?? application.file)
            var location: [String: Any] = [
                "artifactLocation": artifactLocation(finding.location?.file ?? application.file)
            ]
            if let position = finding.location {
                location["region"] = ["startLine": max(1, position.line), "startColumn": max(1, position.column)]
            }
            var ruleIndex = ruleIndices[finding.ruleID]
            if ruleIndex == nil {
                if !unlisted.contains(finding.ruleID) { unlisted.append(finding.ruleID) }
                ruleIndex = -1 - (unlisted.firstIndex(of: finding.ruleID) ?? 0)
            }
            var result: [String: Any] = [
                "ruleId": finding.ruleID,
                "ruleIndex": ruleIndex ?? 0,
                "level": Self.level(finding.severity),
                "message": ["text": finding.message[language]],
                "locations": [["physicalLocation": location]],
                "partialFingerprints": [
                    "s3check/v1": Fingerprint.of([finding.ruleID, uri, finding.field?.path ?? ""])
                ],
            ]
            if let field = finding.field {
                result["properties"] = ["field": field.label[language], "fieldPath": field.path]
            }
            results.append(
                JSONText.indented(try JSONSerialization.data(withJSONObject: result, options: options), by: 8))
        }
        return ReportSection(texts: [alignment] + results)
    }

    /// Separates the application's elements from earlier ones and gives the checks that are not
    /// rules of the run their index, known now that the tally holds the checks that fired first.
    public func placing(_ section: ReportSection, after tally: RunTally) -> ReportSection {
        guard let application = tally.applications.last else { return section }
        var alignment = section.texts[0]
        if !alignment.isEmpty, tally.scoredApplications > 1 { alignment = ",\n" + alignment }
        let earlier = tally.findings - application.findings
        let kept = max(0, min(section.texts.count - 1, maximumResults - earlier))
        var results = section.texts.dropFirst().prefix(kept).joined(separator: ",\n")
        for (position, check) in application.unlistedChecks.enumerated() {
            let index = listedRules.count + (tally.unlistedIndex(check.id) ?? 0)
            results = results.replacingOccurrences(
                of: "\(Self.pendingIndex)\(position + 1)\n", with: "\n          \"ruleIndex\" : \(index)\n")
        }
        if !results.isEmpty, earlier > 0 { results = ",\n" + results }
        return ReportSection(alignment, results)
    }

    /// The log without any application: the lists they go in are empty.
    private func skeleton(_ tally: RunTally) throws -> [UInt8] {
        var descriptors: [[String: Any]] = []
        for rule in listedRules {
            descriptors.append(
                descriptor(
                    id: rule.id, title: rule.title, message: rule.message, severity: rule.severity, legal: rule.legal))
        }
        for check in tally.unlistedChecks {
            descriptors.append(
                descriptor(id: check.id, title: check.title, message: nil, severity: check.severity, legal: check.legal)
            )
        }
        let log: [String: Any] = [
            "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                [
                    "tool": [
                        "driver": [
                            "name": ToolInfo.name,
                            "version": ToolInfo.version,
                            "informationUri": ToolInfo.informationURI,
                            "rules": descriptors,
                        ]
                    ],
                    "invocations": [invocation(tally)],
                    "originalUriBaseIds": [Self.sourceRoot: ["uri": baseURI]],
                    "results": [Any](),
                    "properties": ["s3check/alignment": [Any]()],
                ]
            ],
        ]
        return Array(
            try JSONSerialization.data(
                withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
    }

    /// How the run went; with a notification when results were left out.
    private func invocation(_ tally: RunTally) -> [String: Any] {
        var invocation: [String: Any] = [
            "executionSuccessful": !tally.evaluationFailed,
            "exitCode": Int(exitCode(tally)),
            "workingDirectory": ["uri": baseURI],
        ]
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
            invocation["toolExecutionNotifications"] = [
                [
                    "level": "warning",
                    "descriptor": ["id": "S3C-SARIF-LIMIT"],
                    "message": ["text": text[language]],
                ]
            ]
        }
        return invocation
    }

    private func descriptor(
        id: String, title: LocalizedText, message: LocalizedText?, severity: Severity, legal: LegalReference?
    ) -> [String: Any] {
        var help = title[language]
        if let legal, !legal.reference.isEmpty { help += "\n\(legal.text(in: language)) <\(legal.url)>" }
        var descriptor: [String: Any] = [
            "id": id,
            "name": Self.pascalCase(title.en),
            "shortDescription": ["text": title[language]],
            // The message with its `{placeholders}` shown as "…": the values come with each result.
            "fullDescription": [
                "text": message.map { MessageText.withoutPlaceholders($0[language]) } ?? title[language]
            ],
            "help": [
                "text": help,
                "markdown": legal.map { "\(title[language])\n\n[\($0.text(in: language))](\($0.url))" } ?? help,
            ],
            "defaultConfiguration": ["level": Self.level(severity)],
        ]
        if let legal, !legal.url.isEmpty { descriptor["helpUri"] = legal.url }
        return descriptor
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
    private func alignmentProperties(_ application: ApplicationReport) -> [String: Any]? {
        guard let alignment = application.alignment else { return nil }
        return [
            "file": relativeURI(application.file),
            "declared": alignment.declared,
            "best": alignment.best?.id ?? "",
            "supported": alignment.conclusion.supported,
            "clear": alignment.conclusion.clear,
            "threshold": alignment.conclusion.threshold,
            "conclusion": ConclusionText(language: language).sentence(alignment),
            "scores": alignment.areas.map { ["area": $0.id, "score": $0.score, "share": $0.share] },
        ]
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

    /// A file inside the working directory: its normalised relative path against `%SRCROOT%`;
    /// outside it: an absolute `file:` URI (never `../…` or a path without a scheme, which code
    /// scanning cannot map).
    func artifactLocation(_ path: String) -> [String: String] {
        let uri = relativeURI(path)
        return uri.hasPrefix("file:") ? ["uri": uri] : ["uri": uri, "uriBaseId": Self.sourceRoot]
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
