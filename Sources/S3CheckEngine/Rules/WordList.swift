/// Words and stems a rule looks for in free text, such as a cost line's description: `ränta`
/// (the whole word), `räntekostnad*` (words that start so), `*ränta` (words that end so, as
/// Swedish compounds do: `dröjsmålsränta`), `*avgift*` (anywhere in a word), and phrases of
/// whole words (`purchase of land`).
///
/// Case is ignored (ASCII and the Swedish and French letters Å Ä Ö É); a word is a run of
/// letters, digits and hyphens, so that `fine-tuning` is not the word `fine`. The text is read
/// as UTF-8 bytes, without making a string per word: rules call this for every cost line.
struct WordList {
    private enum Pattern {
        case word([UInt8])
        case prefix([UInt8])
        case suffix([UInt8])
        case infix([UInt8])
        case phrase([[UInt8]])
    }

    /// Suffixes and infixes, which any word may hold, in the list's order.
    private let unanchored: [Pattern]
    /// Words, prefixes and phrases by their first byte, in the list's order: a word of the text
    /// is compared only with the entries that start as it does (a cost line's description meets
    /// every list of every rule that reads it, for each of thousands of lines).
    private let anchored: [[Pattern]]

    init(_ entries: some Sequence<String>) {
        let patterns: [Pattern] = entries.sorted().compactMap { entry in
            let bytes = Self.lowered(Array(entry.utf8))
            let words = Self.wordRanges(in: bytes).map { Array(bytes[$0]) }
            if words.count > 1 { return .phrase(words) }
            let starred = UInt8(ascii: "*")
            let core = Array(bytes.drop { $0 == starred }.reversed().drop { $0 == starred }.reversed())
            guard !core.isEmpty else { return nil }
            switch (bytes.first == starred, bytes.last == starred) {
            case (true, true): return .infix(core)
            case (false, true): return .prefix(core)
            case (true, false): return .suffix(core)
            case (false, false): return .word(core)
            }
        }
        var unanchored: [Pattern] = []
        var anchored = [[Pattern]](repeating: [], count: 256)
        for pattern in patterns {
            switch pattern {
            case .word(let core), .prefix(let core): anchored[Int(core[0])].append(pattern)
            case .phrase(let parts): anchored[Int(parts[0][0])].append(pattern)
            case .suffix, .infix: unanchored.append(pattern)
            }
        }
        self.unanchored = unanchored
        self.anchored = anchored
    }

    /// The words (or phrases) of `text` the list names, as the text writes them, in text order,
    /// each once.
    func mentions(in text: String) -> [String] {
        let written = Array(text.utf8)
        let bytes = Self.lowered(written)
        let words = Self.wordRanges(in: bytes)
        var found: [String] = []
        func note(_ first: Int, _ count: Int) {
            let range = words[first].lowerBound..<words[first + count - 1].upperBound
            let shown = String(decoding: written[range], as: UTF8.self)
            if !found.contains(shown) { found.append(shown) }
        }
        for (index, range) in words.enumerated() {
            let word = bytes[range]
            // Suffixes and infixes sort before letters (`*`), so this keeps the list's order.
            for pattern in unanchored {
                switch pattern {
                case .suffix(let core)
                where word.count >= core.count && word.last == core.last
                    && word.suffix(core.count).elementsEqual(core):
                    note(index, 1)
                case .infix(let core) where word.count >= core.count && Self.contains(word, core): note(index, 1)
                default: continue
                }
            }
            for pattern in anchored[Int(word[word.startIndex])] {
                // Length first: most words match no entry that starts as they do, and comparing
                // slices element by element costs far more than the test.
                switch pattern {
                case .word(let core) where word.count == core.count && word.elementsEqual(core):
                    note(index, 1)
                case .prefix(let core) where word.count >= core.count && word.starts(with: core):
                    note(index, 1)
                case .phrase(let parts)
                where index + parts.count <= words.count
                    && parts.indices.allSatisfy({ bytes[words[index + $0]].elementsEqual(parts[$0]) }):
                    note(index, parts.count)
                default: continue
                }
            }
        }
        return found
    }

    private static func contains(_ word: ArraySlice<UInt8>, _ part: [UInt8]) -> Bool {
        guard part.count <= word.count else { return false }
        var start = word.startIndex
        while start + part.count <= word.endIndex {
            if word[start..<start + part.count].elementsEqual(part) { return true }
            start += 1
        }
        return false
    }

    /// ASCII letters, and Å Ä Ö É in UTF-8, made lower case; every other byte as it is.
    private static func lowered(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for index in result.indices {
            let byte = result[index]
            if byte >= 0x41 && byte <= 0x5A {
                result[index] = byte + 0x20
            } else if byte == 0xC3, index + 1 < result.count, [0x84, 0x85, 0x96, 0x89].contains(result[index + 1]) {
                result[index + 1] += 0x20
            }
        }
        return result
    }

    /// The byte ranges of the words: runs of ASCII letters and digits, hyphens, asterisks (which
    /// only list entries hold) and non-ASCII letters. No-break spaces and the punctuation block
    /// (dashes, quotes) separate words.
    private static func wordRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let (isWordByte, length): (Bool, Int)
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "*"):
                (isWordByte, length) = (true, 1)
            case 0xC2 where index + 1 < bytes.count:
                // U+0080–U+00BF: no-break space, quotes and signs, not letters.
                (isWordByte, length) = (false, 2)
            case 0xE2 where index + 1 < bytes.count && bytes[index + 1] == 0x80:
                // U+2000–U+203F: spaces, dashes, quotes.
                (isWordByte, length) = (false, 3)
            case 0x80...: (isWordByte, length) = (true, 1)
            default: (isWordByte, length) = (false, 1)
            }
            if isWordByte {
                if start == nil { start = index }
            } else if let first = start {
                ranges.append(first..<index)
                start = nil
            }
            index += min(length, bytes.count - index)
        }
        if let first = start { ranges.append(first..<bytes.count) }
        return ranges
    }
}
