import Foundation
import S3CheckTestSupport
import SafeXML
import Testing

/// What GitLab's and Jenkins' JUnit views show: failed and errored test cases, one per name.
@Suite("JUnit as its consumers read it")
struct JUnitConsumerTests {
    private func testCases(_ junit: String) throws -> [(suite: String, name: String, failure: String?)] {
        let document = try XMLDocument.parse(Data(junit.utf8), name: "junit.xml")
        let root = try #require(document.root)
        return root.children("testsuite").flatMap { suite in
            suite.children("testcase").map { testCase in
                (
                    suite.attribute("name") ?? "", testCase.attribute("name") ?? "",
                    (testCase.child("failure") ?? testCase.child("error"))?.attribute("type")
                )
            }
        }
    }

    @Test("Warnings are failed test cases of type warning; the exit code still follows --fail-on")
    func warningsAreVisible() throws {
        for failOn in [[], ["--fail-on", "warning"]] {
            let result = try BinaryRunner.run(
                ["check", "--format", "junit", "Examples/warnings-only.sv.xml"] + failOn)
            #expect(result.exitCode == (failOn.isEmpty ? 0 : 1))
            let warnings = try testCases(result.standardOutput).filter { $0.failure == "warning" }
            #expect(warnings.count == 3, "\(warnings.map(\.name))")
            #expect(result.standardOutput.contains("failures=\"3\""))
        }
    }

    @Test("Every test case name is unique within its suite, also for several schema errors of one kind")
    func uniqueNames() throws {
        let result = try BinaryRunner.run(["check", "--format", "junit", "Examples"])
        let cases = try testCases(result.standardOutput)
        var seen: Set<String> = []
        for testCase in cases {
            #expect(seen.insert(testCase.suite + "\u{0}" + testCase.name).inserted, "\(testCase.name) twice")
        }
        let schemaErrors = cases.filter { $0.suite.hasSuffix("schema-invalid.sv.xml") }
        #expect(schemaErrors.count > 1)
    }
}
