import Foundation
import S3CheckTestSupport
import SafeXML
import Testing

@Suite("Report formats stay valid and escaped with hostile text")
struct ReportFormatTests {
    /// An application whose texts try to break every format, and that fails a rule whose
    /// message quotes the partner's name.
    static func hostileApplication() throws -> String {
        // As written in XML: the parsed text holds <script>, ]]> and the rest literally.
        let hostile = "Evil\" &amp; '&lt;script>alert(1)&lt;/script>' ]]&gt; \u{202E}fdp.exe%0A::error::x"
        return try Fixtures.eligibleApplication()
            .replacingOccurrences(
                of: "Precisionsmedicin för tidig cancerdiagnostik i primärvården",
                with: hostile.replacingOccurrences(of: "<", with: "&lt;")
            )
            .replacingOccurrences(
                of: "<name>Region Stockholm</name>",
                with: "<name>\(hostile)\nline two</name>"
            )
            .replacingOccurrences(of: "<legalForm>region</legalForm>", with: "<legalForm>enskild-firma</legalForm>")
    }

    @Test("Every format parses, and no application text becomes markup")
    func hostile() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let application = try Fixtures.write(Self.hostileApplication(), to: "hostile <app>.xml", in: folder)
        let out = folder.appending(path: "out").path
        let formats = ["junit", "sarif", "json", "svrl", "tap", "github", "markdown", "text"]
        var arguments = ["check", application, "--output-dir", out + "/html"]
        for format in formats { arguments += ["--format", "\(format)=\(out)/report.\(format)"] }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let result = try BinaryRunner.run(arguments)
        #expect(result.exitCode == 1, "\(result.standardError)")

        for format in ["junit", "svrl"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(out)/report.\(format)"))
            #expect(throws: Never.self) { _ = try XMLDocument.parse(data, name: format) }
        }
        for format in ["sarif", "json"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(out)/report.\(format)"))
            #expect(throws: Never.self) { _ = try JSONSerialization.jsonObject(with: data) }
        }
        // The page is named after the file's whole path: every byte outside letters, digits,
        // `-` and `.` written as `_` and hex, so `<`, `>` and the space never reach a file name.
        let pages = try FileManager.default.contentsOfDirectory(atPath: out + "/html").filter { $0 != "index.html" }
        #expect(pages.count == 1)
        #expect(pages.first?.hasSuffix("hostile_20_3Capp_3E.xml.html") == true, "\(pages)")
        let html = try String(contentsOfFile: out + "/html/" + (pages.first ?? ""), encoding: .utf8)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;"))
        let markdown = try String(contentsOfFile: out + "/report.markdown", encoding: .utf8)
        #expect(!markdown.contains("<script"))
        let github = try String(contentsOfFile: out + "/report.github", encoding: .utf8)
        for line in github.split(separator: "\n") {
            #expect(line.hasPrefix("::"), "every line is a workflow command: \(line)")
        }
        // The application's "%0A" must not turn into a line break that starts a new command.
        #expect(github.contains("%250A::error::x"))
        let junit = try String(contentsOfFile: out + "/report.junit", encoding: .utf8)
        #expect(junit.contains("SE-ORG-003"))
    }

    @Test("SOURCE_DATE_EPOCH makes the HTML report reproducible byte for byte")
    func reproducible() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["SOURCE_DATE_EPOCH": "1767225600"]
        for run in ["a", "b"] {
            let result = try BinaryRunner.run(
                ["check", "Examples/warnings-only.sv.xml", "--format", "html=\(folder.path)/\(run).html"],
                environment: environment
            )
            #expect(result.exitCode == 0)
        }
        let first = try Data(contentsOf: folder.appending(path: "a.html"))
        #expect(first == (try Data(contentsOf: folder.appending(path: "b.html"))))
        #expect(String(decoding: first, as: UTF8.self).contains("2026-01-01T00:00:00Z"))
    }

    @Test("Several applications in one HTML file are one document, each on its own named page with its own footer")
    func oneHTMLDocument() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appending(path: "all.html").path
        let result = try BinaryRunner.run([
            "check", "Examples/no-area.sv.xml", "Examples/warnings-only.sv.xml", "--format", "html=\(out)",
        ])
        #expect(result.exitCode == 1, "\(result.standardError)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.components(separatedBy: "<!DOCTYPE html>").count == 2, "one document")
        #expect(html.components(separatedBy: "</html>").count == 2)
        #expect(html.contains("<article class=\"application\" style=\"page: application-1\">"))
        #expect(html.contains("<article class=\"application\" style=\"page: application-2\">"))
        #expect(html.contains("@page application-1 {\n  @bottom-left { content: \"Examples/no-area.sv.xml\""))
        #expect(html.contains("@page application-2 {\n  @bottom-left { content: \"Examples/warnings-only.sv.xml\""))
    }

    @Test("A file name with & and quotes stays literal in the printed footer (CSS, not HTML, escaping)")
    func footerEscaping() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Fixtures.write(try Fixtures.eligibleApplication(), to: "R&D \"x\".xml", in: folder)
        let out = folder.appending(path: "r.html").path
        _ = try BinaryRunner.run(["check", path, "--format", "html=\(out)"])
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("R&D \\\"x\\\".xml\";"), "the footer string is CSS-escaped")
        #expect(!html.contains("R&amp;D \\\"x"), "no HTML entity inside <style>")
    }

    @Test("Two formats to standard output are refused before any work")
    func oneStandardOutput() throws {
        let result = try BinaryRunner.run([
            "check", "Examples/warnings-only.sv.xml", "--format", "json", "--format", "tap",
        ])
        #expect(result.exitCode == 3)
        #expect(result.standardOutput.isEmpty)
    }

    @Test("Per-application pages are named after their file's path: adding an application renames none")
    func stablePageNames() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try Fixtures.eligibleApplication()
        _ = try Fixtures.write(text, to: "b.xml", in: folder)
        func pages() throws -> Set<String> {
            let out = folder.appending(path: "html").path
            try? FileManager.default.removeItem(atPath: out)
            _ = try BinaryRunner.run(["check", folder.path, "--output-dir", out, "--format", "json=/dev/null"])
            return Set(try FileManager.default.contentsOfDirectory(atPath: out))
        }
        let before = try pages()
        _ = try Fixtures.write(text, to: "a b.xml", in: folder)
        let after = try pages()
        #expect(before.count == 2)
        #expect(before.isSubset(of: after), "\(before) → \(after)")
        #expect(after.contains { $0.hasSuffix("__a_20b.xml.html") }, "\(after)")
    }
}
