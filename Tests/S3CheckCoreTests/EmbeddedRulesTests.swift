import Foundation
import S3CheckRules
import S3CheckTestSupport
import Testing

@Suite("The rules built into the binary")
struct EmbeddedRulesTests {
    /// SwiftPM re-runs the embedding plugin only when it re-plans the build, which editing a
    /// file outside a target does not trigger; this test turns a stale binary into a clear failure.
    @Test("are exactly the files in Rules/")
    func matchDisk() throws {
        let root = Fixtures.rules.path
        var onDisk: [String: [UInt8]] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                onDisk[relative] = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
            }
        }
        let stale = Set(onDisk.keys).symmetricDifference(ShippedRules.files.keys)
            .union(onDisk.keys.filter { onDisk[$0] != ShippedRules.files[$0] })
        #expect(
            stale.isEmpty,
            "Embedded rules are stale for \(stale.sorted()); run `touch Package.swift` and build again."
        )
    }
}
