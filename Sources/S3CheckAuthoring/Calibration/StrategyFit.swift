import Foundation
import S3CheckEngine
import S3CheckPacks
import S3CheckValues
import SafeXML

/// Fits a strategy's free numbers (every term's weight and every area's threshold) to the areas
/// people gave a set of applications, and the weak-fit threshold below them.
///
/// The method is chosen so that a reviewer can follow it and read its result term by term:
///
/// - An application's score for an area is what the scorer computes: every term occurrence's
///   field weight per 100 words, times the term's weight, plus code points. So the score is
///   linear in the term weights, and each term's share of it is a number the evidence shows.
/// - The model is multinomial logistic regression over the areas and `none`: area `a`'s logit is
///   its score minus its threshold, `none`'s is 0. An area is likely when its score clears its
///   threshold, `none` when no area's does, which is the conclusion rule itself.
/// - Weights start at the strategy's and are pulled back to them by an L2 penalty, so a term
///   moves only as far as the labelled applications insist, and a term that occurs in none keeps
///   its written weight. Classes are weighed by the inverse of their frequency, since macro-F1
///   counts a rare area as much as a common one.
/// - Full-batch gradient descent (Adam) for a fixed number of steps from a fixed start: the same
///   labelled folder gives the same strategy.
///
/// The scorer picks the heaviest term when several match one word, and divides shared terms by
/// the areas' own evidence; the fit holds both as they were under the original weights. That is
/// why every figure of a fitted strategy is measured by scoring the texts again with it, never
/// read from the model.
public struct StrategyFit: Sendable {
    /// How strongly weights are pulled back to the strategy's (per squared point of weight).
    public var weightPenalty: Double = 0.002
    /// How strongly thresholds are pulled back to the strategy's.
    public var thresholdPenalty: Double = 0.01
    public var steps: Int = 400
    public var learningRate: Double = 0.05
    /// Weights stay within what the strategy schema allows (above 0, at most 10).
    static let weightRange = 0.05...10.0
    static let thresholdRange = 0.5...20.0

    public init() {}

    /// One labelled application, parsed once and scored as often as the folds need.
    public struct Sample: @unchecked Sendable {
        public var file: String
        public var label: LabelFile.Label
        /// Kept so that `root` stays valid.
        let document: XMLDocument
        public var root: XMLNode

        public init?(file: String, label: LabelFile.Label, data: Data) {
            guard let document = try? XMLDocument.parse(data, name: file), let root = document.root else {
                return nil
            }
            self.file = file
            self.label = label
            self.document = document
            self.root = root
        }
    }

    /// An application's scores as a linear function of the term weights: per area, the constant
    /// points (codes) and, per term (numbered across the strategy's groups), its points per unit
    /// of weight.
    struct Features {
        var constant: [Double]
        var terms: [[(term: Int, value: Double)]]
    }

    /// The strategy fitted to `samples`.
    public func fit(_ strategy: Strategy, to samples: [Sample]) -> Strategy {
        let scorer = AlignmentScorer(strategy: strategy)
        let features = samples.map { scorer.features($0.root) }
        let classes = strategy.areas.map(\.id) + [LabelFile.noArea]
        let labels = samples.map { classes.firstIndex(of: $0.label.area) ?? classes.count - 1 }
        var fitted = optimise(strategy, features: features, labels: labels)
        fitted.conclusion.weakScore = weakScore(fitted, samples: samples) ?? strategy.conclusion.weakScore
        return fitted
    }

    /// Gradient descent on the penalised, class-weighted cross-entropy.
    private func optimise(_ strategy: Strategy, features: [Features], labels: [Int]) -> Strategy {
        let prior = strategy.allTerms.map(\.weight)
        let priorThresholds = strategy.areas.map { $0.threshold ?? strategy.conclusion.supportedScore }
        let areaCount = strategy.areas.count
        var weights = prior
        var thresholds = priorThresholds
        var counts = [Double](repeating: 0, count: areaCount + 1)
        for label in labels { counts[label] += 1 }
        let classWeight = counts.map { $0 > 0 ? Double(labels.count) / (Double(areaCount + 1) * $0) : 0 }
        var adamWeights = Adam(count: weights.count)
        var adamThresholds = Adam(count: thresholds.count)
        let n = Double(max(labels.count, 1))
        for _ in 0..<steps {
            var gradWeights = weights.indices.map { 2 * weightPenalty * (weights[$0] - prior[$0]) }
            var gradThresholds = thresholds.indices.map {
                2 * thresholdPenalty * (thresholds[$0] - priorThresholds[$0])
            }
            for (sample, label) in zip(features, labels) {
                var logits = [Double](repeating: 0, count: areaCount + 1)
                for area in 0..<areaCount {
                    let score = sample.terms[area].reduce(sample.constant[area]) { $0 + weights[$1.term] * $1.value }
                    logits[area] = score - thresholds[area]
                }
                let top = logits.max() ?? 0
                let exps = logits.map { exp($0 - top) }
                let sum = exps.reduce(0, +)
                for area in 0..<areaCount {
                    let slope = classWeight[label] * (exps[area] / sum - (area == label ? 1 : 0)) / n
                    guard slope != 0 else { continue }
                    for (term, value) in sample.terms[area] { gradWeights[term] += slope * value }
                    gradThresholds[area] -= slope
                }
            }
            adamWeights.step(&weights, gradient: gradWeights, rate: learningRate, range: Self.weightRange)
            adamThresholds.step(&thresholds, gradient: gradThresholds, rate: learningRate, range: Self.thresholdRange)
        }
        // Rounded as the file writes them, so that the strategy measured is the strategy written.
        var fitted = strategy
        fitted.setAllTermWeights(weights.map { Double(Strategy.number($0)) ?? $0 })
        for area in 0..<areaCount {
            fitted.areas[area].threshold = Double(Strategy.number(thresholds[area])) ?? thresholds[area]
        }
        return fitted
    }

