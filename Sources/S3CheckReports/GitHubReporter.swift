import S3CheckCore

/// Renders a run as GitHub Actions workflow commands: one annotation per finding, grouped per
/// application. GitHub shows only the first ten errors and warnings of a step, so the CLI also
/// appends the Markdown summary to `$GITHUB_STEP_SUMMARY`.
public struct GitHubReporter: StreamingReporter {
    public let context: RunContext

    public init(context: RunContext) {
        self.context = context
    }

    public func opening(_ tally: RunTally) -> String {
        ""
    }

    /// Every line ends with a line break; a run without applications is one empty line.
    public func closing(_ tally: RunTally) -> String {
        context.fileCount == 0 ? "\n" : ""
    }

    public func section(for application: ApplicationReport, at position: Int) -> ReportSection {
        var lines: [String] = []
        let file = VisibleText.escaping(application.file)
        lines.append("::group::\(Self.data(file)): \(Self.data(application.verdict.label[language]))")
        for finding in application.findings {
            let command =
                switch finding.severity {
                case .error: "error"
                case .warning: "warning"
                case .info: "notice"
                }
            var properties = ["file=\(Self.property(VisibleText.escaping(finding.location?.file ?? application.file)))"]
            if let location = finding.location {
                properties.append("line=\(location.line)")
                properties.append("col=\(location.column)")
            }
            properties.append("title=\(Self.property("\(finding.ruleID) \(finding.title[language])"))")
            var message = finding.message[language]
            if let hint = finding.hint { message += "\n" + hint[language] }
            if let legal = finding.legal, !legal.reference.isEmpty {
                message += "\n\(legal.text(in: language)) \(legal.url)"
            }
            lines.append("::\(command) \(properties.joined(separator: ","))::\(Self.data(message))")
        }
        if let alignment = application.alignment {
            // A notice, not log text: GitHub counts notices apart from errors and warnings.
            let properties =
                "file=\(Self.property(file)),title=\(Self.property(Catalog.text("github.smart-specialisation", language)))"
            lines.append("::notice \(properties)::\(Self.data(ConclusionText(language: language).sentence(alignment)))")
        }
        lines.append("::endgroup::")
        return ReportSection(lines.map { $0 + "\n" }.joined())
    }

    /// Escapes a command's message (as the Actions toolkit does).
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value, which also may not contain `:` or `,`.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
