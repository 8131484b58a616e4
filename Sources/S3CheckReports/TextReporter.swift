import Foundation
import S3CheckCore
import SafeXML

/// Renders a run the way a compiler reports errors, for people at a terminal.
///
/// Each finding reads `path:line:col: severity[RULE]: message`, then the offending line with a
/// caret, the field, the fix hint and the legal basis; then one verdict line per file and a
/// summary.
public struct TextReporter: StreamingReporter {
    public let context: RunContext
    public var colors: Bool
    /// Whether to print the smart-specialisation scoring of each application.
    public var showAlignment: Bool
    /// Where the lines a finding quotes are read from, by the application's name: the file on
    /// disk, unless the application was checked from bytes in memory (the service stores nothing).
    public var source: @Sendable (String) -> Data? = { FileManager.default.contents(atPath: $0) }

    public init(context: RunContext, colors: Bool, showAlignment: Bool = true) {
        self.context = context
        self.colors = colors
        self.showAlignment = showAlignment
    }

    /// One application's smart-specialisation section, for `s3check s3`; sections are
    /// separated by an empty line.
    public func alignmentSection(for application: ApplicationReport, at position: Int) -> String {
        let body =
            application.alignment.map { AlignmentText(language: language, evidenceShown: 12).render($0) }
            ?? application.findings.map {
                "\($0.location.map { "\($0.file):\($0.line):\($0.column): " } ?? "")\($0.message[language])"
            }
            .joined(separator: "\n") + "\n"
        return (position > 0 ? "\n" : "") + "\(bold(application.file))\n" + body
    }

    public func opening(_ tally: RunTally) -> String {
        ""
    }

    /// The findings (quoting the application's lines, read here on the worker), the scoring
    /// and the verdict.
    public func section(for application: ApplicationReport, at position: Int) -> ReportSection {
        var output = ""
        let lines = SourceLines(source(application.file))
        for finding in application.findings {
            output += render(finding, lines: lines)
        }
        if showAlignment, let alignment = application.alignment {
            output += AlignmentText(language: language).render(
                alignment, file: context.fileCount > 1 ? application.file : nil)
        }
        output += verdictLine(application) + "\n\n"
        return ReportSection(output)
    }

    /// The table of verdicts for batches, and the totals.
    public func closing(_ tally: RunTally) -> String {
        (context.fileCount > 1 ? summaryTable(tally) : "") + summary(tally) + "\n"
    }

    /// The longest source line quoted whole, in characters; a longer one (a file written on
    /// one line) is cut to a window around the column, marked with "…".
    static let excerptWidth = 160

    /// `line` as quoted under a finding, and the caret's column within the quote.
    static func excerpt(_ line: String, around column: Int) -> (text: String, caret: Int) {
        let characters = Array(line)
        let caret = max(1, min(column, characters.count + 1))
        guard characters.count > excerptWidth else { return (line, caret) }
        let start = max(0, min(caret - 1 - excerptWidth / 2, characters.count - excerptWidth))
        let end = min(characters.count, start + excerptWidth)
        let prefix = start > 0 ? "…" : ""
        let suffix = end < characters.count ? "…" : ""
        return (prefix + String(characters[start..<end]) + suffix, caret - start + prefix.count)
    }

    private func render(_ finding: Finding, lines: SourceLines) -> String {
        let words = Words(language)
        let location = finding.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
        let severity = paint(
            words.severity(finding.severity) + "[\(finding.ruleID)]", finding.severity.color, bold: true)
        var text = "\(bold(location))\(severity): \(finding.message[language])\n"
        if let location = finding.location, let line = lines.line(location.line) {
            let number = String(location.line)
            let gutter = String(repeating: " ", count: number.count)
            let (shown, caretColumn) = Self.excerpt(
                line.replacingOccurrences(of: "\t", with: " "), around: location.column)
            text += " \(paint(number, .blue)) | \(shown)\n"
            text +=
                " \(gutter) | \(String(repeating: " ", count: caretColumn - 1))\(paint("^", finding.severity.color, bold: true))\n"
        }
        if let field = finding.field {
            text += "   = \(words.field): \(field.label[language])\n"
        }
        if let hint = finding.hint {
            text += "   = \(words.hint): \(hint[language])\n"
        }
        if let legal = finding.legal, !legal.reference.isEmpty {
            let unverified = legal.verified ? "" : " (\(words.unverified))"
            text += "   = \(words.legal): \(legal.text(in: language))\(unverified) <\(legal.url)>\n"
        }
        if !finding.shownParameters.isEmpty {
            let list = finding.shownParameters.map { $0.labelled(in: language) }.joined(separator: "; ")
            text += "   = \(words.parameters): \(list)\n"
        }
        return text + "\n"
    }

