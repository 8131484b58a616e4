/// How an application relates to the region's smart-specialisation areas, with the evidence.
public struct S3Alignment: Sendable, Codable, Hashable {
    /// The strategy scored against.
    public var strategyID: String
    /// The area ids the application declares.
    public var declared: [String]
    /// Every area, highest score first.
    public var areas: [AreaScore]

    /// The best-scoring area, if any evidence was found at all.
    public var best: AreaScore? {
        areas.first.flatMap { $0.score > 0 ? $0 : nil }
    }

    public func score(of id: String) -> AreaScore? {
        areas.first { $0.id == id }
    }
}

/// One area's score and what it rests on.
public struct AreaScore: Sendable, Codable, Hashable {
    public var id: String
    public var name: LocalizedText
    /// The sum of the evidence's points, text normalised for length.
    public var score: Double
    /// The area's part of all areas' scores, in percent.
    public var share: Double
    /// The strongest evidence first.
    public var evidence: [Evidence]
}

/// One piece of evidence for an area.
public struct Evidence: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable {
        case term
        case nace
        case interventionField = "intervention-field"
        case researchField = "research-field"
    }

    public var kind: Kind
    /// The term or code from the strategy.
    public var matched: String
    /// The application field it was found in (element name), for example `summary` or `nace`.
    public var field: String
    /// The line of the first occurrence.
    public var line: Int
    public var count: Int
    public var weight: Double
    /// What it added to the score.
    public var points: Double
}
