internal import CLibXML2
import Foundation

/// Small in-memory edits, used to derive rule-test fixtures from a base application.
extension XMLNode {
    /// Replaces the node's text: an attribute's value, or an element's whole content.
    public func setStringValue(_ value: String) {
        switch kind {
        case .attribute:
            if let element = pointer.pointee.parent {
                xmlSetProp(element, pointer.pointee.name, value)
            }
        default:
            // Children are replaced by one text node, so the value is never parsed as markup.
            while let child = pointer.pointee.children {
                xmlUnlinkNode(child)
                xmlFreeNode(child)
            }
            xmlAddChild(pointer, xmlNewText(value))
        }
    }

    /// Sets the element's attribute `name` (no namespace), adding it when it is missing.
    public func setAttribute(_ name: String, to value: String) {
        guard kind == .element else { return }
        xmlSetProp(pointer, name, value)
    }

    /// Removes the node (and its subtree) from the document.
    public func remove() {
        if kind == .attribute {
            xmlRemoveProp(UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: xmlAttr.self))
        } else {
            xmlUnlinkNode(pointer)
            xmlFreeNode(pointer)
        }
    }
}

extension XMLDocument {
    /// The document as UTF-8 XML text.
    public func serialized() -> Data {
        var buffer: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpMemoryEnc(pointer, &buffer, &size, "UTF-8")
        guard let buffer else { return Data() }
        defer { s3_xmlFree(buffer) }
        return Data(bytes: buffer, count: Int(size))
    }
}
