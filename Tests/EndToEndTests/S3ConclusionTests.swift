import Foundation
import S3CheckTestSupport
import Testing

/// The smart-specialisation conclusion is one value: every format shows it, and the S3 rules
/// decide by it, so what a case officer reads and what the rules decide cannot disagree.
@Suite("The S3 conclusion")
struct S3ConclusionTests {
    /// Applications across the conclusions: clear, several areas, none, no evidence at all.
    static func applications(in folder: URL) throws -> [String] {
        let eligible = try Fixtures.eligibleApplication()
        let title = "Precisionsmedicin för tidig cancerdiagnostik i primärvården"
        let variants = [
            // Life-science text under an ICT title and keywords: both areas supported, neither clearly.
            "several.sv.xml": eligible.replacingOccurrences(of: title, with: "Mjukvara och AI för digitala tjänster")
                .replacing(
                    #/<keywords>[\s\S]*</keywords>/#,
                    with: "<keywords><keyword>mjukvara</keyword><keyword>AI</keyword></keywords>"),
            "declared-elsewhere.sv.xml": eligible.replacingOccurrences(
                of: "<area ref=\"life-science\"/>", with: "<area ref=\"hallbar-stadsutveckling\"/>"),
        ]
        var paths = try FileManager.default.contentsOfDirectory(atPath: Fixtures.examples.path)
            .filter { $0.hasSuffix(".xml") && $0 != "schema-invalid.sv.xml" }.sorted()
            .map { Fixtures.examples.appending(path: $0).path }
        for (name, text) in variants.sorted(by: { $0.key < $1.key }) {
            paths.append(try Fixtures.write(text, to: name, in: folder))
        }
        return paths
    }

    @Test("SE-S3-004, SE-S3-005 and SE-S3-006 fail exactly where the conclusion says they should")
    func rulesFollowTheConclusion() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try BinaryRunner.run(["check", "--format", "json"] + Self.applications(in: folder))
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let applications = try #require(report["applications"] as? [[String: Any]])
        var seen: Set<String> = []
        for application in applications {
            let file = application["file"] as? String ?? ""
            let alignment = try #require(application["alignment"] as? [String: Any], "\(file)")
            let conclusion = try #require(alignment["conclusion"] as? [String: Any])
            let supported = conclusion["supported"] as? [String] ?? []
            let clear = conclusion["clear"] as? Bool ?? false
            let declared = alignment["declared"] as? [String] ?? []
            let scores = Dictionary(
                uniqueKeysWithValues: (alignment["areas"] as? [[String: Any]] ?? []).map {
                    ($0["id"] as? String ?? "", $0["score"] as? Double ?? 0)
                })
            let failed = Set((application["findings"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String })
            #expect(failed.contains("SE-S3-006") == supported.isEmpty, "\(file)")
            let weak = declared.contains { (scores[$0] ?? 0) > 0 && !supported.contains($0) }
            #expect(failed.contains("SE-S3-004") == weak, "\(file)")
            let elsewhere = clear && !declared.contains(supported[0])
            #expect(failed.contains("SE-S3-005") == elsewhere, "\(file)")
            seen.insert(supported.isEmpty ? "none" : clear ? "clear" : "several")
            if elsewhere { seen.insert("elsewhere") }
        }
        #expect(seen == ["none", "clear", "several", "elsewhere"], "the applications cover every conclusion")
    }

    @Test("Every format carries the conclusion, in the report's language")
    func everyFormat() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.path
        let formats = ["junit", "sarif", "json", "tap", "markdown", "text", "html", "svrl", "github"]
        var arguments = ["check", "Examples/misdeclared-area.sv.xml", "Examples/no-area.sv.xml"]
        for format in formats { arguments += ["--format", "\(format)=\(out)/report.\(format)"] }
        for language in ["en", "sv"] {
            let result = try BinaryRunner.run(arguments + ["--lang", language])
            #expect(result.exitCode == 1, "\(result.standardError)")
            func read(_ format: String) throws -> String {
                try String(contentsOfFile: "\(out)/report.\(format)", encoding: .utf8)
            }
            let sentences =
                language == "en"
                ? (
                    supports: "The evidence supports Life science, health and care: ",
                    none: "Nothing in the application points to an area of the strategy."
                )
                : (
                    supports: "Evidensen stöder Life science, vård och hälsa: ",
                    none: "Inget i ansökan pekar på något område i strategin."
                )
            for format in ["text", "junit", "sarif", "tap", "html", "svrl", "github"] {
                let text = try read(format)
                #expect(text.contains(sentences.supports), "\(format) \(language)")
                #expect(text.contains(sentences.none), "\(format) \(language)")
            }
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(read("json").utf8)) as? [String: Any])
            let conclusions = (json["applications"] as? [[String: Any]] ?? []).map {
                (($0["alignment"] as? [String: Any])?["conclusion"] as? [String: Any])?["supported"] as? [String]
            }
            #expect(conclusions == [["life-science"], []])
            let markdown = try read("markdown")
            // Every row of the summary table has as many cells as its header, or GitHub drops one.
            let summary = markdown.components(separatedBy: "\n\n").first { $0.contains("| --- |") } ?? ""
            let table = summary.split(separator: "\n").filter { $0.hasPrefix("|") }
            #expect(table.count == 4, "header, rule and two applications")
            let cells = Set(table.map { $0.filter { $0 == "|" }.count })
            #expect(cells.count == 1, "\(table)")
            #expect(markdown.contains("ikt → life-science ("))
            #expect(markdown.contains("hallbar-produktion → \(language == "en" ? "none" : "inget")"))
            #expect(try read("junit").contains("name=\"s3.supported\" value=\"life-science\""))
            #expect(try read("tap").contains("supported: [\"life-science\"]"))
        }
    }
}
