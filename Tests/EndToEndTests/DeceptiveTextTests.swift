import Foundation
import S3CheckTestSupport
import Testing

/// Text from an application that could deceive a reader is shown, not obeyed.
@Suite("Invisible and direction-changing characters")
struct DeceptiveTextTests {
    /// Checks `application` (not eligible) once with every report format, each to its own file
    /// in `folder`, and returns each report's text by format.
    private static func reportsInEveryFormat(of application: String, in folder: URL) throws -> [(String, String)] {
        let path = try Fixtures.write(application, to: "application.xml", in: folder)
        let formats = ["text", "json", "sarif", "junit", "svrl", "tap", "github", "markdown", "html"]
        var arguments = ["check", path]
        for format in formats { arguments += ["--format", "\(format)=\(folder.path)/report.\(format)"] }
        let result = try BinaryRunner.run(arguments)
        #expect(result.exitCode == 1, "\(result.standardError)")
        return try formats.map { ($0, try String(contentsOfFile: "\(folder.path)/report.\($0)", encoding: .utf8)) }
    }

    @Test("A right-to-left override and a zero-width space in a partner's name are written out in every format")
    func everyFormat() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A sole trader, so that SE-ORG-003 quotes the name; the lead's name is also the applicant.
        let application = try Fixtures.eligibleApplication()
            .replacingOccurrences(
                of: "<name>Region Stockholm</name>", with: "<name>Kons\u{202E}tlusK\u{200B} AB</name>"
            )
            .replacingOccurrences(of: "<legalForm>region</legalForm>", with: "<legalForm>enskild-firma</legalForm>")
        for (format, text) in try Self.reportsInEveryFormat(of: application, in: folder) {
            #expect(!text.unicodeScalars.contains("\u{202E}"), "\(format) holds a raw U+202E")
            #expect(!text.unicodeScalars.contains("\u{200B}"), "\(format) holds a raw U+200B")
            #expect(
                text.contains("<U+202E>") || text.contains("&lt;U+202E&gt;") || text.contains("\\u003CU+202E\\u003E"),
                "\(format) does not show the override")
        }
    }

    @Test("A right-to-left override in an unknown declared S3 area is written out in every format")
    func declaredArea() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let application = try Fixtures.eligibleApplication()
            .replacingOccurrences(of: "<area ref=\"life-science\"/>", with: "<area ref=\"ab\u{202E}cd\"/>")
        #expect(application.unicodeScalars.contains("\u{202E}"))
        for (format, text) in try Self.reportsInEveryFormat(of: application, in: folder) {
            #expect(!text.unicodeScalars.contains("\u{202E}"), "\(format) holds a raw U+202E")
        }
    }

    @Test("A control character in a file name is written out in TAP and GitHub annotations")
    func fileNames() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Fixtures.write(try Fixtures.eligibleApplication(), to: "a\u{1B}[31mb.xml", in: folder)
        for format in ["tap", "github"] {
            let result = try BinaryRunner.run(["check", path, "--format", format])
            #expect(!result.standardOutput.unicodeScalars.contains("\u{1B}"), "\(format)")
            #expect(result.standardOutput.contains("<U+001B>"), "\(format)")
        }
    }
}
