import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("Line endings and whitespace as XML defines them")
struct SourceLayoutTests {
    private static func check(_ text: String) throws -> ApplicationReport {
        let ruleSet = try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
        return try ApplicationChecker(ruleSet: ruleSet).check(Data(text.utf8), file: "application.xml")
    }

    @Test("Classic Mac OS line endings (CR alone) give each finding its own line, as LF and CRLF do")
    func carriageReturns() throws {
        let text = try String(
            contentsOf: Fixtures.examples.appending(path: "not-eligible-cofinancing.sv.xml"), encoding: .utf8)
        let lines = { (report: ApplicationReport) in report.findings.compactMap { $0.location?.line }.sorted() }
        let unix = try Self.check(text)
        let mac = try Self.check(text.replacingOccurrences(of: "\n", with: "\r"))
        let windows = try Self.check(text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(lines(unix) == [18, 74, 75])
        #expect(lines(mac) == lines(unix))
        #expect(lines(windows) == lines(unix))
        #expect(mac.sha256 != unix.sha256)  // the digest is of the bytes received
    }

    @Test("Whitespace around a date or year is collapsed, as xs:date and xs:gYear's whiteSpace facet says")
    func whitespaceAroundTypedValues() throws {
        let text = try Fixtures.eligibleApplication()
            .replacingOccurrences(
                of: "<startDate>2026-09-01</startDate>", with: "<startDate>\n  2026-09-01\n  </startDate>"
            )
            .replacingOccurrences(of: "year=\"2027\"", with: "year=\" 2027 \"")
        #expect(text.contains("<startDate>\n  2026-09-01"))
        let report = try Self.check(text)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message.en))")
        #expect(report.verdict == .eligible)
    }
}
