import Foundation
import S3CheckCore
import S3CheckRun
import S3CheckTestSupport
import Testing

@Suite("Admission and the checker pool")
struct AdmissionGateTests {
    /// A task that holds one of `gate`'s slots (returning 1) until `release` is yielded; it has
    /// the slot when this returns.
    private static func holdSlot(of gate: AdmissionGate) async -> (
        holder: Task<Int, any Error>, release: AsyncStream<Void>.Continuation
    ) {
        let (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await gate.run {
                enteredContinuation.yield()
                for await _ in release { break }
                return 1
            }
        }
        for await _ in entered { break }
        return (holder, releaseContinuation)
    }

    @Test("With every slot taken and no queue, the next request is refused at once")
    func fullGateRefuses() async throws {
        let gate = AdmissionGate(slots: 1, queueLength: 0, queueTimeout: .seconds(60))
        let (holder, release) = await Self.holdSlot(of: gate)
        #expect(gate.load.running == 1)
        await #expect(throws: AdmissionGate.Refusal.self) { try await gate.run { 2 } }
        release.yield()
        #expect(try await holder.value == 1)
        #expect(try await gate.run { 3 } == 3)
        #expect(gate.load.running == 0)
    }

    @Test("A queued request gets the slot its predecessor leaves")
    func queuedRequestIsAdmitted() async throws {
        let gate = AdmissionGate(slots: 1, queueLength: 1, queueTimeout: .seconds(600))
        let (holder, release) = await Self.holdSlot(of: gate)
        let waiter = Task { try await gate.run { 2 } }
        while gate.load.waiting == 0 { await Task.yield() }
        release.yield()
        #expect(try await holder.value == 1)
        #expect(try await waiter.value == 2)
    }

    @Test("A check from bytes in memory gives the report a check of the file gives")
    func poolChecksBytes() async throws {
        let ruleSet = try PackLocation(nil).load()
        let pool = try CheckerPool(ruleSet: ruleSet, maximumBytes: 1 << 20, prepared: 1)
        let url = Fixtures.examples.appending(path: "not-eligible-cofinancing.sv.xml")
        let fromMemory = try await pool.check(try Data(contentsOf: url), name: url.path, profile: nil) { $0 }
        let fromFile = try ApplicationChecker(ruleSet: ruleSet).check(fileAt: url.path)
        #expect(fromMemory.verdict == .notEligible)
        #expect(fromMemory.findings.map(\.ruleID) == fromFile.findings.map(\.ruleID))
        #expect(fromMemory.sha256 == fromFile.sha256)
    }
}
