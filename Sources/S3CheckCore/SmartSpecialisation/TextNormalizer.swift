import Foundation

/// Turns application text into the words the scorer matches terms against.
///
/// Text is NFC-normalised and lower-cased letter by letter, so NFD input (a + combining ring) and
/// NFC input (å) give the same words. A hyphenated word yields its joined form and its parts, so
/// that "e-tjänster" matches both "etjänst" and "tjänster". Words are UTF-8 bytes in one shared
/// buffer, as the matcher reads them; nothing is allocated per word.
enum TextNormalizer {
    /// Every word of a text: its forms are ranges into `bytes`.
    struct Words {
        var bytes: [UInt8] = []
        /// For each word, the range of its forms in `forms`: the joined word first, then its parts.
        var words: [Range<Int>] = []
        var forms: [Range<Int>] = []

        var count: Int { words.count }
    }

    /// NFC, but only when the text has combining diacritical marks (U+0300–U+036F, UTF-8 lead
    /// bytes 0xCC and 0xCD): composing a text without them changes nothing and costs more than
    /// all the matching.
    static func composed(_ text: String) -> String {
        text.utf8.contains { $0 == 0xCC || $0 == 0xCD } ? text.precomposedStringWithCanonicalMapping : text
    }

    static func words(in text: String) -> Words {
        var result = Words()
        result.bytes.reserveCapacity(text.utf8.count)
        var wordStart = 0
        var partStart = 0
        var parts: [Range<Int>] = []
        func endPart() {
            if result.bytes.count > partStart { parts.append(partStart..<result.bytes.count) }
            partStart = result.bytes.count
        }
        func endWord() {
            endPart()
            defer {
                parts.removeAll(keepingCapacity: true)
                wordStart = result.bytes.count
                partStart = wordStart
            }
            guard !parts.isEmpty else { return }
            let first = result.forms.count
            if parts.count > 1 {
                // The joined form is the parts copied together after them.
                let joinedStart = result.bytes.count
                for part in parts { result.bytes.append(contentsOf: result.bytes[part]) }
                result.forms.append(joinedStart..<result.bytes.count)
            }
            result.forms.append(contentsOf: parts)
            result.words.append(first..<result.forms.count)
        }
        for scalar in composed(text).unicodeScalars {
            let value = scalar.value
            if (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) {
                result.bytes.append(UInt8(value))
            } else if value >= 0x41 && value <= 0x5A {
                result.bytes.append(UInt8(value + 0x20))
            } else if value < 0x80 {
                if value == 0x2D { endPart() } else { endWord() }
            } else if scalar.properties.isAlphabetic {
                let lower =
                    scalar.properties.changesWhenLowercased ? scalar.properties.lowercaseMapping : String(scalar)
                result.bytes.append(contentsOf: lower.utf8)
            } else if value == 0x2010 || value == 0x2011 {
                endPart()
            } else {
                endWord()
            }
        }
        endWord()
        return result
    }

    /// The first form of each word as a string (for building patterns from strategy terms).
    static func firstForms(of text: String) -> [String] {
        let words = words(in: text)
        return words.words.map { String(decoding: words.bytes[words.forms[$0.lowerBound]], as: UTF8.self) }
    }
}
