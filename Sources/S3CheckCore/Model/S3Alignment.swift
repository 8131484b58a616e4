/// How an application relates to the region's smart-specialisation areas, with the evidence.
public struct S3Alignment: Sendable, Codable, Hashable {
    /// The strategy scored against.
    public var strategyID: String
    /// The area ids the application declares.
    public var declared: [String]
    /// How many words of text were scored (title, keywords, justification, summary, objectives).
    public var words: Int
    /// Every area, highest score first.
    public var areas: [AreaScore]
    /// Which areas the evidence supports, and why.
    public var conclusion: S3Conclusion

    /// The best-scoring area, if any evidence was found at all, whether or not the evidence
    /// supports it (``S3Conclusion`` says that).
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
    /// What it added to the score: the weight times the field's weight times the count, per
    /// 100 words, for a term; the weight (times twice the share, for an intervention field) for a
    /// code.
    public var points: Double
    /// For a term the strategy shares between areas: the part of its points this area received,
    /// in percent; nil for the area's own evidence.
    public var portion: Double? = nil
}

/// The conclusion s3check draws from the scores: the areas the evidence supports, or none.
///
/// An area is supported when its score reaches the strategy's `supportedScore` and is at least
/// the best score divided by `clearMargin`: an area the best one outscores by more than that
/// margin is a side theme, not what the project is about. The conclusion is clear when exactly
/// one area is supported. The rules (SE-S3-003…006) and every report read this one value.
public struct S3Conclusion: Sendable, Codable, Hashable {
    /// Ids of the supported areas, highest score first; empty when the evidence supports none.
    public var supported: [String]
    /// The area with the highest score, supported or not; nil when no area has any evidence.
    public var best: String?
    public var bestScore: Double
    /// The second-highest score (0 when there is none).
    public var runnerUpScore: Double
    /// The score from which an area is supported.
    public var threshold: Double
    /// How many times the runner-up's score the best needs to be the only supported area.
    public var clearMargin: Double
    /// The best score divided by the runner-up's; nil when the runner-up scores 0.
    public var margin: Double?
    /// True when exactly one area is supported.
    public var clear: Bool

    /// The best supported area; nil when the evidence supports none.
    public var area: String? { supported.first }

    /// Draws the conclusion from areas ranked highest score first.
    public init(ranked areas: [AreaScore], rule: Strategy.ConclusionRule) {
        let top = areas.first.flatMap { $0.score > 0 ? $0 : nil }
        best = top?.id
        bestScore = top?.score ?? 0
        runnerUpScore = areas.count > 1 ? areas[1].score : 0
        threshold = rule.supportedScore
        clearMargin = rule.clearMargin
        let bestScore = bestScore
        supported = areas.filter { $0.score >= rule.supportedScore && $0.score * rule.clearMargin >= bestScore }
            .map(\.id)
        margin = runnerUpScore > 0 ? (bestScore / runnerUpScore * 100).rounded() / 100 : nil
        clear = supported.count == 1
    }
}
