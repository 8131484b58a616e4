import Foundation
import S3CheckCore
import SafeXML
import Testing

/// Issue 25: the language read from the text, phrases written as one word, the same project in
/// both languages, and fitting a strategy to labels.
@Suite("S3 fit and language parity")
struct StrategyFitTests {
    static let strategy: Strategy = {
        try! RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack).strategy!
    }()

    private static func application(summary: String, title: String = "", language: String? = "sv") -> String {
        let languageXML = language.map { "<language>\($0)</language>" } ?? ""
        return """
            <application xmlns="urn:s3check:application:1">\(languageXML)<project><title>\(title)</title>
            <summary>\(summary)</summary></project></application>
            """
    }

    private func alignment(_ text: String, strategy: Strategy = Self.strategy) throws -> S3Alignment {
        let document = try XMLDocument.parse(Data(text.utf8), name: "t.xml")
        return AlignmentScorer(strategy: strategy).score(try #require(document.root))
    }

    static let englishProject = """
        The project will support small and medium-sized enterprises in the region to cut their energy \
        use. It offers energy audits in factories, advice on resource efficiency and recycling of \
        production waste, and grants for automation of manufacturing processes with lower emissions.
        """
    static let swedishProject = """
        Projektet ska stödja små och medelstora företag i regionen att minska sin energianvändning. \
        Det erbjuder energikartläggning i fabriker, råd om resurseffektivitet och återvinning av \
        produktionsavfall, och stöd till automatisering av tillverkningsprocesser med lägre utsläpp.
        """

    @Test("The same project in Swedish and in English reaches the same area, whatever <language> says")
    func sameProjectBothLanguages() throws {
        let swedish = try alignment(Self.application(summary: Self.swedishProject, language: "sv"))
        // An English text in an application left at "sv": the text decides.
        let english = try alignment(Self.application(summary: Self.englishProject, language: "sv"))
        let undeclared = try alignment(Self.application(summary: Self.englishProject, language: nil))
        #expect(swedish.conclusion.area == "hallbar-produktion")
        #expect(english.conclusion.area == "hallbar-produktion")
        #expect(undeclared.conclusion.area == "hallbar-produktion")
    }

    @Test("An English text declared Swedish is matched against the English terms, not the Swedish ones")
    func detectedLanguage() throws {
        // "it" is a Swedish term (IT); in English it is a pronoun and must not count.
        let text = "The company will use it to grow, and it is the aim of the project to help it expand to new markets."
        let result = try alignment(Self.application(summary: text, language: "sv"))
        #expect((result.score(of: "ikt")?.score ?? 0) == 0)
        // Too short to tell: the declared language stands, so the Swedish term counts.
        let short = try alignment(Self.application(summary: "IT-stöd", language: "sv"))
        #expect((short.score(of: "ikt")?.score ?? 0) > 0)
    }

    @Test(
        "A phrase written hyphenated, capitalised or as one word is the same term",
        arguments: [
            ("Life-Science companies", "life-science"),
            ("LifeScience", "life-science"),
            ("Machine-Learning", "ikt"),
            ("e-Health", "life-science"),
            ("CleanTech", "hallbar-stadsutveckling"),
            ("lifescienceföretag", "life-science"),
        ])
    func joinedPhrases(_ text: String, _ area: String) throws {
        let result = try alignment(Self.application(summary: text, language: nil))
        #expect(result.best?.id == area)
    }

    @Test("A weak best area below the supported threshold is a weak fit, not just none")
    func weakFit() throws {
        var strategy = Self.strategy
        strategy.conclusion.weakScore = 1
        // One production term in a long generic text: some evidence, far from supported.
        let text =
            String(repeating: "Projektet ska ge råd till företag om marknad och försäljning. ", count: 12)
            + "Några av dem är verkstadsföretag."
        let result = try alignment(Self.application(summary: text), strategy: strategy)
        #expect(result.conclusion.supported.isEmpty)
        #expect(result.conclusion.weak == "hallbar-produktion")
        var without = Self.strategy
        without.conclusion.weakScore = nil
        #expect(try alignment(Self.application(summary: text), strategy: without).conclusion.weak == nil)
    }

    @Test("Fitting raises the weight of a term the labels rely on, and the written file reads back the same")
    func fitAndRoundTrip() throws {
        // Ten production projects that say little but "tillverkning", ten generic ones.
        var samples: [StrategyFit.Sample] = []
        let generic = String(repeating: "Projektet ger råd om marknad, försäljning och ledarskap. ", count: 10)
        for index in 0..<20 {
            let production = index < 10
            let text = generic + (production ? "Det gäller tillverkning." : "Det gäller export.")
            let label = LabelFile.Label(
                file: "a\(index).xml", area: production ? "hallbar-produktion" : "none", line: index + 2)
            samples.append(
                try #require(
                    StrategyFit.Sample(file: label.file, label: label, data: Data(Self.application(summary: text).utf8))
                ))
        }
        let original = Self.strategy
        let fitted = StrategyFit().fit(original, to: samples)
        let weight = { (strategy: Strategy) in
            strategy.area("hallbar-produktion")!.terms.first { $0.text == "tillverkning" }!.weight
        }
        #expect(weight(fitted) > weight(original))
        let scorer = AlignmentScorer(strategy: fitted)
        let agreed = samples.filter { (scorer.score($0.root).conclusion.area ?? "none") == $0.label.area }
        #expect(agreed.count == samples.count)
        let diff = StrategyDiff(original: original, fitted: fitted, samples: samples)
        #expect(diff.terms.contains { $0.term == "tillverkning" && $0.after > $0.before })
        #expect(!diff.conclusions.isEmpty)

        // The document written for the fitted strategy reads back to the same numbers.
        let shipped = try RuleFiles.shipped.read("se/stockholm/s3-strategy.xml")
        let data = try #require(fitted.document(fittedFrom: shipped, comment: "test -- fit"))
        let reread = try Strategy.parse(data, file: "fitted.xml")
        #expect(weight(reread) == weight(fitted))
        #expect(reread.area("hallbar-produktion")?.threshold == fitted.area("hallbar-produktion")?.threshold)
        #expect(reread.conclusion.weakScore == fitted.conclusion.weakScore)
        #expect(String(decoding: data, as: UTF8.self).contains("test - - fit"))
    }

    @Test("Folds are stratified by label and the same every time")
    func folds() {
        let labels = (0..<23).map { LabelFile.Label(file: "f\($0).xml", area: $0 % 3 == 0 ? "ikt" : "none", line: $0) }
        let first = CrossValidation.assign(labels, folds: 5)
        #expect(first == CrossValidation.assign(labels, folds: 5))
        let sizes = (0..<5).map { fold in first.filter { $0 == fold }.count }
        #expect(sizes.max()! - sizes.min()! <= 1)
        let ikt = labels.indices.filter { labels[$0].area == "ikt" }.map { first[$0] }
        #expect(Set(ikt).count == 5)
    }

    @Test("Labels read Swedish headers, secondary areas and confidence, and every bad row is reported")
    func swedishLabels() {
        let text =
            "fil;område;sekundär;säkerhet\na.xml;ikt;life-science;hög\nb.xml;okänt;;låg\n;none;;\nc.xml;none;x;kanske\n"
        let file = LabelFile(text: text, file: "l.csv", areas: ["ikt", "life-science"])
        #expect(file.labels.count == 1)
        #expect(file.labels.first?.secondary == ["life-science"])
        #expect(file.labels.first?.confidence == "high")
        #expect(file.problems.map(\.line) == [3, 4, 5, 5])
    }
}
