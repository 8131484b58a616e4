import Foundation
import S3CheckTestSupport
import Testing

@Suite("Every path given is checked or reported, and standard input is a path")
struct InputPathTests {
    private let eligible = "Examples/eligible-life-science.sv.xml"

    @Test("`s3check check -` checks the application on standard input, named -")
    func standardInput() throws {
        let data = try Data(contentsOf: Fixtures.examples.appending(path: "not-eligible-cofinancing.sv.xml"))
        let result = try BinaryRunner.run(["check", "-"], standardInput: data)
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.contains("-:18:21: error[SE-LOC-002]"))
        #expect(result.standardOutput.contains("-: NOT ELIGIBLE"))
        let twice = try BinaryRunner.run(["check", "-", "-"], standardInput: data)
        #expect(twice.exitCode == 3)
        #expect(twice.standardError.contains("standard input"))
    }

    @Test("A path that does not exist is an input error (exit 3) and the other files are still checked")
    func missingPath() throws {
        let result = try BinaryRunner.run(["check", "no-such-folder", eligible])
        #expect(result.exitCode == 3)
        #expect(result.standardError.contains("no-such-folder: does not exist"))
        #expect(result.standardOutput.contains("\(eligible): ELIGIBLE"))
    }

    @Test("A file whose name is not UTF-8 is reported with its bytes escaped, never skipped in silence")
    func latin1Name() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try Data(contentsOf: Fixtures.examples.appending(path: "eligible-life-science.sv.xml"))
        try text.write(to: folder.appending(path: "ok.xml"))
        // "café.xml" in Latin-1, as an old Windows share writes it: not a valid UTF-8 name.
        let name = Array(folder.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".xml".utf8) + [0]
        let descriptor = name.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        }
        try #require(descriptor >= 0)
        _ = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        let result = try BinaryRunner.run(["check", folder.path])
        #expect(result.exitCode == 3)
        #expect(result.standardError.contains("caf\\xE9.xml"))
        #expect(result.standardOutput.contains("ok.xml: ELIGIBLE"))
    }
}
