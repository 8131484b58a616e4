import Foundation
import S3CheckTestSupport
import Testing

/// Locations as GitHub code scanning maps them: relative to `%SRCROOT%` (the working
/// directory) inside it, an absolute `file:` URI outside it, never `../` or a bare absolute path.
@Suite("SARIF locations")
struct SARIFLocationTests {
    private func locations(_ sarif: String) throws -> (base: String, uris: [[String: String]]) {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let base = try #require(
            ((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: String])?["uri"])
        let results = run["results"] as? [[String: Any]] ?? []
        let uris = results.compactMap { result in
            (((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                "artifactLocation"] as? [String: String])
        }
        return (base, uris)
    }

    @Test("Inside the working directory: normalised and relative to %SRCROOT%; outside: an absolute file URI")
    func locations() throws {
        let inside = try BinaryRunner.run(["check", "--format", "sarif", "Examples/../Examples/no-area.sv.xml"])
        let (base, uris) = try locations(inside.standardOutput)
        #expect(base.hasPrefix("file:///") && base.hasSuffix("/"))
        #expect(!uris.isEmpty)
        for uri in uris {
            #expect(uri == ["uri": "Examples/no-area.sv.xml", "uriBaseId": "%SRCROOT%"])
        }
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outsidePath = try Fixtures.write(
            try String(contentsOf: Fixtures.examples.appending(path: "no-area.sv.xml"), encoding: .utf8),
            to: "outside.xml", in: folder)
        let outside = try BinaryRunner.run(["check", "--format", "sarif", outsidePath])
        for uri in try locations(outside.standardOutput).uris {
            #expect(uri["uri"]?.hasPrefix("file:///") == true && uri["uri"]?.hasSuffix("/outside.xml") == true)
            #expect(uri["uriBaseId"] == nil)
            #expect(uri["uri"]?.contains("..") == false)
        }
    }

    @Test("Columns count Unicode code points, and the run says so: astral and combining characters before a node")
    func columnKind() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(
            contentsOf: Fixtures.examples.appending(path: "not-eligible-cofinancing.sv.xml"), encoding: .utf8)
        // Ten code points before the element: "<!--", U+1F600 (two UTF-16 units), "e" with a
        // combining acute (two code points, one character), "-->".
        let edited = text.replacingOccurrences(
            of: "      <municipality code=\"0380\"", with: "      <!--\u{1F600}e\u{301}--><municipality code=\"0380\"")
        #expect(edited != text)
        let path = try Fixtures.write(edited, to: "columns.xml", in: folder)
        let result = try BinaryRunner.run(["check", "--format", "sarif", path])
        let log = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let results = try #require(run["results"] as? [[String: Any]])
        let location = try #require(results.first { $0["ruleId"] as? String == "SE-LOC-002" })
        let region =
            ((location["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]
            as? [String: Any]
        // Without the comment the finding is at column 21 (the code attribute).
        #expect(region?["startColumn"] as? Int == 31)
    }
}
