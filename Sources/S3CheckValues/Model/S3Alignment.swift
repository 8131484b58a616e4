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

    /// Why the conclusion does not support the area `id`, as a clause in `language`; nil when it
    /// does, or the strategy has no such area.
    public func reasonNotSupported(_ id: String, language: Language) -> String? {
        guard !conclusion.supported.contains(id), let area = score(of: id) else { return nil }
        let sv = language == .sv
        let points = language.decimal(area.score)
        if area.textScore == 0 {
            return sv
                ? "texten ger ingen evidens för området, bara koder (\(points) poäng)"
                : "the text gives no evidence for it, only codes (\(points) points)"
        }
        if area.score < conclusion.threshold(of: id) {
            let threshold = language.decimal(conclusion.threshold(of: id))
            return sv
                ? "\(points) poäng, under gränsen \(threshold)"
                : "\(points) points, below the threshold of \(threshold)"
        }
        let best = conclusion.best.flatMap(score(of:))
        let bestName = best?.name[language] ?? ""
        let bestPoints = language.decimal(conclusion.bestScore)
        let margin = language.decimal(conclusion.clearMargin)
        return sv
            ? "\(points) poäng mot \(bestPoints) för \(bestName), som har mer än \(margin) gånger så många"
            : "\(points) points against \(bestPoints) for \(bestName), which has more than \(margin) times as many"
    }

    public init(strategyID: String, declared: [String], words: Int, areas: [AreaScore], conclusion: S3Conclusion) {
        self.strategyID = strategyID
        self.declared = declared
        self.words = words
        self.areas = areas
        self.conclusion = conclusion
    }
}

/// One area's score and what it rests on.
public struct AreaScore: Sendable, Codable, Hashable {
    public var id: String
    public var name: LocalizedText
    /// The sum of the evidence's points: points per 100 words of text, plus code points; one
    /// decimal.
    public var score: Double
    /// The part of the score that comes from the text (terms), without codes.
    public var textScore: Double
    /// The area's part of all areas' scores, in percent.
    public var share: Double
    /// The strongest evidence first.
    public var evidence: [Evidence]

    public init(id: String, name: LocalizedText, score: Double, textScore: Double, share: Double, evidence: [Evidence])
    {
        self.id = id
        self.name = name
        self.score = score
        self.textScore = textScore
        self.share = share
        self.evidence = evidence
    }
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

    public init(
        kind: Kind, matched: String, field: String, line: Int, count: Int, weight: Double, points: Double,
        portion: Double? = nil
    ) {
        self.kind = kind
        self.matched = matched
        self.field = field
        self.line = line
        self.count = count
        self.weight = weight
        self.points = points
        self.portion = portion
    }
}

/// The conclusion s3check draws from the scores: the areas the evidence supports, or none.
///
/// An area is supported when its score reaches its threshold (the area's own, else the
/// strategy's `supportedScore`), the text itself gives evidence for it (codes alone say what
/// partners do, not what the project is about), and its score is at least the best score divided
/// by `clearMargin`: an area the best one outscores by more than that is a side theme. The
/// conclusion is clear when exactly one area is supported and it scores at least `clearMargin`
/// times the runner-up, supported or not. When no area is supported but the best one, with
/// evidence in the text, reaches the strategy's `weakScore`, it is a weak fit: close enough to
/// ask the applicant rather than to say the project fits nothing. The rules (SE-S3-003…006) and
/// every report read this one value.
public struct S3Conclusion: Sendable, Codable, Hashable {
    /// Ids of the supported areas, highest score first; empty when the evidence supports none.
    public var supported: [String]
    /// The area with the highest score, supported or not; nil when no area has any evidence.
    public var best: String?
    public var bestScore: Double
    /// The second-highest score (0 when there is none).
    public var runnerUpScore: Double
    /// The score from which the best area is supported.
    public var threshold: Double
    /// Thresholds of the areas that have their own rather than the strategy's `supportedScore`;
    /// nil when the strategy sets none.
    public var thresholds: [String: Double]? = nil
    /// The strategy's `supportedScore`.
    public var supportedScore: Double? = nil
    /// How many times the runner-up's score the best needs for a clear conclusion.
    public var clearMargin: Double
    /// The best score divided by the runner-up's; nil when the runner-up scores 0.
    public var margin: Double?
    /// True when exactly one area is supported and it leads the runner-up by `clearMargin`.
    public var clear: Bool
    /// The best area when the evidence supports none but comes close to it (a weak fit, to ask
    /// the applicant about); nil otherwise.
    public var weak: String? = nil
    /// The strategy's `weakScore`; nil when it concludes no weak fits.
    public var weakScore: Double? = nil

    /// The best supported area; nil when the evidence supports none.
    /// The keys the JSON report writes (docs/report.schema.json); a fitted strategy's
    /// thresholds and weak fit are not part of the report format yet.
    private enum CodingKeys: String, CodingKey {
        case supported, best, bestScore, runnerUpScore, threshold, clearMargin, margin, clear
    }

    public var area: String? { supported.first }

    /// The score from which the area `id` is supported.
    public func threshold(of id: String) -> Double {
        thresholds?[id] ?? supportedScore ?? threshold
    }

    /// Draws the conclusion from areas ranked highest score first; `thresholds` holds the areas
    /// whose threshold is not `rule.supportedScore`.
    public init(ranked areas: [AreaScore], rule: Strategy.ConclusionRule, thresholds: [String: Double] = [:]) {
        let top = areas.first.flatMap { $0.score > 0 ? $0 : nil }
        best = top?.id
        bestScore = top?.score ?? 0
        runnerUpScore = areas.count > 1 ? areas[1].score : 0
        self.thresholds = thresholds.isEmpty ? nil : thresholds
        supportedScore = rule.supportedScore
        threshold = top.flatMap { thresholds[$0.id] } ?? rule.supportedScore
        clearMargin = rule.clearMargin
        weakScore = rule.weakScore
        let bestScore = bestScore
        supported = areas.filter {
            $0.score >= (thresholds[$0.id] ?? rule.supportedScore) && $0.textScore > 0
                && $0.score * rule.clearMargin >= bestScore
        }
        .map(\.id)
        margin = runnerUpScore > 0 ? (bestScore / runnerUpScore * 100).rounded() / 100 : nil
        clear = supported.count == 1 && bestScore >= rule.clearMargin * runnerUpScore
        if supported.isEmpty, let top, top.textScore > 0, let weakScore = rule.weakScore, top.score >= weakScore {
            weak = top.id
        }
    }
}
