/// A region's smart-specialisation strategy: its areas and the evidence that points to each.
public struct Strategy: Sendable {
    public var id: String
    public var version: String
    public var title: LocalizedText
    public var areas: [Area]
    /// The file as shown to users.
    public var file: String
    public var sha256: String

    /// One area of the strategy.
    public struct Area: Sendable, Identifiable {
        public var id: String
        public var name: LocalizedText
        public var description: LocalizedText
        public var terms: [Term]
        public var nacePrefixes: [WeightedCode]
        public var interventionFields: [WeightedCode]
        public var researchFields: [WeightedCode]
    }

    /// A word, stem or phrase and how strongly it points to its area.
    public struct Term: Sendable, Hashable {
        /// As written in the strategy.
        public var text: String
        public var weight: Double
        /// True when the term must be a whole word.
        public var wholeWord: Bool
    }

    /// A code (or code prefix) and its weight.
    public struct WeightedCode: Sendable, Hashable {
        public var code: String
        public var weight: Double
    }

    public func area(_ id: String) -> Area? {
        areas.first { $0.id == id }
    }
}
