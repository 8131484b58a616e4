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
