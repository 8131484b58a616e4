import Foundation
import S3CheckCore

/// Renders a run as TAP version 14: one plan for the whole run, one test point per application,
/// with the findings as a YAML diagnostic block.
public struct TAPReporter: StreamingReporter {
    public let context: RunContext

    public init(context: RunContext) {
        self.context = context
    }

    /// The plan comes first: the number of applications is known before checking.
    public func opening(_ tally: RunTally) -> String {
        "TAP version 14\n1..\(context.fileCount)\n"
    }

    public func closing(_ tally: RunTally) -> String {
        ""
    }

    public func section(for application: ApplicationReport, at position: Int) -> ReportSection {
        ReportSection(lines(application, index: position).map { $0 + "\n" }.joined())
    }

    private func lines(_ application: ApplicationReport, index: Int) -> [String] {
        var lines: [String] = []
        let passed =
            application.verdict == .eligible
            || (application.verdict == .eligibleWithRemarks && !context.failOnWarning)
        let description = "\(VisibleText.escaping(application.file)): \(application.verdict.label[language])"
            .replacingOccurrences(of: "#", with: "\\#").replacingOccurrences(of: "\n", with: " ")
        lines.append("\(passed ? "ok" : "not ok") \(index + 1) - \(description)")
        guard !application.findings.isEmpty || application.alignment != nil else { return lines }
        lines.append("  ---")
        lines.append("  verdict: \(Self.quoted(application.verdict.rawValue))")
        if let alignment = application.alignment {
            lines.append("  s3:")
            lines.append("    declared: [\(alignment.declared.map(Self.quoted).joined(separator: ", "))]")
            lines.append("    best: \(Self.quoted(alignment.best?.id ?? ""))")
            lines.append("    supported: [\(alignment.conclusion.supported.map(Self.quoted).joined(separator: ", "))]")
            lines.append("    conclusion: \(Self.quoted(ConclusionText(language: language).sentence(alignment)))")
            lines.append("    scores:")
            for area in alignment.areas {
                lines.append("      \(Self.quoted(area.id)): \(String(format: "%.2f", area.score))")
            }
        }
        guard !application.findings.isEmpty else {
            lines.append("  ...")
            return lines
        }
        lines.append("  findings:")
        for finding in application.findings {
            lines.append("    - rule: \(Self.quoted(finding.ruleID))")
            lines.append("      severity: \(finding.severity.rawValue)")
            lines.append("      message: \(Self.quoted(finding.message[language]))")
            if let location = finding.location {
                lines.append("      at: \(Self.quoted("\(location.file):\(location.line):\(location.column)"))")
            }
        }
        lines.append("  ...")
        return lines
    }

    /// A YAML double-quoted scalar; JSON string syntax is valid YAML.
    static func quoted(_ text: String) -> String {
        JSONText.quoted(text)
    }
}
