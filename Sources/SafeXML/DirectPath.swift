internal import CLibXML2

/// A location path simple enough to walk over the tree directly, without libxml2's XPath
/// machine: child steps with name tests, a final attribute step, and predicates that test
/// attributes.
///
/// Rules select their context nodes with paths such as
/// `a:budget/a:costLine[@category = 'indirect' and @flatRateBasis = 'direct-costs']`.
/// libxml2 evaluates each predicate by building a node-set and copying the attribute's text for
/// every cost line; walking the children and comparing the attribute's bytes in place gives the
/// same nodes in the same order at a fraction of the cost. `sum(path)` adds the nodes' values
/// with libxml2's own number conversion, in the same order. Anything outside this grammar is left
/// to libxml2:
///
///     expression := path  |  'sum(' path ')'
///     path      := ('..' '/')* step ('/' step)* ('/' '@' name)?  |  '..'  |  '.'
///     step      := qname predicate*
///     predicate := '[' test ('and' test)* ']'
///     test      := '@' name ('=' literal)?
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
        /// All must hold.
        var tests: [AttributeTest]
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

    private let strings = Strings()
    /// How many `..` steps come first.
    var parents = 0
    var steps: [Step] = []
    /// A final `@name` step.
    var attribute: CString?
    /// Whether the expression is `sum(path)` rather than the path.
    var sums = false

    /// The path in `source`, or nil when `source` is anything else.
    init?(_ source: String, namespaces: [String: String]) {
        var scanner = Scanner(bytes: Array(source.utf8))
        scanner.skipSpace()
        if scanner.take(word: "sum") {
            scanner.skipSpace()
            guard scanner.take("(") else { return nil }
            scanner.skipSpace()
            sums = true
        }
        var needsStep = true
        while scanner.takeParent() {
            parents += 1
            guard scanner.take("/") else {
                needsStep = false
                break
            }
        }
        if needsStep, parents == 0, scanner.take(".") {
            // "." alone: the context node itself.
            needsStep = false
        }
        if needsStep {
            guard scanner.parseSteps(into: &self, namespaces: namespaces, strings: strings) else { return nil }
        }
        scanner.skipSpace()
        if sums {
            guard scanner.take(")") else { return nil }
            scanner.skipSpace()
        }
        guard scanner.atEnd else { return nil }
    }

    /// XPath's `sum()` of the nodes: each node's string value as libxml2 converts it to a number,
    /// added in document order as libxml2 adds them, so that the result is the same to the bit.
    static func sum(of nodes: [xmlNodePtr]) -> Double {
        var total = 0.0
        for node in nodes {
            if let content = inlineText(of: node) {
                total += xmlXPathStringEvalNumber(content)
            } else {
                total += xmlXPathCastNodeToNumber(node)
            }
        }
        return total
    }

    /// The nodes the path selects from `start`, in document order.
    func evaluate(from start: xmlNodePtr) -> [xmlNodePtr] {
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
            for node in nodes {
                var child = node.pointee.children
                while let element = child {
                    if step.matches(element, knownNamespace: &knownNamespace) { next.append(element) }
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
    func matches(_ node: xmlNodePtr, knownNamespace: inout xmlNsPtr?) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE, let own = node.pointee.name, own[0] == name.local[0],
            xmlStrEqual(own, name.local) != 0
        else {
            return false
        }
        switch (node.pointee.ns, name.uri) {
        case (nil, nil): break
        case (let namespace?, let uri?):
            if namespace != knownNamespace {
                guard xmlStrEqual(namespace.pointee.href, uri) != 0 else { return false }
                knownNamespace = namespace
            }
        default: return false
        }
        for test in tests where !test.holds(on: node) { return false }
        return true
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

/// Reads the grammar of ``DirectPath`` byte by byte; every method returns false on anything else.
private struct Scanner {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position == bytes.count }

    mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    /// `word` followed by something that cannot continue a name.
    mutating func take(word: String) -> Bool {
        let letters = Array(word.utf8)
        let end = position + letters.count
        guard end < bytes.count, Array(bytes[position..<end]) == letters,
            !(bytes[end] >= 0x61 && bytes[end] <= 0x7A), bytes[end] != 0x3A, bytes[end] != 0x2D
        else { return false }
        position = end
        return true
    }

    /// `..`, the parent step.
    mutating func takeParent() -> Bool {
        guard position + 1 < bytes.count, bytes[position] == 0x2E, bytes[position + 1] == 0x2E else { return false }
        position += 2
        return true
    }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// An ASCII NCName; non-ASCII names are left to libxml2.
    mutating func name() -> [UInt8]? {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            let letter = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
            let other = (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E
            guard letter || (other && position > start) else { break }
            position += 1
        }
        return position > start ? Array(bytes[start..<position]) : nil
    }

    mutating func literal() -> [UInt8]? {
        guard position < bytes.count, bytes[position] == 0x27 || bytes[position] == 0x22 else { return nil }
        let quote = bytes[position]
        guard let end = bytes[(position + 1)...].firstIndex(of: quote) else { return nil }
        defer { position = end + 1 }
        return Array(bytes[(position + 1)..<end])
    }

    /// `and` as a whole word between spaces.
    mutating func takeAnd() -> Bool {
        let start = position
        skipSpace()
        guard position > start, take("a"), take("n"), take("d"), position < bytes.count,
            [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position])
        else {
            position = start
            return false
        }
        skipSpace()
        return true
    }

    mutating func parseSteps(
        into path: inout DirectPath, namespaces: [String: String], strings: DirectPath.Strings
    ) -> Bool {
        repeat {
            if take("@") {
                guard let name = name() else { return false }
                path.attribute = strings.make(name)
                return true
            }
            guard let step = step(namespaces: namespaces, strings: strings) else { return false }
            path.steps.append(step)
        } while take("/")
        return true
    }

    mutating func step(namespaces: [String: String], strings: DirectPath.Strings) -> DirectPath.Step? {
        guard let first = name() else { return nil }
        var local = first
        var uri: DirectPath.CString?
        if take(":") {
            guard let second = self.name(), let bound = namespaces[String(decoding: first, as: UTF8.self)] else {
                return nil
            }
            local = second
            uri = strings.make(Array(bound.utf8))
        }
        let name = DirectPath.Name(local: strings.make(local), uri: uri)
        var tests: [DirectPath.AttributeTest] = []
        while take("[") {
            repeat {
                skipSpace()
                guard take("@"), let attribute = self.name() else { return nil }
                skipSpace()
                var value: DirectPath.CString?
                if take("=") {
                    skipSpace()
                    guard let literal = literal() else { return nil }
                    value = strings.make(literal)
                }
                tests.append(DirectPath.AttributeTest(name: strings.make(attribute), value: value))
            } while takeAnd()
            skipSpace()
            guard take("]") else { return nil }
        }
        return DirectPath.Step(name: name, tests: tests)
    }
}
