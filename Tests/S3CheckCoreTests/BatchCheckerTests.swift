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

    @Test("An error while delivering stops the batch and reaches the caller")
    func deliveryErrorStops() throws {
        let files = try Self.files()
        var delivered = 0
        #expect(throws: Stop.self) {
            try Self.checker(jobs: 2).check(
                files, transform: { _, index in index },
                deliver: { index, _ in
                    delivered += 1
                    if index == 3 { throw Stop() }
                })
        }
        #expect(delivered == 4)
    }
}
