import S3CheckValues
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

    /// The rule's check, read by the kind whose element it is; the schema guarantees exactly
    /// one check element. nil with a problem when no kind reads it or its attributes are wrong.
    func check(in rule: XMLNode, id: String, kinds: [any RuleCheck.Type], problems: inout [RuleProblem])
        -> (any RuleCheck)?
    {
        let known = ["title", "legal", "when", "let", "message", "hint"]
        for element in rule.childElements where !known.contains(element.localName) {
            guard let kind = kinds.first(where: { $0.element == element.localName }) else {
                problems.append(
                    problem(element, id, Catalog.text("pack.unknown-check-element", ["element": element.localName])))
                return nil
            }
            do {
                return try kind.init(CheckElement(element))
            } catch {
                problems.append(problem(element, id, error.message))
                return nil
            }
        }
        return nil
    }
}
