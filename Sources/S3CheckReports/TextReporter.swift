import Foundation
import S3CheckCore

/// Renders a run the way a compiler reports errors, for people at a terminal.
///
/// Each finding reads `path:line:col: severity[RULE]: message`, then the offending line with a
/// caret, the field, the fix hint and the legal basis; then one verdict line per file and a
/// summary.
public struct TextReporter {
    public var language: Language
    public var colors: Bool
    /// Whether to print the smart-specialisation scoring of each application.
    public var showAlignment: Bool

    public init(language: Language, colors: Bool, showAlignment: Bool = true) {
        self.language = language
        self.colors = colors
        self.showAlignment = showAlignment
    }

    /// Only the smart-specialisation section, for `s3check s3`.
    public func renderAlignment(_ run: RunReport) -> String {
        run.applications.map { application in
            let body =
                application.alignment.map { AlignmentText(language: language, evidenceShown: 12).render($0) }
                ?? application.findings.map {
                    "\($0.location.map { "\($0.file):\($0.line):\($0.column): " } ?? "")\($0.message[language])"
                }
                .joined(separator: "\n") + "\n"
            return "\(bold(application.file))\n" + body
        }.joined(separator: "\n")
    }

    public func render(_ run: RunReport) -> String {
        var output = ""
        for application in run.applications {
            let lines = SourceLines(path: application.file)
            for finding in application.findings {
                output += render(finding, lines: lines)
            }
            if showAlignment, let alignment = application.alignment {
                output += AlignmentText(language: language).render(alignment)
            }
            output += verdictLine(application) + "\n"
            if !application.findings.isEmpty || run.applications.count == 1 { output += "\n" }
        }
        if run.applications.count > 1 { output += summaryTable(run) }
        output += summary(run) + "\n"
        return output
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
            let shown = line.replacingOccurrences(of: "\t", with: " ")
            let caretColumn = max(1, min(location.column, shown.count + 1))
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
            text += "   = \(words.legal): \(legal.reference)\(unverified) <\(legal.url)>\n"
        }
        if !finding.parameters.isEmpty {
            let list = finding.parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
            text += "   = \(words.parameters): \(list)\n"
        }
        return text + "\n"
    }

    private func verdictLine(_ application: ApplicationReport) -> String {
        let words = Words(language)
        let counts = [
            (application.count(.error), words.errors),
            (application.count(.warning), words.warnings),
        ].filter { $0.0 > 0 }.map { "\($0.0) \($0.0 == 1 ? $0.1.one : $0.1.many)" }
        let detail = counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))"
        let verdict = paint(application.verdict.label[language].uppercased(), application.verdict.color, bold: true)
        return "\(bold(application.file)): \(verdict)\(detail)"
    }

    /// One row per application, for batches.
    private func summaryTable(_ run: RunReport) -> String {
        let words = Words(language)
        let fileWidth = min(60, max(12, run.applications.map(\.file.count).max() ?? 12))
        let verdictWidth = Verdict.allCases.map { $0.label[language].count }.max() ?? 20
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
        var lines = [
            "\(pad(words.application, fileWidth))  \(pad(words.verdict, verdictWidth))  \(words.errors.many)  \(words.warnings.many)  S3"
        ]
        for application in run.applications {
            let best = application.alignment?.best?.id ?? "–"
            let declared = application.alignment?.declared.joined(separator: ",") ?? "–"
            let s3 = application.alignment == nil ? "–" : (declared == best ? best : "\(declared) → \(best)")
            lines.append(
                "\(pad(application.file, fileWidth))  \(pad(application.verdict.label[language], verdictWidth))  "
                    + "\(pad(String(application.count(.error)), words.errors.many.count))  "
                    + "\(pad(String(application.count(.warning)), words.warnings.many.count))  \(s3)"
            )
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    private func summary(_ run: RunReport) -> String {
        let words = Words(language)
        let parts = Verdict.allCases.map { "\(run.count($0)) \($0.label[language])" }
        let packs = run.packs.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
        return
            "\(bold(words.summary)): \(run.applications.count) \(words.applications) — \(parts.joined(separator: ", ")). \(words.rules): \(packs)"
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

    private func pick(_ sv: String, _ en: String) -> String { language == .sv ? sv : en }

    func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: pick("fel", "error")
        case .warning: pick("varning", "warning")
        case .info: pick("info", "info")
        }
    }

    var field: String { pick("fält", "field") }
    var hint: String { pick("åtgärd", "fix") }
    var legal: String { pick("grund", "legal basis") }
    var unverified: String { pick("ej bekräftad", "to be confirmed") }
    var parameters: String { pick("parametrar", "parameters") }
    var errors: (one: String, many: String) { (pick("fel", "error"), pick("fel", "errors")) }
    var warnings: (one: String, many: String) { (pick("varning", "warning"), pick("varningar", "warnings")) }
    var summary: String { pick("Sammanfattning", "Summary") }
    var applications: String { pick("ansökningar", "applications") }
    var application: String { pick("Ansökan", "Application") }
    var verdict: String { pick("Bedömning", "Verdict") }
    var rules: String { pick("Regler", "Rules") }
}

/// The lines of a file, read only if a finding needs to quote one.
final class SourceLines {
    private let path: String
    private lazy var lines: [Substring] = {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    }()

    init(path: String) { self.path = path }

    func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        let line = lines[number - 1]
        return String(line.hasSuffix("\r") ? line.dropLast() : line)
    }
}
