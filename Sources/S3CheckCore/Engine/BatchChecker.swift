import Foundation

/// Checks many applications on several threads, one compiled checker per thread.
///
/// Results come back in input order whatever the scheduling, so the same run always prints
/// the same report.
public struct BatchChecker: Sendable {
    public let ruleSet: RuleSet
    public let options: ApplicationChecker.Options
    /// How many threads check at once.
    public let jobs: Int

    public init(ruleSet: RuleSet, options: ApplicationChecker.Options, jobs: Int) {
        self.ruleSet = ruleSet
        self.options = options
        self.jobs = max(1, jobs)
    }

    /// Checks every file; throws only when the rules cannot be compiled.
    public func check(_ files: [String]) throws(RulePackError) -> [ApplicationReport] {
        // Compiling once up front reports a broken pack before any thread starts.
        let first = try ApplicationChecker(ruleSet: ruleSet, options: options)
        let workers = min(jobs, files.count)
        guard workers > 1 else { return files.map { first.check(fileAt: $0) } }
        let results = ResultSlots(count: files.count)
        let ruleSet = ruleSet
        let options = options
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            // The pack compiled above, so compiling it again cannot fail.
            guard let checker = try? ApplicationChecker(ruleSet: ruleSet, options: options) else { return }
            while let index = results.claimNext() {
                results.store(checker.check(fileAt: files[index]), at: index)
            }
        }
        return results.collected()
    }
}

/// Hands out file indices to workers and keeps each report in its input position.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var reports: [ApplicationReport?]

    init(count: Int) {
        reports = Array(repeating: nil, count: count)
    }

    func claimNext() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < reports.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ report: ApplicationReport, at index: Int) {
        lock.lock()
        reports[index] = report
        lock.unlock()
    }

    func collected() -> [ApplicationReport] {
        reports.compactMap { $0 }
    }
}
