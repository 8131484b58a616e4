import Foundation
import S3CheckTestSupport
import Testing

/// The applicant's first hour: a template to start from, typos named with a suggestion,
/// options in either position, and numbers as people write them.
@Suite("The applicant's first hour")
struct ApplicantTests {
    private func folder() throws -> URL { try Fixtures.temporaryFolder() }

    @Test("s3check new writes a template whose check lists every field to fill in, in order", arguments: ["sv", "en"])
    func template(language: String) throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try BinaryRunner.run(["new", "--lang", language, "application.xml"], in: folder)
        #expect(made.exitCode == 0, "\(made.standardError)")
        let text = try String(contentsOf: folder.appending(path: "application.xml"), encoding: .utf8)
        #expect(text.contains("xsi:schemaLocation=\"urn:s3check:application:1 application-1.xsd\""))
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "application-1.xsd").path))
        let marker = language == "sv" ? "[fyll i:" : "[fill in:"
        // Values only: as an attribute's or an element's whole text, not the header comment's mention.
        let placeholders = ["\"" + marker, ">" + marker].map { text.components(separatedBy: $0).count - 1 }.reduce(0, +)
        #expect(placeholders > 20)

        let checked = try BinaryRunner.run(
            ["check", "--lang", language, "--format", "json", "application.xml"], in: folder)
        #expect(checked.exitCode == 2)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(checked.standardOutput.utf8)) as? [String: Any])
        let application = try #require((report["applications"] as? [[String: Any]])?.first)
        let findings = try #require(application["findings"] as? [[String: Any]])
        // One finding per placeholder and nothing else: no schema complaint about a placeholder.
        #expect(findings.allSatisfy { $0["ruleId"] as? String == "S3C-FILL-IN" })
        #expect(findings.count == placeholders)
        let lines = findings.compactMap { ($0["location"] as? [String: Any])?["line"] as? Int }
        #expect(lines == lines.sorted())
        let labels = findings.compactMap { (($0["field"] as? [String: Any])?["label"] as? [String: String])?[language] }
        #expect(labels.contains(language == "sv" ? "Projekt › Startdatum" : "Project › Start date"))
        // Field names people recognise: no raw attribute names left as labels.
        #expect(!labels.contains { $0.hasSuffix("› amount") || $0.hasSuffix("› code") })

        let again = try BinaryRunner.run(["new", "--lang", language, "application.xml"], in: folder)
        #expect(again.exitCode == 3)
        #expect(try String(contentsOf: folder.appending(path: "application.xml"), encoding: .utf8) == text)
    }

    @Test("A filled-in template passes the schema; a call pack fills in its call id")
    func filledTemplate() throws {
        let made = try BinaryRunner.run(
            ["new", "--lang", "sv", "--rules", "shipped:se/stockholm/calls/example-call-2026.xml"])
        #expect(made.standardOutput.contains("<call id=\"STHLM-2026-RI\""))
    }

    @Test("s3check schema writes the three schemas and leaves a different file alone")
    func schema() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try BinaryRunner.run(["schema", "--output-dir", folder.path])
        #expect(written.exitCode == 0)
        for name in ["application-1.xsd", "rules-1.xsd", "strategy-1.xsd"] {
            let text = try String(contentsOf: folder.appending(path: name), encoding: .utf8)
            #expect(text.contains("http://www.w3.org/2001/XMLSchema"))
        }
        try "mine".write(to: folder.appending(path: "rules-1.xsd"), atomically: true, encoding: .utf8)
        let refused = try BinaryRunner.run(["schema", "--output-dir", folder.path])
        #expect(refused.exitCode == 3)
        #expect(try String(contentsOf: folder.appending(path: "rules-1.xsd"), encoding: .utf8) == "mine")
    }

    @Test("A mistyped element is named as the file has it, with the valid name suggested", arguments: ["sv", "en"])
    func typo(language: String) throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try Fixtures.eligibleApplication().replacingOccurrences(of: "startDate>", with: "startdate>")
        let path = try Fixtures.write(text, to: "typo.xml", in: folder)
        let result = try BinaryRunner.run(["check", "--lang", language, path])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput.contains("<startdate>"))
        #expect(result.standardOutput.contains(language == "sv" ? "Menade du <startDate>" : "Did you mean <startDate>"))
        #expect(!result.standardOutput.contains("Rules/schema"))
    }

    @Test("Options before the subcommand work as after it")
    func optionsFirst() throws {
        let before = try BinaryRunner.run(["--lang", "sv", "s3", "Examples/no-area.sv.xml"])
        let after = try BinaryRunner.run(["s3", "--lang", "sv", "Examples/no-area.sv.xml"])
        #expect(before.exitCode == after.exitCode)
        #expect(before.standardOutput == after.standardOutput)
        #expect(before.standardOutput.contains("Slutsats"))
        let format = try BinaryRunner.run(["--format", "json", "check", "Examples/no-area.sv.xml"])
        #expect(format.standardOutput.hasPrefix("{"))
    }

    @Test("Amounts and percentages read as each language writes them", arguments: ["sv", "en"])
    func numbers(language: String) throws {
        let result = try BinaryRunner.run(["check", "--lang", language, "Examples/not-eligible-cofinancing.sv.xml"])
        let nbsp = "\u{00A0}"
        if language == "sv" {
            #expect(
                result.standardOutput.contains(
                    "högst 2\(nbsp)058\(nbsp)000\(nbsp)kr (i dag 2\(nbsp)829\(nbsp)750\(nbsp)kr)"))
            #expect(result.standardOutput.contains("55 % av de stödberättigande kostnaderna; högst 40 %"))
        } else {
            #expect(result.standardOutput.contains("at most SEK\(nbsp)2,058,000 (now SEK\(nbsp)2,829,750)"))
            #expect(result.standardOutput.contains("55 % of eligible costs; at most 40 %"))
        }
        #expect(!result.standardOutput.contains("5145000"))
        #expect(result.standardOutput.contains(language == "sv" ? "1 ansökan" : "1 application"))
    }

    @Test(
        "Schema errors say what is wrong and what to write",
        arguments: [
            (
                "partner=\"P3\" year=\"2027\"", "partner=\"P9\" year=\"2027\"",
                "anger parten P9, som inte finns i ansökan"
            ),
            (
                "<startDate>2026-09-01</startDate>", "<startDate>2026-02-30</startDate>",
                "det datumet finns inte i kalendern"
            ),
            (
                "<startDate>2026-09-01</startDate>", "<startDate>1/9 2026</startDate>",
                "ÅÅÅÅ-MM-DD, till exempel 2026-09-01"
            ),
            ("category=\"equipment\"", "category=\"Equipment\"", "Menade du equipment?"),
            ("amount=\"400000\"", "amount=\"400 000\"", "utan mellanslag"),
            ("<country>SE</country>\n      <legalForm>region", "<legalForm>region", "Fältet <country> (Land) saknas"),
        ])
    func schemaMessages(original: String, replacement: String, expected: String) throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try Fixtures.eligibleApplication()
        #expect(base.contains(original), "the fixture has \(original)")
        let path = try Fixtures.write(
            base.replacingOccurrences(of: original, with: replacement), to: "changed.xml", in: folder)
        let result = try BinaryRunner.run(["check", "--lang", "sv", path])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput.contains(expected), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("Rätta fältet enligt ansökningsschemat"))
    }

    @Test("A mistyped command is named with the one meant, not checked as a missing file")
    func mistypedCommand() throws {
        let result = try BinaryRunner.run(["--lang", "sv", "chek", "Examples/no-area.sv.xml"])
        #expect(result.exitCode == 3)
        #expect(result.standardError.contains("menade du kommandot check?"))
        #expect(!result.standardOutput.contains("S3C-IO"))
        // A real file of that name is still a file.
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Fixtures.write(try Fixtures.eligibleApplication(), to: "chek", in: folder)
        let file = try BinaryRunner.run(["chek"], in: folder)
        #expect(file.exitCode == 0, "\(file.standardError)")
    }

    @Test("explain gives parameter values with their units in the report's language")
    func explainUnits() throws {
        let swedish = try BinaryRunner.run(["explain", "EU-COF-001", "--lang", "sv"]).standardOutput
        #expect(swedish.contains("från 2021-01-01: 40\u{00A0}%"))
        #expect(!swedish.contains("percent"))
        #expect(swedish.contains("en andel av en helhet"))
        let english = try BinaryRunner.run(["explain", "SE-S3-002", "--lang", "en"]).standardOutput
        #expect(english.contains("150 characters"))
    }

    @Test("Usage errors in Swedish when Swedish is asked for, with the parser's suggestion")
    func swedishUsageErrors() throws {
        let unknown = try BinaryRunner.run(["--lang", "sv", "--formt", "json", "Examples"])
        #expect(unknown.exitCode == 3)
        #expect(unknown.standardError.contains("Fel: Okänd flagga --formt. Menade du --format?"))
        #expect(!unknown.standardError.contains("Error:"))
        let missing = try BinaryRunner.run(["check", "--lang", "sv"])
        #expect(missing.standardError.contains("Ange minst en ansökningsfil eller mapp"))
        let invalid = try BinaryRunner.run(["--lang", "sv", "check", "--lang", "se", "Examples"])
        #expect(invalid.standardError.contains("Värdet ”se” är ogiltigt för --lang <lang>; välj ett av sv, en."))
        let english = try BinaryRunner.run(["--lang", "en", "--formt", "json", "Examples"])
        #expect(english.standardError.contains("Error: Unknown option '--formt'"))
    }
}
