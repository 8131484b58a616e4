import S3CheckCore

/// Renders a run as GitHub-flavoured Markdown, for pull-request comments and job summaries.
///
/// By default a summary that fits where it is posted, whatever the batch size: GitHub takes at
/// most 65 536 characters in a comment. The applications that are not eligible or cannot be
/// assessed come first in the table, then those with remarks, then the eligible; rows stop at a
/// fixed share of the limit, and only the first few failing applications get their findings in
/// detail, each within a bound of its own; the end says what was left out and where it is. The
/// full form lists every application and finding.
public struct MarkdownReporter: StreamingReporter {
    public let context: RunContext
    public let form: Form

    /// How much of the run the report holds.
    public enum Form: Sendable {
        /// At most ``MarkdownReporter/summaryLimit`` characters.
        case summary
        /// Every application and every finding.
        case full
    }

    /// GitHub's limit on a pull-request comment (a job summary may hold 1 MiB).
    public static let summaryLimit = 65_536
    /// The summary's shares of that limit: the table's rows, and each detailed application.
    static let tableBudget = 24_000
    static let detailBudget = 4_000
    /// Applications whose findings the summary shows in detail: the first failing ones, then
    /// the first with remarks (9 × 4 000 + 24 000 leaves room for the rest of the page).
    static let detailedApplications = 6
    static let detailedWithRemarks = 3

    public init(context: RunContext, form: Form = .summary) {
        self.context = context
        self.form = form
    }

    /// The summary table is at the top, so the findings wait in a spool until it is known.
    public var needsTotalsFirst: Bool { true }

    /// The findings of failing applications, then those of applications with remarks.
    public var sectionLists: Int { 2 }

    public func opening(_ tally: RunTally) -> String {
        var lines = ["# \(Catalog.text("markdown.s3check-report", language))", ""]
        let counts = Verdict.allCases.map { $0.counted(tally.count($0))[language] }.joined(separator: ", ")
        lines.append("\(Catalog.counted("count.applications", tally.applications.count, language)): \(counts).")
        lines.append("")
        lines.append(
            "| \(Catalog.text("markdown.application", language)) | \(Catalog.text("markdown.verdict", language)) | \(Catalog.text("markdown.errors", language)) | \(Catalog.text("markdown.warnings", language)) | \(Catalog.text("markdown.s3-declared-supported", language)) |"
        )
        lines.append("| --- | --- | --- | --- | --- |")
        var rows = tally.applications
        if form == .summary {
            // Stable: within a verdict, input order.
            rows = rows.enumerated().sorted {
                ($0.element.verdict.rank, $0.offset) < ($1.element.verdict.rank, $1.offset)
            }
            .map(\.element)
        }
        var tableSize = 0
        for (index, application) in rows.enumerated() {
            let file = form == .summary ? Self.clipped(application.file, to: 80, keepingEnd: true) : application.file
            let s3 = Self.s3(application, language: language)
            let row =
                "| \(Self.code(file)) | \(Self.icon(application.verdict)) \(application.verdict.label[language]) | \(application.errors) | \(application.warnings) | \(form == .summary ? Self.clipped(s3, to: 200) : s3) |"
            tableSize += row.count + 1
            if form == .summary, tableSize > Self.tableBudget {
                let left = rows[index...]
                let counts = Verdict.allCases.compactMap { verdict -> String? in
                    let count = left.filter { $0.verdict == verdict }.count
                    return count == 0 ? nil : verdict.counted(count)[language]
                }
                lines.append("")
                lines.append(
                    "_\(Catalog.text("markdown.rows-left-out", language, ["counts": counts.joined(separator: ", ")]))_"
                )
                break
            }
            lines.append(row)
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
            var size = lines.reduce(0) { $0 + $1.count + 1 }
            for (index, finding) in application.findings.enumerated() {
                let location = finding.location.map { "\($0.line):\($0.column)" } ?? ""
                var message = Self.escape(
                    form == .summary ? Self.clipped(finding.message[language], to: 300) : finding.message[language])
                if let legal = finding.legal, !legal.url.isEmpty {
                    message += " ([\(Self.escape(legal.text(in: language)))](\(Self.url(legal.url))))"
                }
                let row =
                    "| \(finding.severity.label[language]) | \(Self.code(finding.ruleID)) | \(location) | \(message) |"
                size += row.count + 1
                if form == .summary, size > Self.detailBudget - 200 {
                    let left = application.findings.count - index
                    lines += [
                        "",
                        "_\(Catalog.text("markdown.findings-left-out", language, ["count": NumberText.integer(left, language)]))_",
                    ]
                    break
                }
                lines.append(row)
            }
        }
        return ReportSection(lines.map { $0 + "\n" }.joined())
    }

    /// Failing applications' findings come first; in a summary only the first few of each kind
    /// keep them. Input order, which only the writer knows, decides which.
    public func placing(_ section: ReportSection, after tally: RunTally) -> ReportSection {
        let text = section.texts.first ?? ""
        guard let application = tally.applications.last else { return ReportSection(text, "") }
        switch application.verdict {
        case .notEligible, .cannotBeAssessed:
            let failing = tally.count(.notEligible) + tally.count(.cannotBeAssessed)
            return ReportSection(form == .full || failing <= Self.detailedApplications ? text : "", "")
        case .eligibleWithRemarks, .eligible:
            // An eligible application has no error or warning, so no section to keep.
            let remarks = tally.count(.eligibleWithRemarks)
            return ReportSection("", form == .full || remarks <= Self.detailedWithRemarks ? text : "")
        }
    }

    public func closing(_ tally: RunTally) -> String {
        let packs = context.packs.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
        var text = ""
        if form == .summary {
            let failing = tally.count(.notEligible) + tally.count(.cannotBeAssessed)
            let remarks = tally.count(.eligibleWithRemarks)
            let withFindings = failing + remarks
            let detailed = min(failing, Self.detailedApplications) + min(remarks, Self.detailedWithRemarks)
            if withFindings > detailed {
                text +=
                    "\n_\(Catalog.text("markdown.details-left-out", language, ["failing": NumberText.integer(Self.detailedApplications, language), "remarks": NumberText.integer(Self.detailedWithRemarks, language), "count": NumberText.integer(withFindings - detailed, language)]))_\n"
            }
        }
        return text
            + "\n\(Catalog.text("markdown.rule-packs", language)): \(Self.escape(packs)); s3check \(ToolInfo.version).\n"
    }

    /// `text` cut to at most `limit` characters, with an ellipsis where it was cut: at the end,
    /// or at the start for a path, whose file name is at its end.
    static func clipped(_ text: String, to limit: Int, keepingEnd: Bool = false) -> String {
        guard text.count > limit else { return text }
        return keepingEnd ? "…" + String(text.suffix(limit - 1)) : String(text.prefix(limit - 1)) + "…"
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

extension Verdict {
    /// The order of a summary's table: what needs action first.
    fileprivate var rank: Int {
        switch self {
        case .notEligible, .cannotBeAssessed: 0
        case .eligibleWithRemarks: 1
        case .eligible: 2
        }
    }
}
