import Foundation
import S3CheckCore
import S3CheckTestSupport

/// Loads a pack written into a temporary folder and checks an application with it.
struct EngineHarness {
    let folder: URL

    init() throws {
        folder = try Fixtures.temporaryFolder()
    }

    func load(_ packText: String, extraFiles: [String: String] = [:]) throws -> RuleSet {
        for (name, text) in extraFiles { try Fixtures.write(text, to: name, in: folder) }
        let path = try Fixtures.write(packText, to: "pack.xml", in: folder)
        return try RulePackLoader(files: .disk).load(path)
    }

    func problems(_ packText: String, extraFiles: [String: String] = [:]) -> [RuleProblem] {
        do {
            _ = try load(packText, extraFiles: extraFiles)
            return []
        } catch let error as RulePackError {
            return error.problems
        } catch {
            return [RuleProblem(file: "?", line: 0, message: LocalizedText(sv: "\(error)", en: "\(error)"))]
        }
    }

    /// Checks `application` (default: the eligible example, optionally edited) with one rule.
    func outcome(
        of rule: String,
        application: String? = nil,
        edit: (String) -> String = { $0 },
        profile: String? = nil
    ) throws -> (RuleResult.Outcome?, ApplicationReport) {
        let ruleSet = try load(PackBuilder.pack(rules: rule))
        let checker = try ApplicationChecker(ruleSet: ruleSet, options: .init(profile: profile))
        let text = try edit(application ?? Fixtures.eligibleApplication())
        let report = checker.check(Data(text.utf8), file: "application.xml")
        return (report.results.first?.outcome, report)
    }
}
