import Foundation
import S3CheckPacks
import S3CheckValues

/// Checks many applications on several threads, one compiled checker per thread.
///
/// Results come back in input order whatever the scheduling, so the same run always prints
/// the same report. Workers run at most a bounded window ahead of the consumer, so a batch of
/// any size holds only a few reports at a time.
public struct BatchChecker: Sendable {
    /// The packs, chosen per application by the call it names.
    public let packs: PackChoice
    public let options: ApplicationChecker.Options
    /// How many threads check at once.
    public let jobs: Int
    /// Applications already read, by the name that stands for them among the files (`-` for
    /// standard input): checked from these bytes instead of from a file.
    public var contents: [String: Data] = [:]

    public init(ruleSet: RuleSet, options: ApplicationChecker.Options, jobs: Int) {
        self.init(packs: PackChoice(base: ruleSet), options: options, jobs: jobs)
    }

    public init(packs: PackChoice, options: ApplicationChecker.Options, jobs: Int) {
        self.packs = packs
        self.options = options
        self.jobs = max(1, jobs)
    }

    private static func check(_ file: String, with checker: ApplicationChecker, contents: [String: Data])
        -> ApplicationReport
    {
        if let data = contents[file] { return checker.check(data, file: file) }
        return checker.check(fileAt: file)
    }

    /// Checks every file and returns every report; throws only when the rules cannot be compiled.
    public func check(_ files: [String]) throws(RulePackError) -> [ApplicationReport] {
        var reports: [ApplicationReport] = []
        reports.reserveCapacity(files.count)
        do {
            try check(files, transform: { report, _ in report }, deliver: { _, report in reports.append(report) })
        } catch let error as RulePackError {
            throw error
        } catch {
            // `deliver` above cannot throw.
        }
        return reports
    }

    /// Checks every file, turns each report into `T` on the worker that made it, and hands the
    /// results to `deliver` on the calling thread in input order.
    ///
    /// `transform` is where per-application work such as rendering belongs: it runs in parallel.
    /// Throws a ``RulePackError`` before any file is read when the rules cannot be compiled, and
    /// rethrows the first error of `deliver`, after which no further file is started.
    public func check<T: Sendable>(
        _ files: [String],
        transform: @escaping @Sendable (ApplicationReport, Int) -> T,
        deliver: (Int, T) throws -> Void
    ) throws {
        // The first checker also proves the pack compiles before any thread starts.
        let first = try ApplicationChecker(packs: packs, options: options)
        let workers = min(jobs, files.count)
        guard workers > 1 else {
            for (index, file) in files.enumerated() {
                try deliver(index, transform(Self.check(file, with: first, contents: contents), index))
            }
            return
        }
        let queue = OrderedResults<T>(count: files.count, window: workers * 8)
        // Handed to exactly one worker; this thread no longer touches it.
        nonisolated(unsafe) let compiled = first
        let group = DispatchGroup()
        let packs = packs
        let options = options
        let contents = contents
        for worker in 0..<workers {
            DispatchQueue.global().async(group: group) {
                // The first worker reuses the copy compiled above. The pack compiled there, so
                // compiling it again cannot fail; if it did, the other workers would still finish.
                // A worker that starts after the others have taken every file compiles nothing.
                guard worker == 0 || queue.hasWork else { return }
                let checker = worker == 0 ? compiled : (try? ApplicationChecker(packs: packs, options: options))
                guard let checker else { return }
                while let index = queue.claimNext() {
                    queue.store(
                        transform(Self.check(files[index], with: checker, contents: contents), index), at: index)
                }
            }
        }
        defer {
            queue.cancel()
            group.wait()
        }
        for index in files.indices {
            guard let value = queue.take(index) else { return }
            try deliver(index, value)
        }
    }
}

/// Hands out file indices to workers and gives their results back in input order.
///
/// A worker waits before claiming an index more than `window` ahead of the consumer, which
/// bounds memory however slow the consumer is.
private final class OrderedResults<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var next = 0
    private var delivered = 0
    private var cancelled = false
    private var ready: [Int: T] = [:]

    init(count: Int, window: Int) {
        self.count = count
        self.window = max(1, window)
    }

    /// Whether any file is left to claim and the run goes on.
    var hasWork: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !cancelled && next < count
    }

    func claimNext() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, next < count, next >= delivered + window {
            condition.wait()
        }
        guard !cancelled, next < count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ value: T, at index: Int) {
        condition.lock()
        ready[index] = value
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the result at `index`; nil only when the run was cancelled.
    func take(_ index: Int) -> T? {
        condition.lock()
        defer { condition.unlock() }
        while ready[index] == nil, !cancelled {
            condition.wait()
        }
        guard let value = ready.removeValue(forKey: index) else { return nil }
        delivered = index + 1
        condition.broadcast()
        return value
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
