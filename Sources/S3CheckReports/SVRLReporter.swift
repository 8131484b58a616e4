import S3CheckCore

/// Renders a run as SVRL (ISO Schematron Validation Report Language) for Schematron tooling.
///
/// Each rule group is an active pattern, each evaluated rule a fired rule, each finding a failed
/// assert whose location is an XPath to the node. SVRL has no line numbers; JSON and SARIF carry
/// them.
public struct SVRLReporter: StreamingReporter {
    public let context: RunContext

    public init(context: RunContext) {
        self.context = context
    }

    public func opening(_ tally: RunTally) -> String {
        let title = context.packs.first.map { $0.title[language] } ?? "s3check"
        let lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svrl:schematron-output xmlns:svrl=\"http://purl.oclc.org/dsdl/svrl\" title=\"\(Markup.escape(title))\""
                + (context.profile.map { " phase=\"\(Markup.escape($0))\"" } ?? "")
                + (context.packs.first.map { " schemaVersion=\"\(Markup.escape($0.version))\"" } ?? "") + ">",
            "  <svrl:ns-prefix-in-attribute-values prefix=\"a\" uri=\"\(Namespaces.application)\"/>",
            "  <svrl:ns-prefix-in-attribute-values prefix=\"s3\" uri=\"\(Namespaces.functions)\"/>",
        ]
        return lines.map { $0 + "\n" }.joined()
    }

    public func closing(_ tally: RunTally) -> String {
        "</svrl:schematron-output>\n"
    }

    public func section(for application: ApplicationReport, at position: Int) -> ReportSection {
        var lines: [String] = []
        let document = Markup.escape(application.file)
        if application.results.isEmpty {
            lines.append("  <svrl:active-pattern id=\"input\" name=\"input\" documents=\"\(document)\"/>")
            lines.append("  <svrl:fired-rule context=\"/\"/>")
            for finding in application.findings {
                lines.append(failedAssert(finding, test: "well-formed and schema-valid"))
            }
            return ReportSection(lines.map { $0 + "\n" }.joined())
        }
        var group: String?
        for result in application.results where result.outcome != .notApplicable {
            guard let rule = context.rule(result.ruleID) else { continue }
            if rule.group.id != group {
                group = rule.group.id
                lines.append(
                    "  <svrl:active-pattern id=\"\(Markup.escape(rule.group.id))\" name=\"\(Markup.escape(rule.group.title[language]))\" documents=\"\(document)\"/>"
                )
            }
            let ruleContext = rule.check.context ?? "/a:application"
            lines.append(
                "  <svrl:fired-rule id=\"\(Markup.escape(rule.id))\" context=\"\(Markup.escape(ruleContext))\"/>")
            let test = rule.check.expressions.last?.source ?? rule.check.kind
            for finding in application.findings where finding.ruleID == rule.id {
                lines.append(failedAssert(finding, test: "\(rule.check.kind): \(test)"))
            }
        }
        if let alignment = application.alignment {
            // The smart-specialisation conclusion the S3 rules decided by, as a report.
            let name = Catalog.text("svrl.smart-specialisation", language)
            lines.append("  <svrl:active-pattern id=\"s3-conclusion\" name=\"\(name)\" documents=\"\(document)\"/>")
            lines.append("  <svrl:fired-rule context=\"/a:application/a:project\"/>")
            lines.append(
                """
                  <svrl:successful-report location="/a:application/a:project" test="s3:supported-count() \(alignment.conclusion.supported.isEmpty ? "= 0" : "&gt; 0")" role="info">
                    <svrl:text>\(Markup.escape(ConclusionText(language: language).sentence(alignment)))</svrl:text>
                  </svrl:successful-report>
                """)
        }
        return ReportSection(lines.map { $0 + "\n" }.joined())
    }

    private func failedAssert(_ finding: Finding, test: String) -> String {
        let location = Self.prefixed(finding.field?.path ?? "/")
        return """
              <svrl:failed-assert id="\(Markup.escape(finding.ruleID))" location="\(Markup.escape(location))" \
            test="\(Markup.escape(test))" role="\(finding.severity.rawValue)">
                <svrl:text>\(Markup.escape(finding.message[language]))</svrl:text>
              </svrl:failed-assert>
            """
    }

    /// `/application/partners/partner[2]/@id` → `/a:application/a:partners/a:partner[2]/@id`.
    static func prefixed(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { step in
            step.isEmpty || step.hasPrefix("@") ? String(step) : "a:" + step
        }.joined(separator: "/")
    }
}
