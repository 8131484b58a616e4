/// A region's smart-specialisation strategy: its areas, the evidence that points to each, and how
/// scores become a conclusion.
public struct Strategy: Sendable {
    public var id: String
    public var version: String
    public var title: LocalizedText
    public var areas: [Area]
    /// Terms that belong to several areas; see ``SharedTerms``.
    public var shared: [SharedTerms]
    public var conclusion: ConclusionRule
    /// The file as shown to users.
    public var file: String
    public var sha256: String

    public init(
        id: String, version: String, title: LocalizedText, areas: [Area], shared: [SharedTerms] = [],
        conclusion: ConclusionRule = ConclusionRule(), file: String, sha256: String
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.areas = areas
        self.shared = shared
        self.conclusion = conclusion
        self.file = file
        self.sha256 = sha256
    }

    /// One area of the strategy.
    public struct Area: Sendable, Identifiable {
        public var id: String
        public var name: LocalizedText
        public var description: LocalizedText
        public var terms: [Term]
        public var nacePrefixes: [WeightedCode]
        public var interventionFields: [WeightedCode]
        public var researchFields: [WeightedCode]
        /// The score from which the evidence supports this area; nil: the strategy's
        /// ``ConclusionRule/supportedScore``. `calibrate --fit` sets one per area, because an
        /// area whose vocabulary is rarer in ordinary prose reaches fewer points for the same fit.
        public var threshold: Double? = nil

        public init(
            id: String, name: LocalizedText, description: LocalizedText, terms: [Term], nacePrefixes: [WeightedCode],
            interventionFields: [WeightedCode], researchFields: [WeightedCode], threshold: Double? = nil
        ) {
            self.id = id
            self.name = name
            self.description = description
            self.terms = terms
            self.nacePrefixes = nacePrefixes
            self.interventionFields = interventionFields
            self.researchFields = researchFields
            self.threshold = threshold
        }
    }

    /// A word, stem or phrase and how strongly it points to its area.
    public struct Term: Sendable, Hashable {
        /// As written in the strategy.
        public var text: String
        public var weight: Double
        public var match: Match
        /// The application language the term is matched in; nil: every language.
        public var language: Language?

        public init(text: String, weight: Double, match: Match = .auto, language: Language? = nil) {
            self.text = text
            self.weight = weight
            self.match = match
            self.language = language
        }
    }

    /// Where in a word a term may be found.
    public enum Match: String, Sendable, Hashable {
        /// A term of five or more letters anywhere in the word (Swedish compounds put either part
        /// first: "läkemedelsutveckling", "tillverkningsindustri"); a shorter one at its start.
        case auto
        /// At the start of the word only: "miljö" in "miljöteknik" but not in "arbetsmiljö".
        case start
        /// The whole word.
        case word
    }

    /// Terms whose points several areas share: each gets a part in proportion to the evidence it
    /// has of its own in the application ("energieffektivisering" beside "fabrik" counts for
    /// production, beside "flerbostadshus" for urban development), equal parts when none has any.
    public struct SharedTerms: Sendable {
        /// Indexes into ``Strategy/areas``.
        public var areas: [Int]
        public var terms: [Term]

        public init(areas: [Int], terms: [Term]) {
            self.areas = areas
            self.terms = terms
        }
    }

    /// How the scores become a conclusion (the strategy's `<conclusion>`).
    public struct ConclusionRule: Sendable, Hashable {
        /// The score from which the evidence supports an area (points per 100 words of text, plus
        /// code points).
        public var supportedScore: Double
        /// How many times the runner-up's score the best supported area needs to be clear.
        public var clearMargin: Double
        /// A text shorter than this many words is scored as if it had this many.
        public var minimumWords: Int
        /// The score from which an area the evidence does not support is still a weak fit worth
        /// asking the applicant about; nil: no weak fits are concluded.
        public var weakScore: Double?

        public init(
            supportedScore: Double = 3, clearMargin: Double = 2, minimumWords: Int = 150, weakScore: Double? = nil
        ) {
            self.supportedScore = supportedScore
            self.clearMargin = clearMargin
            self.minimumWords = minimumWords
            self.weakScore = weakScore
        }
    }

    /// A code (or code prefix) and its weight.
    public struct WeightedCode: Sendable, Hashable {
        public var code: String
        public var weight: Double

        public init(code: String, weight: Double) {
            self.code = code
            self.weight = weight
        }
    }

    public func area(_ id: String) -> Area? {
        areas.first { $0.id == id }
    }

    /// The score from which the evidence supports the area `id`.
    public func threshold(of id: String) -> Double {
        area(id)?.threshold ?? conclusion.supportedScore
    }
}
