import Foundation
import S3CheckTestSupport
import Testing

/// What an example is documented to produce, from `Examples/expected/NAME.json`.
struct Expectation: Decodable {
    var verdict: String
    var exitCode: Int32
    var failingRules: [String]
}

@Suite("The examples give their documented verdicts")
struct ExamplesTests {
    static let examples: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.examples.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted()
    }()

    @Test("There are examples for every outcome")
    func coverage() {
        #expect(Self.examples.count >= 6)
    }

    @Test("Each example's verdict, exit code and failing rules match its expectation file", arguments: examples)
    func example(_ name: String) throws {
        let stem = String(name.dropLast(".xml".count))
        let expectationURL = Fixtures.examples.appending(path: "expected/\(stem).json")
        let expectation = try JSONDecoder().decode(Expectation.self, from: Data(contentsOf: expectationURL))
        let result = try BinaryRunner.run(["check", "--format", "json", "Examples/\(name)"])
        #expect(result.exitCode == expectation.exitCode, "\(result.standardError)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let application = try #require((report["applications"] as? [[String: Any]])?.first)
        #expect(application["verdict"] as? String == expectation.verdict)
        let failing = (application["findings"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String }
        #expect(Set(failing) == Set(expectation.failingRules))
    }
}
