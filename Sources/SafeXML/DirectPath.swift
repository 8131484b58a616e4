internal import CLibXML2

/// A relative location path walked over the tree in Swift: leading `..` steps, child steps with
/// name tests and predicates, and a final attribute step.
///
/// Rules select their context nodes with paths such as
/// `a:budget/a:costLine[@category = 'indirect' and @flatRateBasis = 'direct-costs']`.
/// libxml2 evaluates each predicate by building a node-set and copying the attribute's text for
/// every cost line; walking the children and comparing the attribute's bytes in place gives the
/// same nodes in the same order at a fraction of the cost. Every step selects children of nodes
/// at one depth, so the nodes stay in document order without sorting. ``XPathSyntax`` reads it:
///
///     path      := ('..' '/')* step ('/' step)* ('/' '@' name)?  |  '..' ('/' '..')*  |  '.'
///     step      := qname ('[' expression ']')*
struct DirectPath {
    /// A NUL-terminated name or value owned by the path's ``Strings``.
    typealias CString = UnsafePointer<xmlChar>

    /// An element name test: local name and namespace URI (nil: no namespace).
    struct Name {
        var local: CString
        var uri: CString?
    }

    /// One attribute test of a predicate.
    struct AttributeTest {
        var name: CString
        /// The value the attribute must have; nil when it only has to exist.
        var value: CString?
    }

    struct Step {
        var name: Name
        /// The predicates, split at `and`, in the order libxml2 evaluates them: a later one is
        /// never tried on a node an earlier one rejected, so a failing function or an unbound
        /// variable in it errs exactly when libxml2's would.
        var filters: [Filter] = []
        /// How many filters have the form `@name = $variable`, read once per walk.
        var variableCount = 0
    }

    enum Filter {
        /// `@name` or `@name = 'literal'`, compared in place.
        case attribute(AttributeTest)
        /// `@name = $variable`: a string variable is read once per walk and compared in place,
        /// not evaluated per candidate, which matters for sums over sibling cost lines. Any other
        /// value is compared by the general `test`. `slot` indexes the walk's variable values.
        case variable(attribute: CString, name: String, slot: Int, test: NativeExpression.Term)
        /// Any other predicate, evaluated with the candidate as context node.
        case general(NativeExpression.Term)
    }

    /// Owns the path's C strings. The walk runs for every cost line of every application, so its
    /// names are plain pointers: no reference counting per node.
    final class Strings {
        private var owned: [UnsafeMutablePointer<xmlChar>] = []

        func make(_ bytes: [UInt8]) -> CString {
            let pointer = UnsafeMutablePointer<xmlChar>.allocate(capacity: bytes.count + 1)
            pointer.initialize(from: bytes, count: bytes.count)
            pointer[bytes.count] = 0
            owned.append(pointer)
            return CString(pointer)
        }

        deinit {
            for pointer in owned { pointer.deallocate() }
        }
    }

    let strings = Strings()
    /// How many `..` steps come first.
    var parents = 0
    var steps: [Step] = []
    /// A final `@name` step.
    var attribute: CString?

    /// The nodes the path selects from `start`, in document order.
    func evaluate(from start: xmlNodePtr, in environment: NativeExpression.Environment)
        throws(NativeExpression.Deferral) -> [xmlNodePtr]
    {
        var current = start
        for _ in 0..<parents {
            // The parent of an attribute is its element; of the root element, the document.
            guard let parent = current.pointee.parent else { return [] }
            current = parent
        }
        var nodes = [current]
        for step in steps {
            // The namespace declaration that matched this step last: its other elements usually
            // share it, so most namespace tests are one pointer comparison. Per step, since each
            // step names its own namespace.
            var knownNamespace: xmlNsPtr?
            var next: [xmlNodePtr] = []
            let values = step.variableValues(in: environment)
            for node in nodes {
                var child = node.pointee.children
                while let element = child {
                    if step.matches(element, knownNamespace: &knownNamespace),
                        try step.filtersHold(on: element, values: values, in: environment)
                    {
                        next.append(element)
                    }
                    child = element.pointee.next
                }
            }
            nodes = next
            if nodes.isEmpty { return [] }
        }
        guard let attribute else { return nodes }
        var attributes: [xmlNodePtr] = []
        attributes.reserveCapacity(nodes.count)
        for node in nodes {
            if let found = DirectPath.attribute(attribute, of: node) {
                attributes.append(UnsafeMutableRawPointer(found).assumingMemoryBound(to: xmlNode.self))
            }
        }
        return attributes
    }

    /// Whether the path is `@name` alone, from the context node.
    var isAttributeOnly: Bool { parents == 0 && steps.isEmpty && attribute != nil }

