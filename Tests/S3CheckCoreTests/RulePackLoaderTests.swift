import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("Loading rule packs")
struct RulePackLoaderTests {
    let harness: EngineHarness

    init() throws {
        harness = try EngineHarness()
    }

    private let valid = PackBuilder.rule("T-1", check: #"<assert test="true()"/>"#)

    @Test("Duplicate rule ids are reported at the second rule's line, naming the first")
    func duplicateIDs() {
        let problems = harness.problems(PackBuilder.pack(rules: valid + "\n" + valid))
        #expect(problems.count == 1)
        #expect(problems.first?.ruleID == "T-1")
        #expect(problems.first?.message.en.contains("already used") == true)
        #expect(problems.first?.line ?? 0 > 10)
    }

    @Test("A broken expression is reported with the rule's file, line and id")
    func brokenExpression() {
        let problems = harness.problems(
            PackBuilder.pack(rules: PackBuilder.rule("T-BAD", check: #"<assert test="count("/>"#)))
        let problem = problems.first
        #expect(problem?.ruleID == "T-BAD")
        #expect(problem?.file.hasSuffix("pack.xml") == true)
        #expect(problem?.line == 10)
    }

    @Test("An invalid regular expression in a pattern check is reported at load")
    func invalidRegex() {
        let rule = PackBuilder.rule("T-RE", check: #"<pattern path="a:project/a:acronym" regex="[A-Z"/>"#)
        let problems = harness.problems(PackBuilder.pack(rules: rule))
        #expect(problems.contains { $0.ruleID == "T-RE" && $0.message.en.contains("regular expression") })
    }

    @Test("An unknown function and an unknown parameter are reported at load")
    func unknownNames() {
        let rule = PackBuilder.rule("T-UNK", check: #"<assert test="s3:nope(.) or frobnicate(1) or $missing"/>"#)
        let messages = harness.problems(PackBuilder.pack(rules: rule)).map(\.message.en)
        #expect(messages.contains { $0.contains("s3:nope()") })
        #expect(messages.contains { $0.contains("frobnicate()") })
        #expect(messages.contains { $0.contains("$missing") })
    }

    @Test("A missing include and a circular include are named with the including line")
    func includes() throws {
        let missing = harness.problems(PackBuilder.pack(includes: ["nowhere.xml"], rules: valid))
        #expect(missing.first?.message.en.contains("nowhere.xml") == true)
        try Fixtures.write(
            PackBuilder.pack(id: "b", includes: ["pack.xml"], rules: ""), to: "b.xml", in: harness.folder)
        let circular = harness.problems(PackBuilder.pack(includes: ["b.xml"], rules: valid))
        #expect(circular.contains { $0.message.en.contains("Circular include") })
    }

    @Test("An empty or non-XML rule file is a clear load problem (fuzzer seed)")
    func emptyPack() throws {
        for text in ["", "\u{0}\u{1}garbage", "<rulePack"] {
            let problems = harness.problems(text)
            #expect(!problems.isEmpty)
            #expect(
                problems.allSatisfy {
                    !$0.message.sv.isEmpty && !$0.message.en.isEmpty && $0.file.hasSuffix("pack.xml")
                })
        }
    }

    @Test("A rule file that breaks the rule schema is reported with its line")
    func schemaInvalidPack() {
        let problems = harness.problems(PackBuilder.pack(rules: #"<rule id="X" severity="fatal"/>"#))
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.message.en.hasPrefix("Does not follow the schema") })
    }

    @Test("A parameter may replace an included one only with override")
    func overrides() throws {
        let parameter = { (override: Bool, value: String) in
            """
            <parameter id="rate" type="number"\(override ? " override=\"true\"" : "")>
              <title lang="sv">Sats</title><title lang="en">Rate</title>
              <value from="2021-01-01">\(value)</value>
            </parameter>
            """
        }
        try Fixtures.write(
            PackBuilder.pack(id: "base", extra: parameter(false, "85"), rules: ""), to: "base.xml", in: harness.folder)
        let replaced = try harness.load(
            PackBuilder.pack(includes: ["base.xml"], extra: parameter(true, "40"), rules: valid))
        #expect(replaced.parameter("rate")?.values.first?.value == "40")
        let clash = harness.problems(
            PackBuilder.pack(includes: ["base.xml"], extra: parameter(false, "40"), rules: valid))
        #expect(clash.first?.message.en.contains("override=\"true\"") == true)
    }

    @Test("Profiles select rules; an undefined profile on a rule is a load error")
    func profiles() throws {
        let extra = """
            <profile id="submission" default="true"><title lang="sv">I</title><title lang="en">S</title></profile>
            <profile id="draft"><title lang="sv">U</title><title lang="en">D</title></profile>
            """
        let rules =
            PackBuilder.rule("T-ALL", check: #"<assert test="true()"/>"#)
            + PackBuilder.rule("T-SUB", profiles: "submission", check: #"<assert test="true()"/>"#)
        let ruleSet = try harness.load(PackBuilder.pack(extra: extra, rules: rules))
        #expect(ruleSet.rules(in: nil).map(\.id) == ["T-ALL", "T-SUB"])
        #expect(ruleSet.rules(in: "draft").map(\.id) == ["T-ALL"])
        let undefined = harness.problems(
            PackBuilder.pack(rules: PackBuilder.rule("T-X", profiles: "nope", check: #"<assert test="true()"/>"#)))
        #expect(undefined.first?.message.en.contains("nope") == true)
    }
}

@Suite("The shipped packs")
struct ShippedPackTests {
    @Test("The default pack loads with its EU base, code lists and bilingual rules")
    func loads() throws {
        let ruleSet = try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
        #expect(ruleSet.packs.map(\.id) == ["se-stockholm-2021-2027", "eu-erdf-2021-2027"])
        #expect(ruleSet.rules.count >= 30)
        #expect(ruleSet.codeLists["stockholm-municipalities"]?.codes.count == 26)
        for rule in ruleSet.rules {
            #expect(!rule.title.sv.isEmpty && !rule.title.en.isEmpty && !rule.legal.url.isEmpty, "\(rule.id)")
        }
        #expect(Set(ruleSet.rules.map(\.id)).count == ruleSet.rules.count)
    }

    @Test("Stockholm is a more developed region, which caps the EU share at 40 %")
    func override() throws {
        let ruleSet = try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
        let date = CalendarDate("2026-01-01")!
        #expect(ruleSet.parameter("regionCategory")?.value(on: date) == "more-developed")
        #expect(ruleSet.parameter("rateMoreDeveloped")?.value(on: date) == "40")
    }

    @Test("The de minimis ceiling changes on 2024-01-01")
    func datedParameter() throws {
        let ruleSet = try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
        let ceiling = try #require(ruleSet.parameter("deMinimisCeilingEUR"))
        #expect(ceiling.value(on: CalendarDate("2023-12-31")!) == "200000")
        #expect(ceiling.value(on: CalendarDate("2024-01-01")!) == "300000")
    }

    @Test("The example call pack adds a third layer")
    func callPack() throws {
        let ruleSet = try RulePackLoader(files: .shipped).load("se/stockholm/calls/example-call-2026.xml")
        #expect(ruleSet.packs.count == 3)
        #expect(ruleSet.rule("CALL-002") != nil)
    }
}
