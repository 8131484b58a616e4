import S3CheckValues
import SafeXML

/// A kind of check a rule makes: one element of the rules schema (`<range>`, `<sum>` …).
///
/// Each kind is one file in the engine, listed once in its registry; the pack reader knows
/// kinds only through this protocol, so reading, linting, explaining and the catalogue ask the
/// check rather than switching over a list of kinds.
public protocol RuleCheck: Sendable {
    /// The element that writes the check in a pack.
    static var element: String { get }
    /// The `{names}` its findings fill in, besides `{field}` and the parameters.
    static var values: [String] { get }
    /// Reads the check from its element; a problem says what is wrong with it.
    init(_ element: CheckElement) throws(CheckElement.Problem)
    /// The XPath expression whose nodes are checked one by one; nil checks the application.
    var context: String? { get }
    /// Every XPath expression of the check, context first, with the attribute that holds it.
    var expressions: [CheckElement.Expression] { get }
    /// The expressions that must select nodes: a number there would leave nothing to check.
    var nodeSetExpressions: [String] { get }
    /// The code lists the check reads, which the pack must define.
    var codeLists: [String] { get }
    /// The expression whose nodes the check judges, when selecting none leaves it nothing to
    /// judge (the rule is then not applicable); nil when the check always judges its context.
    var judgedNodes: String? { get }
}

extension RuleCheck {
    public var codeLists: [String] { [] }
    public var judgedNodes: String? { nil }

    /// The element name, for messages and the catalogue.
    public var kind: String { Self.element }
}

/// A check's element as written in a pack: its name, attributes and line.
public struct CheckElement: Sendable {
    public var name: String
    public var attributes: [String: String]
    public var line: Int

    public init(name: String, attributes: [String: String], line: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    /// Reads the element of a rule; attribute names without a namespace.
    public init(_ node: XMLNode) {
        var attributes: [String: String] = [:]
        for attribute in node.attributeNodes where attribute.namespaceURI == nil {
            attributes[attribute.localName] = attribute.stringValue
        }
        self.init(name: node.localName, attributes: attributes, line: node.line)
    }

    /// An attribute's value.
    public subscript(_ name: String) -> String? { attributes[name] }

    /// An attribute the schema requires, or a problem naming it.
    public func required(_ name: String) throws(Problem) -> String {
        guard let value = attributes[name], !value.isEmpty else {
            throw Problem(Catalog.text("pack.check-needs-attribute", ["element": self.name, "attribute": name]))
        }
        return value
    }

    /// A boolean attribute (`true`, `1`); false when absent.
    public func flag(_ name: String) -> Bool {
        attributes[name] == "true" || attributes[name] == "1"
    }

    /// One XPath expression of a check and the attribute that holds it.
    public struct Expression: Sendable, Hashable {
        public var attribute: String
        public var source: String

        public init(_ attribute: String, _ source: String) {
            self.attribute = attribute
            self.source = source
        }
    }

    /// What is wrong with a check's element.
    public struct Problem: Error, Sendable {
        public var message: LocalizedText

        public init(_ message: LocalizedText) {
            self.message = message
        }
    }
}
