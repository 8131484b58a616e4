import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("<inCodeList> passes and fails as documented")
struct CodeListCheckTests {
    let harness: EngineHarness

    init() throws {
        harness = try EngineHarness()
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
}