    /// The final attribute's name, copied into `strings`: this path's own strings go with it.
    func attributeName(in strings: Strings) -> CString {
        guard let attribute else { return strings.make([]) }
        return strings.make(Array(UnsafeBufferPointer(start: attribute, count: Int(xmlStrlen(attribute)))))
    }

    /// The attribute without a namespace called `name`, as XPath's `@name` finds it.
    static func attribute(_ name: CString, of element: xmlNodePtr) -> xmlAttrPtr? {
        guard element.pointee.type == XML_ELEMENT_NODE else { return nil }
        var attribute = element.pointee.properties
        while let current = attribute {
            if current.pointee.ns == nil, let own = current.pointee.name, own[0] == name[0], xmlStrEqual(own, name) != 0
            {
                return current
            }
            attribute = current.pointee.next
        }
        return nil
    }
}

extension DirectPath.Step {
    /// Adds a predicate, split at `and` into filters in their order.
    mutating func add(_ predicate: NativeExpression.Term, strings: DirectPath.Strings) {
        switch predicate {
        case .and(let left, let right):
            add(left, strings: strings)
            add(right, strings: strings)
        case .path(let path) where path.isAttributeOnly:
            filters.append(.attribute(DirectPath.AttributeTest(name: path.attributeName(in: strings), value: nil)))
        case .compare(.equal, .path(let path), .string(let literal)) where path.isAttributeOnly:
            let value = strings.make(Array(literal.utf8))
            filters.append(.attribute(DirectPath.AttributeTest(name: path.attributeName(in: strings), value: value)))
        case .compare(.equal, .path(let path), .variable(let name)) where path.isAttributeOnly:
            filters.append(
                .variable(attribute: path.attributeName(in: strings), name: name, slot: variableCount, test: predicate))
            variableCount += 1
        default:
            filters.append(.general(predicate))
        }
    }

    /// The string values of the variables the step's filters compare with, as NUL-terminated
    /// bytes; nil for a variable that holds anything else (or nothing).
    func variableValues(in environment: NativeExpression.Environment) -> [[xmlChar]?] {
        guard variableCount > 0 else { return [] }
        var values: [[xmlChar]?] = []
        for case .variable(_, let name, _, _) in filters {
            guard case .string(let text) = environment.variable(name) else {
                values.append(nil)
                continue
            }
            values.append(Array(text.utf8.prefix { $0 != 0 }) + [0])
        }
        return values
    }

    func filtersHold(on element: xmlNodePtr, values: [[xmlChar]?], in environment: NativeExpression.Environment)
        throws(NativeExpression.Deferral) -> Bool
    {
        for filter in filters {
            switch filter {
            case .attribute(let test):
                if !test.holds(on: element) { return false }
            case .variable(let attribute, _, let slot, let test):
                let holds: Bool
                if let value = values[slot] {
                    holds = value.withUnsafeBufferPointer { value in
                        DirectPath.AttributeTest(name: attribute, value: value.baseAddress).holds(on: element)
                    }
                } else {
                    holds = try NativeExpression.evaluate(test, at: element, in: environment).boolean
                }
                if !holds { return false }
            case .general(let predicate):
                let value = try NativeExpression.evaluate(predicate, at: element, in: environment)
                // A number would select by position; libxml2 does that.
                if case .number = value { throw NativeExpression.Deferral() }
                if !value.boolean { return false }
            }
        }
        return true
    }

    func matches(_ node: xmlNodePtr, knownNamespace: inout xmlNsPtr?) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE, let own = node.pointee.name, own[0] == name.local[0],
            xmlStrEqual(own, name.local) != 0
        else {
            return false
        }
        switch (node.pointee.ns, name.uri) {
        case (nil, nil): return true
        case (let namespace?, let uri?):
            if namespace != knownNamespace {
                guard xmlStrEqual(namespace.pointee.href, uri) != 0 else { return false }
                knownNamespace = namespace
            }
            return true
        default: return false
        }
    }
}

extension DirectPath.AttributeTest {
    func holds(on element: xmlNodePtr) -> Bool {
        guard let attribute = DirectPath.attribute(name, of: element) else { return false }
        guard let value else { return true }
        // An attribute's value is normally one text node; compare it in place. Otherwise (never
        // seen without entities, which are refused) fall back to libxml2's copy.
        let node = UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self)
        if let text = inlineText(of: node) { return xmlStrEqual(text, value) != 0 }
        if attribute.pointee.children == nil { return value[0] == 0 }
        guard let content = xmlNodeGetContent(node) else { return value[0] == 0 }
        defer { s3_xmlFree(content) }
        return xmlStrEqual(content, value) != 0
    }
}
