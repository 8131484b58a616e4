import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("<assert> passes and fails as documented")
struct AssertCheckTests {
    let harness: EngineHarness

    init() throws {
        harness = try EngineHarness()
    }
    @Test("assert with let: values are visible to later lets, the test and the message")
    func assertWithLet() throws {
        let rule = PackBuilder.rule(
            "T-ASSERT",
            prelude: #"<let name="n" value="count(a:partners/a:partner)"/><let name="value" value="$n * 10"/>"#,
            check: #"<assert test="$value = 30"/>"#
        )
        #expect(try harness.outcome(of: rule).0 == .pass)
        let failing = PackBuilder.rule(
            "T-ASSERT",
            prelude: #"<let name="n" value="count(a:partners/a:partner)"/><let name="value" value="$n * 10"/>"#,
            check: #"<assert test="$value = 20"/>"#
        )
        let (outcome, report) = try harness.outcome(of: failing)
        #expect(outcome == .fail)
        #expect(report.findings.first?.message.sv == "Meddelande 30")
    }
}
