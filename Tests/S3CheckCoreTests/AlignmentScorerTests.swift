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

    private func alignment(
        title: String = "", summary: String = "", keywords: [String] = [], nace: String? = nil,
        language: String? = nil
    ) throws -> S3Alignment {
        let escape = { (text: String) in
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        let keywordXML = keywords.map { "<keyword>\(escape($0))</keyword>" }.joined()
        let partner = nace.map { "<partners><partner><nace>\($0)</nace></partner></partners>" } ?? ""
        let languageXML = language.map { "<language>\($0)</language>" } ?? ""
        let text = """
            <application xmlns="urn:s3check:application:1">\(languageXML)<project><title>\(escape(title))</title>
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

    @Test("Letters that lower-case to more bytes, and long hyphenated words, grow the word buffer safely")
    func growingText() throws {
        // "İ" (2 bytes) lower-cases to "i̇" (3 bytes); a hyphenated word adds its joined form.
        let expanding = String(repeating: "İİİİ-İİİİ ", count: 2_000)
        let result = try alignment(summary: expanding + "läkemedel " + String(repeating: "a-b-c-d-e-f ", count: 500))
        #expect(result.score(of: "life-science")?.evidence.first?.matched == "läkemedel")
        #expect(result.words == 2_000 + 1 + 500)
    }

    @Test("× and ÷ separate words like other symbols")
    func latinSymbols() throws {
        #expect(try alignment(title: "ai×robot").areas == alignment(title: "ai robot").areas)
        #expect(try alignment(title: "ai÷robot").areas == alignment(title: "ai robot").areas)
        // "ai" must be a whole word, so the compound finds only "robot".
        #expect(try alignment(title: "ai×robot").areas != alignment(title: "airobot").areas)
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

    @Test(
        "The same project in Swedish and in English gets the same conclusion",
        arguments: [
            (
                "Kliniska prövningar av ett nytt läkemedel för patienter med cancer i sjukvården.",
                "Clinical trials of a new drug for cancer patients in health care.", "life-science"
            ),
            (
                "Bredband och fibernät till landsbygden och digitala tjänster för företag.",
                "Broadband and fibre networks for rural areas and digital services for companies.", "ikt"
            ),
            (
                "Automation och robotar i tillverkningsindustrin minskar materialspillet i fabriken.",
                "Automation and robots in manufacturing reduce material waste in the factory.", "hallbar-produktion"
            ),
            (
                "Energieffektiva byggnader, kollektivtrafik och dagvatten i staden.",
                "Energy efficient buildings, public transport and stormwater in the city.", "hallbar-stadsutveckling"
            ),
            (
                "Rådgivning till nya företagare om affärsplaner, marknadsföring och export.",
                "Advice for new entrepreneurs on business plans, marketing and export.", "none"
            ),
        ]
    )
    func languageParity(_ swedish: String, _ english: String, _ area: String) throws {
        let sv = try alignment(summary: swedish, language: "sv").conclusion
        let en = try alignment(summary: english, language: "en").conclusion
        #expect((sv.area ?? "none") == area)
        #expect((en.area ?? "none") == area)
    }

    @Test("Mixed Swedish and English text adds up within one area")
    func mixed() throws {
        let swedish = try alignment(summary: "kliniska studier")
        let both = try alignment(summary: "kliniska studier, clinical trials")
        #expect(score(both, "life-science") > score(swedish, "life-science"))
        #expect(both.best?.id == "life-science")
    }

    @Test("The score is how much of the text is about an area: the same text twice as long scores the same")
    func density() throws {
        let paragraph = "Projektet utvecklar cirkulär tillverkning med återvinning av material i industrin. "
        // 11 words a paragraph: 15 and 30 times are both above the strategy's 150-word minimum.
        let once = score(try alignment(summary: String(repeating: paragraph, count: 15)), "hallbar-produktion")
        let twice = score(try alignment(summary: String(repeating: paragraph, count: 30)), "hallbar-produktion")
        #expect(once > 0)
        #expect(abs(once - twice) < 0.01)
    }

    static let genericText = """
        Ett nytt system för kundregister tas fram för små företag i länet. Systemet ska göra det enklare \
        att hålla ordning på kunder, avtal och fakturor, och att följa upp försäljningen över tid. \
        Projektet kartlägger hur företagen arbetar i dag, tar fram krav tillsammans med användarna och \
        prövar systemet i tre omgångar med allt fler företag. Resultaten sprids genom seminarier, en \
        handbok och nätverksträffar för företagare.
        """

    @Test("One passing word in a long text gives the area a score but does not make the evidence support it")
    func passingMention() throws {
        let result = try alignment(summary: Self.genericText + " Miljön och den digitala kanalen nämns.")
        #expect(score(result, "hallbar-stadsutveckling") > 0)
        #expect(score(result, "ikt") > 0)
        #expect(result.conclusion.supported.isEmpty)
        #expect(result.conclusion.area == nil)
        #expect(result.conclusion.best != nil)
        #expect(!result.conclusion.clear)
    }

    @Test(
        "A term is not found inside unrelated words",
        arguments: [
            ("Projektet bygger på tidigare erfarenheter", "hallbar-stadsutveckling"),
            ("en kvantitativ uppföljning", "ikt"),
            ("behandlingen av ärenden", "ikt"),
            ("en god arbetsmiljö och ett gott företagsklimat", "hallbar-stadsutveckling"),
            ("en kreativ innovationsmiljö", "hallbar-stadsutveckling"),
        ]
    )
    func noFalseSubstrings(_ text: String, _ area: String) throws {
        #expect(score(try alignment(summary: text), area) == 0)
    }

    @Test("A term marked with a language counts only in applications written in that language")
    func termLanguage() throws {
        // "buildings" is an English term; "byggnad" a Swedish one.
        #expect(score(try alignment(summary: "Green Buildings AB", language: "sv"), "hallbar-stadsutveckling") == 0)
        #expect(score(try alignment(summary: "energy use of buildings", language: "en"), "hallbar-stadsutveckling") > 0)
        #expect(score(try alignment(summary: "byggnader", language: "en"), "hallbar-stadsutveckling") == 0)
        #expect(score(try alignment(summary: "byggnader", language: "sv"), "hallbar-stadsutveckling") > 0)
        // Without a declared language every term counts.
        #expect(score(try alignment(summary: "Green Buildings AB"), "hallbar-stadsutveckling") > 0)
    }

    @Test("A shared term goes to the area the rest of the text is about")
    func sharedTerms() throws {
        let factory = try alignment(summary: "energieffektivisering i fabriken")
        let housing = try alignment(summary: "energieffektivisering av flerbostadshus")
        let production = try #require(factory.score(of: "hallbar-produktion"))
        #expect(production.evidence.contains { $0.matched == "energieffektiv" && $0.portion == 100 })
        #expect(score(factory, "hallbar-stadsutveckling") == 0)
        #expect(score(housing, "hallbar-produktion") == 0)
        #expect(score(housing, "hallbar-stadsutveckling") > score(factory, "hallbar-stadsutveckling"))
    }

    @Test("A word counts once per area: a shared term does not count again inside an area's own term")
    func sharedTermOncePerWord() throws {
        let result = try alignment(summary: "klimatanpassning")
        let urban = try #require(result.score(of: "hallbar-stadsutveckling"))
        #expect(urban.evidence.map(\.matched) == ["klimatanpass"])
        #expect(score(result, "hallbar-produktion") == 0)
    }

    @Test("Codes alone do not make the evidence support an area: they say what partners do")
    func codesAlone() throws {
        let result = try alignment(summary: Self.genericText, nace: "62.01")
        let ict = try #require(result.score(of: "ikt"))
        #expect(ict.score >= result.conclusion.threshold)
        #expect(ict.textScore == 0)
        #expect(result.conclusion.supported.isEmpty)
    }

    @Test("One supported area is not a clear conclusion when the runner-up, below the threshold, is close")
    func closeRunnerUp() throws {
        let text = Self.genericText + " Digitala verktyg, mjukvara och en digital kanal. Produktion och industri."
        let result = try alignment(summary: text)
        #expect(result.conclusion.supported.count == 1)
        #expect(result.conclusion.runnerUpScore > 0)
        #expect(result.conclusion.runnerUpScore < result.conclusion.threshold)
        #expect(!result.conclusion.clear)
    }

    @Test("The conclusion: supported areas reach the threshold and are within the clear margin of the best")
    func conclusion() throws {
        let rule = Self.scorer.strategy.conclusion
        let health = try alignment(title: "Kliniska prövningar av läkemedel", summary: "Patienter i vården.")
        #expect(health.conclusion.supported == ["life-science"])
        #expect(health.conclusion.clear)
        #expect(health.conclusion.threshold == rule.supportedScore)
        let both = try alignment(summary: "Digitala tjänster och mjukvara för sjukvården och patienterna.")
        #expect(Set(both.conclusion.supported) == ["ikt", "life-science"])
        #expect(!both.conclusion.clear)
        let margin = try #require(both.conclusion.margin)
        #expect(margin < rule.clearMargin)
        #expect(both.conclusion.area == both.areas.first?.id)
    }

    @Test("An area's score is the sum of its evidence's points")
    func pointsAddUp() throws {
        let result = try alignment(
            title: "Energieffektiv tillverkning", summary: "Återvinning och klimat i fabriken.", keywords: ["robot"],
            nace: "25.11")
        for area in result.areas {
            #expect(abs(area.evidence.reduce(0) { $0 + $1.points } - area.score) < 0.05, "\(area.id)")
        }
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
