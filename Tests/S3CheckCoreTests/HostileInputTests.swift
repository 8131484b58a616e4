import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("Bad and hostile applications are refused with a clear reason, never assessed")
struct HostileInputTests {
    /// One checker per test: tests run in parallel and compiled XPath is bound to its thread.
    let checker: ApplicationChecker

    init() throws {
        checker = try ApplicationChecker(ruleSet: RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack))
    }

    private func check(_ text: String) -> ApplicationReport {
        checker.check(Data(text.utf8), file: "hostile.xml")
    }

    private func refused(
        _ report: ApplicationReport, as id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(report.verdict == .cannotBeAssessed, sourceLocation: sourceLocation)
        #expect(
            report.findings.map(\.ruleID).contains(id), "\(report.findings.map(\.ruleID))",
            sourceLocation: sourceLocation)
        for finding in report.findings {
            #expect(!finding.message.sv.isEmpty && !finding.message.en.isEmpty, sourceLocation: sourceLocation)
            #expect(!finding.message.en.contains("XML_PARSE_HUGE"), sourceLocation: sourceLocation)
            #expect(!finding.message.sv.contains("XML_PARSE_HUGE"), sourceLocation: sourceLocation)
        }
    }

    @Test(
        "Input that is not an application is refused",
        arguments: [
            ("", "S3C-XML"),
            ("PK\u{03}\u{04} this is a zip file", "S3C-XML"),
            ("<application xmlns=\"urn:s3check:application:1\" formatVersion=\"1.0\"><call", "S3C-XML"),
            ("<applikation xmlns=\"urn:s3check:application:1\"/>", "S3C-FORMAT"),
            ("<application xmlns=\"urn:example:other\" formatVersion=\"1.0\"/>", "S3C-FORMAT"),
            ("<application xmlns=\"urn:s3check:application:1\" formatVersion=\"2.0\"/>", "S3C-VERSION"),
        ]
    )
    func notAnApplication(_ text: String, _ id: String) {
        refused(check(text), as: id)
    }

    @Test("An empty file says it is empty, in both languages")
    func empty() {
        let report = check("")
        #expect(report.findings.first?.message.en == "The file is empty.")
        #expect(report.findings.first?.message.sv == "Filen är tom.")
    }

    @Test(
        "A file that is not XML says so, not that it is empty",
        arguments: ["Hej, detta är en text.\n", "{\"application\": 1}\n", "%PDF-1.4\n%âãÏÓ\n", "\rAnna Berg\u{0}\u{0}"]
    )
    func notXML(_ text: String) {
        let report = check(text)
        #expect(report.verdict == .cannotBeAssessed)
        #expect(report.findings.first?.message.en.hasPrefix("The file is not XML") == true, "\(report.findings)")
        #expect(report.findings.first?.message.sv.hasPrefix("Filen är inte XML") == true)
        #expect(report.findings.first?.hint?.en.contains("Word lock file") == true)
    }

    @Test("Invalid UTF-8 is refused with its line")
    func invalidUTF8() throws {
        var data = Data(try Fixtures.eligibleApplication().utf8)
        let index = try #require(data.firstRange(of: Data("Precisionsmedicin".utf8)))
        data[index.lowerBound] = 0xFF
        let report = checker.check(data, file: "bad.xml")
        refused(report, as: "S3C-XML")
        let line = data[..<index.lowerBound].filter { $0 == UInt8(ascii: "\n") }.count + 1
        #expect(report.findings.first?.location?.line == line)
        #expect(report.findings.first?.message.en.contains("UTF-8") == true)
    }

    @Test("UTF-16 with a byte-order mark is a valid application")
    func utf16() throws {
        let text = try Fixtures.eligibleApplication().replacingOccurrences(
            of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        var data = Data([0xFF, 0xFE])
        data.append(text.data(using: .utf16LittleEndian)!)
        let report = checker.check(data, file: "utf16.xml")
        #expect(report.verdict == .eligible, "\(report.findings.map(\.message.en))")
    }

    @Test(
        "External entities in every form are refused and nothing is read",
        arguments: [
            "<!DOCTYPE application [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
            "<!DOCTYPE application [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>",
            "<!DOCTYPE application SYSTEM \"file:///etc/passwd\">",
            "<!DOCTYPE application SYSTEM \"http://127.0.0.1:9/evil.dtd\">",
        ]
    )
    func externalEntities(_ doctype: String) throws {
        let text = try Fixtures.eligibleApplication()
            .replacingOccurrences(
                of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "<?xml version=\"1.0\"?>\n" + doctype
            )
            .replacingOccurrences(of: "<acronym>PRECIS-PV</acronym>", with: "<acronym>&x;</acronym>")
        let report = check(text)
        #expect(report.verdict == .cannotBeAssessed)
        let everything = report.findings.map { $0.message.en + $0.message.sv }.joined()
        #expect(!everything.contains("root:"))
    }

    @Test("Billion laughs and quadratic blow-ups are refused")
    func entityExpansion() {
        var laughs = "<!ENTITY l0 \"ha\">"
        for level in 1...9 { laughs += "<!ENTITY l\(level) \"\(String(repeating: "&l\(level - 1);", count: 10))\">" }
        // The DOCTYPE is named as the cause, not the entity error it led to.
        refused(check("<!DOCTYPE application [\(laughs)]><application>&l9;</application>"), as: "S3C-DOCTYPE")
        let big = String(repeating: "x", count: 20_000)
        let references = String(repeating: "&e;", count: 20_000)
        refused(
            check("<!DOCTYPE application [<!ENTITY e \"\(big)\">]><application>\(references)</application>"),
            as: "S3C-DOCTYPE")
        refused(
            check("<!DOCTYPE application [<!ENTITY e \"\(big)\">]><application a=\"\(references)\"/>"),
            as: "S3C-DOCTYPE")
    }

    @Test("100 000-deep nesting is refused with the depth limit in our own words")
    func deepNesting() {
        let depth = 100_000
        let report = check(String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth))
        refused(report, as: "S3C-XML")
        #expect(report.findings.first?.message.en.contains("256 levels") == true)
    }

    @Test("A file over the size limit is refused before parsing")
    func tooLarge() throws {
        let ruleSet = try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
        let small = try ApplicationChecker(ruleSet: ruleSet, options: .init(limits: .init(maximumBytes: 1000)))
        let report = small.check(Data(try Fixtures.eligibleApplication().utf8), file: "big.xml")
        #expect(report.verdict == .cannotBeAssessed)
        #expect(report.findings.first?.ruleID == "S3C-TOO-LARGE")
        #expect(report.findings.first?.hint?.en.contains("--max-size") == true)
    }

    @Test("A 1 MB attribute and thousands of partners and cost lines are checked, not refused")
    func largeButLegitimate() throws {
        let base = try Fixtures.eligibleApplication()
        let longAttribute = base.replacingOccurrences(
            of: "name=\"Stockholm\"",
            with: "name=\"\(String(repeating: "Stockholm ", count: 100_000))\""
        )
        // Checked in full: the 1 MB name is not Stockholm's, which SE-LOC-003 remarks on.
        let long = check(longAttribute)
        #expect(long.verdict == .eligibleWithRemarks)
        #expect(long.findings.map(\.ruleID) == ["SE-LOC-003"])
        var lines = ""
        for index in 0..<3000 {
            lines += "<costLine partner=\"P2\" year=\"2027\" category=\"travel\" amount=\"\(index % 7)\"/>\n"
        }
        let manyLines = base.replacingOccurrences(of: "  </budget>", with: lines + "  </budget>")
        let report = check(manyLines)
        #expect(report.verdict != .cannotBeAssessed)
        #expect(report.findings.contains { $0.ruleID == "EU-BUD-001" })
    }

    @Test("Every schema violation is listed with line, column and the field's name")
    func allSchemaViolations() throws {
        let text = try Fixtures.eligibleApplication()
            .replacingOccurrences(of: "<endDate>2028-08-31</endDate>", with: "<endDate>2028-02-30</endDate>")
            .replacingOccurrences(of: "category=\"equipment\"", with: "category=\"lunch\"")
            .replacingOccurrences(
                of: "<indicator code=\"RCO01\" target=\"1\"/>", with: "<indicator code=\"XYZ\" target=\"-1\"/>")
        let report = check(text)
        #expect(report.verdict == .cannotBeAssessed)
        let schema = report.findings.filter { $0.ruleID == "S3C-SCHEMA" }
        #expect(schema.count >= 4)
        #expect(schema.allSatisfy { ($0.location?.line ?? 0) > 1 && ($0.location?.column ?? 0) >= 1 })
        #expect(
            schema.contains {
                $0.message.en.contains("“Project › End date”") && $0.message.sv.contains("”Projekt › Slutdatum”")
            })
    }

    @Test("A text over the schema's length limit says how long it is and what is allowed")
    func tooLongText() throws {
        let text = try Fixtures.eligibleApplication().replacingOccurrences(
            of: "</summary>", with: String(repeating: "x", count: 21_000) + "</summary>")
        let finding = try #require(check(text).findings.first { $0.ruleID == "S3C-SCHEMA" })
        #expect(finding.message.en.contains("at most 20,000 are allowed"))
        #expect(finding.message.sv.contains("”Projekt › Sammanfattning”"))
    }
}
