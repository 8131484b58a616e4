import Foundation
import S3CheckEngine
import S3CheckPacks
import S3CheckValues
import SafeXML

/// Runs the rule tests found in the `tests/` folder beside every loaded pack.
///
/// A test case starts from a base application, applies XPath-targeted edits and states the
/// outcome one rule must have; coverage requires a passing and a failing case for every rule.
public struct RuleTestRunner {
    public let files: RuleFiles
    public let ruleSet: RuleSet
    /// Checker options for every case; tests change them to compare ways of evaluating.
    var checkerOptions = ApplicationChecker.Options()
    /// Sees every case's report, for tests that compare reports rather than outcomes.
    var observeReport: ((_ file: String, _ report: ApplicationReport) -> Void)?

    public init(files: RuleFiles, ruleSet: RuleSet) {
        self.files = files
        self.ruleSet = ruleSet
    }

    /// Runs every case of every test file.
    public func run() -> RuleTestReport {
        var report = RuleTestReport(ruleIDs: ruleSet.rules.map(\.id))
        var checkers: [String: ApplicationChecker] = [:]
        for path in testFiles() {
            run(path, into: &report, checkers: &checkers)
        }
        return report
    }

    /// The `*.xml` files in `tests/` beside each loaded pack.
    public func testFiles() -> [String] {
        let folders = Set(ruleSet.packs.map { files.folder(of: $0.path) })
        return folders.sorted().flatMap { folder in
            files.files(under: folder.isEmpty ? "tests" : folder + "/tests").filter { $0.hasSuffix(".xml") }
        }
    }