    /// The lowest best-area score from which, among the applications the fitted strategy
    /// supports no area for, at least half carry the best area's label: below the supported
    /// threshold, but even odds that a reader gives the area. Nil when no score does that for at
    /// least three applications.
    func weakScore(_ fitted: Strategy, samples: [Sample]) -> Double? {
        let scorer = AlignmentScorer(strategy: fitted)
        let unsupported: [(score: Double, agrees: Bool)] = samples.compactMap { sample in
            let alignment = scorer.score(sample.root)
            guard alignment.conclusion.supported.isEmpty, let best = alignment.best, best.textScore > 0 else {
                return nil
            }
            return (best.score, sample.label.area == best.id)
        }
        .sorted { $0.score > $1.score }
        var agreeing = 0
        var found: Double?
        for (index, item) in unsupported.enumerated() {
            if item.agrees { agreeing += 1 }
            let count = index + 1
            let lastOfScore = index + 1 == unsupported.count || unsupported[index + 1].score < item.score
            if lastOfScore, count >= 3, Double(agreeing) * 2 >= Double(count) { found = item.score }
        }
        return found.map { Double(Strategy.number($0)) ?? $0 }
    }

    /// Adam's moment estimates for one vector of parameters.
    private struct Adam {
        var first: [Double]
        var second: [Double]
        var time = 0

        init(count: Int) {
            first = Array(repeating: 0, count: count)
            second = Array(repeating: 0, count: count)
        }

        mutating func step(_ values: inout [Double], gradient: [Double], rate: Double, range: ClosedRange<Double>) {
            time += 1
            let correction1 = 1 - pow(0.9, Double(time))
            let correction2 = 1 - pow(0.999, Double(time))
            for index in values.indices {
                first[index] = 0.9 * first[index] + 0.1 * gradient[index]
                second[index] = 0.999 * second[index] + 0.001 * gradient[index] * gradient[index]
                let step = rate * (first[index] / correction1) / ((second[index] / correction2).squareRoot() + 1e-8)
                values[index] = min(max(values[index] - step, range.lowerBound), range.upperBound)
            }
        }
    }
}

extension Strategy {
    /// Every term, numbered as the fit numbers them: the areas' own in order, then each shared
    /// group's.
    var allTerms: [Term] {
        areas.flatMap(\.terms) + shared.flatMap(\.terms)
    }

    mutating func setAllTermWeights(_ weights: [Double]) {
        var next = 0
        for area in areas.indices {
            for term in areas[area].terms.indices {
                areas[area].terms[term].weight = weights[next]
                next += 1
            }
        }
        for group in shared.indices {
            for term in shared[group].terms.indices {
                shared[group].terms[term].weight = weights[next]
                next += 1
            }
        }
    }
}

extension AlignmentScorer {
    /// The application's scores as a linear function of the term weights (see
    /// ``StrategyFit``): which term found where, at the strategy's present weights.
    func features(_ root: XMLNode) -> StrategyFit.Features {
        let hits = textHits(root)
        let areaCount = strategy.areas.count
        var offsets: [Int] = []
        var next = 0
        for terms in groupTerms {
            offsets.append(next)
            next += terms.count
        }
        var perArea = Array(repeating: [Int: Double](), count: areaCount)
        var own = Array(repeating: 0.0, count: areaCount)
        func value(_ key: HitKey, _ hit: Hit) -> Double {
            Self.fieldWeights[key.field].weight * Double(hit.count) * hits.per100Words
        }
        for area in 0..<areaCount {
            for (key, hit) in hits.termHits[area] {
                perArea[area][offsets[area] + key.term, default: 0] += value(key, hit)
                own[area] += groupTerms[area][key.term].weight * value(key, hit)
            }
        }
        var codes = Array(repeating: 0.0, count: areaCount)
        var ignored = Array(repeating: [Evidence](), count: areaCount)
        addCodeEvidence(root, project: root.child("project"), points: &codes, evidence: &ignored)
        for area in 0..<areaCount { own[area] += codes[area] }
        for (index, group) in strategy.shared.enumerated() where !group.areas.isEmpty {
            let groupHits = hits.termHits[areaCount + index]
            guard !groupHits.isEmpty else { continue }
            let base = group.areas.reduce(0) { $0 + own[$1] }
            for area in group.areas {
                let portion = base > 0 ? own[area] / base : 1 / Double(group.areas.count)
                for (key, hit) in groupHits where portion > 0 {
                    perArea[area][offsets[areaCount + index] + key.term, default: 0] += value(key, hit) * portion
                }
            }
        }
        return StrategyFit.Features(
            constant: codes,
            terms: perArea.map { $0.map { (term: $0.key, value: $0.value) }.sorted { $0.term < $1.term } })
    }
}
