import Foundation
import S3CheckCore

/// Renders a run as TAP version 14: one plan for the whole run, one test point per application,
/// with the findings as a YAML diagnostic block.
public struct TAPReporter {
    public var language: Language

    public init(language: Language) {
        self.language = language
    }

    public func render(_ run: RunReport) -> String {
        var lines = ["TAP version 14", "1..\(run.applications.count)"]
        for (index, application) in run.applications.enumerated() {
            let passed =
                application.verdict == .eligible
                || (application.verdict == .eligibleWithRemarks && !run.failOnWarning)
            let description = "\(application.file): \(application.verdict.label[language])"
                .replacingOccurrences(of: "#", with: "\\#").replacingOccurrences(of: "\n", with: " ")
            lines.append("\(passed ? "ok" : "not ok") \(index + 1) - \(description)")
            guard !application.findings.isEmpty || application.alignment != nil else { continue }
            lines.append("  ---")
            lines.append("  verdict: \(Self.quoted(application.verdict.rawValue))")
            if let alignment = application.alignment {
                lines.append("  s3:")
                lines.append("    declared: [\(alignment.declared.map(Self.quoted).joined(separator: ", "))]")
                lines.append("    best: \(Self.quoted(alignment.best?.id ?? ""))")
                lines.append("    scores:")
                for area in alignment.areas {
                    lines.append("      \(Self.quoted(area.id)): \(String(format: "%.2f", area.score))")
                }
            }
            guard !application.findings.isEmpty else {
                lines.append("  ...")
                continue
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
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar; JSON string syntax is valid YAML.
    static func quoted(_ text: String) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes]))
            ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}
