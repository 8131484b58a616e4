import Foundation
import S3CheckEngine
import S3CheckPacks
import S3CheckValues

/// k-fold cross-validation of ``StrategyFit``: every application is concluded once by a strategy
/// fitted without it, beside the unfitted strategy on the same applications.
///
/// Folds are stratified by label and fixed by the files' names (a stable hash, no random seed),
/// so the same folder always gives the same folds and a held-back fold can be scored again with
/// `calibrate --strategy`.
public struct CrossValidation: Sendable {
    /// One fold: the applications held back, the strategy fitted on the others, and both
    /// strategies' agreement on the held-back ones.
    public struct Fold: Sendable {
        public var number: Int
        /// Indexes into the samples.
        public var heldBack: [Int]
        public var fitted: Strategy
        public var fittedCalibration: Calibration
        public var unfittedCalibration: Calibration
    }

    public let folds: [Fold]
    /// Every application concluded by the fold's fitted strategy that held it back.
    public let fitted: Calibration
    /// Every application concluded by the unfitted strategy.
    public let unfitted: Calibration

    public init(strategy: Strategy, samples: [StrategyFit.Sample], folds count: Int, fit: StrategyFit) {
        let assignment = Self.assign(samples.map(\.label), folds: count)
        let areas = strategy.areas.map(\.id)
        let unfittedScorer = AlignmentScorer(strategy: strategy)
        let unfittedItems = samples.map { Self.item($0, unfittedScorer) }
        var folds: [Fold] = []
        var fittedItems = unfittedItems
        for number in 0..<count {
            let heldBack = samples.indices.filter { assignment[$0] == number }
            guard !heldBack.isEmpty else { continue }
            let training = samples.indices.filter { assignment[$0] != number }.map { samples[$0] }
            let fitted = fit.fit(strategy, to: training)
            let scorer = AlignmentScorer(strategy: fitted)
            for index in heldBack { fittedItems[index] = Self.item(samples[index], scorer) }
            folds.append(
                Fold(
                    number: number + 1, heldBack: heldBack, fitted: fitted,
                    fittedCalibration: Calibration(areas: areas, items: heldBack.map { fittedItems[$0] }),
                    unfittedCalibration: Calibration(areas: areas, items: heldBack.map { unfittedItems[$0] })))
        }
        self.folds = folds
        fitted = Calibration(areas: areas, items: fittedItems)
        unfitted = Calibration(areas: areas, items: unfittedItems)
    }

    static func item(_ sample: StrategyFit.Sample, _ scorer: AlignmentScorer) -> Calibration.Item {
        Calibration.Item(
            file: sample.label.file, label: sample.label.area, alignment: scorer.score(sample.root),
            secondary: sample.label.secondary, confidence: sample.label.confidence)
    }

    /// The fold (0..<folds) of each label: within each class, in the order of a stable hash of
    /// the file name, dealt out in turn, continuing where the previous class stopped so that the
    /// folds are as equal in size as they can be.
    public static func assign(_ labels: [LabelFile.Label], folds: Int) -> [Int] {
        var assignment = [Int](repeating: 0, count: labels.count)
        var next = 0
        let classes = Set(labels.map(\.area)).sorted()
        for area in classes {
            let members = labels.indices.filter { labels[$0].area == area }
                .sorted { (hash(labels[$0].file), labels[$0].file) < (hash(labels[$1].file), labels[$1].file) }
            for index in members {
                assignment[index] = next % max(folds, 1)
                next += 1
            }
        }
        return assignment
    }

    /// FNV-1a of the UTF-8 bytes: the same on every platform and run, unlike `Hasher`.
    static func hash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }

    /// The mean and the population standard deviation of a figure over the folds.
    public static func spread(_ values: [Double]) -> (mean: Double, deviation: Double, low: Double, high: Double) {
        guard !values.isEmpty else { return (0, 0, 0, 0) }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance.squareRoot(), values.min() ?? 0, values.max() ?? 0)
    }
}

/// What fitting changed, for a person to read before using the fitted strategy: the terms whose
/// weight moved, the thresholds that moved, and the labelled applications whose conclusion
/// changes.
public struct StrategyDiff: Sendable {
    public struct TermChange: Sendable {
        /// The area id, or the shared group's area ids joined by "+".
        public var owner: String
        public var term: String
        public var language: Language?
        public var before: Double
        public var after: Double
    }

    public struct ThresholdChange: Sendable {
        /// An area id, or `supported` / `weak` for the conclusion's own.
        public var name: String
        public var before: Double?
        public var after: Double?
    }

    public struct ConclusionChange: Sendable {
        public var file: String
        public var label: String
        public var before: String
        public var after: String
    }

    /// Largest change first.
    public let terms: [TermChange]
    public let thresholds: [ThresholdChange]
    public let conclusions: [ConclusionChange]

    /// The changes from `original` to `fitted`; weights that moved less than `minimum` are left
    /// out as noise.
    public init(original: Strategy, fitted: Strategy, samples: [StrategyFit.Sample], minimum: Double = 0.1) {
        var terms: [TermChange] = []
        let owners =
            original.areas.flatMap { area in area.terms.map { _ in area.id } }
            + original.shared.flatMap { group in
                group.terms.map { _ in group.areas.map { original.areas[$0].id }.joined(separator: "+") }
            }
        for ((owner, before), after) in zip(zip(owners, original.allTerms), fitted.allTerms)
        where abs(after.weight - before.weight) >= minimum {
            terms.append(
                TermChange(
                    owner: owner, term: before.text, language: before.language, before: before.weight,
                    after: after.weight))
        }
        self.terms = terms.sorted {
            (abs($0.after - $0.before), $1.owner, $1.term) > (abs($1.after - $1.before), $0.owner, $0.term)
        }
        var thresholds: [ThresholdChange] = []
        for (before, after) in zip(original.areas, fitted.areas) {
            let old = before.threshold ?? original.conclusion.supportedScore
            let new = after.threshold ?? fitted.conclusion.supportedScore
            if old != new { thresholds.append(ThresholdChange(name: before.id, before: old, after: new)) }
        }
        if original.conclusion.supportedScore != fitted.conclusion.supportedScore {
            thresholds.append(
                ThresholdChange(
                    name: "supported", before: original.conclusion.supportedScore,
                    after: fitted.conclusion.supportedScore))
        }
        if original.conclusion.weakScore != fitted.conclusion.weakScore {
            thresholds.append(
                ThresholdChange(name: "weak", before: original.conclusion.weakScore, after: fitted.conclusion.weakScore)
            )
        }
        self.thresholds = thresholds
        let before = AlignmentScorer(strategy: original)
        let after = AlignmentScorer(strategy: fitted)
        conclusions = samples.compactMap { sample in
            let old = before.score(sample.root).conclusion.area ?? LabelFile.noArea
            let new = after.score(sample.root).conclusion.area ?? LabelFile.noArea
            guard old != new else { return nil }
            return ConclusionChange(file: sample.label.file, label: sample.label.area, before: old, after: new)
        }
    }
}
