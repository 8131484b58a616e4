import Foundation
import S3CheckTestSupport
import SafeXML
import Testing

/// Reports are written while applications are checked in parallel; these runs check that the
/// order, the separators and the totals do not depend on how the work was scheduled.
@Suite("Streamed reports")
struct StreamingReportTests {
    static let formats = ["text", "json", "html", "junit", "sarif", "github", "markdown", "svrl", "tap"]

    /// A batch mixing every outcome, several times over, so that sections arrive out of order
    /// on several workers: `copies` copies of every example, in numbered subfolders.
    /// How many applications `Examples/` holds.
    static var exampleCount: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.examples.path)) ?? [])
            .filter { $0.hasSuffix(".xml") }.count
    }

    static func batch(copies: Int) throws -> URL {
        let folder = try Fixtures.temporaryFolder()
        let examples = try FileManager.default.contentsOfDirectory(atPath: Fixtures.examples.path)
            .filter { $0.hasSuffix(".xml") }
        for copy in 0..<copies {
            let subfolder = folder.appending(path: "apps/\(copy)")
            try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
            for example in examples {
                try FileManager.default.copyItem(
                    at: Fixtures.examples.appending(path: example), to: subfolder.appending(path: example))
            }
        }
        return folder
    }

    /// Every format of one run, into `out`.
    static func run(_ folder: URL, jobs: Int, into out: String) throws -> BinaryRunner.Result {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var arguments = [
            "check", folder.appending(path: "apps").path, "--jobs", String(jobs), "--output-dir", out + "/html",
        ]
        for format in formats where format != "html" { arguments += ["--format", "\(format)=\(out)/report.\(format)"] }
        arguments += ["--format", "html=\(out)/index.html"]
        return try BinaryRunner.run(arguments, environment: ["SOURCE_DATE_EPOCH": "1767225600"])
    }

    @Test("Every format is the same byte for byte with one worker and with four")
    func sameWithAnyNumberOfWorkers() throws {
        let folder = try Self.batch(copies: 3)
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [[String: Data]] = []
        for jobs in [1, 4] {
            let out = folder.appending(path: "out-\(jobs)").path
            let result = try Self.run(folder, jobs: jobs, into: out)
            #expect(result.exitCode == 2, "\(result.standardError)")
            var files: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: out)
            while let name = enumerator?.nextObject() as? String {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: out + "/" + name, isDirectory: &isDirectory),
                    !isDirectory.boolValue
                {
                    files[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
                }
            }
            outputs.append(files)
        }
        // Nine formats, the index and one page per application; no temporary file left behind.
        #expect(outputs[0].count == Self.formats.count - 1 + 1 + 3 * Self.exampleCount)
        #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted())
        for (name, data) in outputs[0] {
            #expect(data == outputs[1][name], "\(name) differs between --jobs 1 and --jobs 4")
        }
    }

    @Test("Spooled formats have the totals of the whole batch at the top")
    func spooledTotals() throws {
        let folder = try Self.batch(copies: 4)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appending(path: "out").path
        let result = try Self.run(folder, jobs: 3, into: out)
        #expect(result.exitCode == 2, "\(result.standardError)")

        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json")))
                as? [String: Any])
        let applications = try #require(json["applications"] as? [[String: Any]])
        let summary = try #require(json["summary"] as? [String: Int])
        let total = 4 * Self.exampleCount
        #expect(applications.count == total)
        #expect(summary["total"] == total)
        let notEligible = applications.count { $0["verdict"] as? String == "not-eligible" }
        #expect(notEligible > 0)
        #expect(summary["notEligible"] == notEligible)

        // Markdown: the count line and the table come before the findings, spooled until the end.
        let markdown = try String(contentsOfFile: out + "/report.markdown", encoding: .utf8)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2].hasPrefix("\(total) applications: \(summary["eligible"] ?? -1) eligible"))
        #expect(lines[2].contains("\(notEligible) not eligible"))
        #expect(lines.count { $0.hasPrefix("| `") } == total)

        // SARIF: the outcome before the results, every finding once, and every rule index
        // (also of the input checks, which are not rules of the pack) naming the right rule.
        let sarif = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.sarif")))
                as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["exitCode"] as? Int == 2)
        let results = try #require(run["results"] as? [[String: Any]])
        let findings = applications.reduce(0) { $0 + (($1["findings"] as? [Any])?.count ?? 0) }
        #expect(results.count == findings)
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(results.contains { ($0["ruleId"] as? String)?.hasPrefix("S3C-") == true })
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            try #require(rules.indices.contains(index), "rule index \(index) of \(rules.count)")
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        let alignments = try #require((run["properties"] as? [String: Any])?["s3check/alignment"] as? [Any])
        #expect(alignments.count == applications.count { $0["alignment"] != nil && !($0["alignment"] is NSNull) })

        // JUnit: one suite per application whose counts match its cases.
        let junit = try XMLDocument.parse(
            Data(contentsOf: URL(fileURLWithPath: out + "/report.junit")), name: "junit.xml")
        let suites = try #require(junit.root).childElements.filter { $0.localName == "testsuite" }
        #expect(suites.count == total)
        for suite in suites {
            let cases = suite.childElements.filter { $0.localName == "testcase" }
            #expect(suite.attribute("tests") == String(cases.count))
            let failures = cases.count { $0.child("failure") != nil }
            #expect(suite.attribute("failures") == String(failures))
        }
    }

    @Test("A run without applications gives a complete report in every format, but fails with exit 3")
    func empty() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appending(path: "apps"), withIntermediateDirectories: true)
        let out = folder.appending(path: "out").path
        let result = try Self.run(folder, jobs: 2, into: out)
        #expect(result.exitCode == 3, "checking nothing must not pass a CI job")
        #expect(result.standardError.contains("No application was found in "))
        for format in ["json", "sarif"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(out)/report.\(format)"))
            #expect(throws: Never.self) { _ = try JSONSerialization.jsonObject(with: data) }
        }
        let junit = try String(contentsOfFile: out + "/report.junit", encoding: .utf8)
        #expect(junit.hasSuffix("<testsuites>\n</testsuites>\n"))
        let tap = try String(contentsOfFile: out + "/report.tap", encoding: .utf8)
        #expect(tap == "TAP version 14\n1..0\n")
    }
}
