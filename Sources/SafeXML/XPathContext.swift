internal import CLibXML2

/// Compiles and evaluates expressions of the rule language, the subset of XPath 1.0 that
/// ``XPathSyntax`` reads, with namespaces, variables and Swift functions.
///
/// Rules run on this evaluator alone (see ``NativeExpression``); libxml2's XPath machine
/// serves only the tests, as the oracle the evaluator is held to. An expression outside the
/// subset does not compile, so a rule pack that uses one is refused when it is loaded or linted,
/// never answered one way here and another way there. One context serves one thread.
public final class XPathContext {
    private let state: EvaluationState
    private let namespaces: [String: String]

    /// Creates a context that knows `namespaces` (prefix → URI) and `functions`.
    public init(namespaces: [String: String], functions: [XPathFunction]) {
        _ = XMLLibrary.ready
        self.namespaces = namespaces
        state = EvaluationState(functions: functions)
    }

    /// The values `$name` resolves to in later evaluations.
    public var variables: [String: XPathValue] {
        get { state.variables }
        set { state.variables = newValue }
    }

    /// Removes every local binding (see ``bindLocal(_:to:)``), keeping their storage.
    public func clearLocals() {
        state.locals.removeAll(keepingCapacity: true)
    }

    /// Binds `$name` ahead of ``variables``, a later binding ahead of an earlier one: a rule's
    /// `let` values for one context node, set and cleared without copying the shared variables.
    public func bindLocal(_ name: String, to value: XPathValue) {
        state.locals.append((name, value))
    }

    /// Compiles `source` once for repeated evaluation on this context's thread.
    public func compile(_ source: String) throws(XPathError) -> XPathExpression {
        if let problem = Self.unbalancedDelimiter(in: source) {
            throw XPathError(expression: source, reason: problem)
        }
        guard let native = XPathSyntax.parse(source, namespaces: namespaces, functions: state.function(named:uri:))
        else {
            throw XPathError(expression: source, reason: Self.outsideTheLanguage, isOutsideTheLanguage: true)
        }
        return XPathExpression(source: source, native: native)
    }

    /// Evaluates `expression` with `node` as the context node.
    public func evaluate(_ expression: XPathExpression, at node: XMLNode) throws(XPathError) -> XPathValue {
        state.document = node.document
        defer { state.document = nil }
        do {
            return try expression.native.evaluate(at: node.pointer, in: state).xpathValue(in: state)
        } catch {
            throw XPathError(expression: expression.source, reason: error.reason)
        }
    }

    /// What the rule language is, for an author whose expression is outside it.
    static let outsideTheLanguage =
        "is not in the rule language: paths of named child steps (from the root, or after '..') with "
        + "'*', predicates and a final '@attribute'; literals, numbers and variables; or, and, comparisons, "
        + "+ - * div mod and '|'; the XPath core functions string, number, boolean, not, true, false, "
        + "count, sum, round, floor, ceiling, concat, substring, contains, starts-with, normalize-space, "
        + "string-length and translate; and the context's functions with their numbers of arguments"

    private static func unbalancedDelimiter(in source: String) -> String? {
        // Every delimiter and quote is ASCII, so bytes suffice.
        var expected: [UInt8] = []
        var quote: UInt8?
        for byte in source.utf8 {
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
            case UInt8(ascii: "("): expected.append(UInt8(ascii: ")"))
            case UInt8(ascii: "["): expected.append(UInt8(ascii: "]"))
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                guard expected.popLast() == byte else { return "unexpected '\(Character(Unicode.Scalar(byte)))'" }
            default: break
            }
        }
        if quote != nil { return "unterminated string literal" }
        return expected.last.map { "missing '\(Character(Unicode.Scalar($0)))'" }
    }
}

/// A compiled expression, bound to the thread of the context that compiled it.
public final class XPathExpression {
    /// The expression as written.
    public let source: String
    let native: NativeExpression

    init(source: String, native: NativeExpression) {
        self.source = source
        self.native = native
    }
}

/// What evaluation needs to reach: functions by name, the variables, the current document.
final class EvaluationState {
    private let functions: [XPathFunction]
    var variables: [String: XPathValue] = [:]
    var locals: [(name: String, value: XPathValue)] = []
    /// The document being evaluated.
    var document: XMLDocument?
    /// Other documents whose nodes reached the evaluation through variables or functions, so
    /// that results holding their nodes name the right document.
    private var otherDocuments: [XMLDocument] = []

    init(functions: [XPathFunction]) {
        self.functions = functions
    }

    /// Notes the documents of nodes that come from outside the evaluation.
    func note(_ nodes: [XMLNode]) {
        for node in nodes where node.document !== document && !otherDocuments.contains(where: { $0 === node.document })
        {
            otherDocuments.append(node.document)
        }
    }

    /// The document `node` belongs to: the one being evaluated, or one noted.
    func document(of node: xmlNodePtr) -> XMLDocument? {
        if let document, node.pointee.doc == document.pointer { return document }
        return otherDocuments.first { node.pointee.doc == $0.pointer }
    }

    /// The function called `name` in the namespace `uri`, when an expression is compiled.
    func function(named name: String, uri: String) -> XPathFunction? {
        functions.first { $0.name == name && $0.namespaceURI == uri }
    }

    /// A local binding first, then the shared variables.
    func variable(_ name: String) -> XPathValue? {
        for index in locals.indices.reversed() where locals[index].name == name {
            return locals[index].value
        }
        return variables[name]
    }
}
