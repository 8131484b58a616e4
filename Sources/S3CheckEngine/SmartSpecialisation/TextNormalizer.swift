import Foundation
import S3CheckPacks
import S3CheckValues

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

    static func words(in text: String) -> Words {
        var text = text
        return text.withUTF8 { words(in: $0) }
    }

    /// The words of UTF-8 text read in place, such as a text node's content.
    static func words(in utf8: UnsafeBufferPointer<UInt8>) -> Words {
        if let words = scan(utf8, composing: false) { return words }
        // Combining diacritical marks (U+0300–U+036F): compose, then scan again. Composing a
        // text without them would change nothing and cost more than all the matching.
        var composed = String(decoding: utf8, as: UTF8.self).precomposedStringWithCanonicalMapping
        return composed.withUTF8 { scan($0, composing: true) } ?? Words()
    }

    /// The words of `utf8`; nil when it meets a combining mark (UTF-8 lead byte 0xCC or 0xCD)
    /// and `composing` is false.
    private static func scan(_ utf8: UnsafeBufferPointer<UInt8>, composing: Bool) -> Words? {
        var builder = WordBuilder(capacity: utf8.count)
        defer { builder.deallocate() }
        let complete: Bool = {
            var position = 0
            while position < utf8.count {
                let byte = utf8[position]
                if byte < 0x80 {
                    builder.ascii(byte)
                    position += 1
                } else if byte == 0xC3, position + 1 < utf8.count {
                    // U+00C0–U+00FF: Latin-1 letters (å, ä, ö, é …), the bulk of Swedish text,
                    // lower-cased here without Unicode's tables (× and ÷ are not letters).
                    let next = utf8[position + 1]
                    if next == 0x97 || next == 0xB7 {
                        builder.endWord()
                    } else {
                        builder.append(0xC3, next < 0xA0 && next != 0x9F ? next + 0x20 : next)
                    }
                    position += 2
                } else if byte == 0xE2, position + 2 < utf8.count, utf8[position + 1] == 0x80 {
                    // U+2000–U+203F, General Punctuation: spaces, dashes, quotes and ellipses,
                    // frequent in real texts; none is a letter. U+2010 and U+2011 are hyphens.
                    let last = utf8[position + 2]
                    if last == 0x90 || last == 0x91 { builder.endPart() } else { builder.endWord() }
                    position += 3
                } else {
                    if !composing, byte == 0xCC || byte == 0xCD { return false }
                    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    let end = min(utf8.count, position + length)
                    let scalar = String(decoding: UnsafeBufferPointer(rebasing: utf8[position..<end]), as: UTF8.self)
                        .unicodeScalars.first
                    builder.other(scalar)
                    position = end
                }
            }
            return true
        }()
        guard complete else { return nil }
        builder.endWord()
        return builder.finish()
    }

    /// Accumulates words and their forms; methods rather than closures over local variables,
    /// which would cost an exclusivity check per byte.
    ///
    /// Bytes go into a buffer of its own rather than an array, whose every append would check
    /// uniqueness and capacity: an ASCII or Latin-1 letter never writes more bytes than it reads,
    /// and joined forms at most double a word, so twice the input is enough except when a rarer
    /// letter lower-cases to more bytes, where `reserve` grows the buffer.
    private struct WordBuilder {
        private var bytes: UnsafeMutablePointer<UInt8>
        private var capacity: Int
        private var count = 0
        private var words = Words()
        private var partStart = 0
        /// The current word's parts are `parts[..<partCount]`; the array is reused.
        private var parts: [Range<Int>] = []
        private var partCount = 0

        init(capacity input: Int) {
            capacity = input * 2 + 16
            bytes = .allocate(capacity: capacity)
            words.words.reserveCapacity(input / 6 + 1)
            words.forms.reserveCapacity(input / 6 + 1)
        }

        mutating func deallocate() {
            bytes.deallocate()
        }

        /// The words, with their bytes copied out of the buffer.
        mutating func finish() -> Words {
            words.bytes = Array(UnsafeBufferPointer(start: bytes, count: count))
            return words
        }

        /// Room for `extra` more bytes. When the buffer grows, the room left after them is more
        /// than the original capacity, so the unchecked writes of the rest of the input still fit.
        private mutating func reserve(_ extra: Int) {
            guard count + extra > capacity else { return }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: (count + extra) * 2)
            grown.update(from: bytes, count: count)
            bytes.deallocate()
            bytes = grown
            capacity = (count + extra) * 2
        }

        mutating func ascii(_ byte: UInt8) {
            switch byte {
            case 0x61...0x7A, 0x30...0x39:
                bytes[count] = byte
                count &+= 1
            case 0x41...0x5A:
                bytes[count] = byte &+ 0x20
                count &+= 1
            case 0x2D: endPart()
            default: endWord()
            }
        }

        mutating func append(_ first: UInt8, _ second: UInt8) {
            bytes[count] = first
            bytes[count &+ 1] = second
            count &+= 2
        }

        /// A scalar outside ASCII and Latin-1.
        mutating func other(_ scalar: Unicode.Scalar?) {
            guard let scalar else { return endWord() }
            if scalar.properties.isAlphabetic {
                let lower =
                    scalar.properties.changesWhenLowercased ? scalar.properties.lowercaseMapping : String(scalar)
                reserve(lower.utf8.count)
                for byte in lower.utf8 {
                    bytes[count] = byte
                    count += 1
                }
            } else if scalar.value == 0x2010 || scalar.value == 0x2011 {
                endPart()
            } else {
                endWord()
            }
        }

        mutating func endPart() {
            if count > partStart {
                let part = partStart..<count
                if partCount < parts.count { parts[partCount] = part } else { parts.append(part) }
                partCount += 1
            }
            partStart = count
        }

        mutating func endWord() {
            endPart()
            if partCount > 0 {
                let first = words.forms.count
                if partCount > 1 {
                    // The joined form is the parts copied together after them.
                    let joinedStart = count
                    reserve(count - parts[0].lowerBound)
                    for part in 0..<partCount {
                        for index in parts[part] {
                            bytes[count] = bytes[index]
                            count += 1
                        }
                    }
                    words.forms.append(joinedStart..<count)
                }
                // By index: a slice of `parts` would retain and release its buffer per word.
                for part in 0..<partCount { words.forms.append(parts[part]) }
                words.words.append(first..<words.forms.count)
                partCount = 0
            }
            partStart = count
        }
    }

    /// The first form of each word as a string (for building patterns from strategy terms).
    static func firstForms(of text: String) -> [String] {
        let words = words(in: text)
        return words.words.map { String(decoding: words.bytes[words.forms[$0.lowerBound]], as: UTF8.self) }
    }
}
