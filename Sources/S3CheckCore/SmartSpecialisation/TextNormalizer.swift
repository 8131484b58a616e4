import Foundation

/// Turns application text into the words the scorer matches terms against.
///
/// Text is NFC-normalised and lower-cased, so NFD input (a + combining ring) and NFC input (å)
/// give the same words. A hyphenated word yields its joined form and its parts, so that
/// "e-tjänster" matches both "etjänst" and "tjänster".
enum TextNormalizer {
    /// One word as the matcher sees it.
    struct Word {
        /// The forms to match: the joined word first, then its hyphen-separated parts.
        var forms: [String]
    }

    static func normalize(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.lowercased()
    }

    static func words(in text: String) -> [Word] {
        var words: [Word] = []
        var parts: [String] = []
        var current = ""
        func endPart() {
            if !current.isEmpty { parts.append(current) }
            current = ""
        }
        func endWord() {
            endPart()
            guard !parts.isEmpty else { return }
            words.append(Word(forms: parts.count == 1 ? parts : [parts.joined()] + parts))
            parts = []
        }
        for scalar in normalize(text).unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "-" || scalar == "\u{2010}" || scalar == "\u{2011}" {
                endPart()
            } else {
                endWord()
            }
        }
        endWord()
        return words
    }
}