    private func run(_ path: String, into report: inout RuleTestReport, checkers: inout [String: ApplicationChecker]) {
        let shown = files.displayPath(path)
        func problem(_ line: Int, _ sv: String, _ en: String, rule: String? = nil) {
            report.problems.append(
                RuleProblem(file: shown, line: line, ruleID: rule, message: LocalizedText(sv: sv, en: en)))
        }
        guard let data = try? files.read(path), let document = try? XMLDocument.parse(data, name: shown),
            let root = document.root
        else {
            problem(1, "Testfilen kan inte läsas som XML.", "The test file cannot be read as XML.")
            return
        }
        let violations = Schemas.shared.rules.validate(document)
        guard violations.isEmpty, root.localName == "ruleTests" else {
            for violation in violations {
                problem(
                    violation.line ?? 1, "Följer inte regelschemat: \(violation.message)",
                    "Does not follow the rule schema: \(violation.message)")
            }
            if violations.isEmpty {
                problem(root.line, "Väntade <ruleTests>.", "Expected <ruleTests>.")
            }
            return
        }
        let basePath = files.resolve(root.attribute("base") ?? "", relativeTo: path)
        guard let base = try? files.read(basePath) else {
            problem(
                root.line, "Basansökan \(files.displayPath(basePath)) finns inte.",
                "The base application \(files.displayPath(basePath)) does not exist.")
            return
        }
        let profile = root.attribute("profile")
        let checker: ApplicationChecker
        if let cached = checkers[profile ?? ""] {
            checker = cached
        } else {
            do {
                var options = checkerOptions
                options.profile = profile
                checker = try ApplicationChecker(ruleSet: ruleSet, options: options)
            } catch {
                report.problems += error.problems
                return
            }
            checkers[profile ?? ""] = checker
        }
        let xpath = XPathContext(namespaces: Namespaces.expressionPrefixes, functions: [])
        for element in root.children("case") {
            let ruleID = element.attribute("rule") ?? ""
            guard let rule = ruleSet.rule(ruleID) else {
                problem(
                    element.line, "Regeln \(ruleID) finns inte i paketet.", "Rule \(ruleID) is not in the pack.",
                    rule: ruleID)
                continue
            }
            let chosenProfile = profile ?? ruleSet.defaultProfile
            guard rule.runs(in: chosenProfile) else {
                let name = chosenProfile ?? ""
                problem(
                    element.line,
                    "Regeln \(ruleID) körs inte i profilen \(name), så fallet kan inte prövas.",
                    "Rule \(ruleID) does not run in profile \(name), so the case cannot be tested.",
                    rule: ruleID
                )
                continue
            }
            guard let edited = try? XMLDocument.parse(base, name: "base"), let editedRoot = edited.root else {
                problem(root.line, "Basansökan är inte välformad.", "The base application is not well-formed.")
                return
            }
            var editFailed = false
            for edit in element.childElements {
                let source = edit.attribute("path") ?? ""
                // A path outside the rule language would otherwise read as one that selects nothing.
                let expression: XPathExpression
                do {
                    expression = try xpath.compile(source)
                } catch {
                    let text =
                        error.isOutsideTheLanguage
                        ? Catalog.text("pack.expression-outside-the-language", ["expression": source])
                        : Catalog.text(
                            "pack.expression-does-not-compile", ["expression": source, "reason": error.reason])
                    problem(edit.line, text.sv, text.en, rule: ruleID)
                    editFailed = true
                    continue
                }
                func select(_ path: String) -> [XMLNode] {
                    (try? xpath.compile(path)).flatMap { try? xpath.evaluate($0, at: editedRoot) }?.nodes ?? []
                }
                let nodes = (try? xpath.evaluate(expression, at: editedRoot))?.nodes ?? []
                // set on a missing attribute (…/@name) adds it to the elements the rest selects.
                if nodes.isEmpty, edit.localName == "set", let slash = source.range(of: "/@", options: .backwards),
                    !source[slash.upperBound...].contains(where: { "/[]()|".contains($0) })
                {
                    let elements = select(String(source[..<slash.lowerBound]))
                    if !elements.isEmpty {
                        let name = String(source[slash.upperBound...])
                        for element in elements { element.setAttribute(name, to: edit.attribute("value") ?? "") }
                        continue
                    }
                }
                guard !nodes.isEmpty else {
                    problem(
                        edit.line, "Sökvägen \(source) väljer ingenting i basansökan.",
                        "The path \(source) selects nothing in the base application.", rule: ruleID)
                    editFailed = true
                    continue
                }
                for node in nodes {
                    if edit.localName == "set" {
                        node.setStringValue(edit.attribute("value") ?? "")
                    } else {
                        node.remove()
                    }
                }
            }
            guard !editFailed else { continue }
            let checked = checker.check(edited.serialized(), file: "\(shown):\(element.line)")
            observeReport?("\(shown):\(element.line)", checked)
            let actual = checked.results.first { $0.ruleID == ruleID }?.outcome
            let expected = RuleResult.Outcome(rawValue: element.attribute("expect") ?? "") ?? .pass
            report.cases.append(
                RuleTestCase(
                    file: shown,
                    line: element.line,
                    ruleID: ruleID,
                    name: element.attribute("name"),
                    expected: expected,
                    actual: actual,
                    detail: actual == nil ? checked.findings.first?.message : nil
                )
            )
        }
    }
}

/// One case and what happened.
public struct RuleTestCase: Sendable {
    public var file: String
    public var line: Int
    public var ruleID: String
    public var name: String?
    public var expected: RuleResult.Outcome
    /// nil when the rule did not run (for example the edited application was schema-invalid).
    public var actual: RuleResult.Outcome?
    /// Why the rule did not run.
    public var detail: LocalizedText?

    public var passed: Bool { actual == expected }
}

/// Every case, the problems in the test files, and per-rule coverage.
public struct RuleTestReport: Sendable {
    public var ruleIDs: [String]
    public var cases: [RuleTestCase] = []
    public var problems: [RuleProblem] = []

    /// How many passing cases proved a `pass` and a `fail` for each rule.
    public var coverage: [(ruleID: String, passing: Int, failing: Int)] {
        ruleIDs.map { id in
            let proven = cases.filter { $0.ruleID == id && $0.passed }
            return (id, proven.count { $0.expected == .pass }, proven.count { $0.expected == .fail })
        }
    }

    /// Rules without both a proven passing and a proven failing case.
    public var uncovered: [String] {
        coverage.filter { $0.passing == 0 || $0.failing == 0 }.map(\.ruleID)
    }

    public var succeeded: Bool {
        problems.isEmpty && cases.allSatisfy(\.passed) && uncovered.isEmpty
    }
}
