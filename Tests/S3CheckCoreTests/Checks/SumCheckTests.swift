import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("<sum> passes and fails as documented")
struct SumCheckTests {
    let harness: EngineHarness

    init() throws {
        harness = try EngineHarness()
    }
    @Test("sum: equals with tolerance, and bounds")
    func sum() throws {
        let balanced = PackBuilder.rule(
            "T-SUM",
            check: #"<sum of="a:financing/*/@amount" equals="sum(a:budget/a:costLine/@amount)" tolerance="1"/>"#
        )
        #expect(try harness.outcome(of: balanced).0 == .pass)
        let (outcome, report) = try harness.outcome(of: balanced) {
            $0.replacingOccurrences(of: #"<erdf amount="2400000"/>"#, with: #"<erdf amount="2400002"/>"#)
        }
        #expect(outcome == .fail)
        #expect(report.findings.first?.values.contains { $0.name == "sum" && $0.value == "6000002" } == true)
        let capped = PackBuilder.rule("T-SUM", check: #"<sum of="a:budget/a:costLine/@amount" max="5000000"/>"#)
        #expect(try harness.outcome(of: capped).0 == .fail)
    }
}
