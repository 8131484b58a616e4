import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("Rules: applicability, contexts, errors and severities, whatever the check")
struct RuleEvaluationTests {
    let harness: EngineHarness

    init() throws {
        harness = try EngineHarness()
    }
    @Test(
        "A path that selects no nodes where the check needs nodes is a rule error, never not applicable",
        arguments: [
            #"<range path="sum(a:budget/a:costLine/@amount)" max="100000"/>"#,
            #"<required path="string(a:project/a:title)"/>"#,
            #"<pattern path="count(a:partners/a:partner)" regex="[0-9]+"/>"#,
            #"<sum of="1 + 1" max="10"/>"#,
            #"<range context="string(a:project)" path="a:trl/@start" max="9"/>"#,
        ]
    )
    func nonNodePath(_ check: String) throws {
        let (outcome, report) = try harness.outcome(of: PackBuilder.rule("T-NODES", check: check))
        #expect(outcome == .error, "\(check)")
        #expect(report.verdict == .cannotBeAssessed)
        #expect(report.findings.first?.message.en.contains("selects no nodes") == true)
    }

    @Test("when: a false applicability test makes the rule not applicable")
    func applicability() throws {
        let rule = PackBuilder.rule(
            "T-WHEN",
            prelude: #"<when test="a:project/a:specificObjective = 'RSO1.3'"/>"#,
            check: #"<assert test="false()"/>"#
        )
        let (outcome, report) = try harness.outcome(of: rule)
        #expect(outcome == .notApplicable)
        #expect(report.verdict == .eligible)
    }

    @Test("A rule that cannot be evaluated makes the application unassessable, never eligible")
    func evaluationError() throws {
        let rule = PackBuilder.rule("T-ERR", check: #"<range path="a:project/a:title" max="a:project/a:title"/>"#)
        let (outcome, report) = try harness.outcome(of: rule)
        #expect(outcome == .error)
        #expect(report.verdict == .cannotBeAssessed)
    }

    @Test("Warnings alone give eligible with remarks; info does not change the verdict")
    func severities() throws {
        let warning = PackBuilder.rule("T-W", severity: "warning", check: #"<assert test="false()"/>"#)
        #expect(try harness.outcome(of: warning).1.verdict == .eligibleWithRemarks)
        let info = PackBuilder.rule("T-I", severity: "info", check: #"<assert test="false()"/>"#)
        #expect(try harness.outcome(of: info).1.verdict == .eligible)
    }
}
