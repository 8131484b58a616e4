internal import CLibXML2

/// An element, attribute or text node inside a live ``XMLDocument``.
///
/// The node keeps its document alive, so it can be stored and read later on the same thread.
public struct XMLNode {
    let pointer: xmlNodePtr
    /// The document this node belongs to.
    public let document: XMLDocument

    init(pointer: xmlNodePtr, document: XMLDocument) {
        self.pointer = pointer
        self.document = document
    }

    /// The libxml2 node, untyped, for the test oracle that evaluates XPath with libxml2.
    package var opaquePointer: UnsafeMutableRawPointer { UnsafeMutableRawPointer(pointer) }

    /// A node of `document` from its untyped libxml2 pointer (see ``opaquePointer``).
    package init(opaquePointer: UnsafeMutableRawPointer, document: XMLDocument) {
        self.init(pointer: opaquePointer.assumingMemoryBound(to: xmlNode.self), document: document)
    }

    /// What kind of node this is.
    public enum Kind: Sendable, Equatable {
        case element
        case attribute
        case text
        case other
    }

    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE: .element
        case XML_ATTRIBUTE_NODE: .attribute
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: .text
        default: .other
        }
    }

    /// The local name, without prefix.
    public var localName: String {
        pointer.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The namespace URI, if the node has one.
    public var namespaceURI: String? {
        pointer.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    /// The XPath string value: all descendant text for an element, the value of an attribute.
    public var stringValue: String {
        NodeText.string(of: pointer)
    }

    /// Calls `body` with the string value as UTF-8 bytes: an element's single text node is read
    /// in place, anything else is copied first.
    public func withStringValueBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        NodeText.withValue(of: pointer) { body(UnsafeBufferPointer(start: $0, count: Int(xmlStrlen($0)))) }
    }

    /// The string value as a number, by ``XPathValue/parseNumber(_:)``'s rules.
    ///
    /// An attribute's or a simple element's text is read in place, without copying it into a
    /// string: range and sum checks read every amount of every cost line.
    public var numberValue: Double {
        inlineText(of: pointer).map(XPathValue.parseNumber) ?? XPathValue.parseNumber(stringValue)
    }

    /// The 1-based source line (for an attribute, its element's line).
    public var line: Int {
        let target = kind == .attribute ? (pointer.pointee.parent ?? pointer) : pointer
        let line = Int(xmlGetLineNo(target))
        // libxml2 keeps a node's line in 16 bits; past that its answer is a guess.
        guard line >= 65_535, target.pointee.type == XML_ELEMENT_NODE else { return line }
        return document.sourceLine(of: target) ?? line
    }

    /// Whether an element carries any attribute.
    public var hasAttributes: Bool {
        pointer.pointee.properties != nil
    }

    /// The element's attributes, in document order.
    public var attributeNodes: [XMLNode] {
        var result: [XMLNode] = []
        forEachAttribute { result.append($0) }
        return result
    }

    /// Calls `body` with each attribute in document order, without building an array: for a
    /// walk over every node of a document.
    public func forEachAttribute(_ body: (XMLNode) throws -> Void) rethrows {
        var attribute = pointer.pointee.properties
        while let current = attribute {
            try body(
                XMLNode(
                    pointer: UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self), document: document)
            )
            attribute = current.pointee.next
        }
    }

    /// Calls `body` with each child element in document order, without building an array.
    public func forEachChildElement(_ body: (XMLNode) throws -> Void) rethrows {
        var child = pointer.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { try body(XMLNode(pointer: current, document: document)) }
            child = current.pointee.next
        }
    }

    /// The parent element, or nil at the root.
    public var parent: XMLNode? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else {
            return nil
        }
        return XMLNode(pointer: parent, document: document)
    }

    /// The child elements, in document order.
    public var childElements: [XMLNode] {
        var result: [XMLNode] = []
        forEachChildElement { result.append($0) }
        return result
    }

    /// The first child element with this local name.
    public func child(_ localName: String) -> XMLNode? {
        var found: XMLNode?
        forEachChildElement(named: localName) { node in
            found = node
            return false
        }
        return found
    }

    /// The child elements with this local name, in document order.
    public func children(_ localName: String) -> [XMLNode] {
        var found: [XMLNode] = []
        forEachChildElement(named: localName) { node in
            found.append(node)
            return true
        }
        return found
    }

    /// Calls `body` with each child element named `localName` until it returns false. Names are
    /// compared as bytes in place: loading a pack and scoring an application look up children
    /// by name thousands of times.
    private func forEachChildElement(named localName: String, _ body: (XMLNode) -> Bool) {
        let name = Array(localName.utf8) + [0]
        var child = pointer.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(current.pointee.name, name) != 0,
                !body(XMLNode(pointer: current, document: document))
            {
                return
            }
            child = current.pointee.next
        }
    }

    /// The value of the attribute with this local name and no namespace.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(pointer, name) else { return nil }
        defer { s3_xmlFree(value) }
        return String(cString: value)
    }

    /// Calls `body` with the value of the attribute with this local name and no namespace as
    /// UTF-8 bytes, read in place as ``withStringValueBytes(_:)`` reads; nil when there is none.
    /// For loops over hundreds of cost lines, where copying each value into a string adds up.
    public func withAttributeBytes<Result>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        let attribute = name.withCString { name in
            name.withMemoryRebound(to: xmlChar.self, capacity: 1) { DirectPath.attribute($0, of: pointer) }
        }
        guard let attribute else { return body(nil) }
        return NodeText.withValue(of: UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self)) {
            body(UnsafeBufferPointer(start: $0, count: Int(xmlStrlen($0))))
        }
    }

    /// The value of an attribute in a namespace (for example `xml:lang`).
    public func attribute(_ name: String, namespace: String) -> String? {
        guard let value = xmlGetNsProp(pointer, name, namespace) else { return nil }
        defer { s3_xmlFree(value) }
        return String(cString: value)
    }

    /// A readable path such as `/application/partners/partner[2]/@id`.
    public var path: String { NodeReference(pointer, positions: document.siblingPositions).path }

    /// A detached description of this node.
    public var reference: NodeReference { NodeReference(pointer, positions: document.siblingPositions) }

    /// The 1-based column where this node starts, found in the source text.
    public var column: Int {
        document.source.column(ofNodeNamed: localName, isAttribute: kind == .attribute, line: line)
    }

    /// Where this node starts in the source text: its line and column, the start tag's first
    /// line even when libxml2 records the line where a multi-line start tag ends.
    public var position: (line: Int, column: Int) {
        document.source.position(ofNodeNamed: localName, isAttribute: kind == .attribute, line: line)
    }
}

