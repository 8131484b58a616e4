import Foundation

/// Pretty-printed JSON pieces put together into one document, as one encoding would print it.
public enum JSONText {
    /// `encoded` as it reads nested `depth` spaces deep: indented after every line break that
    /// does not end an empty line, as encoders indent the lines of nested values. Works on
    /// bytes, not Characters: splitting Strings by Character was most of the time JSON took.
    public static func indented(_ encoded: Data, by depth: Int, after prefix: String = "") -> String {
        let indent = [UInt8](repeating: UInt8(ascii: " "), count: depth)
        var bytes = Array(prefix.utf8)
        bytes.reserveCapacity(bytes.count + encoded.count + encoded.count / 4)
        var atLineStart = true
        for byte in encoded {
            if atLineStart, byte != UInt8(ascii: "\n") { bytes += indent }
            bytes.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
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
