import Foundation

/// Lets at most a fixed number of checks run at once; the next few wait their turn for a short
/// while, and everything beyond is refused at once.
///
/// Refusing early is what keeps a service responsive under overload: a request that would wait
/// longer than a client's patience is better answered "busy, retry later" straight away, and
/// memory stays bounded by `slots + queueLength` requests in hand.
public final class AdmissionGate: @unchecked Sendable {
    /// Why a request was not admitted.
    public enum Refusal: Error, Sendable {
        /// Every slot was busy and the queue full.
        case queueFull
        /// The request waited `queueTimeout` without a slot coming free.
        case timedOut
    }

    public let slots: Int
    public let queueLength: Int
    public let queueTimeout: Duration
    private let lock = NSLock()
    private var free: Int
    private var waiting: [(id: UInt64, resume: CheckedContinuation<Refusal?, Never>)] = []
    private var nextID: UInt64 = 0

    public init(slots: Int, queueLength: Int, queueTimeout: Duration) {
        self.slots = max(1, slots)
        self.queueLength = max(0, queueLength)
        self.queueTimeout = queueTimeout
        free = self.slots
    }

    /// Requests running and waiting now, for readiness and metrics.
    public var load: (running: Int, waiting: Int) {
        lock.withLock { (slots - free, waiting.count) }
    }

    /// Runs `body` in a slot, waiting for one at most `queueTimeout`.
    public func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await enter()
        defer { leave() }
        return try await body()
    }

    private func enter() async throws(Refusal) {
        let id = lock.withLock {
            nextID += 1
            return nextID
        }
        let timeout = queueTimeout
        // The whole decision is taken under the lock inside the continuation, so that a slot
        // freed in between cannot be missed.
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Refusal?, Never>) in
            let queued: Bool = lock.withLock {
                if free > 0 {
                    free -= 1
                    continuation.resume(returning: nil)
                    return false
                }
                guard waiting.count < queueLength else {
                    continuation.resume(returning: .queueFull)
                    return false
                }
                waiting.append((id, continuation))
                return true
            }
            if queued {
                Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    self?.expire(id)
                }
            }
        }
        if let outcome { throw outcome }
    }

    private func expire(_ id: UInt64) {
        let expired: CheckedContinuation<Refusal?, Never>? = lock.withLock {
            guard let index = waiting.firstIndex(where: { $0.id == id }) else { return nil }
            return waiting.remove(at: index).resume
        }
        expired?.resume(returning: .timedOut)
    }

    // The slot passes straight to the longest waiter, so a newcomer cannot overtake the queue.
    private func leave() {
        let next: CheckedContinuation<Refusal?, Never>? = lock.withLock {
            if waiting.isEmpty {
                free += 1
                return nil
            }
            return waiting.removeFirst().resume
        }
        next?.resume(returning: nil)
    }
}
