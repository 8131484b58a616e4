import Foundation
import S3CheckCore

/// Renders a run as JSON, as described by `docs/report.schema.json`.
///
/// Texts carry both languages so that one report serves every reader; keys are sorted so that
/// the same run gives the same bytes.
public struct JSONReporter: StreamingReporter {
    public let context: RunContext

    public init(context: RunContext) {
        self.context = context
    }

    // The document is encoded without its applications, and each application on its own is
    // put in its place, indented as the encoder would. With sorted keys `applications` comes
    // first, so everything up to it can be written before the first application is checked.
    private static let placeholder = "\"applications\" : [\n\n  ]"

    public func opening(_ tally: RunTally) throws -> String {
        // An empty list is written as the encoder writes it, whole, by the closing.
        guard context.fileCount > 0 else { return "" }
        let skeleton = try skeleton(tally)
        return String(decoding: skeleton[..<(try placeholder(in: skeleton)).lowerBound], as: UTF8.self)
            + "\"applications\" : [\n"
    }

    public func section(for application: ApplicationReport, at position: Int) throws -> ReportSection {
        let encoded = try Self.encoder().encode(Application(application))
        return ReportSection(JSONText.indented(encoded, by: 4, after: position > 0 ? ",\n" : ""))
    }

    public func closing(_ tally: RunTally) throws -> String {
        let skeleton = try skeleton(tally)
        guard context.fileCount > 0 else { return String(decoding: skeleton, as: UTF8.self) + "\n" }
        return "\n  ]" + String(decoding: skeleton[(try placeholder(in: skeleton)).upperBound...], as: UTF8.self) + "\n"
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private func skeleton(_ tally: RunTally) throws -> [UInt8] {
        Array(try Self.encoder().encode(Document(context: context, tally: tally)))
    }

    private func placeholder(in skeleton: [UInt8]) throws -> Range<Int> {
        guard let range = JSONText.range(of: Self.placeholder, in: skeleton) else {
            throw EncodingError.invalidValue(
                Self.placeholder,
                .init(
                    codingPath: [],
                    debugDescription:
                        "the encoder wrote no empty list of applications / kodaren skrev ingen tom lista med ansökningar"
                ))
        }
        return range
    }

    private struct Document: Encodable {
        var schemaVersion = "1.0"
        var tool = Tool()
        var language: Language
        var profile: String?
        var rulePacks: [Pack]
        var summary: Summary
        var applications: [Application] = []

        init(context: RunContext, tally: RunTally) {
            language = context.language
            profile = context.profile
            rulePacks = context.packs.map(Pack.init)
            summary = Summary(tally)
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

        init(_ tally: RunTally) {
            total = tally.applications.count
            eligible = tally.count(.eligible)
            eligibleWithRemarks = tally.count(.eligibleWithRemarks)
            notEligible = tally.count(.notEligible)
            cannotBeAssessed = tally.count(.cannotBeAssessed)
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
