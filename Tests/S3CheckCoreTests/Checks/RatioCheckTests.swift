import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("<ratio> passes and fails as documented")
struct RatioCheckTests {
    let harness: EngineHarness

    init() throws {
        harness = try EngineHarness()
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
}
