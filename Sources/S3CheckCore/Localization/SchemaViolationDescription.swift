import Foundation
import SafeXML

/// Words an XSD violation in the application's field names, in Swedish and English.
enum SchemaViolationDescription {
    static func finding(for diagnostic: XMLDiagnostic, file: String, schemas: Schemas, source: SourceText) -> Finding {
        let names = diagnostic.node?.names ?? []
        let field = diagnostic.node.map {
            FieldReference(path: $0.path, label: schemas.fieldLabel(for: $0.names))
        }
        let fieldLabel = schemas.fieldLabel(for: names)
        let line = diagnostic.line ?? diagnostic.node?.line ?? 1
        let column =
            diagnostic.node.map {
                source.column(ofNodeNamed: $0.localName, isAttribute: $0.path.contains("/@"), line: line)
            } ?? 1
        let plain = Schemas.plain(diagnostic.message)
        let message: LocalizedText
        var hint = Catalog.text("schema.fix-the-field-to-match-the")
        switch diagnostic.code {
        case 1871, 1844:
            let expectedNames = expectedNames(in: plain)
            let expectedSV = expectedNames.map { named($0, .sv, schemas) }.joined(separator: ", ")
            let expectedEN = expectedNames.map { named($0, .en, schemas) }.joined(separator: ", ")
            let element = diagnostic.node?.localName ?? ""
            let parent = schemas.fieldLabel(for: Array(names.dropLast()))
            if plain.contains("Missing child element") {
                message = Catalog.text(
                    "schema.lacks-a-required-field",
                    [
                        "fieldLabel": "\(fieldLabel.sv)", "expectedSV": "\(expectedSV)",
                        "fieldLabel2": "\(fieldLabel.en)", "expectedEN": "\(expectedEN)",
                    ])
            } else {
                let sv =
                    expectedNames.isEmpty
                    ? "Fältet <\(element)> i «\(parent.sv)» är inte tillåtet här."
                    : "Fältet <\(element)> i «\(parent.sv)» är inte väntat här; väntat är \(expectedSV)."
                let en =
                    expectedNames.isEmpty
                    ? "The field <\(element)> in «\(parent.en)» is not allowed here."
                    : "The field <\(element)> in «\(parent.en)» is not expected here; expected is \(expectedEN)."
                message = LocalizedText(sv: sv, en: en)
                if let suggestion = NameSuggestion.nearest(
                    to: element, preferring: expectedNames, among: schemas.applicationElements.sorted())
                {
                    hint = Catalog.text(
                        "schema.did-you-mean-rename-to",
                        [
                            "suggestion": "\(suggestion)", "suggestion2": "\(schemas.label(of: suggestion).sv)",
                            "element": "\(element)", "suggestion3": "\(schemas.label(of: suggestion).en)",
                        ])
                }
            }
        case 1868:
            let attribute = quoted(in: plain).first ?? "?"
            message = Catalog.text(
                "schema.lacks-the-attribute",
                ["fieldLabel": "\(fieldLabel.sv)", "attribute": "\(attribute)", "fieldLabel2": "\(fieldLabel.en)"])
        case 1831, 1832:
            // "[facet 'maxLength'] The value has a length of '32160'; this exceeds the allowed maximum length of '20000'."
            let numbers = quoted(in: plain).filter { Int($0) != nil }
            let readable = { (text: String?, language: Language) in
                text.flatMap { Int($0) }.map { NumberText.integer($0, language) } ?? "?"
            }
            let actual = (sv: readable(numbers.first, .sv), en: readable(numbers.first, .en))
            let limit = (sv: readable(numbers.dropFirst().first, .sv), en: readable(numbers.dropFirst().first, .en))
            message =
                diagnostic.code == 1832
                ? Catalog.text(
                    "schema.is-characters-long-at-most-are",
                    [
                        "fieldLabel": "\(fieldLabel.sv)", "actual": "\(actual.sv)", "limit": "\(limit.sv)",
                        "fieldLabel2": "\(fieldLabel.en)", "actual2": "\(actual.en)", "limit2": "\(limit.en)",
                    ])
                : Catalog.text(
                    "schema.is-characters-long-at-least-are",
                    [
                        "fieldLabel": "\(fieldLabel.sv)", "actual": "\(actual.sv)", "limit": "\(limit.sv)",
                        "fieldLabel2": "\(fieldLabel.en)", "actual2": "\(actual.en)", "limit2": "\(limit.en)",
                    ])
        case 1824, 1839, 1840, 1833, 1841:
            let attribute = captured(after: "attribute '", in: plain)
            let label = attribute.map { fieldLabel.appending(schemas.label(of: $0)) } ?? fieldLabel
            let value =
                captured(after: "The value '", in: plain) ?? quotedBefore(" is not a valid value", in: plain) ?? ""
            let (sv, en) = expectation(in: plain)
            message = Catalog.text(
                "schema.the-value-is-not-valid-for",
                ["value": "\(value)", "label": "\(label.sv)", "sv": "\(sv)", "label2": "\(label.en)", "en": "\(en)"])
        default:
            message = Catalog.text(
                "schema.text",
                ["fieldLabel": "\(fieldLabel.sv)", "plain": "\(plain)", "fieldLabel2": "\(fieldLabel.en)"])
        }
        return Finding(
            ruleID: "S3C-SCHEMA",
            severity: .error,
            title: Catalog.text("schema.does-not-follow-the-application-format"),
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

    /// What the schema wanted, in our own words: the allowed values, or the type.
    private static func expectation(in message: String) -> (String, String) {
        if message.contains("[facet 'enumeration']"), let open = message.range(of: "{"),
            let close = message.range(of: "}", range: open.upperBound..<message.endIndex)
        {
            let values = message[open.upperBound..<close.lowerBound].replacingOccurrences(of: "'", with: "")
            return ("; tillåtna värden: \(values)", "; allowed values: \(values)")
        }
        if let type = captured(after: "atomic type '", in: message) {
            switch type {
            case "xs:date": return ("; väntat ett datum ÅÅÅÅ-MM-DD", "; expected a date YYYY-MM-DD")
            case "xs:decimal", "xs:integer", "Amount": return ("; väntat ett tal", "; expected a number")
            case "xs:boolean": return ("; väntat true eller false", "; expected true or false")
            case "xs:gYear": return ("; väntat ett årtal", "; expected a year")
            default: return ("; väntat typen \(type)", "; expected the type \(type)")
            }
        }
        if message.contains("[facet 'pattern']") || message.contains("[facet 'length']") {
            return ("; formatet stämmer inte", "; the format does not match")
        }
        if message.contains("minInclusive") { return ("; värdet är för litet", "; the value is too small") }
        return ("", "")
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
