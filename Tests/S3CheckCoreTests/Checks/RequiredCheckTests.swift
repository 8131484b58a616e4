import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("<required> passes and fails as documented")
struct RequiredCheckTests {
    let harness: EngineHarness

    init() throws {
        harness = try EngineHarness()
    }
    @Test("required: present passes, missing fails at the context node")
    func required() throws {
        let rule = PackBuilder.rule("T-REQ", check: #"<required path="a:project/a:acronym"/>"#)
        #expect(try harness.outcome(of: rule).0 == .pass)
        let (outcome, report) = try harness.outcome(of: rule) {
            $0.replacingOccurrences(of: "<acronym>PRECIS-PV</acronym>", with: "")
        }
        #expect(outcome == .fail)
        #expect(report.findings.first?.location?.line == 2)
        #expect(report.verdict == .notEligible)
    }
}
