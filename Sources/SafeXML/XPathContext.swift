internal import CLibXML2

/// Compiles and evaluates XPath 1.0 expressions with namespaces, variables and Swift functions.
///
/// One context serves one thread: libxml2 writes into compiled expressions while evaluating
/// them, so neither the context nor its expressions may be shared across threads.
public final class XPathContext {
    private let pointer: xmlXPathContextPtr
    private let state: EvaluationState
    private let namespaces: [String: String]

    /// Whether expressions in the subset ``XPathSyntax`` reads are evaluated in Swift (see
    /// ``NativeExpression``) rather than by libxml2; both give the same values, and tests
    /// compare them.
    public var evaluatesNatively = true

    /// How many native evaluations handed over to libxml2, which tests read to tell an answer
    /// Swift gave from one libxml2 gave.
    public private(set) var deferredEvaluations = 0

    /// Creates a context that knows `namespaces` (prefix → URI) and `functions`.
    public init(namespaces: [String: String], functions: [XPathFunction]) {
        _ = XMLLibrary.ready
        guard let context = xmlXPathNewContext(nil) else {
            fatalError("libxml2 could not allocate an XPath context (out of memory)")
        }
        pointer = context
        self.namespaces = namespaces
        state = EvaluationState(functions: functions)
        for (prefix, uri) in namespaces {
            xmlXPathRegisterNs(context, prefix, uri)
        }
        context.pointee.userData = Unmanaged.passUnretained(state).toOpaque()
        for function in functions {
            xmlXPathRegisterFuncNS(context, function.name, function.namespaceURI, callSwiftFunction)
        }
        xmlXPathRegisterVariableLookup(context, lookUpVariable, Unmanaged.passUnretained(state).toOpaque())
    }

    deinit {
        xmlXPathFreeContext(pointer)
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
        // libxml2 2.9 accepts an unclosed call such as "count(", so the delimiters are checked here.
        if let problem = Self.unbalancedDelimiter(in: source) {
            throw XPathError(expression: source, reason: problem)
        }
        let (compiled, diagnostics) = ErrorCapture.collecting { xmlXPathCtxtCompile(pointer, source) }
        guard let compiled else {
            throw XPathError(expression: source, reason: Self.reason(from: diagnostics, fallback: "invalid expression"))
        }
        return XPathExpression(pointer: compiled, source: source) { [state, namespaces] in
            XPathSyntax.parse(source, namespaces: namespaces) { name, uri in state.function(named: name, uri: uri) }
        }
    }

    /// Evaluates `expression` with `node` as the context node.
    public func evaluate(_ expression: XPathExpression, at node: XMLNode) throws(XPathError) -> XPathValue {
        state.document = node.document
        defer { state.document = nil }
        if evaluatesNatively, let native = expression.native {
            if let value = try? native.evaluate(at: node.pointer, in: state) {
                return value.xpathValue(in: node.document)
            }
            deferredEvaluations += 1
        }
        state.functionFailure = nil
        pointer.pointee.doc = node.document.pointer
        pointer.pointee.node = node.pointer
        defer {
            pointer.pointee.doc = nil
            pointer.pointee.node = nil
        }
        let (result, diagnostics) = ErrorCapture.collecting {
            xmlXPathCompiledEval(expression.pointer, pointer)
        }
        guard let result else {
            let reason = state.functionFailure ?? Self.reason(from: diagnostics, fallback: "evaluation failed")
            throw XPathError(expression: expression.source, reason: reason)
        }
        defer { xmlXPathFreeObject(result) }
        guard !XPathValue.holdsNamespaceNodes(result) else {
            throw XPathError(expression: expression.source, reason: XPathValue.namespaceNodesReason)
        }
        return XPathValue(result, document: node.document)
    }

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

    private static func reason(from diagnostics: [XMLDiagnostic], fallback: String) -> String {
        let messages = diagnostics.map(\.message).filter { !$0.isEmpty }
        return messages.isEmpty ? fallback : messages.joined(separator: "; ")
    }
}

/// A compiled expression, bound to the thread of the context that compiled it.
public final class XPathExpression {
    let pointer: xmlXPathCompExprPtr
    /// The expression as written.
    public let source: String
    /// The expression for Swift to evaluate, when it is in the subset ``XPathSyntax`` reads; read
    /// on first use, since packs are also compiled only to check them.
    private(set) lazy var native: NativeExpression? = readNative()
    private let readNative: () -> NativeExpression?

    /// Whether Swift evaluates the expression instead of libxml2's XPath machine (which still
    /// does whenever the native evaluation defers to it).
    public var isNative: Bool { native != nil }

    init(pointer: xmlXPathCompExprPtr, source: String, readNative: @escaping () -> NativeExpression?) {
        self.pointer = pointer
        self.source = source
        self.readNative = readNative
    }

    deinit {
        xmlXPathFreeCompExpr(pointer)
    }
}

/// What the C callbacks and native evaluation need to reach: functions by name, the variables,
/// the current document.
final class EvaluationState {
    /// Functions by their names as C strings, all in one buffer: a call is found by comparing
    /// bytes in place, without making Swift strings or copying entries for every call.
    private let names: [xmlChar]
    private let entries: [(name: Int, uri: Int, function: XPathFunction)]
    var variables: [String: XPathValue] = [:]
    var locals: [(name: String, value: XPathValue)] = []
    var document: XMLDocument?
    var functionFailure: String?

