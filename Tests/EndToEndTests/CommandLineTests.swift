import Foundation
import S3CheckTestSupport
import Testing

@Suite("The s3check command as a user runs it")
struct CommandLineTests {
    private let eligible = "Examples/eligible-life-science.sv.xml"

    @Test("`s3check FILE` works without naming the check subcommand, from any directory")
    func defaultSubcommandFromElsewhere() throws {
        let absolute = Fixtures.packageRoot.appending(path: eligible).path
        let result = try BinaryRunner.run([absolute], in: FileManager.default.temporaryDirectory)
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("ELIGIBLE"))
    }

    @Test("A malformed file exits 2 and names its line")
    func malformed() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Fixtures.write("<application>\n  <project>\n</application>\n", to: "broken.xml", in: folder)
        let result = try BinaryRunner.run(["check", path])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput.contains("broken.xml:3:"))
        #expect(result.standardOutput.contains("error[S3C-XML]"))
    }

    @Test("A missing rule pack exits 3 with a message on standard error")
    func missingRulePack() throws {
        let result = try BinaryRunner.run(["check", "--rules", "no/such/pack.xml", eligible])
        #expect(result.exitCode == 3)
        #expect(result.standardError.contains("no/such/pack.xml"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test("A usage error exits 3")
    func usageError() throws {
        #expect(try BinaryRunner.run(["check", "--format", "yaml", eligible]).exitCode == 3)
        #expect(try BinaryRunner.run(["check", "--profile", "nope", eligible]).exitCode == 3)
    }

    @Test("Swedish comes from --lang or LANG; English is the fallback")
    func language() throws {
        let swedish = try BinaryRunner.run([eligible], environment: ["LANG": "sv_SE.UTF-8"])
        #expect(swedish.standardOutput.contains("STÖDBERÄTTIGAD"))
        let english = try BinaryRunner.run([eligible, "--lang", "en"], environment: ["LANG": "sv_SE.UTF-8"])
        #expect(english.standardOutput.contains("ELIGIBLE"))
    }

    @Test("A missing input file and a directory: one bad file does not stop the others")
    func batch() throws {
        let result = try BinaryRunner.run(["check", "Examples", "Examples/does-not-exist.xml"])
        // A path that names nothing is an input error (3), said on standard error, not a verdict.
        #expect(result.exitCode == 3)
        #expect(result.standardError.contains("Examples/does-not-exist.xml: does not exist"))
        #expect(result.standardOutput.contains(eligible + ": ELIGIBLE"))
    }

    @Test("--output writes the report to a file and nothing to standard output; no colour in files")
    func outputFile() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appending(path: "report.txt").path
        let result = try BinaryRunner.run(["check", eligible, "--output", target])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.isEmpty)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.contains("ELIGIBLE"))
        #expect(!written.contains("\u{1B}["))
    }

    @Test("An output path whose folder cannot be made is refused before any work, with exit 3")
    func unwritableOutput() throws {
        // The folder would have to be made inside a file.
        let result = try BinaryRunner.run(["check", eligible, "--output", eligible + "/reports/report.txt"])
        #expect(result.exitCode == 3)
        #expect(result.standardError.contains("cannot be created or is not writable"))
    }

    @Test("A full disk is said in the user's language, not as Foundation's English error text")
    func diskFull() throws {
        // /dev/full accepts the open and fails every write with ENOSPC.
        try #require(FileManager.default.fileExists(atPath: "/dev/full"))
        for (language, says) in [("sv", "disken (eller kvoten) är full"), ("en", "the disk (or quota) is full")] {
            let result = try BinaryRunner.run(["check", eligible, "--lang", language, "--format", "json=/dev/full"])
            #expect(result.exitCode == 3)
            #expect(result.standardError.contains(says), "\(result.standardError)")
            #expect(!result.standardError.contains("NSCocoaErrorDomain"))
        }
    }

    @Test("Missing output folders are made, as a CI job on a fresh checkout needs (docs/ci.md)")
    func outputFoldersAreMade() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let junit = folder.appending(path: "reports/ci/junit.xml").path
        let sarif = folder.appending(path: "reports/report.sarif").path
        let result = try BinaryRunner.run([
            "check", eligible, "--format", "junit=\(junit)", "--format", "sarif=\(sarif)",
        ])
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: junit))
        #expect(FileManager.default.fileExists(atPath: sarif))
    }

    @Test("--fail-on warning turns a warnings-only application into exit 1")
    func failOnWarning() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try Fixtures.eligibleApplication().replacingOccurrences(
            of: #"<trl start="4" end="6"/>"#, with: #"<trl start="6" end="4"/>"#)
        let path = try Fixtures.write(text, to: "warning.xml", in: folder)
        #expect(try BinaryRunner.run([path]).exitCode == 0)
        #expect(try BinaryRunner.run([path, "--fail-on", "warning"]).exitCode == 1)
    }

    @Test("The JSON report carries the tool version, pack hashes and the application's SHA-256")
    func jsonAudit() throws {
        let result = try BinaryRunner.run(["check", "--format", "json", eligible])
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let packs = try #require(report["rulePacks"] as? [[String: Any]])
        #expect(packs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        let application = try #require((report["applications"] as? [[String: Any]])?.first)
        #expect((application["sha256"] as? String)?.count == 64)
        #expect((report["tool"] as? [String: Any])?["version"] as? String != nil)
    }

    @Test("A batch in parallel gives the same bytes as one worker, and a broken file stops nothing")
    func parallelBatchIsDeterministic() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let application = try Fixtures.eligibleApplication()
        for index in 1...24 {
            try Fixtures.write(application, to: "app-\(index < 10 ? "0" : "")\(index).xml", in: folder)
        }
        try Fixtures.write("<application", to: "app-13.xml", in: folder)
        let one = try BinaryRunner.run(["check", folder.path, "--jobs", "1", "--format", "json"])
        let two = try BinaryRunner.run(["check", folder.path, "--jobs", "2", "--format", "json"])
        #expect(one.exitCode == 2)
        #expect(one.standardOutput == two.standardOutput)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(two.standardOutput.utf8)) as? [String: Any])
        let summary = try #require(report["summary"] as? [String: Int])
        #expect(summary["eligible"] == 23)
        #expect(summary["cannotBeAssessed"] == 1)
    }

    @Test("A report is never written over an application")
    func outputNeverOverwritesInput() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try Fixtures.eligibleApplication()
        let path = try Fixtures.write(original, to: "app.xml", in: folder)
        let result = try BinaryRunner.run(["check", path, "--output", path])
        #expect(result.exitCode == 3)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
    }

    @Test("A symbolic-link loop and non-XML files in a folder do not stop the batch")
    func symlinkLoop() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Fixtures.write(try Fixtures.eligibleApplication(), to: "sub/app.xml", in: folder)
        try Fixtures.write("not xml at all", to: "sub/notes.txt", in: folder)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appending(path: "sub/loop").path,
            withDestinationPath: folder.path
        )
        let result = try BinaryRunner.run(["check", folder.path])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("app.xml: ELIGIBLE"))
        #expect(result.standardOutput.contains("1 application —"))
    }
}
