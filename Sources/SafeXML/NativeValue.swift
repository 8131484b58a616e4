internal import CLibXML2

/// XPath's conversions and comparisons as libxml2 2.9 makes them, for ``NativeExpression``.
extension NativeExpression.Value {
    /// A variable's or a function's value as libxml2 receives it: node-sets in document order
    /// with each node once, strings up to their first NUL.
    init(_ value: XPathValue, in environment: NativeExpression.Environment) {
        switch value {
        case .nodes(let nodes):
            environment.note(nodes)
            let pointers = nodes.map(\.pointer)
            // xmlXPathCmpNodes gives 1 only for two nodes of one document in order.
            let inOrder = zip(pointers, pointers.dropFirst()).allSatisfy { xmlXPathCmpNodes($0, $1) == 1 }
            self = .nodes(inOrder ? pointers : NativeExpression.inDocumentOrder(pointers))
        case .boolean(let boolean): self = .boolean(boolean)
        case .number(let number): self = .number(number)
        case .string(let string):
            self = .string(
                string.utf8.contains(0) ? String(decoding: string.utf8.prefix { $0 != 0 }, as: UTF8.self) : string)
        }
    }

    func xpathValue(in environment: NativeExpression.Environment) -> XPathValue {
        switch self {
        case .nodes(let nodes):
            // Every node comes from the document or from a value noted on the way in.
            .nodes(
                nodes.compactMap { node in environment.document(of: node).map { XMLNode(pointer: node, document: $0) } }
            )
        case .boolean(let boolean): .boolean(boolean)
        case .number(let number): .number(number)
        case .string(let string): .string(string)
        }
    }

    var boolean: Bool {
        switch self {
        case .nodes(let nodes): !nodes.isEmpty
        case .boolean(let boolean): boolean
        case .number(let number): number != 0 && !number.isNaN
        case .string(let string): !string.isEmpty
        }
    }

    var number: Double {
        switch self {
        case .nodes(let nodes): nodes.first.map(NodeText.number(of:)) ?? NodeText.notANumber
        case .boolean(let boolean): boolean ? 1 : 0
        case .number(let number): number
        case .string(let string): NodeText.number(of: string)
        }
    }

    var string: String {
        switch self {
        case .nodes(let nodes): nodes.first.map(NodeText.string(of:)) ?? ""
        case .boolean(let boolean): boolean ? "true" : "false"
        case .number(let number): NodeText.format(number)
        case .string(let string): string
        }
    }
}

extension NativeExpression {
    /// `lhs comparison rhs` by XPath 1.0, 3.4, as libxml2 evaluates it: node-sets compare by
    /// any member, `=` and `!=` by the operands' common type, the others as numbers.
    static func compare(_ lhs: Value, _ comparison: Comparison, _ rhs: Value) -> Bool {
        switch comparison {
        case .equal, .notEqual: equal(lhs, rhs, negated: comparison == .notEqual)
        case .less: order(lhs, rhs) { $0 < $1 }
        case .lessOrEqual: order(lhs, rhs) { $0 <= $1 }
        case .greater: order(lhs, rhs) { $0 > $1 }
        case .greaterOrEqual: order(lhs, rhs) { $0 >= $1 }
        }
    }

