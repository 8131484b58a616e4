import SafeXML

/// Reads the recurring parts of rule-file elements: bilingual texts, legal references, checks.
struct ElementReader {
    let file: String

    /// The Swedish and English children named `name` (`<title lang="sv">`), with a problem
    /// recorded when a language is missing.
    func text(_ element: XMLNode, _ name: String, ruleID: String? = nil, problems: inout [RuleProblem]) -> LocalizedText
    {
        var texts: [Language: String] = [:]
        for child in element.children(name) {
            if let language = Language(rawValue: child.attribute("lang") ?? "") {
                texts[language] = child.stringValue.trimmingXMLWhitespace()
            }
        }
        for language in Language.allCases where (texts[language] ?? "").isEmpty {
            problems.append(
                RuleProblem(
                    file: file,
                    line: element.line,
                    ruleID: ruleID,
                    message: Catalog.text("pack.is-missing-in") { report in
                        ["name": name, "language": Catalog.text("language.\(language.rawValue)", report)]
                    }
                )
            )
        }
        return LocalizedText(sv: texts[.sv] ?? "", en: texts[.en] ?? "")
    }

    func problem(_ element: XMLNode, _ id: String, _ message: LocalizedText) -> RuleProblem {
        RuleProblem(file: file, line: element.line, ruleID: id.isEmpty ? nil : id, message: message)
    }

    /// The legal reference given by `elements` (`<legal>` or `<source>`): once without `lang`
    /// (read as Swedish), or once per language; nil when there is none.
    static func legal(_ elements: [XMLNode]) -> LegalReference? {
        guard let first = elements.first else { return nil }
        let swedish = elements.first { $0.attribute("lang") != "en" } ?? first
        let english = elements.first { $0.attribute("lang") == "en" }
        return LegalReference(
            reference: swedish.stringValue.trimmingXMLWhitespace(),
            english: english?.stringValue.trimmingXMLWhitespace(),
            url: swedish.attribute("url") ?? "",
            verified: elements.allSatisfy { $0.attribute("status") != "unverified" }
        )
    }

    /// The rule's check element; the schema guarantees exactly one.
    static func check(in rule: XMLNode) -> Check? {
        for element in rule.childElements {
            let context = element.attribute("context")
            let path = element.attribute("path") ?? ""
            switch element.localName {
            case "required":
                return .required(context: context, path: path)
            case "range":
                return .range(
                    context: context, path: path, min: element.attribute("min"), max: element.attribute("max"))
            case "dateWindow":
                return .dateWindow(
                    context: context, path: path, from: element.attribute("from"), to: element.attribute("to"))
            case "inCodeList":
                return .inCodeList(context: context, path: path, list: element.attribute("list") ?? "")
            case "pattern":
                return .pattern(context: context, path: path, regex: element.attribute("regex") ?? "")
            case "sum":
                return .sum(
                    context: context,
                    of: element.attribute("of") ?? "",
                    min: element.attribute("min"),
                    max: element.attribute("max"),
                    equals: element.attribute("equals"),
                    tolerance: Double(element.attribute("tolerance") ?? "0") ?? 0
                )
            case "ratio":
                return .ratio(
                    context: context,
                    numerator: element.attribute("numerator") ?? "",
                    denominator: element.attribute("denominator") ?? "",
                    min: element.attribute("min"),
                    max: element.attribute("max"),
                    percent: element.attribute("percent") == "true" || element.attribute("percent") == "1"
                )
            case "assert":
                return .assert(context: context, test: element.attribute("test") ?? "")
            default:
                continue
            }
        }
        return nil
    }
}