    init(functions: [XPathFunction]) {
        var names: [xmlChar] = []
        var entries: [(name: Int, uri: Int, function: XPathFunction)] = []
        for function in functions {
            let name = names.count
            names += function.name.utf8 + [0]
            let uri = names.count
            names += function.namespaceURI.utf8 + [0]
            entries.append((name, uri, function))
        }
        self.names = names
        self.entries = entries
    }

    /// The function called `name` in the namespace `uri`, when an expression is compiled.
    func function(named name: String, uri: String) -> XPathFunction? {
        entries.first { $0.function.name == name && $0.function.namespaceURI == uri }?.function
    }

    func function(named name: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?) -> XPathFunction? {
        names.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            for index in entries.indices where xmlStrEqual(base + entries[index].name, name) != 0 {
                let entryURI = base + entries[index].uri
                let sameURI = uri.map { xmlStrEqual(entryURI, $0) != 0 } ?? (entryURI.pointee == 0)
                if sameURI { return entries[index].function }
            }
            return nil
        }
    }

    /// A local binding first, then the shared variables.
    func variable(_ name: String) -> XPathValue? {
        for index in locals.indices.reversed() where locals[index].name == name {
            return locals[index].value
        }
        return variables[name]
    }
}

extension XPathValue {
    /// Why a node-set with namespace nodes is refused: libxml2 hands out namespace nodes as
    /// copies that die with the result, so no node of the value could be kept.
    static let namespaceNodesReason = "selects namespace nodes, which rules cannot use"

    fileprivate static func holdsNamespaceNodes(_ object: xmlXPathObjectPtr) -> Bool {
        guard object.pointee.type == XPATH_NODESET || object.pointee.type == XPATH_XSLT_TREE,
            let set = object.pointee.nodesetval, let table = set.pointee.nodeTab
        else { return false }
        return (0..<Int(set.pointee.nodeNr)).contains { table[$0]?.pointee.type == XML_NAMESPACE_DECL }
    }

    fileprivate init(_ object: xmlXPathObjectPtr, document: XMLDocument) {
        let raw = object.pointee
        switch raw.type {
        case XPATH_BOOLEAN:
            self = .boolean(raw.boolval != 0)
        case XPATH_NUMBER:
            self = .number(raw.floatval)
        case XPATH_STRING:
            self = .string(raw.stringval.map { String(cString: $0) } ?? "")
        case XPATH_NODESET, XPATH_XSLT_TREE:
            var nodes: [XMLNode] = []
            if let set = raw.nodesetval, let table = set.pointee.nodeTab {
                nodes.reserveCapacity(Int(set.pointee.nodeNr))
                for index in 0..<Int(set.pointee.nodeNr) {
                    if let node = table[index] { nodes.append(XMLNode(pointer: node, document: document)) }
                }
            }
            self = .nodes(nodes)
        default:
            self = .string("")
        }
    }

    /// A new libxml2 object holding this value; the caller owns it.
    fileprivate func makeObject() -> xmlXPathObjectPtr? {
        switch self {
        case .boolean(let value): return xmlXPathNewBoolean(value ? 1 : 0)
        case .number(let value): return xmlXPathNewFloat(value)
        case .string(let value): return xmlXPathNewString(value)
        case .nodes(let nodes):
            let set = xmlXPathNodeSetCreate(nil)
            for node in nodes { xmlXPathNodeSetAdd(set, node.pointer) }
            return xmlXPathWrapNodeSet(set)
        }
    }
}

private func state(of parser: xmlXPathParserContextPtr) -> EvaluationState? {
    guard let data = parser.pointee.context?.pointee.userData else { return nil }
    return Unmanaged<EvaluationState>.fromOpaque(data).takeUnretainedValue()
}

private func callSwiftFunction(_ parser: xmlXPathParserContextPtr?, _ count: Int32) {
    guard let parser, let context = parser.pointee.context, let state = state(of: parser),
        let document = state.document, let rawName = context.pointee.function
    else { return }
    guard let function = state.function(named: rawName, uri: context.pointee.functionURI) else {
        xmlXPathErr(parser, Int32(XPATH_UNKNOWN_FUNC_ERROR.rawValue))
        return
    }
    let name = function.name
    guard function.arity.contains(Int(count)) else {
        state.functionFailure =
            "\(name)() takes \(function.arity.lowerBound)…\(function.arity.upperBound) arguments, got \(count)"
        xmlXPathErr(parser, Int32(XPATH_INVALID_ARITY.rawValue))
        return
    }
    var arguments: [XPathValue] = []
    for _ in 0..<count {
        guard let object = valuePop(parser) else { break }
        defer { xmlXPathFreeObject(object) }
        guard !XPathValue.holdsNamespaceNodes(object) else {
            state.functionFailure = "\(name)(): \(XPathValue.namespaceNodesReason)"
            xmlXPathErr(parser, Int32(XPATH_INVALID_TYPE.rawValue))
            return
        }
        arguments.append(XPathValue(object, document: document))
    }
    arguments.reverse()
    do {
        let result = try function.body(arguments)
        valuePush(parser, result.makeObject())
    } catch {
        state.functionFailure = "\(name)(): \(error)"
        xmlXPathErr(parser, Int32(XPATH_EXPR_ERROR.rawValue))
    }
}

private func lookUpVariable(
    _ data: UnsafeMutableRawPointer?,
    _ name: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?
) -> xmlXPathObjectPtr? {
    guard let data, let name else { return nil }
    let state = Unmanaged<EvaluationState>.fromOpaque(data).takeUnretainedValue()
    guard let value = state.variable(String(cString: name)) else { return nil }
    return value.makeObject()
}
