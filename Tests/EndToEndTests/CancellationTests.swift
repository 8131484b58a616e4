import Foundation
import S3CheckTestSupport
import Testing

/// CI cancels a job with SIGTERM; a person with Ctrl-C (SIGINT).
@Suite("A cancelled run")
struct CancellationTests {
    @Test(
        "leaves no temporary file, keeps the earlier report whole, and exits 128 + the signal (SIGKILL: killed)",
        arguments: [SIGTERM, SIGINT, SIGKILL])
    func cancelled(_ signalNumber: Int32) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A batch long enough to be caught while the report is being written.
        let applications = folder.appending(path: "apps")
        try FileManager.default.createDirectory(at: applications, withIntermediateDirectories: true)
        let example = try Data(contentsOf: Fixtures.examples.appending(path: "eligible-ikt.en.xml"))
        for index in 0..<3000 {
            try example.write(to: applications.appending(path: "app-\(index).xml"))
        }
        let reports = folder.appending(path: "reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        let earlier = Data("the earlier report\n".utf8)
        try earlier.write(to: reports.appending(path: "report.json"))

        let process = Process()
        process.executableURL = BinaryRunner.executable
        process.arguments = [
            "check", applications.path, "--jobs", "2", "--format", "json=\(reports.path)/report.json",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Cancel while the report is being written: the report file is open from the start (an
        // unnamed file where the file system has O_TMPFILE, so there may be no name to wait for).
        func temporaries() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? []).filter { $0 != "report.json" }
        }
        usleep(1_500_000)
        try #require(process.isRunning, "the run ended before it could be cancelled")
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        if signalNumber == SIGKILL {
            // No handler runs: what is left is what the file system holds, and an unnamed
            // file is gone with the process.
            #expect(process.terminationReason == .uncaughtSignal)
        } else {
            #expect(process.terminationStatus == 128 + signalNumber)
        }
        #expect(temporaries().isEmpty, "\(temporaries())")
        #expect(try Data(contentsOf: reports.appending(path: "report.json")) == earlier)
    }
}
