/// The result of an XPath 1.0 expression.
public enum XPathValue {
    case nodes([XMLNode])
    case boolean(Bool)
    case number(Double)
    case string(String)

    /// XPath's `string()` conversion.
    public var string: String {
        switch self {
        case .nodes(let nodes): nodes.first?.stringValue ?? ""
        case .boolean(let value): value ? "true" : "false"
        case .number(let value): XPathValue.format(value)
        case .string(let value): value
        }
    }

    /// XPath's `number()` conversion.
    public var number: Double {
        switch self {
        case .number(let value): value
        case .boolean(let value): value ? 1 : 0
        case .nodes, .string: XPathValue.parseNumber(string)
        }
    }

    /// XPath's `boolean()` conversion.
    public var boolean: Bool {
        switch self {
        case .nodes(let nodes): !nodes.isEmpty
        case .boolean(let value): value
        case .number(let value): value != 0 && !value.isNaN
        case .string(let value): !value.isEmpty
        }
    }

    /// The nodes of a node-set; empty for any other value.
    public var nodes: [XMLNode] {
        if case .nodes(let nodes) = self { return nodes }
        return []
    }

    /// XPath number syntax: optional minus, digits, optional fraction; anything else is NaN.
    public static func parseNumber(_ text: String) -> Double {
        let trimmed = text.trimmingXMLWhitespace()
        // Checked as bytes: rule checks parse every amount of every cost line.
        guard !trimmed.isEmpty,
            trimmed.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D })
        else {
            return .nan
        }
        return Double(trimmed) ?? .nan
    }

    /// ``parseNumber(_:)`` on a NUL-terminated UTF-8 text, without making a string of it.
    static func parseNumber(_ text: UnsafePointer<UInt8>) -> Double {
        var start = 0
        while isSpace(text[start]) { start += 1 }
        var end = start
        while text[end] != 0 {
            let byte = text[end]
            guard (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2D else { break }
            end += 1
        }
        var rest = end
        while isSpace(text[rest]) { rest += 1 }
        guard end > start, text[rest] == 0 else { return .nan }
        // Numbers are short, so this string is held inline: no allocation.
        return Double(String(decoding: UnsafeBufferPointer(start: text + start, count: end - start), as: UTF8.self))
            ?? .nan
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte.isXMLWhitespace }

    /// Formats a number the way XPath's `string()` does: integers without a fraction.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

extension UInt8 {
    /// Whether the byte is XML white space: space, tab, CR or LF.
    public var isXMLWhitespace: Bool {
        self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes without leading and trailing XML white space, in place.
    public func trimmingXMLWhitespace() -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = count
        while start < end, self[start].isXMLWhitespace { start += 1 }
        while end > start, self[end - 1].isXMLWhitespace { end -= 1 }
        return UnsafeBufferPointer(rebasing: self[start..<end])
    }
}

extension String {
    /// The string without leading and trailing XML white space (space, tab, CR, LF).
    public func trimmingXMLWhitespace() -> String {
        // Bytes, not Characters: "\r\n" is one Character, and grapheme breaking is slow.
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !$0.isXMLWhitespace }) else { return "" }
        // The byte after the last non-space one is a space or the end, so a scalar boundary.
        let end = bytes.index(after: bytes.lastIndex(where: { !$0.isXMLWhitespace }) ?? first)
        if first == bytes.startIndex, end == bytes.endIndex { return self }
        return String(self[first..<end])
    }
}
