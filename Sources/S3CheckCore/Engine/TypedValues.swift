import Foundation
import SafeXML

/// Reads an application's numbers and dates as the schema types them, before any rule does.
///
/// The schema accepts lexical forms that XPath 1.0 cannot read: `+2058000` and `007` are valid
/// `xs:decimal`s, but `number('+2058000')` is NaN, so a rule would see no amount and give a wrong
/// verdict. Each decimal and integer value is therefore rewritten, in the in-memory document
/// only, to its canonical form (`2058000`, `7`, `1.5` for `1.50`), which every reader of the
/// rules parses alike. A date or year the rules cannot read (XML Schema allows years beyond 9999
/// and before 1) is not guessed at: the application cannot be assessed, and a finding names the
/// field. Nothing the user gave is changed on disk.
struct TypedValues {
    /// The kinds of value the rules read, by the XML Schema built-in type they derive from.
    enum Kind {
        case decimal
        case date
        case year
    }

    private let elements: [String: Kind]
    private let attributes: [String: Kind]

    /// The kinds of every element and attribute declared in `schema` with a decimal, integer,
    /// date or year type, directly or through named simple types. A name declared with two
    /// different kinds is left as written.
    init(schema: XMLDocument) {
        var baseOfType: [String: String] = [:]
        var declarations: [(name: String, isAttribute: Bool, type: String?)] = []
        func restrictionBase(_ node: XMLNode) -> String? {
            node.child("simpleType")?.child("restriction")?.attribute("base")
        }
        func visit(_ node: XMLNode) {
            if let name = node.attribute("name") {
                switch node.localName {
                case "simpleType":
                    if let base = node.child("restriction")?.attribute("base") { baseOfType[name] = base }
                case "element", "attribute":
                    declarations.append(
                        (name, node.localName == "attribute", node.attribute("type") ?? restrictionBase(node)))
                default: break
                }
            }
            node.childElements.forEach(visit)
        }
        schema.root.map(visit)
        func kind(_ type: String?) -> Kind? {
            var current = type
            // Named types derive from one another; a cycle cannot pass schema compilation.
            for _ in 0..<16 {
                guard let type = current else { return nil }
                switch type {
                case "xs:decimal", "xs:integer", "xs:int", "xs:long", "xs:short", "xs:positiveInteger",
                    "xs:nonNegativeInteger", "xs:negativeInteger", "xs:nonPositiveInteger":
                    return .decimal
                case "xs:date": return .date
                case "xs:gYear": return .year
                default: current = baseOfType[type]
                }
            }
            return nil
        }
        var elements: [String: Kind?] = [:]
        var attributes: [String: Kind?] = [:]
        for declaration in declarations {
            let found = kind(declaration.type)
            if declaration.isAttribute {
                attributes[declaration.name] = attributes[declaration.name].map { $0 == found ? found : nil } ?? found
            } else {
                elements[declaration.name] = elements[declaration.name].map { $0 == found ? found : nil } ?? found
            }
        }
        self.elements = elements.compactMapValues { $0 }
        self.attributes = attributes.compactMapValues { $0 }
    }

    /// The kind of value `node` (an element or attribute) holds, if the rules read it typed.
    func kind(of node: XMLNode) -> Kind? {
        node.kind == .attribute ? attributes[node.localName] : elements[node.localName]
    }

    /// Rewrites every typed value under `root` to its canonical form; the nodes whose value the
    /// rules cannot read, with the reason.
    func normalise(_ root: XMLNode) -> [(node: XMLNode, reason: LocalizedText)] {
        var unreadable: [(node: XMLNode, reason: LocalizedText)] = []
        func visit(_ element: XMLNode) {
            for node in [element] + element.attributeNodes {
                guard let kind = kind(of: node) else { continue }
                let text = node.stringValue.trimmingXMLWhitespace()
                switch kind {
                case .decimal:
                    if let canonical = Self.canonicalDecimal(text), canonical != node.stringValue {
                        node.setStringValue(canonical)
                    }
                case .date:
                    if CalendarDate(text) == nil {
                        unreadable.append((node, Self.outOfRange(text, kind: kind)))
                    }
                case .year:
                    if !Self.isReadableYear(text) {
                        unreadable.append((node, Self.outOfRange(text, kind: kind)))
                    }
                }
            }
            element.childElements.forEach(visit)
        }
        visit(root)
        return unreadable
    }

    /// The canonical form of an `xs:decimal` lexical value (`+007.50` → `7.5`, `-0` → `0`);
    /// nil when `text` is not one.
    static func canonicalDecimal(_ text: String) -> String? {
        var bytes = Substring(text)
        var negative = false
        if let sign = bytes.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            bytes = bytes.dropFirst()
        }
        let parts = bytes.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !bytes.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts.contains(where: { !$0.isEmpty })
        else { return nil }
        var whole = String(parts[0].drop { $0 == "0" })
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.last == "0" { fraction.removeLast() }
        if whole.isEmpty { whole = "0" }
        let magnitude = fraction.isEmpty ? whole : whole + "." + fraction
        return negative && magnitude != "0" ? "-" + magnitude : magnitude
    }

    /// A `gYear` of four digits (with an optional time zone), as rules compare years.
    private static func isReadableYear(_ text: String) -> Bool {
        CalendarDate(text.prefix(4) + "-01-01" + text.dropFirst(4)) != nil && text.prefix(4).allSatisfy(\.isNumber)
    }

    private static func outOfRange(_ text: String, kind: Kind) -> LocalizedText {
        let what = kind == .date ? (Catalog.text("value.the-date")) : (Catalog.text("value.the-year"))
        return LocalizedText(
            sv: "Schemat godtar \(what.sv) \(text), men reglerna kan bara läsa år 0001–9999 med fyra siffror; "
                + "ansökan kan därför inte bedömas.",
            en: "The schema accepts \(what.en) \(text), but the rules can only read the years 0001–9999 in four "
                + "digits; the application therefore cannot be assessed.")
    }
}
