import Foundation
import S3CheckTestSupport
import Testing

/// Every report format, written by the binary for a fixed set of applications and compared byte
/// for byte with the files in `Tests/Golden`: a change to any writer shows as a diff there.
///
/// After an intended change, record them again with `S3CHECK_RECORD_GOLDEN=1 swift test --filter
/// GoldenReportTests` and review the diff before committing it.
@Suite("Golden reports")
struct GoldenReportTests {
    static let golden = Fixtures.packageRoot.appending(path: "Tests/Golden")
    /// One of each verdict, Swedish and English, and an application whose text tries to break
    /// every format (``ReportFormatTests/hostileApplication()``, kept beside the golden files
    /// so that its path is the same everywhere).
    static let applications = [
        "Examples/eligible-life-science.sv.xml", "Examples/warnings-only.sv.xml",
        "Examples/not-eligible-orgnr-dates.en.xml", "Examples/schema-invalid.sv.xml", "Tests/Golden/hostile.sv.xml",
    ]

    /// The reports of one run in `language`, by golden file name.
    private static func reports(language: String, record: Bool) throws -> [String: String] {
        if record {
            try Data(try ReportFormatTests.hostileApplication().utf8).write(
                to: golden.appending(path: "hostile.sv.xml"))
        }
        let out = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let files = [
            "junit": "junit.xml", "sarif": "report.sarif", "json": "report.json", "markdown": "report.md",
            "svrl": "report.svrl", "tap": "report.tap", "github": "github.txt",
        ]
        var arguments =
            ["check"] + applications + ["--lang", language, "--output-dir", out.appending(path: "html").path]
        for (format, file) in files { arguments += ["--format", "\(format)=\(out.appending(path: file).path)"] }
        let run = try BinaryRunner.run(
            arguments,
            environment: [
                "SOURCE_DATE_EPOCH": "1767225600", "TZ": "Europe/Stockholm", "NO_COLOR": "1", "GITHUB_STEP_SUMMARY": "",
            ])
        #expect(run.exitCode == 2, "\(run.standardError)")
        var reports = ["\(language)/report.txt": run.standardOutput]
        for file in files.values {
            reports["\(language)/\(file)"] = try String(contentsOf: out.appending(path: file), encoding: .utf8)
        }
        for page in try FileManager.default.contentsOfDirectory(atPath: out.appending(path: "html").path) {
            reports["\(language)/html/\(page)"] = try String(
                contentsOf: out.appending(path: "html/\(page)"), encoding: .utf8)
        }
        // SARIF names the working folder, which is wherever the package was cloned.
        let root = Fixtures.packageRoot.standardizedFileURL.path
        return reports.mapValues { $0.replacingOccurrences(of: root, with: "/PACKAGE") }
    }

    @Test("Every format's report is the golden one", arguments: ["sv", "en"])
    func matches(language: String) throws {
        let record = ProcessInfo.processInfo.environment["S3CHECK_RECORD_GOLDEN"] == "1"
        let reports = try Self.reports(language: language, record: record)
        for (name, text) in reports.sorted(by: { $0.key < $1.key }) {
            let url = Self.golden.appending(path: name)
            if record {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
                continue
            }
            guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
                Issue.record("\(name): no golden file; record with S3CHECK_RECORD_GOLDEN=1")
                continue
            }
            #expect(text == expected, "\(name) differs from the golden file: \(Self.firstDifference(text, expected))")
        }
        // A golden file no run writes any more is a report format or page that went away.
        let folder = Self.golden.appending(path: language)
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appending(path: path).path, isDirectory: &isFolder)
            if !isFolder.boolValue, !record {
                #expect(reports["\(language)/\(path)"] != nil, "\(language)/\(path) is no longer written")
            }
        }
        if record {
            Issue.record("golden files recorded; review the diff, then run again without S3CHECK_RECORD_GOLDEN")
        }
    }

    /// The first line where two texts differ, both ways, for the failure message.
    private static func firstDifference(_ actual: String, _ expected: String) -> String {
        let actualLines = actual.components(separatedBy: "\n")
        let expectedLines = expected.components(separatedBy: "\n")
        for index in 0..<max(actualLines.count, expectedLines.count) {
            let got = index < actualLines.count ? actualLines[index] : "(end)"
            let wanted = index < expectedLines.count ? expectedLines[index] : "(end)"
            if got != wanted { return "line \(index + 1): got «\(got.prefix(200))», golden «\(wanted.prefix(200))»" }
        }
        return "same lines"
    }
}
