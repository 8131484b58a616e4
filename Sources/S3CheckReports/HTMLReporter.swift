import Foundation
import S3CheckCore

/// Renders one application as a self-contained HTML page laid out for A4, for case officers who
/// print and file it: verdict first, then the application's identity, the smart-specialisation
/// evidence, the findings by severity with their legal basis, the rules passed, and an audit
/// footer. Inline CSS only, no scripts, no external requests; everything from the application
/// is escaped.
public struct HTMLReporter: StreamingReporter {
    public let context: RunContext

    // Made once: a date formatter per page is costly.
    private let timestamp: String

    public init(context: RunContext) {
        self.context = context
        timestamp = Self.time(context.generatedAt, context.language)
    }

    /// The time of the run as printed: local, in the report's language, with the UTC moment in
    /// the element's `datetime` for programs.
    static func time(_ date: Date, _ language: Language) -> String {
        "<time datetime=\"\(Markup.timestamp(date))Z\">\(Markup.escape(Markup.localTime(date, language)))</time>"
    }

    /// One document for the whole run: the head needs every application's file name for its
    /// own running footer, so the sections wait for the end of the run.
    public var needsTotalsFirst: Bool { true }

    /// The document's head: the shared style, and per application a named page whose footer
    /// names its file, so that each application starts on a new page with its own footer.
    public func opening(_ tally: RunTally) -> String {
        let title =
            tally.applications.count == 1
            ? "s3check: \(tally.applications[0].title ?? tally.applications[0].file)"
            : Catalog.text("html.s3check-assessment-of-applications", language)
        let pages = tally.applications.enumerated().map { position, application in
            Self.namedPage(
                "application-\(position + 1)", footer: application.file, pageWord: Catalog.text("html.page", language),
                ofWord: Catalog.text("html.of", language))
        }
        return head(title: title, footer: "s3check", extraStyle: pages.joined(separator: "\n")) + "<main>\n"
    }

    /// One application's report, on pages of its own.
    public func section(for application: ApplicationReport, at position: Int) -> ReportSection {
        ReportSection(
            "<article class=\"application\" style=\"page: application-\(position + 1)\">\n\(content(for: application))\n</article>\n"
        )
    }

    public func closing(_ tally: RunTally) -> String {
        "</main>\n</body>\n</html>\n"
    }

    /// The report for one application as a document of its own (one file per application).
    public func page(for application: ApplicationReport) -> String {
        let title = application.identity?.title ?? application.file
        return page(title: "s3check: \(title)", footer: application.file, body: content(for: application))
    }

    private func content(for application: ApplicationReport) -> String {
        // Page 1 carries the verdict, the key facts and the first findings; the decision and
        // the audit trail share the last page, so that neither stands alone.
        var body: [String] = []
        body.append(verdictBanner(application))
        body.append(keyFacts(application))
        body.append(findingsSection(application))
        body.append(financesSection(application))
        body.append(partnersSection(application))
        if let alignment = application.alignment { body.append(s3Section(alignment)) }
        body.append(rulesSection(application))
        body.append(decisionSection(application, timestamp: timestamp, packs: packsTable()))
        return body.joined(separator: "\n")
    }

    /// An index page linking one report per application.
    public func renderIndex(_ tally: RunTally, links: [String]) -> String {
        var rows: [String] = []
        for (application, link) in zip(tally.applications, links) {
            rows.append(
                """
                <tr class="\(Self.verdictClass(application.verdict))"><td><a href="\(Markup.escape(link))">\(Markup.escape(application.title ?? application.file))</a><br><span class="muted">\(Markup.escape(application.file))</span></td>\
                <td>\(Markup.escape(application.applicant ?? ""))</td>\
                <td class="verdict-cell">\(Markup.escape(application.verdict.label[language]))</td>\
                <td class="num">\(application.errors)</td><td class="num">\(application.warnings)</td></tr>
                """
            )
        }
        let counts = Verdict.allCases.map { $0.counted(tally.count($0))[language] }.joined(separator: " · ")
        let body = """
            <header class="index-head"><h1>\(Catalog.text("html.assessment-of-applications", language))</h1>
            <p>\(Catalog.counted("count.applications", tally.applications.count, language)): \(Markup.escape(counts))</p></header>
            <table class="index">
            <thead><tr><th>\(Catalog.text("html.application", language))</th><th>\(Catalog.text("html.applicant", language))</th><th>\(Catalog.text("html.verdict", language))</th><th>\(Catalog.text("html.errors", language))</th><th>\(Catalog.text("html.warnings", language))</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            \(packsTable())
            <p class="muted">s3check \(ToolInfo.version) · \(Catalog.text("html.generated", language)) \(timestamp)</p>
            """
        return page(
            title: Catalog.text("html.s3check-assessment-of-applications", language), footer: "s3check",
            body: body)
    }

