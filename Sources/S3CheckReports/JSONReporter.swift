import Foundation
import S3CheckCore

/// Renders a run as JSON, as described by `docs/report.schema.json`.
///
/// Texts carry both languages so that one report serves every reader; keys are sorted so that
/// the same run gives the same bytes.
public struct JSONReporter {
    public init() {}

    public func render(_ run: RunReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding a whole batch at once builds JSONEncoder's tree of every application, which
        // for 10 000 applications took a gigabyte. The document is encoded without them, and each
        // application on its own is spliced into its place, indented as the encoder would.
        var document = Document(run)
        document.applications = []
        let skeleton = String(decoding: try encoder.encode(document), as: UTF8.self)
        let placeholder = "\"applications\" : [\n\n  ]"
        guard !run.applications.isEmpty, let range = skeleton.range(of: placeholder) else { return skeleton + "\n" }
        var body = "\"applications\" : [\n"
        for (index, application) in run.applications.enumerated() {
            let encoded = String(decoding: try encoder.encode(Application(application)), as: UTF8.self)
            body += encoded.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
            body += index + 1 < run.applications.count ? ",\n" : "\n"
        }
        body += "  ]"
        return skeleton.replacingCharacters(in: range, with: body) + "\n"
    }

    private struct Document: Encodable {
        var schemaVersion = "1.0"
        var tool = Tool()
        var language: Language
        var profile: String?
        var rulePacks: [Pack]
        var summary: Summary
        var applications: [Application]

        init(_ run: RunReport) {
            language = run.language
            profile = run.profile
            rulePacks = run.packs.map(Pack.init)
            summary = Summary(run)
            applications = run.applications.map(Application.init)
        }
    }

    private struct Tool: Encodable {
        var name = ToolInfo.name
        var version = ToolInfo.version
    }

    private struct Pack: Encodable {
        var id: String
        var version: String
        var title: LocalizedText
        var file: String
        var sha256: String

        init(_ pack: PackInfo) {
            id = pack.id
            version = pack.version
            title = pack.title
            file = pack.file
            sha256 = pack.sha256
        }
    }

    private struct Summary: Encodable {
        var total: Int
        var eligible: Int
        var eligibleWithRemarks: Int
        var notEligible: Int
        var cannotBeAssessed: Int

        init(_ run: RunReport) {
            total = run.applications.count
            eligible = run.count(.eligible)
            eligibleWithRemarks = run.count(.eligibleWithRemarks)
            notEligible = run.count(.notEligible)
            cannotBeAssessed = run.count(.cannotBeAssessed)
        }
    }

    private struct Application: Encodable {
        var file: String
        var sha256: String?
        var verdict: Verdict
        var verdictLabel: LocalizedText
        var identity: ApplicationIdentity?
        var alignment: S3Alignment?
        var counts: [String: Int]
        var findings: [JSONFinding]
        var results: [Result]

        init(_ report: ApplicationReport) {
            file = report.file
            sha256 = report.sha256
            verdict = report.verdict
            verdictLabel = report.verdict.label
            identity = report.identity
            alignment = report.alignment
            counts = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, report.count($0)) })
            findings = report.findings.map(JSONFinding.init)
            results = report.results.map { Result(ruleId: $0.ruleID, outcome: $0.outcome) }
        }
    }

    private struct Result: Encodable {
        var ruleId: String
        var outcome: RuleResult.Outcome
    }

    private struct JSONFinding: Encodable {
        var ruleId: String
        var severity: Severity
        var title: LocalizedText
        var message: LocalizedText
        var hint: LocalizedText?
        var legal: LegalReference?
        var location: SourceLocation?
        var field: FieldReference?
        var values: [String: String]
        var parameters: [String: String]
        var blocksAssessment: Bool

        init(_ finding: Finding) {
            ruleId = finding.ruleID
            severity = finding.severity
            title = finding.title
            message = finding.message
            hint = finding.hint
            legal = finding.legal
            location = finding.location
            field = finding.field
            values = Dictionary(finding.values.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            parameters = Dictionary(
                finding.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            blocksAssessment = finding.blocksAssessment
        }
    }
}
