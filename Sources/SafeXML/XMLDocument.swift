internal import CLibXML2
import Foundation

/// A parsed XML document, read with the options that are safe for untrusted input.
///
/// The parser never loads DTDs, never substitutes entities, never touches the network and never
/// recovers from broken input; a document that declares a DOCTYPE is refused outright, since
/// entity declarations are the door to XXE and quadratic blow-ups and applications need none.
public final class XMLDocument {
    let pointer: xmlDocPtr
    /// The libxml2 document, untyped, for the test oracle that evaluates XPath with libxml2.
    package var opaquePointer: UnsafeMutableRawPointer { UnsafeMutableRawPointer(pointer) }
    /// The text the document was parsed from, for quoting lines and finding columns.
    public let source: SourceText
    /// Each element's `[n]` among siblings of its name, so that the paths of many findings
    /// under one parent cost linear, not quadratic, time.
    let siblingPositions = SiblingPositions()
    /// Element lines read from the source, built only when an element lies past line 65 534,
    /// where libxml2's 16-bit line field saturates and `xmlGetLineNo` can only guess.
    private var bigLines: [xmlNodePtr: Int]?

    /// The line of `element` from the source text: the n-th start tag is the n-th element in
    /// document order.
    func sourceLine(of element: xmlNodePtr) -> Int? {
        if bigLines == nil { bigLines = Self.startTagLines(of: pointer, in: source.data) }
        return bigLines?[element]
    }

    private static func startTagLines(of document: xmlDocPtr, in data: Data) -> [xmlNodePtr: Int] {
        var elements: [xmlNodePtr] = []
        func visit(_ node: xmlNodePtr) {
            elements.append(node)
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { visit(current) }
                child = current.pointee.next
            }
        }
        if let root = xmlDocGetRootElement(document) { visit(root) }
        var lines: [xmlNodePtr: Int] = [:]
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var line = 1
            var index = 0
            var element = 0
            func skip(past terminator: [UInt8]) {
                while index < bytes.count {
                    if bytes[index] == 0x0A { line += 1 }
                    if bytes[index] == terminator[0], index + terminator.count <= bytes.count,
                        (0..<terminator.count).allSatisfy({ bytes[index + $0] == terminator[$0] })
                    {
                        index += terminator.count
                        return
                    }
                    index += 1
                }
            }
            func startsWith(_ text: [UInt8]) -> Bool {
                index + text.count <= bytes.count && (0..<text.count).allSatisfy { bytes[index + $0] == text[$0] }
            }
            while index < bytes.count, element < elements.count {
                let byte = bytes[index]
                if byte == 0x0A {
                    line += 1
                    index += 1
                } else if byte != UInt8(ascii: "<") {
                    index += 1
                } else if startsWith(Array("<!--".utf8)) {
                    skip(past: Array("-->".utf8))
                } else if startsWith(Array("<![CDATA[".utf8)) {
                    skip(past: Array("]]>".utf8))
                } else if startsWith(Array("<?".utf8)) {
                    skip(past: Array("?>".utf8))
                } else if startsWith(Array("</".utf8)) || startsWith(Array("<!".utf8)) {
                    index += 2
                } else {
                    lines[elements[element]] = line
                    element += 1
                    index += 1
                }
            }
        }
        return lines
    }

    /// Why a document could not be read.
    public enum ReadError: Error, Sendable, Equatable {
        /// The input is larger than the configured limit.
        case tooLarge(bytes: Int, limit: Int)
        /// libxml2 rejected the text; every diagnostic it raised, in order.
        case malformed([XMLDiagnostic])
        /// The document declares a DOCTYPE, which untrusted input may not do.
        case doctypeNotAllowed(line: Int)
    }

    /// Limits applied before and during parsing.
    public struct Limits: Sendable, Equatable {
        /// The largest input accepted, in bytes.
        public var maximumBytes: Int

        public init(maximumBytes: Int = 16 * 1024 * 1024) {
            self.maximumBytes = maximumBytes
        }
    }

    private init(pointer: xmlDocPtr, source: SourceText) {
        self.pointer = pointer
        self.source = source
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// Parses `data`; `name` is used only in libxml2's own messages.
    public static func parse(
        _ data: Data,
        name: String,
        limits: Limits = Limits(),
        encoding: String? = nil
    ) throws(ReadError) -> XMLDocument {
        guard data.count <= limits.maximumBytes else {
            throw .tooLarge(bytes: data.count, limit: limits.maximumBytes)
        }
        // libxml2 refuses empty input before it has a parser context, so it raises no error.
        guard !data.isEmpty else {
            throw .malformed([
                XMLDiagnostic(
                    level: .fatal, category: .syntax, code: 4, message: "Document is empty", line: 1, column: 1)
            ])
        }
        let data = Self.lineFeeds(data)
        let options: Int32 = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
        )
        let (parsed, diagnostics) = ErrorCapture.collecting {
            data.withUnsafeBytes { buffer -> xmlDocPtr? in
                // An encoding from outside the document (HTTP's charset) overrides its own
                // declaration, as RFC 7303 §3.2 says of XML received over HTTP.
                guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self) else {
                    return xmlReadMemory("", 0, name, encoding, options)
                }
                return xmlReadMemory(base, Int32(buffer.count), name, encoding, options)
            }
        }
        let errors = diagnostics.filter { $0.level != .warning }
        guard let parsed, errors.isEmpty else {
            if let parsed { xmlFreeDoc(parsed) }
            // An entity bomb or external entity fails inside its DOCTYPE: the DOCTYPE is the
            // cause to name (and the one thing to remove), not the entity error it led to.
            let source = SourceText(data, encoding: encoding)
            if let line = source.firstLine(containing: "<!DOCTYPE") { throw .doctypeNotAllowed(line: line) }
            throw .malformed(errors.isEmpty ? diagnostics : errors)
        }
        let document = XMLDocument(pointer: parsed, source: SourceText(data, encoding: encoding))
        if parsed.pointee.intSubset != nil || parsed.pointee.extSubset != nil {
            throw .doctypeNotAllowed(line: document.source.firstLine(containing: "<!DOCTYPE") ?? 1)
        }
        return document
    }

    /// The text with each carriage return that ends a line alone (classic Mac OS files) turned
    /// into a line feed, as XML's end-of-line handling reads it (XML 1.0, 2.11), so that libxml2
    /// and the source index count its lines; unchanged when there is none. Byte for byte the
    /// same length, so every other position stays. UTF-16 is left alone: a 0x0D byte there can
    /// be half of another character.
    static func lineFeeds(_ data: Data) -> Data {
        guard !(data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])) else { return data }
        // memchr from one carriage return to the next: most files have none, or only CRLFs.
        let loneReturn = data.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0D, buffer.count - offset) {
                let index = base.distance(to: UnsafeRawPointer(found))
                if index + 1 == buffer.count || buffer[index + 1] != 0x0A { return true }
                offset = index + 1
            }
            return false
        }
        guard loneReturn else { return data }
        var bytes = [UInt8](data)
        for index in bytes.indices where bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)
        {
            bytes[index] = 0x0A
        }
        return Data(bytes)
    }

    /// Whether libxml2 can read text in the character encoding `name` (an IANA name such as
    /// `ISO-8859-1`), so that an unknown charset is refused before anything is parsed.
    public static func canRead(encoding name: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(name) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }

    /// The document element.
    public var root: XMLNode? {
        xmlDocGetRootElement(pointer).map { XMLNode(pointer: $0, document: self) }
    }
}