/// The string value of `node` read in place when one text node holds it all: a text node, or
/// an element or attribute whose only child is text. nil otherwise, and the caller copies the
/// value out with `xmlNodeGetContent`. Amounts, codes and texts are nearly always held so.
/// A NUL alone: the text of a node without children. Never freed, never written.
nonisolated(unsafe) private let emptyText: UnsafePointer<xmlChar> = {
    let text = UnsafeMutablePointer<xmlChar>.allocate(capacity: 1)
    text.pointee = 0
    return UnsafePointer(text)
}()

func inlineText(of node: xmlNodePtr) -> UnsafePointer<xmlChar>? {
    switch node.pointee.type {
    case XML_TEXT_NODE:
        return node.pointee.content.map { UnsafePointer($0) }
    case XML_ELEMENT_NODE, XML_ATTRIBUTE_NODE:
        // No children: the empty string, without asking libxml2 for a copy (most cost lines of
        // a budget are empty elements, and rules read each one's text).
        guard let text = node.pointee.children else { return emptyText }
        guard text.pointee.next == nil, text.pointee.type == XML_TEXT_NODE else { return nil }
        return text.pointee.content.map { UnsafePointer($0) }
    default:
        return nil
    }
}

/// Positions of elements among their same-named siblings, per parent, for one document on one
/// thread.
///
/// Most documents have a finding or two, under a parent with hundreds of children (the cost
/// lines), so the first few positions under a parent are counted directly among the preceding
/// siblings; only a parent asked about more often has its children indexed once, which keeps the
/// paths of many findings under one parent linear rather than quadratic.
final class SiblingPositions {
    private var suffixes: [xmlNodePtr: String] = [:]
    private var requests: [xmlNodePtr: Int] = [:]
    /// How many positions under one parent are counted directly before the parent is indexed.
    private static let directCounts = 8

    /// `[n]` when `node` has siblings of its name, else empty.
    func suffix(of node: xmlNodePtr) -> String {
        guard let parent = node.pointee.parent else { return NodeReference.positionSuffix(of: node) }
        let count = requests[parent, default: 0] + 1
        requests[parent] = count
        guard count > Self.directCounts else { return NodeReference.positionSuffix(of: node) }
        if count == Self.directCounts + 1 { index(parent) }
        return suffixes[node] ?? ""
    }

    private func index(_ parent: xmlNodePtr) {
        var totals: [String: Int] = [:]
        var child = parent.pointee.children
        var order: [(xmlNodePtr, String, Int)] = []
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, let name = current.pointee.name {
                let key = String(cString: name)
                totals[key, default: 0] += 1
                order.append((current, key, totals[key] ?? 1))
            }
            child = current.pointee.next
        }
        for (element, key, position) in order where (totals[key] ?? 0) > 1 {
            suffixes[element] = "[\(position)]"
        }
    }
}

extension NodeReference {
    init(_ pointer: xmlNodePtr, positions: SiblingPositions? = nil) {
        var steps: [String] = []
        var names: [String] = []
        var current: xmlNodePtr? = pointer
        while let node = current,
            node.pointee.type == XML_ELEMENT_NODE || node.pointee.type == XML_ATTRIBUTE_NODE
                || node.pointee.type == XML_TEXT_NODE
        {
            let name = node.pointee.name.map { String(cString: $0) } ?? ""
            switch node.pointee.type {
            case XML_ATTRIBUTE_NODE:
                steps.append("@" + name)
                names.append(name)
            case XML_TEXT_NODE:
                break
            default:
                steps.append(name + (positions?.suffix(of: node) ?? Self.positionSuffix(of: node)))
                names.append(name)
            }
            current = node.pointee.parent
        }
        let target =
            pointer.pointee.type == XML_ELEMENT_NODE ? pointer : (pointer.pointee.parent ?? pointer)
        self.init(
            localName: names.first ?? "",
            path: "/" + steps.reversed().joined(separator: "/"),
            line: Int(xmlGetLineNo(target)),
            names: names.reversed()
        )
    }

    /// `[n]` when an element has siblings of the same name, so that the path is unambiguous.
    static func positionSuffix(of node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        var position = 1
        var total = 1
        var sibling = node.pointee.prev
        while let current = sibling {
            if current.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(current.pointee.name, name) != 0 {
                position += 1
                total += 1
            }
            sibling = current.pointee.prev
        }
        // Whether one more sibling has the name is all the following ones can add.
        sibling = total > 1 ? nil : node.pointee.next
        while let current = sibling {
            if current.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(current.pointee.name, name) != 0 {
                total += 1
                break
            }
            sibling = current.pointee.next
        }
        return total > 1 ? "[\(position)]" : ""
    }
}
