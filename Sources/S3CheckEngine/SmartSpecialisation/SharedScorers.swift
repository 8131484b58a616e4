import Foundation
import S3CheckValues

extension AlignmentScorer {
    /// The scorer for `strategy`, built once per strategy file and shared by every checker:
    /// building the term automaton costs more than scoring an application, and the automaton is
    /// read-only once built. A strategy is known by its file's SHA-256; one made in memory
    /// (without a digest) gets a scorer of its own.
    static func shared(for strategy: Strategy) -> AlignmentScorer {
        guard !strategy.sha256.isEmpty else { return AlignmentScorer(strategy: strategy) }
        return SharedScorers.instance.scorer(for: strategy)
    }
}

/// The scorers built so far, by strategy digest.
private final class SharedScorers: @unchecked Sendable {
    static let instance = SharedScorers()
    // A service loads a handful of strategies; the bound keeps a long-running one from growing
    // without limit if strategies are ever loaded per request.
    private static let capacity = 16
    private let lock = NSLock()
    private var scorers: [String: AlignmentScorer] = [:]

    func scorer(for strategy: Strategy) -> AlignmentScorer {
        lock.lock()
        defer { lock.unlock() }
        if let scorer = scorers[strategy.sha256] { return scorer }
        if scorers.count >= Self.capacity { scorers.removeAll() }
        let scorer = AlignmentScorer(strategy: strategy)
        scorers[strategy.sha256] = scorer
        return scorer
    }
}
