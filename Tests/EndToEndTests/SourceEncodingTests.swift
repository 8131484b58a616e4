import Foundation
import S3CheckTestSupport
import Testing

/// Locations and quoted lines are the same whatever the file's encoding, line endings and size.
@Suite("Locations in every encoding")
struct SourceEncodingTests {
    /// The example with a municipality outside the county, and `padding` empty lines before it.
    private static func application(padding: Int = 0) throws -> String {
        let text = try String(
            contentsOf: Fixtures.examples.appending(path: "not-eligible-cofinancing.sv.xml"), encoding: .utf8)
        return text.replacingOccurrences(
            of: "  <project>", with: String(repeating: "\n", count: padding) + "  <project>")
    }

    @Test(
        "UTF-8, UTF-8 with a byte-order mark, UTF-16 LE and BE, CRLF: the same line, column and excerpt",
        arguments: ["utf8", "utf8-bom", "utf16le", "utf16be", "crlf"]
    )
    func encodings(_ kind: String) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try Self.application()
        let data: Data =
            switch kind {
            case "utf8-bom": Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
            case "utf16le":
                Data([0xFF, 0xFE]) + text.replacingOccurrences(of: "\"UTF-8\"", with: "\"UTF-16\"")
                    .data(using: .utf16LittleEndian)!
            case "utf16be":
                Data([0xFE, 0xFF]) + text.replacingOccurrences(of: "\"UTF-8\"", with: "\"UTF-16\"")
                    .data(using: .utf16BigEndian)!
            case "crlf": Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            default: Data(text.utf8)
            }
        let path = folder.appending(path: "\(kind).xml")
        try data.write(to: path)
        let result = try BinaryRunner.run(["check", path.path])
        #expect(
            result.standardOutput.contains("\(kind).xml:18:21: error[SE-LOC-002]"),
            "\(result.standardOutput.prefix(400))")
        #expect(result.standardOutput.contains(" 18 |       <municipality code=\"0380\" name=\"Uppsala\"/>\n"))
        #expect(result.standardOutput.contains("    |                     ^\n"))
        #expect(!result.standardOutput.contains("<U+0000>"))
    }

    @Test("A finding past line 65 535 keeps its real line number (libxml2's 16-bit line field)")
    func bigLines() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Fixtures.write(try Self.application(padding: 70_000), to: "long.xml", in: folder)
        let result = try BinaryRunner.run(["check", path])
        #expect(
            result.standardOutput.contains("long.xml:70018:21: error[SE-LOC-002]"),
            "\(result.standardOutput.prefix(300))")
        #expect(result.standardOutput.contains(" 70018 |       <municipality code=\"0380\""))
    }
}
