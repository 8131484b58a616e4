internal import CLibXML2

/// A location path walked over the tree in Swift: from the root (`/`) or after leading `..`
/// steps, child steps with name tests (`*` for any element) and predicates, and a final
/// attribute step.
///
/// Rules select their context nodes with paths such as
/// `a:budget/a:costLine[@category = 'indirect' and @flatRateBasis = 'direct-costs']`.
/// libxml2 evaluates each predicate by building a node-set and copying the attribute's text for
/// every cost line; walking the children and comparing the attribute's bytes in place gives the
/// same nodes in the same order at a fraction of the cost. Every step selects children of nodes
/// at one depth, so the nodes stay in document order without sorting. ``XPathSyntax`` reads it:
///
///     path      := ('/' | ('..' '/')*) step ('/' step)* ('/' '@' name)?  |  '..' ('/' '..')*  |  '.'
///     step      := (qname | '*') ('[' expression ']')*
///
/// A predicate whose value is a number selects by position among the nodes the earlier
/// predicates kept, counted per parent (XPath 1.0, 2.4): `a:partner[2]`.
struct DirectPath {
    /// A NUL-terminated name or value owned by the path's ``Strings``.
    typealias CString = UnsafePointer<xmlChar>

    /// An element name test: local name and namespace URI (nil: no namespace), or `*`, any
    /// element in any namespace, when `local` is nil.
    struct Name {
        var local: CString?
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
        /// How many predicates the filters came from.
        var predicateCount = 0
        /// Whether a predicate may give a number, so that candidates' positions are counted.
        var countsPositions = false
    }

    struct Filter {
        /// The predicate, counted from 0, that the filter is (part of).
        var predicate: Int
        var test: Test
    }

    enum Test {
        /// `@name` or `@name = 'literal'`, compared in place.
        case attribute(AttributeTest)
        /// `@name = $variable`: a string variable is read once per walk and compared in place,
        /// not evaluated per candidate, which matters for sums over sibling cost lines. Any other
        /// value is compared by the general `test`. `slot` indexes the walk's variable values.
        case variable(attribute: CString, name: String, slot: Int, test: NativeExpression.Term)
        /// `. = 'literal'` or `. != 'literal'`: the candidate's own text compared in place (a
        /// rule that reads only the cost lines with a description asks `[. != '']` of each).
        case ownText(value: CString, equal: Bool)
        /// Any other predicate, evaluated with the candidate as context node; when it is the
        /// whole predicate (`whole`), a number it gives is a position.
        case general(NativeExpression.Term, whole: Bool)
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
    /// Whether the path starts at the document (`/a:application/…`).
    var fromRoot = false
    /// How many `..` steps come first.
    var parents = 0
    var steps: [Step] = []
    /// A final `@name` step.
    var attribute: CString?