    private static func equal(_ lhs: Value, _ rhs: Value, negated: Bool) -> Bool {
        switch (lhs, rhs) {
        case (.nodes(let left), .nodes(let right)):
            guard !left.isEmpty, !right.isEmpty else { return false }
            // libxml2 compares node-sets by their raw content, where a node without any (a
            // processing instruction without data) is equal to nothing and unequal to everything.
            func content(_ node: xmlNodePtr) -> String? { NodeText.hasContent(node) ? NodeText.string(of: node) : nil }
            let rightStrings = right.map(content)
            return left.contains { node in
                let string = content(node)
                return rightStrings.contains { other in
                    guard let string, let other else { return negated }
                    return string.utf8.elementsEqual(other.utf8) != negated
                }
            }
        case (.nodes(let nodes), let other), (let other, .nodes(let nodes)):
            switch other {
            case .boolean(let boolean):
                return (!nodes.isEmpty == boolean) != negated
            case .number(let number):
                return nodes.contains { node in
                    let value = NodeText.number(of: node)
                    // A node that is not a number is unequal to every number.
                    return value.isNaN ? negated : (value == number) != negated
                }
            default:
                return other.string.withCString { text in
                    nodes.contains { NodeText.equals($0, text) != negated }
                }
            }
        case (.boolean, _), (_, .boolean):
            return (lhs.boolean == rhs.boolean) != negated
        case (.number, _), (_, .number):
            return (lhs.number == rhs.number) != negated
        default:
            // Bytes, as libxml2 compares: Swift's == would take "é" and "e\u{301}" as equal.
            return lhs.string.utf8.elementsEqual(rhs.string.utf8) != negated
        }
    }

    private static func order(_ lhs: Value, _ rhs: Value, _ holds: (Double, Double) -> Bool) -> Bool {
        switch (lhs, rhs) {
        case (.nodes(let left), .nodes(let right)):
            let rightNumbers = right.map(NodeText.number(of:))
            return left.contains { node in
                let number = NodeText.number(of: node)
                return rightNumbers.contains { holds(number, $0) }
            }
        case (.nodes(let nodes), .boolean), (.boolean, .nodes(let nodes)):
            // Against a boolean a node-set counts as its own boolean value, as a number.
            let set: Double = nodes.isEmpty ? 0 : 1
            return if case .nodes = lhs { holds(set, rhs.number) } else { holds(lhs.number, set) }
        case (.nodes(let nodes), _):
            let number = rhs.number
            return nodes.contains { holds(NodeText.number(of: $0), number) }
        case (_, .nodes(let nodes)):
            let number = lhs.number
            return nodes.contains { holds(number, NodeText.number(of: $0)) }
        default:
            return holds(lhs.number, rhs.number)
        }
    }
}

/// A node's string value and its conversions, read in place when one text node holds it.
enum NodeText {
    private static let empty: [xmlChar] = [0]

    /// libxml2's NaN, whose sign bit differs from Swift's `.nan`.
    static let notANumber = number(of: "")

    /// Calls `body` with the node's string value as a NUL-terminated string.
    static func withValue<Result>(of node: xmlNodePtr, _ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
        if let text = inlineText(of: node) { return body(text) }
        guard let content = xmlNodeGetContent(node) else {
            return empty.withUnsafeBufferPointer { body($0.baseAddress!) }
        }
        defer { s3_xmlFree(content) }
        return body(content)
    }

    /// Whether libxml2 finds any content for the node, even empty: a processing instruction
    /// without data has none.
    static func hasContent(_ node: xmlNodePtr) -> Bool {
        if inlineText(of: node) != nil { return true }
        guard let content = xmlNodeGetContent(node) else { return false }
        s3_xmlFree(content)
        return true
    }

    static func string(of node: xmlNodePtr) -> String {
        withValue(of: node) { String(cString: $0) }
    }

    /// libxml2's `number()` of the node's string value.
    static func number(of node: xmlNodePtr) -> Double {
        withValue(of: node) { xmlXPathStringEvalNumber($0) }
    }

    /// libxml2's `number()` of a string.
    static func number(of string: String) -> Double {
        string.withCString { text in
            text.withMemoryRebound(to: xmlChar.self, capacity: 1) { xmlXPathStringEvalNumber($0) }
        }
    }

    /// Whether the node's string value is `text`, compared as bytes in place.
    static func equals(_ node: xmlNodePtr, _ text: UnsafePointer<CChar>) -> Bool {
        text.withMemoryRebound(to: xmlChar.self, capacity: 1) { text in
            withValue(of: node) { xmlStrEqual($0, text) != 0 }
        }
    }

    /// libxml2's `string()` of a number.
    static func format(_ number: Double) -> String {
        guard let text = xmlXPathCastNumberToString(number) else { return "" }
        defer { s3_xmlFree(text) }
        return String(cString: text)
    }
}
