import Foundation
import S3CheckTestSupport
import Testing

@Suite("Commands for rule authors")
struct RuleAuthorCommandTests {
    @Test("lint passes on the shipped pack and fails with file:line on a broken one")
    func lint() throws {
        let clean = try BinaryRunner.run(["lint"])
        #expect(clean.exitCode == 0)
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rule = PackBuilder.rule("T-1", check: #"<assert test="s3:nonsense(.)"/>"#)
        let path = try Fixtures.write(PackBuilder.pack(rules: rule + rule), to: "broken.xml", in: folder)
        let broken = try BinaryRunner.run(["lint", path])
        #expect(broken.exitCode == 3)
        #expect(broken.standardError.contains("broken.xml:"))
        #expect(broken.standardError.contains("[T-1]"))
    }

    @Test("lint fails on a call pack whose rule could never fire: a misspelt element, or a sum as a range path")
    func lintNeverFiring() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let typo = PackBuilder.rule(
            "CALL-1", check: #"<range path="a:budget/a:costline[@category = 'staff']/@amount" max="100000"/>"#)
        let sum = PackBuilder.rule("CALL-2", check: #"<range path="sum(a:budget/a:costLine/@amount)" max="100000"/>"#)
        let path = try Fixtures.write(PackBuilder.pack(rules: typo + sum), to: "call.xml", in: folder)
        let result = try BinaryRunner.run(["lint", path, "--lang", "sv"])
        #expect(result.exitCode == 3)
        #expect(result.standardError.contains("[CALL-1] "))
        #expect(
            result.standardError.contains(
                "elementet a:costline, som ansökningsschemat inte har (menade du a:costLine?)")
        )
        #expect(result.standardError.contains("[CALL-2] \"sum(a:budget/a:costLine/@amount)\" ger inga noder"))
    }

    @Test("test proves every shipped rule both ways and checks the examples")
    func testCommand() throws {
        let result = try BinaryRunner.run([
            "test", "shipped:se/stockholm/calls/example-call-2026.xml", "--examples", "Examples",
        ])
        #expect(result.exitCode == 0, "\(result.standardOutput.suffix(2000))")
        #expect(result.standardOutput.contains(" passed, 0 failed"))
        #expect(!result.standardOutput.contains("MISS"))
    }

    @Test("test fails when a rule has no failing case")
    func testCommandCoverage() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rule = PackBuilder.rule("T-1", check: #"<assert test="true()"/>"#)
        let pack = try Fixtures.write(PackBuilder.pack(rules: rule), to: "pack.xml", in: folder)
        try Fixtures.write(try Fixtures.eligibleApplication(), to: "base.xml", in: folder)
        let tests = """
            <ruleTests xmlns="urn:s3check:rules:1" base="../base.xml"><case rule="T-1" expect="pass"/></ruleTests>
            """
        try Fixtures.write(tests, to: "tests/t.xml", in: folder)
        let result = try BinaryRunner.run(["test", pack])
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.contains("MISS T-1"))
        #expect(result.standardError.contains("T-1"))
    }

    @Test("An edit path outside the rule language is named as such, not as a path that selects nothing")
    func editPathOutsideTheLanguage() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rule = PackBuilder.rule("T-1", check: #"<required path="a:project/a:title"/>"#)
        let pack = try Fixtures.write(PackBuilder.pack(rules: rule), to: "pack.xml", in: folder)
        try Fixtures.write(try Fixtures.eligibleApplication(), to: "base.xml", in: folder)
        let tests = """
            <ruleTests xmlns="urn:s3check:rules:1" base="../base.xml">
              <case rule="T-1" expect="fail"><remove path="//a:title"/></case>
            </ruleTests>
            """
        try Fixtures.write(tests, to: "tests/t.xml", in: folder)
        let result = try BinaryRunner.run(["test", pack], environment: ["LANG": "sv_SE.UTF-8"])
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("\"//a:title\" ingår inte i regelspråket"), "\(result.standardError)")
    }

    @Test("rules --format json lists every rule with both languages and its legal basis")
    func catalogue() throws {
        let result = try BinaryRunner.run(["rules", "--format", "json"])
        let rules = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(rules.count >= 40)
        for rule in rules {
            let title = rule["title"] as? [String: String]
            #expect(title?["sv"]?.isEmpty == false && title?["en"]?.isEmpty == false)
            #expect(((rule["legal"] as? [String: Any])?["url"] as? String)?.hasPrefix("https://") == true)
        }
    }

    @Test("explain shows a rule's parameters with their dated values; an unknown id exits 3")
    func explain() throws {
        let result = try BinaryRunner.run(["explain", "EU-DM-001"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("from 2014-01-01: EUR\u{00A0}200,000"))
        #expect(result.standardOutput.contains("from 2024-01-01: EUR\u{00A0}300,000"))
        #expect(try BinaryRunner.run(["explain", "NO-SUCH-RULE"]).exitCode == 3)
    }

    @Test("s3 shows the ranked areas with evidence, in Swedish")
    func s3() throws {
        let result = try BinaryRunner.run(["s3", "--lang", "sv", "Examples/misdeclared-area.sv.xml"])
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n")
        let first = try #require(lines.first { $0.contains("1. ") })
        #expect(first.contains("life-science"))
        #expect(result.standardOutput.contains("*") && result.standardOutput.contains("[ikt]"))
    }
}
