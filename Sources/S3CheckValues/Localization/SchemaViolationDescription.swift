import Foundation
import SafeXML

/// Words an XSD violation in the application's field names, in Swedish and English.
package enum SchemaViolationDescription {
    package static func finding(for diagnostic: XMLDiagnostic, file: String, schemas: Schemas, source: SourceText)
        -> Finding
    {
        let names = diagnostic.node?.names ?? []
        var field = diagnostic.node.map {
            FieldReference(path: $0.path, label: schemas.fieldLabel(for: $0.names))
        }
        let fieldLabel = schemas.fieldLabel(for: names)
        let line = diagnostic.line ?? diagnostic.node?.line ?? 1
        var column =
            diagnostic.node.map {
                source.column(ofNodeNamed: $0.localName, isAttribute: $0.path.contains("/@"), line: line)
            } ?? 1
        let plain = Schemas.plain(diagnostic.message)
        let message: LocalizedText
        var hint = Catalog.text("schema.fix-the-field-to-match-the")
        switch diagnostic.code {
        case 1871, 1844:
            let expectedNames = expectedNames(in: plain)
            let expected = { (language: Language) in
                expectedNames.map { named($0, language, schemas) }.joined(separator: ", ")
            }
            let element = diagnostic.node?.localName ?? ""
            let parent = schemas.fieldLabel(for: Array(names.dropLast()))
            if plain.contains("Missing child element") {
                message = Catalog.text("schema.lacks-a-required-field") { language in
                    ["field": fieldLabel[language], "expected": expected(language)]
                }
            } else if schemas.applicationElements.contains(element), let first = expectedNames.first {
                // A valid field where another was due: the one due is missing (or comes later).
                message = Catalog.text("schema.missing-before") { language in
                    [
                        "expected": expected(language), "element": named(element, language, schemas),
                        "required": named(first, language, schemas),
                    ]
                }
                hint = Catalog.text("schema.missing-before-fix") { language in
                    ["required": named(first, language, schemas), "element": named(element, language, schemas)]
                }
            } else {
                message = Catalog.text(expectedNames.isEmpty ? "schema.not-allowed-here" : "schema.not-expected-here") {
                    language in
                    ["element": element, "parent": parent[language], "expected": expected(language)]
                }
                if let suggestion = NameSuggestion.nearest(
                    to: element, preferring: expectedNames, among: schemas.applicationElements.sorted())
                {
                    hint = Catalog.text("schema.did-you-mean-rename-to") { language in
                        [
                            "suggestion": suggestion, "label": schemas.label(of: suggestion)[language],
                            "element": element,
                        ]
                    }
                }
            }
        case 1877:
            // An identity constraint: a reference to a partner that does not exist, or two
            // partners with one id. libxml2 names the element and the key, not the node.
            let element = quoted(in: plain).first ?? ""
            let value = captured(after: "key-sequence ['", in: plain) ?? ""
            if plain.contains("No match found") {
                column = source.column(ofNodeNamed: "partner", isAttribute: true, line: line)
                let label = schemas.label(of: element).appending(schemas.label(of: "partner"))
                message = Catalog.text("schema.unknown-partner") { ["field": label[$0], "value": value] }
                hint = Catalog.text("schema.unknown-partner-fix")
            } else {
                message = Catalog.text("schema.duplicate-partner", ["value": value])
                hint = Catalog.text("schema.duplicate-partner-fix")
            }
        case 1868:
            let attribute = quoted(in: plain).first ?? "?"
            message = Catalog.text("schema.lacks-the-attribute") { ["field": fieldLabel[$0], "attribute": attribute] }
        case 1831, 1832:
            // "[facet 'maxLength'] The value has a length of '32160'; this exceeds the allowed maximum length of '20000'."
            let numbers = quoted(in: plain).filter { Int($0) != nil }
            let readable = { (text: String?, language: Language) in
                text.flatMap { Int($0) }.map { NumberText.integer($0, language) } ?? "?"
            }
            let key =
                diagnostic.code == 1832
                ? "schema.is-characters-long-at-most-are" : "schema.is-characters-long-at-least-are"
            message = Catalog.text(key) { language in
                [
                    "field": fieldLabel[language], "actual": readable(numbers.first, language),
                    "limit": readable(numbers.dropFirst().first, language),
                ]
            }
        case 1824, 1839, 1840, 1833, 1841:
            let attribute = attribute(in: plain)
            let label = attribute.map { fieldLabel.appending(schemas.label(of: $0)) } ?? fieldLabel
            let value =
                captured(after: "The value '", in: plain) ?? quotedBefore(" is not a valid value", in: plain) ?? ""
            if let attribute, let node = diagnostic.node {
                // The caret and the field name point at the attribute, not its element.
                column = source.column(ofNodeNamed: attribute, isAttribute: true, line: line)
                field = FieldReference(path: node.path + "/@" + attribute, label: label)
            }
            let allowed = allowedValues(in: plain)
            if let suggestion = NameSuggestion.nearest(to: value, preferring: allowed, among: []) {
                hint = Catalog.text("schema.value-did-you-mean", ["suggestion": suggestion])
            } else if !allowed.isEmpty {
                hint = Catalog.text("schema.value-choose", ["allowed": allowed.joined(separator: ", ")])
            }
            if let fix = typeFix(in: plain, value: value) { hint = fix }
            let expected = expectation(in: plain, value: value)
            message = Catalog.text("schema.the-value-is-not-valid-for") { language in
                ["value": value, "field": label[language], "expectation": expected[language]]
            }
        default:
            message = Catalog.text("schema.text") { ["field": fieldLabel[$0], "detail": plain] }
        }
        return Finding(
            ruleID: InputCheck.schema.id,
            severity: .error,
            title: InputCheck.schema.title,
            message: message,
            hint: hint,
            location: SourceLocation(file: file, line: line, column: column),
            field: field,
            blocksAssessment: true
        )
    }

    /// An element as the file must contain it and by its display name: `<startDate> (Startdatum)`.
    private static func named(_ name: String, _ language: Language, _ schemas: Schemas) -> String {
        let label = schemas.label(of: name)[language]
        return label == name ? "<\(name)>" : "<\(name)> (\(label))"
    }

    /// What the schema wanted, in our own words: the allowed values, or the type; empty when
    /// libxml2's message says nothing we can word.
    private static func expectation(in message: String, value: String) -> LocalizedText {
        if message.contains("[facet 'enumeration']"), let open = message.range(of: "{"),
            let close = message.range(of: "}", range: open.upperBound..<message.endIndex)
        {
            let values = message[open.upperBound..<close.lowerBound].replacingOccurrences(of: "'", with: "")
            return Catalog.text("schema.expect.allowed", ["values": values])
        }
        if let type = captured(after: "atomic type '", in: message) {
            switch type {
            case "xs:date":
                // Written as a date but not one in the calendar (2028-02-30, month 13).
                let written = value.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) != nil
                return Catalog.text(written ? "schema.expect.date-exists" : "schema.expect.date-format")
            case "xs:decimal", "xs:integer", "Amount": return Catalog.text("schema.expect.number")
            case "xs:boolean": return Catalog.text("schema.expect.boolean")
            case "xs:gYear": return Catalog.text("schema.expect.year")
            case "xs:ID": return Catalog.text("schema.expect.id")
            default: return Catalog.text("schema.expect.type", ["type": type])
            }
        }
        if message.contains("[facet 'pattern']") || message.contains("[facet 'length']") {
            return Catalog.text("schema.expect.format")
        }
        if message.contains("minInclusive") { return Catalog.text("schema.expect.too-small") }
        return LocalizedText(sv: "", en: "")
    }

    /// What to write instead of a value that is not of its field's type.
    private static func typeFix(in message: String, value: String) -> LocalizedText? {
        switch captured(after: "atomic type '", in: message) {
        case "xs:date":
            let written = value.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) != nil
            return Catalog.text(written ? "schema.fix-date-exists" : "schema.fix-date-format")
        case "xs:decimal", "xs:integer", "Amount": return Catalog.text("schema.fix-number")
        case "xs:gYear": return Catalog.text("schema.fix-year")
        default: return nil
        }
    }

    /// The values an enumeration allows, from "[facet 'enumeration'] … set {'a', 'b'}".
    private static func allowedValues(in message: String) -> [String] {
        guard message.contains("[facet 'enumeration']"), let open = message.range(of: "{"),
            let close = message.range(of: "}", range: open.upperBound..<message.endIndex)
        else { return [] }
        return message[open.upperBound..<close.lowerBound].split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
    }

    /// Whether libxml2 raised `violation` only as a consequence of another it reports on its
    /// own (an invalid id: "No precomputed value", "Not all fields of key …"): saying it again
    /// would only confuse.
    package static func followsAnother(_ violation: XMLDiagnostic) -> Bool {
        violation.message.contains("Not all fields of key") || violation.message.contains("No precomputed value")
    }

    /// The attribute a violation's text names ("Element 'x', attribute 'y': …"); the violation's
    /// node is then the element.
    package static func attribute(in message: String) -> String? {
        captured(after: "attribute '", in: message)
    }

    /// The text between `marker` and the next quote.
    private static func captured(after marker: String, in message: String) -> String? {
        guard let start = message.range(of: marker) else { return nil }
        guard let end = message[start.upperBound...].firstIndex(of: "'") else { return nil }
        return String(message[start.upperBound..<end])
    }

    /// The quoted part just before `marker`.
    private static func quotedBefore(_ marker: String, in message: String) -> String? {
        guard let end = message.range(of: "'" + marker) else { return nil }
        guard let start = message[..<end.lowerBound].lastIndex(of: "'") else { return nil }
        return String(message[message.index(after: start)..<end.lowerBound])
    }

    /// The names in "Expected is ( a, b )".
    private static func expectedNames(in message: String) -> [String] {
        guard let start = message.range(of: "Expected is"), let open = message[start.upperBound...].firstIndex(of: "("),
            let close = message[open...].firstIndex(of: ")")
        else { return [] }
        return message[message.index(after: open)..<close]
            .split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Every '…'-quoted part of a libxml2 message.
    private static func quoted(in message: String) -> [String] {
        message.split(separator: "'", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }
            .map { String($0.element) }
    }
}
