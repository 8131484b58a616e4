import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("<dateWindow> passes and fails as documented")
struct DateWindowCheckTests {
    let harness: EngineHarness

    init() throws {
        harness = try EngineHarness()
    }
    @Test("dateWindow: bounds come from parameters in force on the submission date")
    func dateWindow() throws {
        let extra = """
            <parameter id="lastDay" type="date">
              <title lang="sv">Sista dag</title><title lang="en">Last day</title>
              <value from="2021-01-01">2027-12-31</value>
              <value from="2026-03-01">2029-12-31</value>
            </parameter>
            """
        let rule = PackBuilder.rule("T-DATE", check: #"<dateWindow path="a:project/a:endDate" to="$lastDay"/>"#)
        let pack = PackBuilder.pack(extra: extra, rules: rule)
        let ruleSet = try harness.load(pack)
        let checker = try ApplicationChecker(ruleSet: ruleSet)
        let application = try Fixtures.eligibleApplication()
        // Submitted 2026-03-16: the 2029 value is in force, so an end in 2028 passes.
        #expect(checker.check(Data(application.utf8), file: "a.xml").results.first?.outcome == .pass)
        // Submitted before 2026-03-01: the 2027 value is in force, so the same end date fails.
        let earlier = application.replacingOccurrences(of: "2026-03-16", with: "2026-02-01")
        let report = checker.check(Data(earlier.utf8), file: "a.xml")
        #expect(report.results.first?.outcome == .fail)
        #expect(report.findings.first?.parameters.map { [$0.name, $0.value] } == [["lastDay", "2027-12-31"]])
    }
}
