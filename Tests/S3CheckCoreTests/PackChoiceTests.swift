import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("Choosing the call pack from <call id>")
struct PackChoiceTests {
    /// The eligible example, submitted after the example call closed (2026-09-30) and started
    /// after that, so that only the call's window is wrong.
    private static func lateApplication(call: String = "STHLM-2026-RI") throws -> Data {
        let text = try Fixtures.eligibleApplication()
            .replacingOccurrences(of: "<call id=\"STHLM-2026-RI\"", with: "<call id=\"\(call)\"")
            .replacingOccurrences(
                of: #"<submissionDate>[^<]*</submissionDate>"#, with: "<submissionDate>2026-10-12</submissionDate>",
                options: .regularExpression
            )
            .replacingOccurrences(
                of: #"<startDate>[^<]*</startDate>"#, with: "<startDate>2026-11-02</startDate>",
                options: .regularExpression)
        return Data(text.utf8)
    }

    private static func failing(_ report: ApplicationReport) -> Set<String> {
        Set(report.findings.filter { $0.severity == .error }.map(\.ruleID))
    }

    @Test func theShippedProgrammeChoosesTheExampleCallByItsReference() throws {
        let packs = try RulePackLoader(files: .shipped).loadChoice(ShippedPackPath.defaultPack)
        #expect(packs.base.mainPack.id == "se-stockholm-2021-2027")
        #expect(packs.calls.keys.sorted() == ["STHLM-2026-RI"])
        #expect(packs.ruleSet(forCall: "STHLM-2026-RI").mainPack.id == "se-stockholm-example-call-2026")
        #expect(packs.ruleSet(forCall: "OTHER-CALL").mainPack.id == "se-stockholm-2021-2027")
        // Reports name every rule that may run: the programme's and the call's own.
        let ids = packs.rules(in: nil).map(\.id)
        #expect(ids.contains("CALL-002") && ids.contains("EU-COF-001"))
        #expect(Set(ids).count == ids.count)
        #expect(packs.packs.map(\.id).last == "se-stockholm-example-call-2026")
    }

    @Test func aLateApplicationToTheCallFailsOnTheCallsWindow() throws {
        let packs = try RulePackLoader(files: .shipped).loadChoice(ShippedPackPath.defaultPack)
        let report = try ApplicationChecker(packs: packs).check(Self.lateApplication(), file: "late.xml")
        #expect(report.verdict == .notEligible)
        #expect(Self.failing(report) == ["CALL-002"])
        // The programme pack alone knows no call window: the same file would pass.
        let programmeOnly = try ApplicationChecker(ruleSet: packs.base).check(Self.lateApplication(), file: "late.xml")
        #expect(Self.failing(programmeOnly).isEmpty)
        #expect(!programmeOnly.results.contains { $0.ruleID.hasPrefix("CALL-") })
    }

    @Test func anApplicationToAnotherCallIsCheckedAgainstTheProgramme() throws {
        let packs = try RulePackLoader(files: .shipped).loadChoice(ShippedPackPath.defaultPack)
        let report = try ApplicationChecker(packs: packs).check(
            Self.lateApplication(call: "STHLM-2027-X"), file: "other.xml")
        #expect(!report.results.contains { $0.ruleID.hasPrefix("CALL-") })
        #expect(Self.failing(report).isEmpty)
    }

    /// A programme pack on disk with call packs in `calls/` beside it.
    private static func programmeWithCalls(_ calls: [String: String]) throws -> (URL, String) {
        let folder = try Fixtures.temporaryFolder()
        let rule = PackBuilder.rule("P-001", check: #"<required path="a:call"/>"#)
        let programme = try Fixtures.write(
            PackBuilder.pack(id: "programme", rules: rule), to: "programme.xml", in: folder)
        for (name, text) in calls { try Fixtures.write(text, to: "calls/" + name, in: folder) }
        return (folder, programme)
    }

    private static func callPack(id: String, call: String, includes: [String] = ["../programme.xml"]) -> String {
        PackBuilder.pack(
            id: id, includes: includes,
            extra: """
                <parameter id="callId" type="string">
                  <title lang="sv">Utlysning</title>
                  <title lang="en">Call</title>
                  <value from="2021-01-01">\(call)</value>
                </parameter>
                """,
            rules: PackBuilder.rule("\(id.uppercased())-001", check: #"<assert test="@formatVersion = '1.0'"/>"#))
    }

    @Test func onlyCallPacksBesideTheProgrammeThatIncludeItAreChosen() throws {
        let (folder, programme) = try Self.programmeWithCalls([
            "a.xml": Self.callPack(id: "call-a", call: "A"),
            // Not built on this programme: never chosen for it.
            "other.xml": Self.callPack(id: "call-b", call: "B", includes: []),
            // Rule tests and other subfolders are not call packs.
            "tests/c.xml": "not even XML",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let packs = try RulePackLoader(files: .disk).loadChoice(programme)
        #expect(packs.calls.keys.sorted() == ["A"])
        #expect(packs.ruleSet(forCall: "A").mainPack.id == "call-a")
    }

    @Test func twoCallPacksForOneCallStopTheRunNamingBoth() throws {
        let (folder, programme) = try Self.programmeWithCalls([
            "a.xml": Self.callPack(id: "call-a", call: "SAME"),
            "b.xml": Self.callPack(id: "call-b", call: "SAME"),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = #expect(throws: RulePackError.self) {
            try RulePackLoader(files: .disk).loadChoice(programme)
        }
        let message = error?.problems.first?.message[.en] ?? ""
        #expect(message.contains("SAME") && message.contains("a.xml"))
        #expect(error?.problems.first?.file.hasSuffix("b.xml") == true)
    }
}
