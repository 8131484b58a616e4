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
}
