import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("Checking a batch")
struct BatchCheckerTests {
    private struct Stop: Error {}

    /// Every example, repeated so that several workers interleave.
    private static func files() throws -> [String] {
        let examples = try FileManager.default.contentsOfDirectory(atPath: Fixtures.examples.path)
            .filter { $0.hasSuffix(".xml") }.sorted()
            .map { Fixtures.examples.appending(path: $0).path }
        return Array(repeating: examples, count: 6).flatMap { $0 }
    }

    private static func checker(jobs: Int) throws -> BatchChecker {
        BatchChecker(
            ruleSet: try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack), options: .init(), jobs: jobs
        )
    }

    @Test("Results arrive in input order, the same with one worker or several")
    func inputOrder() throws {
        let files = try Self.files()
        var seen: [(Int, String)] = []
        try Self.checker(jobs: 4).check(
            files, transform: { report, index in (index, report.file) },
            deliver: { index, value in
                seen.append((index, value.1))
                #expect(value.0 == index)
            })
        #expect(seen.map(\.0) == Array(files.indices))
        #expect(seen.map(\.1) == files)
        let parallel = try Self.checker(jobs: 4).check(files).map(\.verdict)
        let serial = try Self.checker(jobs: 1).check(files).map(\.verdict)
        #expect(parallel == serial)
    }

    /// How many applications the workers checked, counted across threads.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func increment() {
            lock.withLock { value += 1 }
        }

        var count: Int { lock.withLock { value } }
    }

    @Test("An error while delivering stops the batch and reaches the caller")
    func deliveryErrorStops() throws {
        let files = Array(repeating: try Self.files(), count: 4).flatMap { $0 }
        var delivered = 0
        let checked = Counter()
        #expect(throws: Stop.self) {
            try Self.checker(jobs: 2).check(
                files,
                transform: { _, index in
                    checked.increment()
                    return index
                },
                deliver: { index, _ in
                    delivered += 1
                    if index == 3 { throw Stop() }
                })
        }
        #expect(delivered == 4)
        // Workers run at most a window (8 files per worker) ahead of delivery, then stop.
        #expect(checked.count <= 4 + 2 * 8 + 2, "\(checked.count) of \(files.count) files were checked")
    }
}