    private func verdictLine(_ application: ApplicationReport) -> String {
        let counts = [
            (application.count(.error), "count.errors"),
            (application.count(.warning), "count.warnings"),
        ].filter { $0.0 > 0 }.map { Catalog.counted($0.1, $0.0, language) }
        let detail = counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))"
        let verdict = paint(application.verdict.label[language].uppercased(), application.verdict.color, bold: true)
        return "\(bold(application.file)): \(verdict)\(detail)"
    }

    /// One row per application, for batches.
    private func summaryTable(_ tally: RunTally) -> String {
        let words = Words(language)
        let fileWidth = min(60, max(12, tally.applications.map(\.file.count).max() ?? 12))
        let verdictWidth = Verdict.allCases.map { $0.label[language].count }.max() ?? 20
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
        var lines = [
            "\(pad(words.application, fileWidth))  \(pad(words.verdict, verdictWidth))  \(words.errors)  \(words.warnings)  S3"
        ]
        for application in tally.applications {
            let supported = application.supportedAreas?.map(\.id) ?? []
            let best = supported.isEmpty ? words.none : supported.joined(separator: ",")
            let declared = application.declaredAreas?.joined(separator: ",") ?? "–"
            let s3 = application.declaredAreas == nil ? "–" : (declared == best ? best : "\(declared) → \(best)")
            lines.append(
                "\(pad(application.file, fileWidth))  \(pad(application.verdict.label[language], verdictWidth))  "
                    + "\(pad(String(application.errors), words.errors.count))  "
                    + "\(pad(String(application.warnings), words.warnings.count))  \(s3)"
            )
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    private func summary(_ tally: RunTally) -> String {
        let words = Words(language)
        let parts = Verdict.allCases.map { $0.counted(tally.count($0))[language] }
        let packs = context.packs.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
        let applications = Catalog.counted("count.applications", tally.applications.count, language)
        return
            "\(bold(words.summary)): \(applications) — \(parts.joined(separator: ", ")). \(words.rules): \(packs)"
    }

    private func bold(_ text: String) -> String {
        colors ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    private func paint(_ text: String, _ color: TerminalColor, bold: Bool = false) -> String {
        guard colors else { return text }
        return "\u{1B}[\(bold ? "1;" : "")\(color.rawValue)m\(text)\u{1B}[0m"
    }
}

/// ANSI foreground colours.
enum TerminalColor: Int {
    case red = 31
    case green = 32
    case yellow = 33
    case blue = 34
    case magenta = 35
}

extension Severity {
    fileprivate var color: TerminalColor {
        switch self {
        case .error: .red
        case .warning: .yellow
        case .info: .blue
        }
    }
}

extension Verdict {
    fileprivate var color: TerminalColor {
        switch self {
        case .eligible: .green
        case .eligibleWithRemarks: .yellow
        case .notEligible: .red
        case .cannotBeAssessed: .magenta
        }
    }
}

/// The fixed words of the text report in one language.
private struct Words {
    let language: Language
    init(_ language: Language) { self.language = language }

    private func word(_ key: String) -> String { Catalog.text(key, language) }

    func severity(_ severity: Severity) -> String { word("severity.\(severity.rawValue)") }

    var field: String { word("report.field") }
    var hint: String { word("report.fix") }
    var legal: String { word("report.legal-basis") }
    var unverified: String { word("report.to-be-confirmed") }
    var parameters: String { word("report.parameters") }
    var errors: String { word("report.errors") }
    var warnings: String { word("report.warnings") }
    var summary: String { word("report.summary") }
    var application: String { word("report.application") }
    var verdict: String { word("report.verdict") }
    var rules: String { word("report.rules") }
    var none: String { word("report.s3.none") }
}

/// The lines of a file, read only if a finding needs to quote one, through ``SourceText`` (so
/// UTF-16 and CRLF files are quoted like any other).
final class SourceLines {
    private let read: () -> Data?
    private lazy var text: SourceText? = read().map { SourceText($0) }

    init(_ read: @autoclosure @escaping () -> Data?) { self.read = read }

    func line(_ number: Int) -> String? {
        text?.line(number).map(VisibleText.escaping)
    }
}
