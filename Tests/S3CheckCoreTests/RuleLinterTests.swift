import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("Linting rule packs")
struct RuleLinterTests {
    let harness: EngineHarness

    init() throws {
        harness = try EngineHarness()
    }

    @Test("The shipped packs are clean")
    func shippedPacksAreClean() throws {
        let ruleSet = try RulePackLoader(files: .shipped).load("se/stockholm/calls/example-call-2026.xml")
        let result = RuleLinter().lint(ruleSet)
        #expect(result.problems.isEmpty, "\(result.problems.map { $0.formatted(in: .en) })")
        #expect(result.warnings.isEmpty, "\(result.warnings.map { $0.formatted(in: .en) })")
        #expect(ruleSet.rules.count >= 40)
    }

    @Test("A placeholder without a value is a problem")
    func placeholderTypo() throws {
        let rule = PackBuilder.rule("T-1", check: #"<range path="a:project/a:trl/@start" max="9"/>"#)
            .replacingOccurrences(of: "Message {value}", with: "Message {valeu}")
        let result = RuleLinter().lint(try harness.load(PackBuilder.pack(rules: rule)))
        #expect(result.problems.contains { $0.message.en.contains("{valeu}") && $0.ruleID == "T-1" })
    }

    @Test("An error rule may not rest on an unverified fact")
    func unverifiedError() throws {
        let rule = PackBuilder.rule("T-1", check: #"<range path="a:project/a:trl/@start" max="9"/>"#)
            .replacingOccurrences(
                of: #"<legal url="https://example.org/law">"#,
                with: #"<legal url="https://example.org/law" status="unverified">"#)
        let result = RuleLinter().lint(try harness.load(PackBuilder.pack(rules: rule)))
        #expect(result.problems.contains { $0.message.en.contains("unverified") })
        let warning = rule.replacingOccurrences(of: #"severity="error""#, with: #"severity="warning""#)
        #expect(RuleLinter().lint(try harness.load(PackBuilder.pack(rules: warning))).problems.isEmpty)
    }

    @Test("An unused parameter is a warning; a // path, outside the rule language, does not load")
    func warnings() throws {
        let extra = """
            <parameter id="unused" type="number">
              <title lang="sv">Oanvänd</title><title lang="en">Unused</title>
              <value from="2021-01-01">1</value>
            </parameter>
            """
        let rule = PackBuilder.rule("T-1", check: #"<range path="a:project/a:trl/@start" max="9"/>"#)
        let result = RuleLinter().lint(try harness.load(PackBuilder.pack(extra: extra, rules: rule)))
        #expect(result.problems.isEmpty)
        #expect(result.warnings.contains { $0.ruleID == "unused" })
        let scanning = PackBuilder.rule("T-1", check: #"<range path="//a:trl/@start" max="9"/>"#)
        #expect {
            try harness.load(PackBuilder.pack(rules: scanning))
        } throws: { error in
            let problems = (error as? RulePackError)?.problems ?? []
            return problems.contains { $0.message.en.contains("is not in the rule language") }
                && problems.contains { $0.message.sv.contains("ingår inte i regelspråket") }
        }
    }

    @Test(
        "A path naming an element or attribute the application schema lacks is a problem, with the nearest name",
        arguments: [
            (
                #"<range path="a:budget/a:costline[@category = 'staff']/@amount" max="100000"/>"#, "a:costline",
                "a:costLine"
            ),
            (#"<range path="a:budget/a:costLine/@ammount" max="100000"/>"#, "@ammount", "@amount"),
            (#"<assert test="count(a:partners/a:partner[a:orgNumber]) &gt; 0"/>"#, "a:orgNumber", nil),
            (#"<required path="project/a:title"/>"#, "without the prefix a:", nil),
        ] as [(String, String, String?)]
    )
    func unknownNames(_ check: String, _ named: String, _ suggestion: String?) throws {
        let rule = PackBuilder.rule("T-1", check: check)
        let problems = RuleLinter().lint(try harness.load(PackBuilder.pack(rules: rule))).problems
        let problem = try #require(problems.first { $0.message.en.contains(named) }, "\(problems)")
        if let suggestion { #expect(problem.message.en.contains("did you mean \(suggestion)?")) }
        #expect(problem.message.sv.contains("ansökningsschemat") || problem.message.sv.contains("prefixet a:"))
    }

    @Test("A path that cannot select nodes is a problem where the check needs nodes, not where it needs a number")
    func nodeSetPaths() throws {
        let sum = PackBuilder.rule("T-1", check: #"<range path="sum(a:budget/a:costLine/@amount)" max="100000"/>"#)
        let problems = RuleLinter().lint(try harness.load(PackBuilder.pack(rules: sum))).problems
        #expect(problems.contains { $0.message.en.contains("selects no nodes") })
        let ratio = PackBuilder.rule(
            "T-1",
            check:
                #"<ratio numerator="sum(a:financing/a:erdf/@amount)" denominator="sum(a:budget/a:costLine/@amount)" max="40"/>"#
        )
        #expect(RuleLinter().lint(try harness.load(PackBuilder.pack(rules: ratio))).problems.isEmpty)
    }
}
