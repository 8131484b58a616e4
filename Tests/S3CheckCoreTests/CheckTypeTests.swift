import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("Each check type passes and fails as documented")
struct CheckTypeTests {
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

    /// The eligible example with a budget of two cost lines and the given ERDF request.
    private static func budget(_ first: String, _ second: String, erdf: String) -> (String) -> String {
        { text in
            text.replacing(#/<budget currency="SEK">[\s\S]*</budget>/#) { _ in
                """
                <budget currency="SEK">
                    <costLine partner="P1" year="2026" category="staff" amount="\(first)"/>
                    <costLine partner="P1" year="2027" category="staff" amount="\(second)"/>
                  </budget>
                """
            }
            .replacing(#/<erdf amount="[0-9.]+"/>/#) { _ in "<erdf amount=\"\(erdf)\"/>" }
        }
    }

    @Test(
        "ratio, sum and range compare amounts exactly: a request exactly at a cap passes, one öre over fails",
        arguments: [
            // cap %, two cost lines, ERDF exactly at the cap, one öre over. 14 % and 28 % of
            // 500 000.50 fail in binary floating point (200 000.2 + 300 000.3 is not 500 000.5).
            ("14", "200000.20", "300000.30", "70000.07", "70000.08"),
            ("28", "200000.20", "300000.30", "140000.14", "140000.15"),
            ("7", "200000.20", "300000.30", "35000.035", "35000.04"),
            ("55", "200000.20", "300000.30", "275000.275", "275000.28"),
            ("40", "400000.01", "300000.14", "280000.06", "280000.07"),
        ]
    )
    func exactMoney(_ cap: String, _ first: String, _ second: String, _ atCap: String, _ over: String) throws {
        let ratio = PackBuilder.rule(
            "T-COF",
            check: """
                <ratio numerator="a:financing/a:erdf/@amount" denominator="sum(a:budget/a:costLine/@amount)" max="\(cap)" percent="true"/>
                """)
        #expect(try harness.outcome(of: ratio, edit: Self.budget(first, second, erdf: atCap)).0 == .pass)
        let (outcome, report) = try harness.outcome(of: ratio, edit: Self.budget(first, second, erdf: over))
        #expect(outcome == .fail)
        #expect(report.findings.first?.values.contains { $0.name == "max" && $0.value == cap } == true)
        // The same amounts through sum (equal to an expected total, no tolerance) and range.
        let total = "\((Decimal(string: first)! + Decimal(string: second)!))"
        let sum = PackBuilder.rule(
            "T-SUM",
            check: #"<sum of="a:budget/a:costLine/@amount" equals="\#(total)" tolerance="0"/>"#)
        #expect(try harness.outcome(of: sum, edit: Self.budget(first, second, erdf: atCap)).0 == .pass)
        let range = PackBuilder.rule(
            "T-RANGE", check: #"<range path="a:financing/a:erdf/@amount" max="\#(atCap)"/>"#)
        #expect(try harness.outcome(of: range, edit: Self.budget(first, second, erdf: atCap)).0 == .pass)
        #expect(try harness.outcome(of: range, edit: Self.budget(first, second, erdf: over)).0 == .fail)
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

    @Test("inCodeList: codes outside the list fail, one finding per code")
    func codeList() throws {
        let list = """
            <codeList xmlns="urn:s3check:rules:1">
              <title lang="sv">Lista</title><title lang="en">List</title>
              <code value="0180">Stockholm</code>
            </codeList>
            """
        let pack = PackBuilder.pack(
            extra: #"<codeList id="m" href="list.xml"/>"#,
            rules: PackBuilder.rule(
                "T-LIST", check: #"<inCodeList path="a:project/a:location/a:municipality/@code" list="m"/>"#)
        )
        let ruleSet = try harness.load(pack, extraFiles: ["list.xml": list])
        let checker = try ApplicationChecker(ruleSet: ruleSet)
        let report = checker.check(Data(try Fixtures.eligibleApplication().utf8), file: "a.xml")
        #expect(report.results.first?.outcome == .fail)
        #expect(report.findings.map(\.message.en) == ["Message 0184"])
    }

    @Test("pattern: the whole value must match")
    func pattern() throws {
        let rule = PackBuilder.rule("T-PAT", check: #"<pattern path="a:project/a:acronym" regex="[A-Z]+"/>"#)
        #expect(try harness.outcome(of: rule).0 == .fail)
        let loose = PackBuilder.rule("T-PAT", check: #"<pattern path="a:project/a:acronym" regex="[A-Z]+-[A-Z]+"/>"#)
        #expect(try harness.outcome(of: loose).0 == .pass)
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

    @Test("ratio: percent of a denominator, reported with its parts")
    func ratio() throws {
        let rule = PackBuilder.rule(
            "T-RATIO",
            check:
                #"<ratio numerator="a:financing/a:erdf/@amount" denominator="sum(a:budget/a:costLine/@amount)" max="40" percent="true"/>"#
        )
        #expect(try harness.outcome(of: rule).0 == .pass)
        let strict = PackBuilder.rule(
            "T-RATIO",
            check:
                #"<ratio numerator="a:financing/a:erdf/@amount" denominator="sum(a:budget/a:costLine/@amount)" max="39.5" percent="true"/>"#
        )
        let (outcome, report) = try harness.outcome(of: strict)
        #expect(outcome == .fail)
        #expect(report.findings.first?.values.contains { $0.name == "ratio" && $0.value == "40" } == true)
        let erdfLine = try Fixtures.eligibleApplication().components(separatedBy: "\n")
            .firstIndex { $0.contains("<erdf ") }.map { $0 + 1 }
        #expect(report.findings.first?.location?.line == erdfLine)
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
