import S3CheckCore

/// Everything about one rule, for `s3check explain`: what it checks, why, and with which values.
public struct RuleExplanation {
    public let rule: Rule
    public let ruleSet: RuleSet
    public let language: Language

    public init(rule: Rule, ruleSet: RuleSet, language: Language) {
        self.rule = rule
        self.ruleSet = ruleSet
        self.language = language
    }

    public func text() -> String {
        var lines: [String] = []
        lines.append("\(rule.id): \(rule.title[language])")
        lines.append(String(repeating: "=", count: min(100, rule.id.count + 2 + rule.title[language].count)))
        lines.append("\(Catalog.text("explain.severity", language)): \(rule.severity.label[language])")
        lines.append("\(Catalog.text("explain.group", language)): \(rule.group.title[language])")
        lines.append(
            "\(Catalog.text("explain.pack", language)): \(rule.packID) — \(rule.origin.file):\(rule.origin.line)")
        let profiles =
            rule.profiles.map { $0.sorted().joined(separator: ", ") } ?? (Catalog.text("explain.all", language))
        lines.append("\(Catalog.text("explain.profiles", language)): \(profiles)")
        let unverified = rule.legal.verified ? "" : (Catalog.text("explain.to-be-confirmed", language))
        lines.append("\(Catalog.text("explain.legal-basis", language)): \(rule.legal.text(in: language))\(unverified)")
        lines.append("  \(rule.legal.url)")
        lines.append("")
        if let applicability = rule.applicability {
            lines.append("\(Catalog.text("explain.applies-when", language)): \(applicability)")
        }
        for item in rule.lets {
            lines.append("let $\(item.name) = \(item.expression)")
        }
        lines.append(
            "\(Catalog.text("explain.check", language)): \(Catalog.text("check.\(rule.check.kind)", language))")
        if let context = rule.check.context {
            lines.append("  context: \(context)")
        }
        for expression in rule.check.expressions where expression.attribute != "context" {
            lines.append("  \(expression.source)")
        }
        lines.append("")
        lines.append(
            "\(Catalog.text("explain.message", language)): \(MessageTemplate.eliding(rule.message[language]))")
        if let hint = rule.hint {
            lines.append("\(Catalog.text("explain.fix", language)): \(MessageTemplate.eliding(hint[language]))")
        }
        let used = parametersUsed()
        if !used.isEmpty {
            lines.append("")
            lines.append("\(Catalog.text("explain.parameters", language)):")
            for parameter in used {
                lines.append("  $\(parameter.id) — \(parameter.title[language])")
                for value in parameter.values {
                    // The value with its unit as the language writes it (40 %, 300 000 euro).
                    let shown = NamedValue(
                        name: parameter.id, value: value.value, isNumber: parameter.kind == .number,
                        unit: parameter.unit
                    ).textWithUnit(in: language)
                    lines.append("    \(Catalog.text("explain.from", language)) \(value.from): \(shown)")
                }
                if let legal = parameter.legal {
                    let status = legal.verified ? "" : (Catalog.text("explain.to-be-confirmed", language))
                    lines.append("    \(legal.text(in: language))\(status)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func parametersUsed() -> [Parameter] {
        let texts = rule.expressions + [rule.message.sv, rule.message.en]
        return ruleSet.parameters.filter { parameter in
            texts.contains { $0.contains("$\(parameter.id)") || $0.contains("{\(parameter.id)}") }
        }
    }
}