    /// The nodes the path selects from `start`, in document order.
    func evaluate(from start: xmlNodePtr, in environment: NativeExpression.Environment)
        throws(NativeExpression.Failure) -> [xmlNodePtr]
    {
        var current = start
        if fromRoot, let document = start.pointee.doc {
            // libxml2's document struct begins as a node does; its children are the root element
            // and any comments and processing instructions around it.
            current = UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)
        }
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
            var knownName: UnsafePointer<xmlChar>?
            var next: [xmlNodePtr] = []
            let values = step.variableValues(in: environment)
            // How many candidates of the current parent each predicate has been tried on.
            var positions = [Int](repeating: 0, count: step.countsPositions ? step.predicateCount : 0)
            for node in nodes {
                for index in positions.indices { positions[index] = 0 }
                var child = node.pointee.children
                while let element = child {
                    if step.matches(element, knownName: &knownName, knownNamespace: &knownNamespace),
                        try step.filtersHold(on: element, values: values, positions: &positions, in: environment)
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

    /// Whether the path is `.`, the context node itself.
    var isSelf: Bool { !fromRoot && parents == 0 && steps.isEmpty && attribute == nil }

    /// Whether the path is `@name` alone, from the context node.
    var isAttributeOnly: Bool { !fromRoot && parents == 0 && steps.isEmpty && attribute != nil }

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
        add(predicate, number: predicateCount, whole: true, strings: strings)
        predicateCount += 1
    }

    private mutating func add(
        _ term: NativeExpression.Term, number: Int, whole: Bool, strings: DirectPath.Strings
    ) {
        func append(_ test: DirectPath.Test) { filters.append(DirectPath.Filter(predicate: number, test: test)) }
        switch term {
        case .and(let left, let right):
            add(left, number: number, whole: false, strings: strings)
            add(right, number: number, whole: false, strings: strings)
        case .path(let path) where path.isAttributeOnly:
            append(.attribute(DirectPath.AttributeTest(name: path.attributeName(in: strings), value: nil)))
        case .compare(.equal, .path(let path), .string(let literal)) where path.isAttributeOnly:
            let value = strings.make(Array(literal.utf8))
            append(.attribute(DirectPath.AttributeTest(name: path.attributeName(in: strings), value: value)))
        case .compare(let comparison, .path(let path), .string(let literal))
        where path.isSelf && (comparison == .equal || comparison == .notEqual):
            append(.ownText(value: strings.make(Array(literal.utf8)), equal: comparison == .equal))
        case .compare(.equal, .path(let path), .variable(let name)) where path.isAttributeOnly:
            append(.variable(attribute: path.attributeName(in: strings), name: name, slot: variableCount, test: term))
            variableCount += 1
        default:
            let positional = whole && term.mayGiveNumber
            append(.general(term, whole: positional))
            if positional { countsPositions = true }
        }
    }

    /// The string values of the variables the step's filters compare with, as NUL-terminated
    /// bytes; nil for a variable that holds anything else (or nothing).
    func variableValues(in environment: NativeExpression.Environment) -> [[xmlChar]?] {
        guard variableCount > 0 else { return [] }
        var values: [[xmlChar]?] = []
        for case .variable(_, let name, _, _) in filters.map(\.test) {
            guard case .string(let text) = environment.variable(name) else {
                values.append(nil)
                continue
            }
            values.append(Array(text.utf8.prefix { $0 != 0 }) + [0])
        }
        return values
    }

    /// Whether `element` passes every filter. `positions` counts, per predicate, the candidates
    /// of the current parent that reached it; it is empty when no predicate can select by
    /// position.
    func filtersHold(
        on element: xmlNodePtr, values: [[xmlChar]?], positions: inout [Int],
        in environment: NativeExpression.Environment
    ) throws(NativeExpression.Failure) -> Bool {
        var predicate = -1
        for filter in filters {
            if !positions.isEmpty, filter.predicate != predicate {
                predicate = filter.predicate
                positions[predicate] += 1
            }
            switch filter.test {
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
            case .ownText(let value, let equal):
                // An element's text exists (possibly empty), so `=` and `!=` are each other's negation.
                if (NodeText.withValue(of: element) { xmlStrEqual($0, value) != 0 }) != equal { return false }
            case .general(let term, let whole):
                let value = try NativeExpression.evaluate(term, at: element, in: environment)
                if whole, case .number(let wanted) = value {
                    if Double(positions[predicate]) != wanted { return false }
                } else if !value.boolean {
                    return false
                }
            }
        }
        return true
    }

    /// Whether `node` is an element this step's name test accepts. `knownName` and
    /// `knownNamespace` remember the last name and namespace that matched: a parser interns
    /// names, so the siblings of one name (hundreds of cost lines) share one pointer and are
    /// accepted without comparing their bytes again.
    func matches(_ node: xmlNodePtr, knownName: inout UnsafePointer<xmlChar>?, knownNamespace: inout xmlNsPtr?) -> Bool
    {
        guard node.pointee.type == XML_ELEMENT_NODE else { return false }
        guard let local = name.local else { return true }
        guard let own = node.pointee.name else { return false }
        if own != knownName {
            guard own[0] == local[0], xmlStrEqual(own, local) != 0 else { return false }
            knownName = own
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

extension NativeExpression.Term {
    /// Whether the term can give a number, which as a whole predicate selects by position.
    var mayGiveNumber: Bool {
        switch self {
        case .number, .variable, .external, .negate, .arithmetic: true
        case .core(let function, _):
            [.number, .count, .sum, .floor, .ceiling, .round, .stringLength].contains(function)
        case .string, .path, .compare, .and, .or, .union: false
        }
    }
}
