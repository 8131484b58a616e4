import Dispatch
import Foundation
import S3CheckCore

/// Compiled checkers for one rule pack, kept for the life of the process and lent to one check
/// at a time, with an async API.
///
/// Compiling a pack costs far more than checking an application, so a long-running front end
/// compiles each profile once per worker and reuses the checkers. A check runs on a Dispatch
/// thread, not on Swift's cooperative pool, so that a slow application never starves the tasks
/// that accept connections and answer health checks.
public final class CheckerPool: @unchecked Sendable {
    public let packs: PackChoice
    private let maximumBytes: Int
    private let lock = NSLock()
    // Idle checkers by profile (nil: the pack's default). A checker is used by one thread at a time.
    private var idle: [String: [ApplicationChecker]] = [:]
    private let queue = DispatchQueue(label: "s3check.checks", attributes: .concurrent)

    /// Applications larger than `maximumBytes` are refused as the command line refuses them.
    /// Compiles `prepared` checkers for the default profile now, so that the first requests
    /// are as fast as the rest and a pack that does not compile fails at start-up.
    public convenience init(ruleSet: RuleSet, maximumBytes: Int, prepared: Int) throws(RulePackError) {
        try self.init(packs: PackChoice(base: ruleSet), maximumBytes: maximumBytes, prepared: prepared)
    }

    /// The same, choosing each application's pack by the call it names.
    public init(packs: PackChoice, maximumBytes: Int, prepared: Int) throws(RulePackError) {
        self.packs = packs
        self.maximumBytes = maximumBytes
        var checkers: [ApplicationChecker] = []
        for _ in 0..<max(1, prepared) {
            checkers.append(try ApplicationChecker(packs: packs, options: options(profile: nil)))
        }
        idle[""] = checkers
    }

    /// Checks `data`, named `name` in the report, and turns the report into `T` on the same
    /// thread (rendering is work too). Fails only when the profile's rules do not compile, which
    /// cannot happen for a profile of a pack that compiled.
    public func check<T: Sendable>(
        _ data: Data,
        name: String,
        encoding: String? = nil,
        profile: String?,
        transform: @escaping @Sendable (ApplicationReport) throws -> T
    ) async throws -> T {
        let checker = try borrow(profile)
        // Handed to exactly one thread at a time: borrowed here, given back when done.
        nonisolated(unsafe) let lent = checker
        defer { giveBack(checker, profile) }
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try transform(lent.check(data, file: name, encoding: encoding)) })
            }
        }
    }

    private func options(profile: String?) -> ApplicationChecker.Options {
        ApplicationChecker.Options(profile: profile, limits: .init(maximumBytes: maximumBytes))
    }

    private func borrow(_ profile: String?) throws -> ApplicationChecker {
        if let checker = lock.withLock({ idle[profile ?? "", default: []].popLast() }) { return checker }
        return try ApplicationChecker(packs: packs, options: options(profile: profile))
    }

    private func giveBack(_ checker: ApplicationChecker, _ profile: String?) {
        lock.withLock { idle[profile ?? "", default: []].append(checker) }
    }
}
