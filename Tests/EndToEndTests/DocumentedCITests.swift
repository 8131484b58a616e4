import Foundation
import S3CheckTestSupport
import Testing

/// The command `docs/ci.md` gives a funding office works as written on a fresh checkout.
@Suite("The documented CI job")
struct DocumentedCITests {
    @Test("docs/ci.md's command runs in an empty folder and writes every report it names")
    func documentedCommand() throws {
        let text = try String(contentsOf: Fixtures.packageRoot.appending(path: "docs/ci.md"), encoding: .utf8)
        let block = try #require(
            text.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        #expect(block.contains("s3check check applications/"))
        // A fresh checkout: the applications, nothing else (no reports/ folder).
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let applications = folder.appending(path: "applications")
        try FileManager.default.createDirectory(at: applications, withIntermediateDirectories: true)
        for name in ["eligible-ikt.en.xml", "warnings-only.sv.xml"] {
            try FileManager.default.copyItem(
                at: Fixtures.examples.appending(path: name), to: applications.appending(path: name))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", block.replacingOccurrences(of: "s3check check", with: "\"$S3CHECK\" check")]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["S3CHECK": BinaryRunner.executable.path, "LANG": "C"], uniquingKeysWith: { _, new in new })
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "every application is eligible, with remarks")
        for report in ["reports/junit.xml", "reports/s3check.sarif", "reports/summary.md", "reports/html/index.html"] {
            #expect(FileManager.default.fileExists(atPath: folder.appending(path: report).path), "\(report)")
        }
    }
}
