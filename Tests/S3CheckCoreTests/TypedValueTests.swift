import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("Rules read numbers and dates as the schema types them")
struct TypedValueTests {
    static let ruleSet = try! RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)

    /// A checker per call: a checker belongs to one thread, and tests run in parallel.
    private func check(_ text: String) -> ApplicationReport {
        try! ApplicationChecker(ruleSet: Self.ruleSet).check(Data(text.utf8), file: "application.xml")
    }

    private func failing(_ report: ApplicationReport) -> [String] {
        report.findings.map(\.ruleID).sorted()
    }

    @Test(
        "Every decimal the schema accepts reads as its number: a plus sign, leading and trailing zeros",
        arguments: ["eligible-ikt.en.xml", "not-eligible-cofinancing.sv.xml", "warnings-only.sv.xml"]
    )
    func decimalForms(_ example: String) throws {
        let original = try String(contentsOf: Fixtures.examples.appending(path: example), encoding: .utf8)
        // Every amount, share, flat rate and intensity, written in another valid xs:decimal form.
        let rewritten = try Regex(#"(amount|share|flatRate|aidIntensity|turnoverEUR|balanceSheetEUR)="([0-9]+)""#)
        let edited = original.replacing(rewritten) { match in
            "\(match.output[1].substring ?? "")=\"+00\(match.output[2].substring ?? "").00\""
        }
        #expect(edited != original)
        let before = check(original)
        let after = check(edited)
        #expect(after.verdict == before.verdict, "\(failing(after))")
        #expect(failing(after) == failing(before))
        #expect(after.findings.map(\.message.en) == before.findings.map(\.message.en))
    }

    @Test("ERDF exactly at 40 % of costs with öre amounts passes EU-COF-001; one öre more fails it")
    func coFinancingAtTheCeiling() throws {
        let original = try String(contentsOf: Fixtures.examples.appending(path: "eligible-ikt.en.xml"), encoding: .utf8)
        func edited(erdf: String) -> String {
            original
                .replacingOccurrences(
                    of: #"year="2027" category="staff" amount="400000""#,
                    with: #"year="2027" category="staff" amount="400000.01""#
                )
                .replacingOccurrences(of: #"amount="300000">Extern"#, with: #"amount="300000.14">Extern"#)
                .replacingOccurrences(of: #"<erdf amount="2058000"/>"#, with: "<erdf amount=\"\(erdf)\"/>")
                .replacingOccurrences(
                    of: #"funder="Tvillingdata Sverige AB" partner="P1" amount="514500""#,
                    with: #"funder="Tvillingdata Sverige AB" partner="P1" amount="514500.09""#
                )
                // The declared totals follow the öre, so that only the ceiling is at stake.
                .replacingOccurrences(of: #"totalEligibleCosts="5145000""#, with: #"totalEligibleCosts="5145000.15""#)
                .replacingOccurrences(of: #"eligibleCosts="700000""#, with: #"eligibleCosts="700000.15""#)
        }
        let sample = edited(erdf: "1")
        for changed in ["400000.01", "300000.14", "514500.09", "5145000.15", "700000.15"] {
            #expect(sample.contains(changed), "the edit \(changed) applies")
        }
        let atCeiling = check(edited(erdf: "2058000.06"))
        #expect(!failing(atCeiling).contains("EU-COF-001"), "\(failing(atCeiling))")
        #expect(!failing(atCeiling).contains("EU-BUD-001"))
        #expect(atCeiling.verdict == check(original).verdict)
        let over = check(edited(erdf: "2058000.07"))
        #expect(failing(over).contains("EU-COF-001"))
    }

    @Test(
        "SE-ORG-001 names the one thing wrong with an organisation number; a typo in it does not fail SE-ORG-004 too",
        arguments: [
            ("556036-0794", "check digit"), ("850709-9805", "personal identity number"),
            ("55603-60793", "hyphen before the last four digits: 556036-0793"),
        ]
    )
    func organisationNumberMessages(_ number: String, _ says: String) throws {
        let original = try String(contentsOf: Fixtures.examples.appending(path: "eligible-ikt.en.xml"), encoding: .utf8)
        let edited = original.replacingOccurrences(
            of: "<organisationNumber>556036-0793</organisationNumber>",
            with: "<organisationNumber>\(number)</organisationNumber>")
        #expect(edited != original)
        let report = check(edited)
        let messages = report.findings.filter { $0.ruleID == "SE-ORG-001" }.map(\.message.en)
        #expect(messages.count == 1)
        #expect(messages.first?.contains(says) == true, "\(messages)")
        #expect(!report.findings.contains { $0.ruleID == "SE-ORG-004" })
    }

    @Test("The budget's + amounts no longer make an eligible application not eligible")
    func plusSign() throws {
        let original = try String(contentsOf: Fixtures.examples.appending(path: "eligible-ikt.en.xml"), encoding: .utf8)
        let plus = original.replacing(#/<erdf amount="(\d+)"/>/#) { "<erdf amount=\"+\($0.output.1)\"/>" }
        let report = check(plus)
        #expect(report.verdict == check(original).verdict)
        #expect(!report.findings.contains { $0.ruleID == "EU-BUD-001" || $0.ruleID == "EU-COF-001" })
    }

    @Test(
        "A date or year the schema accepts but the rules cannot read makes the application unassessable, naming the field",
        arguments: [
            ("<endDate>2028-08-31</endDate>", "<endDate>12028-08-31</endDate>", "Project › End date"),
            ("<endDate>2028-08-31</endDate>", "<endDate>-2028-08-31</endDate>", "Project › End date"),
            (#"year="2026""#, #"year="12026""#, "Budget › Cost line › Year"),
        ]
    )
    func unreadableDates(_ from: String, _ to: String, _ field: String) throws {
        let original = try String(contentsOf: Fixtures.examples.appending(path: "eligible-ikt.en.xml"), encoding: .utf8)
        let edited = original.replacingOccurrences(of: from, with: to)
        #expect(edited != original)
        let report = check(edited)
        #expect(report.verdict == .cannotBeAssessed)
        let finding = try #require(report.findings.first { $0.ruleID == "S3C-VALUE" })
        #expect(finding.field?.label.en.hasPrefix(field) == true, "\(finding.field?.label.en ?? "")")
        #expect(finding.message.en.contains("0001–9999"))
        #expect(finding.message.sv.contains("kan därför inte bedömas"))
        #expect(!report.findings.contains { $0.message.en.contains("$") }, "no internal text about a variable")
    }
}
