import Foundation
import S3CheckTestSupport
import SafeXML
import Testing

@testable import S3CheckCore

/// The shipped packs' expressions are evaluated natively; here whole reports, checked natively
/// and by libxml2 alone, are compared for the examples and for every rule test case.
@Suite("Shipped expressions agree with libxml2")
struct ShippedExpressionAgreementTests {
    private static func ruleSet() throws -> RuleSet {
        try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
    }

    private static func json(_ report: ApplicationReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    @Test("Nearly every shipped expression is in the native subset")
    func coverage() throws {
        let compiled = try CompiledRules(try Self.ruleSet())
        let expressions = try compiled.rules.flatMap { rule in try rule.rule.expressions.map(compiled.context.compile) }
        let native = expressions.filter(\.isNative)
        let others = expressions.filter { !$0.isNative }.map(\.source)
        #expect(expressions.count > 90)
        #expect(native.count * 10 >= expressions.count * 9, "left to libxml2: \(others)")
    }

    @Test("The examples give the same reports, and Swift answers nearly every evaluation")
    func examples() throws {
        let ruleSet = try Self.ruleSet()
        var libxml2Only = ApplicationChecker.Options()
        libxml2Only.evaluatesNatively = false
        let native = try ApplicationChecker(ruleSet: ruleSet)
        let reference = try ApplicationChecker(ruleSet: ruleSet, options: libxml2Only)
        let folders = [Fixtures.examples, Fixtures.rules.appending(path: "tests")]
        var checked = 0
        for folder in folders {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".xml") {
                let data = try Data(contentsOf: folder.appending(path: name))
                let nativeReport = try Self.json(native.check(data, file: name))
                #expect(nativeReport == (try Self.json(reference.check(data, file: name))), "\(name)")
                checked += 1
            }
        }
        #expect(checked >= 10)
        #expect(native.compiled.context.deferredEvaluations == 0, "native evaluations handed to libxml2")
    }

    @Test("Every rule test case gives the same report both ways")
    func ruleTestCases() throws {
        let ruleSet = try Self.ruleSet()
        func reports(natively: Bool) -> [String: String] {
            var runner = RuleTestRunner(files: .shipped, ruleSet: ruleSet)
            runner.checkerOptions.evaluatesNatively = natively
            var reports: [String: String] = [:]
            runner.observeReport = { file, report in reports[file] = try? Self.json(report) }
            _ = runner.run()
            return reports
        }
        let native = reports(natively: true)
        let reference = reports(natively: false)
        #expect(native.count > 80, "rule test cases checked: \(native.count)")
        #expect(native.keys.sorted() == reference.keys.sorted())
        for (file, report) in native.sorted(by: { $0.key < $1.key }) {
            #expect(report == reference[file], "\(file)")
        }
    }
}
