internal import CLibXML2

extension XMLNode {
    /// A node's identity: equal for every wrapper of the same node of a live document, so that
    /// values read once from a node can be found again from the nodes an XPath selects.
    public struct Identity: Hashable, Sendable {
        let address: UInt
    }

    public var identity: Identity {
        Identity(address: UInt(bitPattern: pointer))
    }

    /// The identity of a node's name within its document. libxml2 interns the names of one
    /// parse, so equal names usually share an identity and a per-document table keyed by it
    /// finds a name's meaning without making a string; two identities of one name are only a
    /// missed look-up, never a wrong one.
    public struct NameIdentity: Hashable, Sendable {
        let address: UInt
    }

    public var nameIdentity: NameIdentity {
        NameIdentity(address: pointer.pointee.name.map { UInt(bitPattern: $0) } ?? 0)
    }

    /// The element's attribute with this local name and no namespace, as a node.
    public func attributeNode(_ name: String) -> XMLNode? {
        // A DTD's attribute declaration is not an attribute node: only a real attribute is taken.
        guard kind == .element, let attribute = xmlHasNsProp(pointer, name, nil),
            attribute.pointee.type == XML_ATTRIBUTE_NODE
        else { return nil }
        return XMLNode(
            pointer: UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self), document: document)
    }
}

/// A table from name identities to values, found by the name's address without hashing: a
/// document has a few dozen distinct names, and a walk over it looks one up for every node,
/// where a `Dictionary` would hash each time.
public struct NameTable<Value> {
    private var addresses: [UInt]
    private var values: [Value?]
    private var count = 0

    /// A table that keeps up to half of `capacity` names (rounded up to a power of two); names
    /// beyond that are simply not kept.
    public init(capacity: Int = 256) {
        var size = 16
        while size < capacity { size *= 2 }
        addresses = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
    }

    private func slot(of name: XMLNode.NameIdentity) -> Int? {
        let mask = addresses.count - 1
        // Names are heap strings: their low bits are alignment, the next ones spread well.
        var index = Int(truncatingIfNeeded: (name.address >> 4) ^ (name.address >> 12)) & mask
        while true {
            if addresses[index] == name.address || addresses[index] == 0 { return index }
            index = (index + 1) & mask
        }
    }

    /// The value kept for `name`, or nil when none is.
    public subscript(name: XMLNode.NameIdentity) -> Value? {
        get {
            guard name.address != 0, let index = slot(of: name), addresses[index] == name.address else { return nil }
            return values[index]
        }
        set {
            guard name.address != 0, let newValue, count * 2 < addresses.count, let index = slot(of: name) else {
                return
            }
            if addresses[index] == 0 { count += 1 }
            addresses[index] = name.address
            values[index] = newValue
        }
    }
}

extension XMLNode {
    /// A number kept on the node itself for the document's lifetime, 0 until set: libxml2's
    /// `_private` slot, which it leaves to its user. One walk over a document leaves an index on
    /// each node it read, and later look-ups from nodes an expression selects find it without
    /// hashing. The document's reader is its only user; nothing else in s3check sets it.
    public var mark: Int {
        get { Int(bitPattern: pointer.pointee._private) }
        nonmutating set { pointer.pointee._private = UnsafeMutableRawPointer(bitPattern: newValue) }
    }
}
