import Foundation
import SafeXML

/// The kinds of value the application schema gives its elements and attributes, by name, read
/// from the schema once; ``ApplicationReader`` reads each such value once per application.
package struct ValueTypes: Sendable {
    /// The kinds of value the rules read, by the XML Schema built-in type they derive from.
    package enum Kind: Sendable {
        case decimal
        case date
        case year
    }

    package let elements: [String: Kind]
    package let attributes: [String: Kind]

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
}
