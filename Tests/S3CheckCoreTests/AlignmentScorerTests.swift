import Foundation
import S3CheckCore
import SafeXML
import Testing

@Suite("Smart-specialisation scoring")
struct AlignmentScorerTests {
    static let scorer: AlignmentScorer = {
        let ruleSet = try! RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
        return AlignmentScorer(strategy: ruleSet.strategy!)
    }()

    private func alignment(title: String = "", summary: String = "", keywords: [String] = [], nace: String? = nil)
        throws
        -> S3Alignment
    {
        let escape = { (text: String) in
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        let keywordXML = keywords.map { "<keyword>\(escape($0))</keyword>" }.joined()
        let partner = nace.map { "<partners><partner><nace>\($0)</nace></partner></partners>" } ?? ""
        let text = """
            <application xmlns="urn:s3check:application:1"><project><title>\(escape(title))</title>
            <summary>\(escape(summary))</summary><keywords>\(keywordXML)</keywords></project>\(partner)</application>
            """
        let document = try XMLDocument.parse(Data(text.utf8), name: "t.xml")
        return Self.scorer.score(try #require(document.root))
    }

    private func score(_ alignment: S3Alignment, _ area: String) -> Double {
        alignment.score(of: area)?.score ?? -1
    }

    @Test(
        "Swedish inflected and definite forms find their area",
        arguments: [
            ("läkemedlet och läkemedlen", "life-science"),
            ("dagvattnet", "hallbar-stadsutveckling"),
            ("cyklarna", "hallbar-stadsutveckling"),
            ("vården och omsorgen", "life-science"),
            ("klimatet i staden", "hallbar-stadsutveckling"),
            ("industrins tillverkningen", "hallbar-produktion"),
            ("digitaliseringen av tjänsterna", "ikt"),
        ]
    )
    func inflection(_ text: String, _ area: String) throws {
        let result = try alignment(summary: text)
        #expect(result.best?.id == area)
    }

    @Test(
        "Compounds find the term inside the word",
        arguments: [
            ("läkemedelsutveckling", "life-science"),
            ("cirkulärekonomi", "hallbar-produktion"),
            ("klimatanpassning", "hallbar-stadsutveckling"),
            ("cybersäkerhetsplattform", "ikt"),
        ]
    )
    func compounds(_ word: String, _ area: String) throws {
        #expect(try alignment(summary: word).best?.id == area)
    }

    @Test("energieffektivisering counts for production and urban development, not health")
    func sharedCompound() throws {
        let result = try alignment(summary: "energieffektivisering")
        #expect(score(result, "hallbar-produktion") > 0)
        #expect(score(result, "hallbar-stadsutveckling") > 0)
        #expect(score(result, "life-science") == 0)
    }

    @Test("NFD input scores exactly as NFC input")
    func unicodeNormalisation() throws {
        let nfc = "Hälsodata för läkemedelsprövningar i vården".precomposedStringWithCanonicalMapping
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(Array(nfc.unicodeScalars) != Array(nfd.unicodeScalars))
        let first = try alignment(title: nfc)
        let second = try alignment(title: nfd)
        #expect(first.areas.map(\.score) == second.areas.map(\.score))
        #expect(score(first, "life-science") > 0)
    }

    @Test("Case does not matter")
    func caseFolding() throws {
        #expect(try alignment(title: "KLIMATANPASSNING").areas == alignment(title: "klimatanpassning").areas)
        // Latin-1 letters take a fast path of their own.
        #expect(
            try alignment(title: "LÄKEMEDELSPRÖVNING ÅTERVINNING").areas
                == alignment(title: "läkemedelsprövning återvinning").areas)
        #expect(score(try alignment(title: "LÄKEMEDELSPRÖVNING"), "life-science") > 0)
    }

    @Test("× and ÷ separate words like other symbols")
    func latinSymbols() throws {
        #expect(try alignment(title: "klimat×läkemedel").areas == alignment(title: "klimat läkemedel").areas)
        #expect(try alignment(title: "klimat÷läkemedel").areas == alignment(title: "klimat läkemedel").areas)
        #expect(try alignment(title: "klimat×läkemedel").areas != alignment(title: "klimatläkemedel").areas)
    }

    @Test("A short term matches only at the start of a word: ikt is not found in riktning")
    func shortTerms() throws {
        #expect(score(try alignment(summary: "riktning"), "ikt") == 0)
        #expect(score(try alignment(summary: "ikt-lösningar"), "ikt") > 0)
        #expect(score(try alignment(summary: "AI"), "ikt") > 0)
        #expect(score(try alignment(summary: "kaiser"), "ikt") == 0)
    }

    @Test("Hyphenated words match through their joined form and their parts")
    func hyphens() throws {
        #expect(score(try alignment(summary: "nya e-tjänster"), "ikt") > 0)
        #expect(score(try alignment(summary: "hälso- och sjukvård"), "life-science") > 0)
    }

    @Test("English text finds the same areas")
    func english() throws {
        #expect(try alignment(summary: "clinical trials of a new drug for cancer patients").best?.id == "life-science")
        #expect(try alignment(summary: "machine learning software for cybersecurity").best?.id == "ikt")
        #expect(
            try alignment(summary: "recycling batteries in circular manufacturing").best?.id == "hallbar-produktion")
        #expect(
            try alignment(summary: "stormwater and biodiversity in climate-adapted cities").best?.id
                == "hallbar-stadsutveckling")
    }

    @Test("Mixed Swedish and English text adds up within one area")
    func mixed() throws {
        let swedish = try alignment(summary: "kliniska studier")
        let both = try alignment(summary: "kliniska studier, clinical trials")
        #expect(score(both, "life-science") > score(swedish, "life-science"))
        #expect(both.best?.id == "life-science")
    }

    @Test("A long text does not win by length: repeating it barely moves the score")
    func lengthNormalisation() throws {
        let paragraph = "Projektet utvecklar cirkulär tillverkning med återvinning av material i industrin. "
        let once = score(try alignment(summary: paragraph), "hallbar-produktion")
        let tenTimes = score(try alignment(summary: String(repeating: paragraph, count: 10)), "hallbar-produktion")
        #expect(tenTimes < once * 2)
        #expect(tenTimes > 0)
    }

    @Test("Partners' NACE codes are evidence, by prefix")
    func naceEvidence() throws {
        let result = try alignment(nace: "21.20")
        #expect(result.best?.id == "life-science")
        #expect(result.best?.evidence.first?.kind == .nace)
        #expect(score(try alignment(nace: "01.11"), "life-science") == 0)
    }

    @Test("Every score comes with its evidence: what matched, where and how often")
    func evidence() throws {
        let result = try alignment(title: "Dagvatten", summary: "dagvatten och dagvattnet")
        let area = try #require(result.score(of: "hallbar-stadsutveckling"))
        let fields = Set(area.evidence.map(\.field))
        #expect(fields == ["title", "summary"])
        #expect(area.evidence.first { $0.field == "summary" }?.count == 2)
        #expect(abs(area.share - 100) < 0.01)
    }

    @Test("Text that fits no area scores zero everywhere")
    func noArea() throws {
        let result = try alignment(title: "Ett bageri i Gamla stan", summary: "Vi bakar bröd och säljer kaffe.")
        #expect(result.best == nil)
    }

    @Test("An intervention-field share outside 0–100 % counts as the nearest bound, never as infinity")
    func extremeShares() throws {
        func scores(share: String) throws -> [Double] {
            let text = """
                <application xmlns="urn:s3check:application:1"><project><title>x</title>
                <interventionFields><field code="019" share="\(share)"/></interventionFields></project></application>
                """
            let document = try XMLDocument.parse(Data(text.utf8), name: "t.xml")
            return Self.scorer.score(try #require(document.root)).areas.map(\.score)
        }
        let huge = "1" + String(repeating: "0", count: 400)
        #expect(try scores(share: huge).allSatisfy(\.isFinite))
        #expect(try scores(share: huge) == scores(share: "100"))
        #expect(try scores(share: "-50") == scores(share: "0"))
        #expect(try scores(share: "100").contains { $0 > 0 }, "field 019 belongs to an area")
    }
}
