import Foundation

/// The text of a document with a line index, for quoting lines and finding columns in
/// diagnostics: the one reader of source lines, whatever the document's encoding.
public struct SourceText: Sendable {
    /// The text as UTF-8: a UTF-16 document (with its byte-order mark, as XML requires) is
    /// transcoded, and a UTF-8 byte-order mark dropped, so that lines and columns count
    /// characters, not bytes of another encoding.
    public let data: Data
    private let index: LineIndex

    public init(_ data: Data) {
        self.data = Self.utf8(data)
        index = LineIndex(self.data)
    }

    /// The text of a document whose encoding was given from outside it (HTTP's charset), read
    /// as UTF-8 when Foundation knows that encoding; as ``init(_:)`` otherwise.
    public init(_ data: Data, encoding: String?) {
        guard let encoding, let known = Self.foundationEncoding(encoding),
            let text = String(data: data, encoding: known)
        else {
            self.init(data)
            return
        }
        self.init(Data(text.utf8))
    }

    private static func foundationEncoding(_ name: String) -> String.Encoding? {
        switch name.lowercased() {
        case "iso-8859-1", "latin1", "l1", "iso_8859-1": .isoLatin1
        case "windows-1252", "cp1252": .windowsCP1252
        case "iso-8859-2", "latin2": .isoLatin2
        case "us-ascii", "ascii", "utf-8", "utf8": .utf8
        case "utf-16": .utf16
        case "utf-16le": .utf16LittleEndian
        case "utf-16be": .utf16BigEndian
        default: nil
        }
    }

    private static func utf8(_ data: Data) -> Data {
        let bytes = Array(data.prefix(3))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Data(data.dropFirst(3)) }
        let encoding: String.Encoding? =
            bytes.starts(with: [0xFF, 0xFE])
            ? .utf16LittleEndian : bytes.starts(with: [0xFE, 0xFF]) ? .utf16BigEndian : nil
        guard let encoding, let text = String(data: Data(data.dropFirst(2)), encoding: encoding) else { return data }
        return Data(text.utf8)
    }

    /// Where each line starts; built only when a diagnostic needs a line, since most documents
    /// never do and scanning every byte would cost as much as parsing.
    private var lineStarts: [Int] { index.starts }

    /// The number of lines.
    public var lineCount: Int { lineStarts.count }

    /// The text of a 1-based line without its line break, or nil if out of range.
    public func line(_ number: Int) -> String? {
        let lineStarts = lineStarts
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : data.count
        if end > start, data[data.startIndex + end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard end >= start else { return "" }
        let slice = data[(data.startIndex + start)..<(data.startIndex + end)]
        return String(decoding: slice, as: UTF8.self)
    }

    /// The first 1-based line whose text contains `needle`.
    public func firstLine(containing needle: String) -> Int? {
        (1...lineCount).first { line($0)?.contains(needle) == true }
    }

    /// Where a node named `name` starts: its line and 1-based column (in characters).
    ///
    /// libxml2 records an element's line where its start tag ends, so a start tag written over
    /// several lines (attributes one per line, `xsi:schemaLocation` on its own line) reports the
    /// last of them; the start tag, or the attribute, is looked for on that line and then on the
    /// lines before it, up to `lookback`. The node's line and its first non-blank column when it
    /// cannot be found.
    public func position(ofNodeNamed name: String, isAttribute: Bool, line number: Int, lookback: Int = 32) -> (
        line: Int, column: Int
    ) {
        var current = number
        while current >= 1, number - current <= lookback {
            if let column = exactColumn(ofNodeNamed: name, isAttribute: isAttribute, line: current) {
                return (current, column)
            }
            // An attribute is not looked for before its element's start tag.
            if isAttribute, line(current)?.contains("<") == true { break }
            current -= 1
        }
        return (number, column(ofNodeNamed: name, isAttribute: isAttribute, line: number))
    }

    /// The column of the start tag (or `name=`) on `line`, nil when it is not there.
    private func exactColumn(ofNodeNamed name: String, isAttribute: Bool, line number: Int) -> Int? {
        guard let text = line(number) else { return nil }
        let candidates = isAttribute ? [" \(name)=", "\t\(name)="] : ["<\(name)", ":\(name)"]
        for candidate in candidates {
            guard let range = text.range(of: candidate) else { continue }
            guard candidate.hasPrefix(":") else {
                return text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound) + (isAttribute ? 2 : 1)
            }
            // `<prefix:name`: only a tag's prefix counts, not `urn:…:name` in an attribute value.
            guard let tagStart = text[..<range.lowerBound].lastIndex(of: "<"),
                !text[text.index(after: tagStart)..<range.lowerBound].contains(where: { $0.isWhitespace || $0 == "\"" })
            else { continue }
            return text.unicodeScalars.distance(from: text.startIndex, to: tagStart) + 1
        }
        return nil
    }

    /// The 1-based column (in Unicode code points, as SARIF counts by default) where a node named `name` starts on `line`.
    ///
    /// libxml2 keeps no column for nodes, so the start tag (or `name=` for an attribute) is
    /// looked up on the node's line; column 1 when it cannot be found.
    public func column(ofNodeNamed name: String, isAttribute: Bool, line number: Int) -> Int {
        if let column = exactColumn(ofNodeNamed: name, isAttribute: isAttribute, line: number) { return column }
        guard let text = line(number) else { return 1 }
        let firstNonBlank = text.firstIndex { !$0.isWhitespace }
        return firstNonBlank.map { text.unicodeScalars.distance(from: text.startIndex, to: $0) + 1 } ?? 1
    }
}

/// The lazily built start offsets of each line.
private final class LineIndex: @unchecked Sendable {
    private let data: Data
    private let lock = NSLock()
    private var computed: [Int]?

    init(_ data: Data) {
        self.data = data
    }

    var starts: [Int] {
        lock.lock()
        defer { lock.unlock() }
        if let computed { return computed }
        var starts = [0]
        // memchr jumps from line break to line break: a finding's column needs the index, and
        // a byte-by-byte loop over the document cost as much as a rule.
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: UnsafeRawPointer(found)) + 1
                starts.append(offset)
            }
        }
        computed = starts
        return starts
    }
}
