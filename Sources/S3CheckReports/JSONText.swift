import Foundation

/// Pretty-printed JSON pieces put together into one document, as one encoding would print it.
public enum JSONText {
    /// Encodes `value` the one way s3check writes JSON: pretty-printed, keys sorted, slashes
    /// as written. Every JSON output (SARIF, the rule catalogue, S3 scores, the JSON report's
    /// reference) goes through here.
    public static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// `text` as a JSON string literal, quotes included (also a YAML double-quoted scalar).
    public static func quoted(_ text: String) -> String {
        let array = (try? encode([text])).map { String(decoding: $0, as: UTF8.self) } ?? "[\n  \"\"\n]"
        // `[\n  "…"\n]`: the element between the brackets, without the indentation.
        return array.dropFirst().dropLast().trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `encoded` as it reads nested `depth` spaces deep: indented after every line break that
    /// does not end an empty line, as encoders indent the lines of nested values. Works on
    /// bytes, not Characters: splitting Strings by Character was most of the time JSON took.
    public static func indented(_ encoded: Data, by depth: Int, after prefix: String = "") -> String {
        let indent = [UInt8](repeating: UInt8(ascii: " "), count: depth)
        var bytes = Array(prefix.utf8)
        bytes.reserveCapacity(bytes.count + encoded.count + encoded.count / 4)
        encoded.withUnsafeBytes { raw in
            // Whole lines are copied at once; iterating Data byte by byte cost more than the rest.
            let text = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < text.count {
                let end = text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.count
                if end > start {
                    bytes += indent
                    bytes += UnsafeBufferPointer(rebasing: text[start..<end])
                }
                if end < text.count { bytes.append(UInt8(ascii: "\n")) }
                start = end + 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Where `piece` first occurs in `text`, compared as bytes.
    public static func range(of piece: String, in text: [UInt8]) -> Range<Int>? {
        let needle = Array(piece.utf8)
        guard !needle.isEmpty, needle.count <= text.count else { return nil }
        var start = 0
        while start <= text.count - needle.count {
            if text[start] == needle[0], text[start..<(start + needle.count)].elementsEqual(needle) {
                return start..<(start + needle.count)
            }
            start += 1
        }
        return nil
    }
}
