import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@testable import S3CheckReports

/// The JSON report writes each application directly; `JSONEncoder` on the report's documented
/// shape is the reference it must match byte for byte.
@Suite("The JSON report's applications")
struct JSONReportEncodingTests {
    /// The shape of one application in `docs/report.schema.json`, for the reference encoder.
    private struct Application: Encodable {
        var file: String
        var sha256: String?
        var verdict: Verdict
        var verdictLabel: LocalizedText
        var identity: ApplicationIdentity?
        var alignment: S3Alignment?
        var counts: [String: Int]
        var facts: Facts?
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
            facts = report.facts.map(Facts.init)
            findings = report.findings.map(JSONFinding.init)
            results = report.results.map { Result(ruleId: $0.ruleID, outcome: $0.outcome) }
        }
    }

    /// The facts as the schema gives them: amounts as exact decimal strings.
    private struct Facts: Encodable {
        struct Part: Encodable {
            var amount: String
            var funder: String
            var kind: String
        }
        struct Cost: Encodable {
            var amount: String
            var category: String
            var year: String
        }
        struct Aid: Encodable {
            var aidIntensity: String?
            var article: String?
            var basis: String
            var researchCategory: String?
        }
        var cofinancing: [Part]
        var costs: [Cost]
        var currency: String
        var erdf: String
        var municipalities: [String]
        var partners: [ApplicationFacts.Partner]
        var projectEnd: String?
        var projectStart: String?
        var specificObjective: String?
        var stateAid: Aid?
        var totalCosts: String

        init(_ facts: ApplicationFacts) {
            let text = { (value: ExactDecimal) in value.description }
            cofinancing = facts.cofinancing.map { Part(amount: text($0.amount), funder: $0.funder, kind: $0.kind) }
            costs = facts.costs.map { Cost(amount: text($0.amount), category: $0.category, year: $0.year) }
            currency = facts.currency
            erdf = text(facts.erdf)
            municipalities = facts.municipalities
            partners = facts.partners
            projectEnd = facts.projectEnd
            projectStart = facts.projectStart
            specificObjective = facts.specificObjective
            stateAid = facts.stateAid.map {
                Aid(
                    aidIntensity: $0.aidIntensity.map(text), article: $0.article, basis: $0.basis,
                    researchCategory: $0.researchCategory)
            }
            totalCosts = text(facts.totalCosts)
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
        var location: S3CheckCore.SourceLocation?
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

    private func reference(_ report: ApplicationReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Application(report)), as: UTF8.self)
    }

    @Test("Every example's report is written as JSONEncoder writes it")
    func examples() throws {
        let checker = try ApplicationChecker(ruleSet: RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack))
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.examples.path)
            .filter { $0.hasSuffix(".xml") }.sorted()
        #expect(names.count >= 10)
        for name in names {
            let report = checker.check(fileAt: Fixtures.examples.appending(path: name).path)
            #expect(try JSONReporter.json(of: report) == reference(report), "\(name)")
        }
    }

    @Test("Escapes, numbers, missing and empty values are written as JSONEncoder writes them")
    func awkwardValues() throws {
        let hostile = "q\"b\\s/n\nr\rt\tc\u{1}\u{1F}\u{7F} \u{2028}é𝄞"
        let text = LocalizedText(sv: hostile, en: "")
        let alignment = try JSONDecoder().decode(
            S3Alignment.self,
            from: Data(
                """
                {"strategyID": "s\\u0002", "declared": [], "words": 7, "areas": [{"id": "a", "name": {"sv": "å", "en": "\\\\"},
                "score": 0.30000000000000004, "textScore": 0.1, "share": -0.0, "evidence": [{"kind": "term", "matched": "x",
                "field": "title", "line": 3, "count": 1, "weight": 1e20, "points": 1e-7, "portion": 33.33}]},
                {"id": "b", "name": {"sv": "", "en": ""}, "score": 100, "textScore": 0, "share": 12345678901234567890,
                "evidence": []}], "conclusion": {"supported": ["b", "\\u0003"], "best": "b", "bestScore": 100,
                "runnerUpScore": 0.1, "threshold": 3, "clearMargin": 2.5, "margin": 1000.5, "clear": false}}
                """.utf8))
        let identity = try JSONDecoder().decode(ApplicationIdentity.self, from: Data("{}".utf8))
        let finding = Finding(
            ruleID: hostile, severity: .warning, title: text, message: text, hint: nil,
            legal: LegalReference(reference: hostile, url: "https://x/y?z=1&w", verified: false),
            location: S3CheckCore.SourceLocation(file: "a \"b\".xml", line: 0, column: 1),
            field: FieldReference(path: "/a/b", label: text),
            values: [
                NamedValue(name: "b", value: "1"), NamedValue(name: "a", value: hostile),
                NamedValue(name: "b", value: "2"),
            ],
            parameters: [], blocksAssessment: true)
        for report in [
            ApplicationReport(
                file: hostile, sha256: nil, verdict: .cannotBeAssessed, findings: [finding, finding],
                results: [RuleResult(ruleID: "R", outcome: .error)], identity: identity, alignment: alignment),
            ApplicationReport(
                file: "", sha256: "ab", verdict: .eligible, findings: [], results: [], identity: nil, alignment: nil),
        ] {
            #expect(try JSONReporter.json(of: report) == reference(report))
        }
    }

    @Test("A number JSON cannot write fails the section instead of writing invalid JSON")
    func nonFinite() throws {
        for value in [Double.nan, .infinity] {
            let alignment = try JSONDecoder().decode(
                S3Alignment.self,
                from: Data(
                    #"{"strategyID": "s", "declared": [], "words": 0, "areas": [{"id": "a", "name": {"sv": "", "en": ""}, "score": 0, "textScore": 0, "share": 0, "evidence": []}], "conclusion": {"supported": [], "bestScore": 0, "runnerUpScore": 0, "threshold": 3, "clearMargin": 2, "clear": false}}"#
                        .utf8))
            var broken = alignment
            broken.areas[0].score = value
            let report = ApplicationReport(
                file: "f.xml", sha256: nil, verdict: .eligible, findings: [], results: [], identity: nil,
                alignment: broken)
            #expect(throws: EncodingError.self) { _ = try JSONReporter.json(of: report) }
            #expect(throws: EncodingError.self) { _ = try reference(report) }
        }
    }
}
