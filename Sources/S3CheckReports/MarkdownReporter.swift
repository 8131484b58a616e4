import S3CheckCore

/// Renders a run as GitHub-flavoured Markdown, for pull-request comments and job summaries.
public struct MarkdownReporter: StreamingReporter {
    public let context: RunContext

    public init(context: RunContext) {
        self.context = context
    }

    /// The summary table is at the top, so the findings wait in a spool until it is known.
    public var needsTotalsFirst: Bool { true }

    public func opening(_ tally: RunTally) -> String {
        var lines = ["# \(Catalog.text("markdown.s3check-report", language))", ""]
        let counts = Verdict.allCases.map { $0.counted(tally.count($0))[language] }.joined(separator: ", ")
        lines.append("\(Catalog.counted("count.applications", tally.applications.count, language)): \(counts).")
        lines.append("")
        lines.append(
            "| \(Catalog.text("markdown.application", language)) | \(Catalog.text("markdown.verdict", language)) | \(Catalog.text("markdown.errors", language)) | \(Catalog.text("markdown.warnings", language)) | \(Catalog.text("markdown.s3-declared-supported", language)) |"
        )
        lines.append("| --- | --- | --- | --- | --- |")
        for application in tally.applications {
            lines.append(
                "| \(Self.code(application.file)) | \(Self.icon(application.verdict)) \(application.verdict.label[language]) | \(application.errors) | \(application.warnings) | \(Self.s3(application, language: language)) |"
            )
        }
        return lines.map { $0 + "\n" }.joined()
    }

    public func section(for application: ApplicationReport, at position: Int) -> ReportSection {
        var lines: [String] = []
        if !application.findings.isEmpty {
            lines += ["", "## \(Self.escape(application.file))", ""]
            lines.append(
                "| \(Catalog.text("markdown.severity", language)) | \(Catalog.text("markdown.rule", language)) | \(Catalog.text("markdown.location", language)) | \(Catalog.text("markdown.message", language)) |"
            )
            lines.append("| --- | --- | --- | --- |")
            for finding in application.findings {
                let location = finding.location.map { "\($0.line):\($0.column)" } ?? ""
                var message = Self.escape(finding.message[language])
                if let legal = finding.legal, !legal.url.isEmpty {
                    message += " ([\(Self.escape(legal.text(in: language)))](\(Self.url(legal.url))))"
                }
                lines.append(
                    "| \(finding.severity.label[language]) | \(Self.code(finding.ruleID)) | \(location) | \(message) |")
            }
        }
        return ReportSection(lines.map { $0 + "\n" }.joined())
    }

    public func closing(_ tally: RunTally) -> String {
        let packs = context.packs.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
        return
            "\n\(Catalog.text("markdown.rule-packs", language)): \(Self.escape(packs)); s3check \(ToolInfo.version).\n"
    }

    /// `declared → supported (score)`: `life-science → life-science (68.6)`, `ikt → none`,
    /// `ikt → life-science (40.1), ikt (30.2)`, or – when there was no scoring.
    static func s3(_ application: ApplicationSummary, language: Language) -> String {
        guard let declaredAreas = application.declaredAreas else { return "–" }
        let declared = declaredAreas.isEmpty ? "–" : declaredAreas.joined(separator: ", ")
        let supported = application.supportedAreas ?? []
        let best =
            supported.isEmpty
            ? (Catalog.text("markdown.none", language))
            : supported.map { "\($0.id) (\(language.decimal($0.score)))" }.joined(separator: ", ")
        return escape("\(declared) → \(best)")
    }

    static func icon(_ verdict: Verdict) -> String {
        switch verdict {
        case .eligible: "✅"
        case .eligibleWithRemarks: "⚠️"
        case .notEligible: "❌"
        case .cannotBeAssessed: "⛔"
        }
    }

    /// Text that Markdown shows as written: specials escaped, line breaks and table pipes removed.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!": result += "\\" + String(character)
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\n", "\r", "\r\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// An inline code span that survives backticks and pipes in the text.
    static func code(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ")
        return "`\(clean)`"
    }

    static func url(_ text: String) -> String {
        text.replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: ")", with: "%29")
            .replacingOccurrences(of: " ", with: "%20")
    }
}
