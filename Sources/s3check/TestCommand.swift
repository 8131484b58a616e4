import ArgumentParser
import Foundation
import S3CheckCore

/// `s3check test`: proves every rule with a passing and a failing case, and checks the examples.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the rule tests beside each pack, print per-rule coverage, and check example expectations."
    )

    @Argument(help: "Rule pack file or shipped:PATH (default: the shipped Stockholm pack).")
    var pack: String?

    @Option(help: "Also check every *.xml in this folder against expected/NAME.json (verdict and failing rules).")
    var examples: String?

    @OptionGroup var presentation: PresentationOptions

    func run() throws {
        let language = presentation.language
        let location = PackLocation(pack)
        let ruleSet = try location.load(language: language)
        let report = RuleTestRunner(files: location.files, ruleSet: ruleSet).run()
        var passed = 0
        var failed = 0
        for problem in report.problems {
            Diagnostics.write(problem.formatted(in: language), label: Catalog.text("cli.error")[language])
            failed += 1
        }
        for testCase in report.cases {
            if testCase.passed {
                passed += 1
                continue
            }
            failed += 1
            let actual = testCase.actual?.rawValue ?? Catalog.text("cli.did-not-run")[language]
            let detail = testCase.detail.map { " — \($0[language])" } ?? ""
            let name = testCase.name.map { " \"\($0)\"" } ?? ""
            print(
                "\(testCase.file):\(testCase.line): FAIL [\(testCase.ruleID)]\(name): "
                    + Catalog.text("cli.expected")[language]
                    + " \(testCase.expected.rawValue), " + Catalog.text("cli.got")[language]
                    + " \(actual)\(detail)"
            )
        }
        print(
            Catalog.text("cli.coverage-proven-cases-per-rule")[language])
        for entry in report.coverage {
            let mark = entry.passing > 0 && entry.failing > 0 ? "ok  " : "MISS"
            print(
                "  \(mark) \(entry.ruleID.padding(toLength: 14, withPad: " ", startingAt: 0)) pass \(entry.passing)  fail \(entry.failing)"
            )
        }
        for ruleID in report.uncovered {
            failed += 1
            let message = Catalog.text("cli.rule-lacks-a-proven-passing-case", ["ruleID": "\(ruleID)"])
            Diagnostics.error(message[language])
        }
        if let examples {
            let outcome = try ExampleExpectations(folder: examples, ruleSet: ruleSet).check(language: language)
            passed += outcome.passed
            failed += outcome.failed
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw Outcome.notEligible.exitCode }
    }
}

/// Checks each example against `expected/NAME.json` beside it.
struct ExampleExpectations {
    let folder: String
    let ruleSet: RuleSet

    private struct Expectation: Decodable {
        var verdict: Verdict
        var exitCode: Int32
        var failingRules: [String]
    }

    func check(language: Language) throws -> (passed: Int, failed: Int) {
        let checker = try ApplicationChecker(ruleSet: ruleSet)
        var passed = 0
        var failed = 0
        for file in InputFiles.expand([folder]) {
            let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            let expectationPath = (folder as NSString).appendingPathComponent("expected/\(stem).json")
            guard let data = FileManager.default.contents(atPath: expectationPath),
                let expectation = try? JSONDecoder().decode(Expectation.self, from: data)
            else {
                failed += 1
                print(
                    "\(file): FAIL "
                        + Catalog.text("cli.no-readable-expectation-file", ["expectationPath": "\(expectationPath)"])[
                            language])
                continue
            }
            let report = checker.check(fileAt: file)
            let failing = Set(report.findings.map(\.ruleID))
            let exitCode = Outcome.of([report.verdict], failOnWarning: false).rawValue
            if report.verdict == expectation.verdict, failing == Set(expectation.failingRules),
                exitCode == expectation.exitCode
            {
                passed += 1
            } else {
                failed += 1
                print(
                    "\(file): FAIL " + Catalog.text("cli.expected")[language]
                        + " \(expectation.verdict.label[language]) \(expectation.failingRules.sorted()), "
                        + Catalog.text("cli.got")[language]
                        + " \(report.verdict.label[language]) \(failing.sorted())"
                )
            }
        }
        return (passed, failed)
    }
}
