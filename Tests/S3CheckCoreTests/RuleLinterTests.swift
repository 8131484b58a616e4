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

    @Test("A // path is a warning, an unused parameter too")
    func warnings() throws {
        let extra = """
            <parameter id="unused" type="number">
              <title lang="sv">Oanvänd</title><title lang="en">Unused</title>
              <value from="2021-01-01">1</value>
            </parameter>
            """
        let rule = PackBuilder.rule("T-1", check: #"<range path="//a:trl/@start" max="9"/>"#)
        let result = RuleLinter().lint(try harness.load(PackBuilder.pack(extra: extra, rules: rule)))
        #expect(result.problems.isEmpty)
        #expect(result.warnings.contains { $0.message.en.contains("anchored path") })
        #expect(result.warnings.contains { $0.ruleID == "unused" })
    }
}
