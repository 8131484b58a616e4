import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("<range> passes and fails as documented")
struct RangeCheckTests {
    let harness: EngineHarness

    init() throws {
        harness = try EngineHarness()
    }
    @Test("range: inside passes; outside fails with the value, line and bounds")
    func range() throws {
        let rule = PackBuilder.rule(
            "T-RANGE", check: #"<range context="a:project/a:trl" path="@start | @end" min="1" max="9"/>"#)
        #expect(try harness.outcome(of: rule).0 == .pass)
        let (outcome, report) = try harness.outcome(of: rule) {
            $0.replacingOccurrences(of: #"<trl start="4" end="6"/>"#, with: #"<trl start="4" end="12"/>"#)
        }
        #expect(outcome == .fail)
        let finding = try #require(report.findings.first)
        #expect(finding.message.en == "Message 12")
        #expect(finding.values.contains { $0.name == "max" && $0.value == "9" })
        #expect(finding.location?.line == 29)
        #expect(finding.field?.label.en == "Project › Technology readiness level (TRL) › At end")
    }

    @Test("range: no node to check means not applicable")
    func rangeNotApplicable() throws {
        let rule = PackBuilder.rule("T-RANGE", check: #"<range path="a:project/a:missing" min="1"/>"#)
        #expect(try harness.outcome(of: rule).0 == .notApplicable)
    }
}
