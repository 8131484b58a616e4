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
        switch diagnostic.code {
        case 1871, 1844:
            let expected = expectedNames(in: plain).map(schemas.label(of:))
            let expectedSV = expected.map { "«\($0.sv)»" }.joined(separator: ", ")
            let expectedEN = expected.map { "«\($0.en)»" }.joined(separator: ", ")
            if plain.contains("Missing child element") {
                message = LocalizedText(
                    sv: "«\(fieldLabel.sv)» saknar ett obligatoriskt fält: \(expectedSV).",
                    en: "«\(fieldLabel.en)» lacks a required field: \(expectedEN)."
                )
            } else if expected.isEmpty {
                message = LocalizedText(
                    sv: "Fältet «\(fieldLabel.sv)» är inte tillåtet här.",
                    en: "The field «\(fieldLabel.en)» is not allowed here."
                )
            } else {
                message = LocalizedText(
                    sv: "Fältet «\(fieldLabel.sv)» är inte väntat här; väntat är \(expectedSV).",
                    en: "The field «\(fieldLabel.en)» is not expected here; expected is \(expectedEN)."
                )
            }
        case 1868:
            let attribute = quoted(in: plain).first ?? "?"
            message = LocalizedText(
                sv: "«\(fieldLabel.sv)» saknar attributet \(attribute).",
                en: "«\(fieldLabel.en)» lacks the attribute \(attribute)."
            )
        case 1824, 1839, 1840, 1833, 1831, 1832, 1841:
            let value = quoted(in: plain).dropFirst().first ?? ""
            message = LocalizedText(
                sv: "Värdet \"\(value)\" är ogiltigt för «\(fieldLabel.sv)». (\(plain))",
                en: "The value \"\(value)\" is not valid for «\(fieldLabel.en)». (\(plain))"
            )
        default:
            message = LocalizedText(sv: "«\(fieldLabel.sv)»: \(plain)", en: "«\(fieldLabel.en)»: \(plain)")
        }
        return Finding(
            ruleID: "S3C-SCHEMA",
            severity: .error,
            title: LocalizedText(sv: "Följer inte ansökningsformatet", en: "Does not follow the application format"),
            message: message,
            hint: LocalizedText(
                sv:
                    "Rätta fältet enligt Rules/schema/application-1.xsd; en redigerare med schemastöd visar vad som är tillåtet.",
                en:
                    "Fix the field to match Rules/schema/application-1.xsd; an editor with schema support shows what is allowed."
            ),
            location: SourceLocation(file: file, line: line, column: column),
            field: field,
            blocksAssessment: true
        )
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
