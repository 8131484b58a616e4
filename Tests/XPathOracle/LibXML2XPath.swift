import CLibXML2
import SafeXML

/// libxml2's own XPath 1.0 evaluator, the oracle the rule language's evaluator
/// (``SafeXML/XPathContext``) is tested against. It lives with the tests because rules never run
/// on it: one evaluator answers at run time, and this one checks that its answers are libxml2's.
public final class LibXML2XPath {
    private let pointer: xmlXPathContextPtr
    private let state: OracleState

    /// Creates a context that knows `namespaces` (prefix → URI) and `functions`.
    public init(namespaces: [String: String], functions: [XPathFunction]) {
        guard let context = xmlXPathNewContext(nil) else {
            fatalError("libxml2 could not allocate an XPath context (out of memory)")
        }
        pointer = context
        state = OracleState(functions: functions)
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

    /// The values `$name` resolves to.
    public var variables: [String: XPathValue] {
        get { state.variables }
        set { state.variables = newValue }
    }

    /// `source` evaluated with `node` as the context node; libxml2's reason when it fails.
    public func evaluate(_ source: String, at node: XMLNode) throws(XPathError) -> XPathValue {
        guard let compiled = xmlXPathCtxtCompile(pointer, source) else {
            throw XPathError(expression: source, reason: "libxml2 does not compile it")
        }
        defer { xmlXPathFreeCompExpr(compiled) }
        state.document = node.document
        state.functionFailure = nil
        pointer.pointee.doc = node.document.opaquePointer.assumingMemoryBound(to: xmlDoc.self)
        pointer.pointee.node = node.opaquePointer.assumingMemoryBound(to: xmlNode.self)
        defer {
            pointer.pointee.doc = nil
            pointer.pointee.node = nil
            state.document = nil
        }
        guard let result = xmlXPathCompiledEval(compiled, pointer) else {
            throw XPathError(expression: source, reason: state.functionFailure ?? "libxml2's evaluation failed")
        }
        defer { xmlXPathFreeObject(result) }
        guard !holdsNamespaceNodes(result) else {
            throw XPathError(expression: source, reason: "selects namespace nodes")
        }
        return value(of: result, in: node.document)
    }
}

/// What the C callbacks reach through libxml2's user data.
private final class OracleState {
    let functions: [XPathFunction]
    var variables: [String: XPathValue] = [:]
    var document: XMLDocument?
    var functionFailure: String?

    init(functions: [XPathFunction]) {
        self.functions = functions
    }
}

private func holdsNamespaceNodes(_ object: xmlXPathObjectPtr) -> Bool {
    guard object.pointee.type == XPATH_NODESET || object.pointee.type == XPATH_XSLT_TREE,
        let set = object.pointee.nodesetval, let table = set.pointee.nodeTab
    else { return false }
    return (0..<Int(set.pointee.nodeNr)).contains { table[$0]?.pointee.type == XML_NAMESPACE_DECL }
}

private func value(of object: xmlXPathObjectPtr, in document: XMLDocument) -> XPathValue {
    let raw = object.pointee
    switch raw.type {
    case XPATH_BOOLEAN:
        return .boolean(raw.boolval != 0)
    case XPATH_NUMBER:
        return .number(raw.floatval)
    case XPATH_STRING:
        return .string(raw.stringval.map { String(cString: $0) } ?? "")
    case XPATH_NODESET, XPATH_XSLT_TREE:
        var nodes: [XMLNode] = []
        if let set = raw.nodesetval, let table = set.pointee.nodeTab {
            for index in 0..<Int(set.pointee.nodeNr) {
                if let node = table[index] {
                    nodes.append(XMLNode(opaquePointer: UnsafeMutableRawPointer(node), document: document))
                }
            }
        }
        return .nodes(nodes)
    default:
        return .string("")
    }
}

/// A new libxml2 object holding `value`; the caller owns it.
private func makeObject(_ value: XPathValue) -> xmlXPathObjectPtr? {
    switch value {
    case .boolean(let value): return xmlXPathNewBoolean(value ? 1 : 0)
    case .number(let value): return xmlXPathNewFloat(value)
    case .string(let value): return xmlXPathNewString(value)
    case .nodes(let nodes):
        let set = xmlXPathNodeSetCreate(nil)
        for node in nodes { xmlXPathNodeSetAdd(set, node.opaquePointer.assumingMemoryBound(to: xmlNode.self)) }
        return xmlXPathWrapNodeSet(set)
    }
}

private func state(of parser: xmlXPathParserContextPtr) -> OracleState? {
    guard let data = parser.pointee.context?.pointee.userData else { return nil }
    return Unmanaged<OracleState>.fromOpaque(data).takeUnretainedValue()
}

private func callSwiftFunction(_ parser: xmlXPathParserContextPtr?, _ count: Int32) {
    guard let parser, let context = parser.pointee.context, let state = state(of: parser),
        let document = state.document, let rawName = context.pointee.function
    else { return }
    let name = String(cString: rawName)
    let uri = context.pointee.functionURI.map { String(cString: $0) } ?? ""
    guard let function = state.functions.first(where: { $0.name == name && $0.namespaceURI == uri }) else {
        xmlXPathErr(parser, Int32(XPATH_UNKNOWN_FUNC_ERROR.rawValue))
        return
    }
    guard function.arity.contains(Int(count)) else {
        xmlXPathErr(parser, Int32(XPATH_INVALID_ARITY.rawValue))
        return
    }
    var arguments: [XPathValue] = []
    for _ in 0..<count {
        guard let object = valuePop(parser) else { break }
        defer { xmlXPathFreeObject(object) }
        arguments.append(value(of: object, in: document))
    }
    arguments.reverse()
    do {
        valuePush(parser, makeObject(try function.body(arguments)))
    } catch {
        state.functionFailure = "\(name)(): \(error)"
        xmlXPathErr(parser, Int32(XPATH_EXPR_ERROR.rawValue))
    }
}

private func lookUpVariable(
    _ data: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?
) -> xmlXPathObjectPtr? {
    guard let data, let name else { return nil }
    let state = Unmanaged<OracleState>.fromOpaque(data).takeUnretainedValue()
    return state.variables[String(cString: name)].flatMap(makeObject)
}