    private func page(title: String, footer: String, body: String) -> String {
        head(title: title, footer: footer) + """
            <main>
            \(body)
            </main>
            </body>
            </html>

            """
    }

    private func head(title: String, footer: String, extraStyle: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Markup.escape(title))</title>
        <style>
        \(Self.css(footer: footer, pageWord: Catalog.text("html.page", language), ofWord: Catalog.text("html.of", language)))
        \(extraStyle)
        </style>
        </head>
        <body>

        """
    }

    /// A named page whose footer names one application's file; `page: NAME` on the article puts
    /// it there, and a change of page name starts a new page.
    private static func namedPage(_ name: String, footer: String, pageWord: String, ofWord: String) -> String {
        "@page \(name) {\n" + footerBoxes(footer: footer, pageWord: pageWord, ofWord: ofWord) + " }"
    }

    /// The running footer's two margin boxes: the file on the left, the page number on the right.
    private static func footerBoxes(footer: String, pageWord: String, ofWord: String) -> String {
        """
          @bottom-left { content: "\(cssString(footer))"; font-size: 8pt; color: #555; }
          @bottom-right { content: "\(pageWord) " counter(page) " \(ofWord) " counter(pages); font-size: 8pt; color: #555; }
        """
    }

    /// Text for a CSS string inside `<style>`, where HTML escapes are not decoded: quotes and
    /// backslashes escaped, `<` as `\\3C ` so that no `</style>` can end the element.
    private static func cssString(_ text: String) -> String {
        VisibleText.escaping(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
            of: "\"", with: "\\\""
        )
        .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "<", with: "\\3C ")
    }

    private func verdictBanner(_ application: ApplicationReport) -> String {
        let counts = [
            Catalog.counted("count.errors", application.count(.error), language),
            Catalog.counted("count.warnings", application.count(.warning), language),
        ].joined(separator: " · ")
        return """
            <header class="verdict \(Self.verdictClass(application.verdict))">
            <p class="kicker">\(Catalog.text("html.assessment-by-s3check", language))</p>
            <h1>\(Markup.escape(application.verdict.label[language].uppercased()))</h1>
            <p>\(counts)</p>
            </header>
            """
    }

    private func s3Section(_ alignment: S3Alignment) -> String {
        var rows: [String] = []
        for area in alignment.areas {
            let declared = alignment.declared.contains(area.id)
            var text = AlignmentText(language: language)
            text.evidenceShown = 8
            let evidence = text.evidenceList(area).map(Markup.escape) ?? ""
            rows.append(
                """
                <tr\(declared ? " class=\"declared\"" : "")><td>\(Markup.escape(area.name[language]))\(declared ? " <strong>(\(Catalog.text("html.declared", language)))</strong>" : "")</td>\
                <td class="num">\(language.decimal(area.score))</td><td class="num">\(String(format: "%.0f", area.share)) %</td><td>\(evidence.isEmpty ? "–" : evidence)</td></tr>
                """
            )
        }
        return """
            <section class="s3">
            <h2>\(Catalog.text("html.smart-specialisation", language))</h2>
            <p class="conclusion"><strong>\(Catalog.text("html.conclusion", language)):</strong> \(Markup.escape(ConclusionText(language: language).sentence(alignment)))</p>
            <p>\(Catalog.text("html.score-per-100-words-of-text", language))</p>
            <table>
            <thead><tr><th>\(Catalog.text("html.area", language))</th><th>\(Catalog.text("html.score", language))</th><th>\(Catalog.text("html.share", language))</th><th>\(Catalog.text("html.evidence", language))</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            </section>
            """
    }

    private func findingsSection(_ application: ApplicationReport) -> String {
        var parts: [String] = []
        let headings: [(Severity, String)] = [
            (.error, Catalog.text("html.errors", language)), (.warning, Catalog.text("html.warnings", language)),
            (.info, Catalog.text("html.information", language)),
        ]
        for (severity, heading) in headings {
            let findings = application.findings.filter { $0.severity == severity }
            guard !findings.isEmpty else { continue }
            parts.append("<h2>\(heading) (\(findings.count))</h2>")
            for finding in findings {
                parts.append(findingArticle(finding))
            }
        }
        if parts.isEmpty {
            parts.append(
                "<h2>\(Catalog.text("html.findings", language))</h2><p>\(Markup.escape(Catalog.text("memo.findings-none", language)))</p>"
            )
        }
        return "<section class=\"findings\">\n\(parts.joined(separator: "\n"))\n</section>"
    }

    private func findingArticle(_ finding: Finding) -> String {
        var rows: [String] = []
        if let field = finding.field {
            rows.append(
                "<dt>\(Catalog.text("html.field", language))</dt><dd>\(Markup.escape(field.label[language])) <code>\(Markup.escape(field.path))</code></dd>"
            )
        }
        if let location = finding.location {
            rows.append(
                "<dt>\(Catalog.text("html.location", language))</dt><dd><code>\(Markup.escape("\(location.file):\(location.line):\(location.column)"))</code></dd>"
            )
        }
        if let hint = finding.hint {
            rows.append("<dt>\(Catalog.text("html.fix", language))</dt><dd>\(Markup.escape(hint[language]))</dd>")
        }
        if let legal = finding.legal, !legal.reference.isEmpty {
            let status = legal.verified ? "" : " <em>(\(Catalog.text("html.to-be-confirmed", language)))</em>"
            rows.append(
                "<dt>\(Catalog.text("html.legal-basis", language))</dt><dd class=\"legal\"><a href=\"\(Markup.escape(legal.url))\">\(Markup.escape(legal.text(in: language)))</a>\(status)</dd>"
            )
        }
        if !finding.shownParameters.isEmpty {
            let list = finding.shownParameters.map { $0.labelled(in: language) }.joined(separator: "; ")
            rows.append("<dt>\(Catalog.text("html.parameters", language))</dt><dd>\(Markup.escape(list))</dd>")
        }
        return """
            <article class="finding \(finding.severity.rawValue)">
            <h3><span class="rule">\(Markup.escape(finding.ruleID))</span> \(Markup.escape(Catalog.text("memo.requirement", language))): \(Markup.escape(finding.title[language]))</h3>
            <p class="message">\(Markup.escape(finding.message[language]))</p>
            <dl>
            \(rows.joined(separator: "\n"))
            </dl>
            </article>
            """
    }

    private func packsTable() -> String {
        let rows = context.packs.map {
            "<tr><td>\(Markup.escape($0.id))</td><td>\(Markup.escape($0.version))</td><td><code class=\"hash\">\($0.sha256)</code></td></tr>"
        }.joined(separator: "\n")
        return """
            <table class="audit">
            <thead><tr><th>\(Catalog.text("html.rule-pack", language))</th><th>Version</th><th>SHA-256</th></tr></thead>
            <tbody>
            \(rows)
            </tbody>
            </table>
            """
    }

    static func verdictClass(_ verdict: Verdict) -> String {
        "verdict-\(verdict.rawValue)"
    }

    private static func css(footer: String, pageWord: String, ofWord: String) -> String {
        return """
            @page { size: A4 portrait; margin: 18mm 16mm 20mm 16mm;
            \(footerBoxes(footer: footer, pageWord: pageWord, ofWord: ofWord)) }
            :root { --error: #a4161a; --warning: #9a6700; --ok: #1a7f37; --muted: #57606a; --line: #d0d7de; }
            html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #1f2328; }
            body { margin: 0; print-color-adjust: exact; -webkit-print-color-adjust: exact; overflow-wrap: anywhere; }
            td, h1, h2, p { overflow-wrap: anywhere; }
            main { max-width: 180mm; margin: 0 auto; padding: 0; }
            h1 { font-size: 22pt; margin: 0.1em 0; letter-spacing: 0.02em; }
            h2 { font-size: 13pt; margin: 1.4em 0 0.5em; border-bottom: 1px solid var(--line); padding-bottom: 0.2em; break-after: avoid-page; }
            h3 { font-size: 11pt; margin: 0 0 0.3em; }
            .verdict { border: 2px solid; border-radius: 6px; padding: 4mm 6mm; margin-bottom: 6mm; break-inside: avoid; }
            .verdict .kicker { margin: 0; text-transform: uppercase; font-size: 8.5pt; letter-spacing: 0.08em; color: var(--muted); }
            .verdict-eligible { border-color: var(--ok); background: #dafbe1; }
            .verdict-eligible-with-remarks { border-color: var(--warning); background: #fff8c5; }
            .verdict-not-eligible { border-color: var(--error); background: #ffebe9; }
            .verdict-cannot-be-assessed { border-color: #6e40c9; background: #fbefff; }
            dl { display: grid; grid-template-columns: 50mm 1fr; gap: 1.5mm 4mm; margin: 0; }
            dt { font-weight: bold; color: var(--muted); }
            dd { margin: 0; overflow-wrap: anywhere; }
            table { width: 100%; border-collapse: collapse; margin: 2mm 0; }
            thead { display: table-header-group; }
            th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 1.5mm 2mm; }
            th { background: #f6f8fa; font-size: 9pt; overflow-wrap: normal; }
            tr { break-inside: avoid; }
            td.num { text-align: right; white-space: nowrap; }
            tr.declared td { background: #ddf4ff; }
            .finding { border-left: 4px solid var(--line); padding: 2mm 4mm; margin: 0 0 3mm; background: #fafbfc; }
            .finding h3, .finding .message { break-after: avoid-page; }
            .finding dt, .finding dd { break-inside: avoid; }
            .finding.error { border-left-color: var(--error); }
            .finding.warning { border-left-color: var(--warning); }
            .finding .rule { font-family: "DejaVu Sans Mono", monospace; font-size: 9.5pt; color: var(--muted); }
            .finding .message { margin: 0 0 2mm; }
            code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; overflow-wrap: anywhere; }
            code.hash { font-size: 7.5pt; }
            .compact span { display: inline-block; font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; margin: 0 1.5mm 1mm 0; }
            .muted { color: var(--muted); }
            a { color: #0550ae; }
            .verdict { padding: 3mm 6mm; margin-bottom: 4mm; }
            .verdict h1 { font-size: 20pt; }
            .verdict p { margin: 0.2em 0; }
            dl.facts { grid-template-columns: 1fr 1fr; gap: 1.5mm 6mm; }
            dl.facts div { display: grid; grid-template-columns: 39mm 1fr; gap: 0 3mm; }
            dl.facts div.wide { grid-column: 1 / -1; }
            dl.facts { grid-auto-flow: row dense; }
            section.key-facts h2 { margin-top: 0.6em; }
            table.financing, table.costs { font-size: 9.5pt; }
            tr.total td { font-weight: bold; border-top: 1.5px solid #1f2328; }
            th.num { text-align: right; }
            td.nowrap { white-space: nowrap; }
            .rate { margin: 1mm 0 3mm; }
            h3 { margin-top: 3mm; }
            ul.rule-list { columns: 2; column-gap: 8mm; margin: 0; padding: 0; list-style: none; font-size: 8.5pt; }
            ul.rule-list li { break-inside: avoid; margin: 0 0 1mm; }
            ul.rule-list .rule { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; color: var(--muted); }
            .measured { white-space: nowrap; }
            section.s3 { break-inside: avoid; }
            section.s3 td:first-child { width: 44mm; overflow-wrap: normal; }
            section.partners td + td { overflow-wrap: normal; }
            .rule, .nowrap { white-space: nowrap; }
            @media print { dd.legal a::after { content: " <" attr(href) ">"; font-size: 7.5pt; color: var(--muted); overflow-wrap: anywhere; } }
            div.closing { break-inside: avoid; }
            p.not-applicable { font-size: 8pt; }
            p.not-applicable .rule { font-family: "DejaVu Sans Mono", monospace; margin-right: 1.5mm; }
            section.decision { break-inside: avoid; break-before: auto; margin-top: 6mm; border: 1.5px solid #1f2328; border-radius: 4px; padding: 1mm 5mm 4mm; }
            section.decision h2 { margin-top: 0.8em; }
            .decision-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm 8mm; }
            .field { display: flex; gap: 3mm; align-items: flex-end; margin: 3mm 0; }
            .field > span:first-child { font-weight: bold; color: var(--muted); white-space: nowrap; }
            .field .blank { flex: 1; border-bottom: 1px solid #1f2328; min-height: 6mm; }
            .box { margin-right: 4mm; white-space: nowrap; }
            .reasons { border: 1px solid var(--line); min-height: 24mm; margin: 3mm 0; padding: 1.5mm 2mm; }
            .reasons span { font-weight: bold; color: var(--muted); }
            dl.audit { font-size: 8.5pt; grid-template-columns: 40mm 1fr; }
            table.audit { font-size: 8.5pt; }
            .index-head h1 { font-size: 18pt; }
            @media screen { main { padding: 8mm; } }
            """
    }
}
