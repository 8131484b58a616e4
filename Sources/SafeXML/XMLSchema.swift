internal import CLibXML2
import Foundation

/// A compiled XSD that can validate documents, from any thread.
///
/// libxml2 allows one parsed schema to be shared; each validation gets its own context.
public final class XMLSchema: @unchecked Sendable {
    private let pointer: xmlSchemaPtr

    /// Compiles the schema in `data`; `name` is used in libxml2's own messages.
    public init(_ data: Data, name: String) throws(SchemaError) {
        let (schema, diagnostics) = ErrorCapture.collecting { () -> xmlSchemaPtr? in
            let parsed = data.withUnsafeBytes { buffer -> xmlDocPtr? in
                guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
                let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue)
                return xmlReadMemory(base, Int32(buffer.count), name, nil, options)
            }
            guard let parsed else { return nil }
            defer { xmlFreeDoc(parsed) }
            guard let context = xmlSchemaNewDocParserCtxt(parsed) else { return nil }
            defer { xmlSchemaFreeParserCtxt(context) }
            return xmlSchemaParse(context)
        }
        guard let schema else { throw SchemaError(diagnostics: diagnostics) }
        pointer = schema
    }

    deinit {
        xmlSchemaFree(pointer)
    }

    /// Validates `document` and returns every violation, in document order.
    public func validate(_ document: XMLDocument) -> [XMLDiagnostic] {
        let (_, diagnostics) = ErrorCapture.collecting { () -> Int32 in
            guard let context = xmlSchemaNewValidCtxt(pointer) else { return -1 }
            defer { xmlSchemaFreeValidCtxt(context) }
            return xmlSchemaValidateDoc(context, document.pointer)
        }
        return diagnostics.filter { $0.level != .warning }
    }

    /// The schema itself could not be compiled.
    public struct SchemaError: Error, Sendable {
        public var diagnostics: [XMLDiagnostic]
    }
}
