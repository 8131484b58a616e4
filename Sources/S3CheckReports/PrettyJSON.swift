/// Writes JSON byte for byte as `JSONEncoder` does with `.prettyPrinted`, `.sortedKeys` and
/// `.withoutEscapingSlashes`, for the parts of the JSON report that are written once per
/// application.
///
/// `JSONEncoder` cost as much per application as checking it (its generic containers and
/// dynamic casts, not the output). The report's shape is fixed, so the writer emits it directly;
/// callers give keys in sorted order. A test compares its output with `JSONEncoder`'s.
struct PrettyJSON {
    private(set) var bytes: [UInt8] = []
    /// For each open object or array: whether nothing has been written into it yet.
    private var empty: [Bool] = []
    /// How many levels deep the written value sits in the document around it.
    private let baseDepth: Int
    /// Whether a NaN or an infinity was given: JSON has no way to write them, and JSONEncoder
    /// refuses them, so the caller must too.
    private(set) var hasNonFiniteNumber = false

    init(baseDepth: Int = 0, capacity: Int = 4096) {
        self.baseDepth = baseDepth
        bytes.reserveCapacity(capacity)
    }

    /// A writer that continues an object whose opening and first members were written
    /// elsewhere (a report's streamed list): its members start with a comma; ``closeObject()``
    /// ends it.
    init(continuingObject: Bool) {
        self.init()
        empty = [false]
    }

    /// Ends the object a ``init(continuingObject:)`` writer continues.
    mutating func closeObject() {
        close(UInt8(ascii: "}"))
    }

    mutating func object(_ body: (inout PrettyJSON) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    mutating func array<Element>(_ elements: [Element], _ body: (inout PrettyJSON, Element) -> Void) {
        open(UInt8(ascii: "["))
        for element in elements {
            nextItem()
            body(&self, element)
        }
        close(UInt8(ascii: "]"))
    }

    /// Starts the member `key`; the caller writes its value next.
    mutating func key(_ key: String) {
        nextItem()
        string(key)
        // Byte by byte: an array literal here would be allocated for every member written.
        bytes.append(0x20)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(0x20)
    }

    mutating func member(_ key: String, _ value: String) {
        self.key(key)
        string(value)
    }

    mutating func member(_ key: String, _ value: String?) {
        guard let value else { return }
        member(key, value)
    }

    mutating func member(_ key: String, _ value: Int) {
        self.key(key)
        bytes += String(value).utf8
    }

    mutating func member(_ key: String, _ value: Double) {
        self.key(key)
        number(value)
    }

    mutating func member(_ key: String, _ value: Double?) {
        guard let value else { return }
        member(key, value)
    }

    mutating func member(_ key: String, _ value: Bool) {
        self.key(key)
        bytes += (value ? "true" : "false").utf8
    }

    /// An object of string values, keys sorted.
    mutating func member(_ key: String, _ dictionary: [String: String]) {
        self.key(key)
        object { json in
            // By UTF-8 bytes, as the encoder sorts; String's `<` compares canonical equivalents.
            for name in dictionary.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                json.member(name, dictionary[name]!)
            }
        }
    }

    /// Swift's shortest round-trip form, without the `.0` of whole numbers, as the encoder prints.
    mutating func number(_ value: Double) {
        if !value.isFinite { hasNonFiniteNumber = true }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes += text.utf8
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most texts need no escape: scanned and copied whole, from the string's own storage.
        let copied = text.utf8.withContiguousStorageIfAvailable { buffer in
            for byte in buffer where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            bytes.append(contentsOf: buffer)
            return true
        }
        if copied == true {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        empty.append(true)
    }

    private mutating func close(_ bracket: UInt8) {
        let wasEmpty = empty.removeLast()
        // The encoder leaves an empty line inside an empty object or array.
        if wasEmpty { bytes.append(0x0A) }
        newline(depth: baseDepth + empty.count)
        bytes.append(bracket)
    }

    private mutating func nextItem() {
        if empty[empty.count - 1] {
            empty[empty.count - 1] = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
        newline(depth: baseDepth + empty.count)
    }

    private mutating func newline(depth: Int) {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: depth * 2))
    }
}
