import Foundation
import S3CheckRules
import SafeXML

/// The shipped XSDs, compiled once, and the field names for people taken from their annotations.
public struct Schemas: Sendable {
    /// The application schema.
    public let application: XMLSchema
    /// The rule-pack and code-list schema.
    public let rules: XMLSchema
    /// The smart-specialisation strategy schema.
    public let strategy: XMLSchema
    /// Field labels by element or attribute name, from the application schema's documentation.
    public let labels: [String: LocalizedText]
    /// Labels of declarations inside one owner, `owner/name` (an element's name, or a named
    /// type's): `call/id` is the call's reference number, not any `id`.
    let scopedLabels: [String: LocalizedText]
    /// The named type of each element declared with `type=`, to find labels scoped to the type.
    let elementTypes: [String: String]
    /// Every element and attribute name the application schema declares.
    public let applicationElements: Set<String>
    public let applicationAttributes: Set<String>
    /// How the application schema types each number and date the rules read.
    package let valueTypes: ValueTypes

    public static let applicationSchemaPath = "schema/application-1.xsd"
    public static let rulesSchemaPath = "schema/rules-1.xsd"
    public static let strategySchemaPath = "schema/strategy-1.xsd"

    /// The shipped schemas; they are part of the binary, so failing to compile them is a build
    /// defect that the tests catch, not a user error.
    public static let shared: Schemas = {
        do {
            return try Schemas(files: ShippedRules.files)
        } catch {
            fatalError("The shipped schemas do not compile: \(error)")
        }
    }()

    init(files: [String: [UInt8]]) throws {
        let data = { (path: String) in Data(files[path] ?? []) }
        let applicationData = data(Self.applicationSchemaPath)
        application = try XMLSchema(applicationData, name: "Rules/" + Self.applicationSchemaPath)
        rules = try XMLSchema(data(Self.rulesSchemaPath), name: "Rules/" + Self.rulesSchemaPath)
        strategy = try XMLSchema(data(Self.strategySchemaPath), name: "Rules/" + Self.strategySchemaPath)
        let document = try XMLDocument.parse(applicationData, name: Self.applicationSchemaPath)
        (labels, scopedLabels, elementTypes) = Self.labels(in: document)
        (applicationElements, applicationAttributes) = Self.declaredNames(in: document)
        valueTypes = ValueTypes(schema: document)
    }

    /// The names of every `xs:element` and `xs:attribute` declaration.
    private static func declaredNames(in schema: XMLDocument) -> (elements: Set<String>, attributes: Set<String>) {
        var elements: Set<String> = []
        var attributes: Set<String> = []
        func visit(_ node: XMLNode) {
            if let name = node.attribute("name") {
                if node.localName == "element" { elements.insert(name) }
                if node.localName == "attribute" { attributes.insert(name) }
            }
            node.childElements.forEach(visit)
        }
        schema.root.map(visit)
        return (elements, attributes)
    }

    /// The breadcrumb for a node, such as `Parter › Part › Organisationsnummer`: each step by
    /// its label within its parent, a step named like the one before it (`Mål › Mål`) once.
    public func fieldLabel(for names: [String]) -> LocalizedText {
        var swedish: [String] = []
        var english: [String] = []
        for (index, name) in names.enumerated() where name != "application" {
            let label = label(of: name, in: index > 0 ? names[index - 1] : nil)
            if swedish.last != label.sv { swedish.append(label.sv) }
            if english.last != label.en { english.append(label.en) }
        }
        guard !swedish.isEmpty else { return labels["application"] ?? Catalog.text("schema.application") }
        return LocalizedText(sv: swedish.joined(separator: " › "), en: english.joined(separator: " › "))
    }

    /// The label of `name` declared inside `owner` (by the owner's name or its named type),
    /// else of `name` anywhere, else the name itself.
    func label(of name: String, in owner: String?) -> LocalizedText {
        if let owner {
            if let scoped = scopedLabels["\(owner)/\(name)"] { return scoped }
            if let type = elementTypes[owner], let scoped = scopedLabels["\(type)/\(name)"] { return scoped }
        }
        return label(of: name)
    }

    /// The label of one element name, or the name itself.
    public func label(of name: String) -> LocalizedText {
        labels[name] ?? LocalizedText(sv: name, en: name)
    }

    /// libxml2's message without the `{namespace}` noise around names.
    package static func plain(_ message: String) -> String {
        var text = message
        for namespace in [Namespaces.application, Namespaces.rules, "urn:s3check:strategy:1"] {
            text = text.replacingOccurrences(of: "{\(namespace)}", with: "")
        }
        return text
    }

    private static func labels(in schema: XMLDocument) -> (
        [String: LocalizedText], scoped: [String: LocalizedText], types: [String: String]
    ) {
        guard let root = schema.root else { return ([:], [:], [:]) }
        var typeLabels: [String: LocalizedText] = [:]
        var declarations: [(name: String, type: String?, label: LocalizedText?)] = []
        var scoped: [String: LocalizedText] = [:]
        var types: [String: String] = [:]
        // `owner` is the element or named type whose content is being read.
        func visit(_ node: XMLNode, owner: String?) {
            let label = documentation(of: node)
            var inner = owner
            if let name = node.attribute("name") {
                switch node.localName {
                case "complexType", "simpleType":
                    if let label { typeLabels[name] = label }
                    inner = name
                case "element", "attribute":
                    declarations.append((name, node.attribute("type"), label))
                    if let owner, let label, scoped["\(owner)/\(name)"] == nil { scoped["\(owner)/\(name)"] = label }
                    if node.localName == "element" {
                        inner = name
                        if let type = node.attribute("type") { types[name] = type }
                    }
                default:
                    break
                }
            }
            for child in node.childElements { visit(child, owner: inner) }
        }
        visit(root, owner: nil)
        var result: [String: LocalizedText] = [:]
        for declaration in declarations where result[declaration.name] == nil {
            if let label = declaration.label ?? declaration.type.flatMap({ typeLabels[$0] }) {
                result[declaration.name] = label
            }
        }
        return (result, scoped, types)
    }

    private static func documentation(of node: XMLNode) -> LocalizedText? {
        guard let annotation = node.childElements.first(where: { $0.localName == "annotation" }) else { return nil }
        var texts: [String: String] = [:]
        for documentation in annotation.childElements where documentation.localName == "documentation" {
            let language = documentation.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace") ?? ""
            texts[language] = documentation.stringValue.trimmingXMLWhitespace()
        }
        guard let sv = texts["sv"], let en = texts["en"] else { return nil }
        return LocalizedText(sv: sv, en: en)
    }
}
