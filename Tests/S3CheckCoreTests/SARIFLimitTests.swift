import Foundation
import S3CheckCore
import S3CheckReports
import S3CheckTestSupport
import Testing

/// GitHub's code scanning rejects a run with more than 25 000 results; the log stays under a
/// limit and says what it left out.
@Suite("SARIF result limit")
struct SARIFLimitTests {
    /// Three applications, each with cost lines budgeted for a year after the programme so that rules fire.
    private func reports() throws -> (RunContext, [ApplicationReport]) {
        let ruleSet = try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
        let checker = try ApplicationChecker(ruleSet: ruleSet, options: .init())
        let text = try Fixtures.eligibleApplication()
        let broken = text.replacingOccurrences(of: "year=\"2027\"", with: "year=\"2031\"")
        let applications = (1...3).map { checker.check(Data(broken.utf8), file: "app\($0).xml") }
        let context = RunContext(packs: [], profile: nil, language: .en, rules: ruleSet.rules, fileCount: 3)
        return (context, applications)
    }

    private func run(_ text: String) throws -> [String: Any] {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require((log["runs"] as? [[String: Any]])?.first)
    }

    @Test("Results beyond the limit are left out, counted in a notification, and the log stays valid JSON")
    func capped() throws {
        let (context, applications) = try reports()
        let all = applications.map(\.findings.count).reduce(0, +)
        try #require(all >= 4)
        let limit = applications[0].findings.count + 1
        let reporter = SARIFReporter(context: context, baseDirectory: "/", maximumResults: limit, exitCode: { _ in 1 })
        let capped = try run(try reporter.render(applications))
        let results = try #require(capped["results"] as? [[String: Any]])
        #expect(results.count == limit)
        let invocation = try #require((capped["invocations"] as? [[String: Any]])?.first)
        let notification = try #require(
            (invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
        let text = try #require((notification["message"] as? [String: Any])?["text"] as? String)
        #expect(text.contains("\(all - limit)"))
        #expect(notification["level"] as? String == "warning")

        let uncapped = SARIFReporter(context: context, baseDirectory: "/", exitCode: { _ in 1 })
        let full = try run(try uncapped.render(applications))
        #expect((full["results"] as? [[String: Any]])?.count == all)
        #expect((full["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"] == nil)
    }
}
