import Foundation
import S3CheckCore

/// Renders a run as JUnit XML for Jenkins, GitLab and the GitHub test-report actions.
///
/// One `testsuite` per application and one `testcase` per applicable rule (`classname` the rule
/// group, `name` the rule id and title, unique within the suite); failed rules are failures with
/// the details in the element body (GitLab ignores `message`), of type `error` or `warning`.
/// Warnings are failures too, because a passed test case is all GitLab and Jenkins show of it and
/// the remarks would vanish; whether the pipeline fails still follows the exit code and
/// `--fail-on` (Jenkins marks a build with failed test cases unstable, not failed). Rules that do
/// not apply are skipped. An application that could not be assessed gets one `error` case per
/// problem. The output validates against the Ant JUnit schema; `fileAttributes` adds the
/// non-schema `file` attribute on test cases that GitLab uses for links.
public struct JUnitReporter: StreamingReporter {
    public let context: RunContext
    public var fileAttributes: Bool

    // Made once: a date formatter per application cost more than the rest of its suite.
    private let timestamp: String

    public init(context: RunContext, fileAttributes: Bool = false) {
        self.context = context
        self.fileAttributes = fileAttributes
        timestamp = Markup.timestamp(context.generatedAt)
    }

    private struct Case {
        var name: String
        var classname: String
        var outcome: Outcome
        var file: String

        enum Outcome {
            case passed
            case failed(type: String, message: String, details: String)
            case error(type: String, message: String, details: String)
            case skipped(String)
        }
    }

    // The Ant schema allows no attributes on <testsuites>; the totals are on each suite, so
    // nothing before the first suite waits for the end of the run.
    public func opening(_ tally: RunTally) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
    }

    public func closing(_ tally: RunTally) -> String {
        "</testsuites>\n"
    }

    public func section(for application: ApplicationReport, at index: Int) -> ReportSection {
        let cases = testCases(application)
        let failures = cases.count { if case .failed = $0.outcome { true } else { false } }
        let errors = cases.count { if case .error = $0.outcome { true } else { false } }
        let skipped = cases.count { if case .skipped = $0.outcome { true } else { false } }
        var suite = """
              <testsuite name="\(Markup.escape(application.file))" package="s3check" id="\(index)" \
            timestamp="\(timestamp)" hostname="s3check" tests="\(cases.count)" failures="\(failures)" \
            errors="\(errors)" skipped="\(skipped)" time="0">
                <properties>
                  <property name="file" value="\(Markup.escape(application.file))"/>
                  <property name="verdict" value="\(application.verdict.rawValue)"/>
                  <property name="sha256" value="\(application.sha256 ?? "")"/>
            \(s3Properties(application.alignment))    </properties>

            """
        for testCase in cases {
            suite += render(testCase)
        }
        suite += "    <system-out>\(Markup.escape(application.verdict.label[language]))</system-out>\n"
        suite += "    <system-err/>\n  </testsuite>\n"
        return ReportSection(suite)
    }

    /// The smart-specialisation result as properties: declared and best area, each area's score.
    private func s3Properties(_ alignment: S3Alignment?) -> String {
        guard let alignment else { return "" }
        var properties = [
            ("s3.declared", alignment.declared.joined(separator: " ")),
            ("s3.best", alignment.best?.id ?? ""),
            ("s3.supported", alignment.conclusion.supported.joined(separator: " ")),
            ("s3.clear", alignment.conclusion.clear ? "true" : "false"),
            ("s3.conclusion", ConclusionText(language: language).sentence(alignment)),
        ]
        properties += alignment.areas.map { ("s3.score.\($0.id)", String(format: "%.2f", $0.score)) }
        return properties.map { "      <property name=\"\(Markup.escape($0.0))\" value=\"\(Markup.escape($0.1))\"/>\n" }
            .joined()
    }

    private func render(_ testCase: Case) -> String {
        let file = fileAttributes ? " file=\"\(Markup.escape(testCase.file))\"" : ""
        let open =
            "    <testcase name=\"\(Markup.escape(testCase.name))\" classname=\"\(Markup.escape(testCase.classname))\" time=\"0\"\(file)"
        switch testCase.outcome {
        case .passed:
            return open + "/>\n"
        case .skipped(let reason):
            return open + ">\n      <skipped message=\"\(Markup.escape(reason))\"/>\n    </testcase>\n"
        case .failed(let type, let message, let details):
            return open
                + ">\n      <failure type=\"\(type)\" message=\"\(Markup.escape(message))\">\(Markup.escape(details))</failure>\n    </testcase>\n"
        case .error(let type, let message, let details):
            return open
                + ">\n      <error type=\"\(type)\" message=\"\(Markup.escape(message))\">\(Markup.escape(details))</error>\n    </testcase>\n"
        }
    }

    /// The application's test cases, each name unique within the suite: GitLab keeps one test
    /// case per name and would drop the others' messages.
    private func testCases(_ application: ApplicationReport) -> [Case] {
        var cases = rawTestCases(application)
        var seen: [String: Int] = [:]
        for name in cases.map(\.name) { seen[name, default: 0] += 1 }
        var numbered: [String: Int] = [:]
        for index in cases.indices where seen[cases[index].name, default: 0] > 1 {
            let name = cases[index].name
            numbered[name, default: 0] += 1
            cases[index].name = "\(name) #\(numbered[name] ?? 1)"
        }
        return cases
    }

    private func rawTestCases(_ application: ApplicationReport) -> [Case] {
        // An application that could not be assessed has no rule results, only its problems.
        if application.results.isEmpty {
            return application.findings.map { finding in
                let place = finding.location.map { " (\($0.line):\($0.column))" } ?? ""
                return Case(
                    name: "\(finding.ruleID) \(finding.title[language])\(place)",
                    classname: "s3check.input",
                    outcome: .error(
                        type: finding.ruleID, message: finding.message[language], details: details([finding])),
                    file: application.file
                )
            }
        }
        let skippedText = Catalog.text("junit.does-not-apply-to-this-application", language)
        return application.results.map { result in
            let rule = context.rule(result.ruleID)
            let name = "\(result.ruleID) \(rule?.title[language] ?? "")".trimmingCharacters(in: .whitespaces)
            let classname = rule?.group.id ?? "s3check"
            let findings = application.findings.filter { $0.ruleID == result.ruleID }
            let outcome: Case.Outcome
            switch result.outcome {
            case .pass:
                outcome = .passed
            case .notApplicable:
                outcome = .skipped(skippedText)
            case .error:
                outcome = .error(
                    type: "evaluation", message: findings.first?.message[language] ?? "", details: details(findings))
            case .fail:
                let severity = rule?.severity ?? .error
                outcome = .failed(
                    type: severity.rawValue, message: findings.first?.message[language] ?? "",
                    details: details(findings))
            }
            return Case(name: name, classname: classname, outcome: outcome, file: application.file)
        }
    }

    private func details(_ findings: [Finding]) -> String {
        findings.map { finding in
            var lines: [String] = []
            let location = finding.location.map { "\($0.file):\($0.line):\($0.column)" } ?? ""
            lines.append("\(location) [\(finding.ruleID)] \(finding.message[language])")
            if let field = finding.field { lines.append("  \(field.label[language]) (\(field.path))") }
            if let hint = finding.hint { lines.append("  \(hint[language])") }
            if let legal = finding.legal, !legal.reference.isEmpty {
                lines.append("  \(legal.text(in: language)) <\(legal.url)>")
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
