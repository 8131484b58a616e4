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
    /// Every element and attribute name the application schema declares.
    public let applicationElements: Set<String>
    public let applicationAttributes: Set<String>
    /// How the application schema types each number and date the rules read.
    let typedValues: TypedValues

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
        labels = Self.labels(in: document)
        (applicationElements, applicationAttributes) = Self.declaredNames(in: document)
        typedValues = TypedValues(schema: document)
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

    /// The breadcrumb for a node, such as `Parter › Part › Organisationsnummer`.
    public func fieldLabel(for names: [String]) -> LocalizedText {
        let shown = names.filter { $0 != "application" }
        let parts = shown.map { labels[$0] ?? LocalizedText(sv: $0, en: $0) }
        guard !parts.isEmpty else { return labels["application"] ?? Catalog.text("schema.application") }
        return LocalizedText(
            sv: parts.map(\.sv).joined(separator: " › "),
            en: parts.map(\.en).joined(separator: " › ")
        )
    }

    /// The label of one element name, or the name itself.
    public func label(of name: String) -> LocalizedText {
        labels[name] ?? LocalizedText(sv: name, en: name)
    }

    /// libxml2's message without the `{namespace}` noise around names.
    static func plain(_ message: String) -> String {
        var text = message
        for namespace in [Namespaces.application, Namespaces.rules, "urn:s3check:strategy:1"] {
            text = text.replacingOccurrences(of: "{\(namespace)}", with: "")
        }
        return text
    }

    private static func labels(in schema: XMLDocument) -> [String: LocalizedText] {
        guard let root = schema.root else { return [:] }
        var typeLabels: [String: LocalizedText] = [:]
        var declarations: [(name: String, type: String?, label: LocalizedText?)] = []
        func visit(_ node: XMLNode) {
            let label = documentation(of: node)
            if let name = node.attribute("name") {
                switch node.localName {
                case "complexType", "simpleType":
                    if let label { typeLabels[name] = label }
                case "element", "attribute":
                    declarations.append((name, node.attribute("type"), label))
                default:
                    break
                }
            }
            node.childElements.forEach(visit)
        }
        visit(root)
        var result: [String: LocalizedText] = [:]
        for declaration in declarations where result[declaration.name] == nil {
            if let label = declaration.label ?? declaration.type.flatMap({ typeLabels[$0] }) {
                result[declaration.name] = label
            }
        }
        return result
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
