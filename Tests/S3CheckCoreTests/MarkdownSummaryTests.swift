import Foundation
import S3CheckCore
import S3CheckReports
import S3CheckTestSupport
import Testing

/// GitHub takes at most 65 536 characters in a pull-request comment: the Markdown summary fits
/// whatever the batch, puts what needs action first and says what it left out.
@Suite("Markdown summary size")
struct MarkdownSummaryTests {
    /// `count` applications: every fifth not eligible (the co-financing example, its cost lines
    /// budgeted after the programme so that many rules fire), every fifth with remarks, the rest
    /// eligible; `folder` before each file name.
    private func reports(_ count: Int, folder: String = String(repeating: "a-long-folder-name/", count: 12)) throws
        -> (RunContext, [ApplicationReport])
    {
        let ruleSet = try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
        let checker = try ApplicationChecker(ruleSet: ruleSet, options: .init())
        let text = try Fixtures.eligibleApplication()
        let eligible = checker.check(Data(text.utf8), file: "eligible.xml")
        let remarks = checker.check(
            Data(text.replacingOccurrences(of: "year=\"2027\"", with: "year=\"2031\"").utf8), file: "remarks.xml")
        let failingText = try String(
            contentsOf: Fixtures.examples.appending(path: "not-eligible-cofinancing.sv.xml"), encoding: .utf8)
        let failing = checker.check(
            Data(failingText.replacingOccurrences(of: "year=\"2027\"", with: "year=\"2031\"").utf8), file: "f.xml")
        let applications = (0..<count).map { index in
            var report = index % 5 == 4 ? failing : index % 5 == 3 ? remarks : eligible
            report.file = folder + "application-\(index).xml"
            return report
        }
        let context = RunContext(
            packs: [], profile: nil, language: .en, rules: ruleSet.rules, fileCount: count)
        return (context, applications)
    }

    // 20 000 applications are checked with the binary in `.ci/run`; here the table's cut-off shows
    // from 2 000 on.
    @Test("200 and 2 000 applications stay under the limit, failing ones first", arguments: [200, 2_000])
    func bounded(count: Int) throws {
        let (context, applications) = try reports(count)
        #expect(applications[4].verdict == .notEligible)
        #expect(applications[4].findings.count > 5)
        let text = try MarkdownReporter(context: context).render(applications)
        #expect(text.count <= MarkdownReporter.summaryLimit, "\(text.count) characters")
        // The first row is the first failing application, not the first file.
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.first?.contains("application-4.xml") == true)
        // Only the first failing applications are detailed, and the end says so.
        #expect(text.contains("## a-long-folder-name/"))
        #expect(text.contains("Applications whose findings are not shown"))
        #expect(!text.contains("application-\(count - 1).xml\n"))
        if count == 2_000 {
            #expect(text.contains("Left out of this table:"))
        }
    }

    @Test("The full form keeps every application and finding")
    func full() throws {
        let (context, applications) = try reports(200)
        let text = try MarkdownReporter(context: context, form: .full).render(applications)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count == 200)
        #expect(text.components(separatedBy: "\n## ").count - 1 == 80)
        #expect(!text.contains("not shown"))
        #expect(text.count > MarkdownReporter.summaryLimit)
    }

    @Test("A small run loses nothing in the summary")
    func small() throws {
        let (context, applications) = try reports(10, folder: "")
        let summary = try MarkdownReporter(context: context).render(applications)
        let full = try MarkdownReporter(context: context, form: .full).render(applications)
        // Only the order of the table's rows and of the detailed applications differs.
        #expect(Set(summary.split(separator: "\n")) == Set(full.split(separator: "\n")))
    }
}
