import Foundation
import S3CheckTestSupport
import Testing

/// Text from an application that could deceive a reader is shown, not obeyed.
@Suite("Invisible and direction-changing characters")
struct DeceptiveTextTests {
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
        let path = try Fixtures.write(application, to: "bidi.xml", in: folder)
        let out = folder.path
        let formats = ["text", "json", "sarif", "junit", "svrl", "tap", "github", "markdown", "html"]
        var arguments = ["check", path]
        for format in formats { arguments += ["--format", "\(format)=\(out)/report.\(format)"] }
        let result = try BinaryRunner.run(arguments)
        #expect(result.exitCode == 1, "\(result.standardError)")
        for format in formats {
            let text = try String(contentsOfFile: "\(out)/report.\(format)", encoding: .utf8)
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
        let path = try Fixtures.write(application, to: "area.xml", in: folder)
        let formats = ["text", "json", "sarif", "junit", "svrl", "tap", "github", "markdown", "html"]
        var arguments = ["check", path]
        for format in formats { arguments += ["--format", "\(format)=\(folder.path)/report.\(format)"] }
        let result = try BinaryRunner.run(arguments)
        #expect(result.exitCode == 1, "\(result.standardError)")
        for format in formats {
            let text = try String(contentsOfFile: "\(folder.path)/report.\(format)", encoding: .utf8)
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
