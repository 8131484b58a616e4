/// Words and stems a rule looks for in free text, such as a cost line's description: `ränta`
/// (the whole word), `räntekostnad*` (words that start so), `*ränta` (words that end so, as
/// Swedish compounds do: `dröjsmålsränta`), `*avgift*` (anywhere in a word), and phrases of
/// whole words (`purchase of land`).
///
/// Case is ignored; a word is a run of letters, digits and hyphens, so that `fine-tuning` is not
/// the word `fine`.
struct WordList {
    private enum Pattern {
        case word(String)
        case prefix(String)
        case suffix(String)
        case infix(String)
        case phrase([String])
    }

    private let patterns: [Pattern]

    init(_ entries: some Sequence<String>) {
        patterns = entries.sorted().compactMap { entry in
            let text = entry.lowercased()
            let parts = Self.words(in: text)
            if parts.count > 1 { return .phrase(parts) }
            let core = text.trimmingCharacters(in: "*")
            guard !core.isEmpty else { return nil }
            switch (text.hasPrefix("*"), text.hasSuffix("*")) {
            case (true, true): return .infix(core)
            case (false, true): return .prefix(core)
            case (true, false): return .suffix(core)
            case (false, false): return .word(core)
            }
        }
    }

    /// The words (or phrases) of `text` the list names, as the text writes them, in text order,
    /// each once.
    func mentions(in text: String) -> [String] {
        let written = Self.words(in: text)
        let lowered = written.map { $0.lowercased() }
        var found: [String] = []
        func note(_ range: Range<Int>) {
            let words = written[range].joined(separator: " ")
            if !found.contains(words) { found.append(words) }
        }
        for index in lowered.indices {
            let word = lowered[index]
            for pattern in patterns {
                switch pattern {
                case .word(let core) where word == core: note(index..<index + 1)
                case .prefix(let core) where word.hasPrefix(core): note(index..<index + 1)
                case .suffix(let core) where word.hasSuffix(core): note(index..<index + 1)
                case .infix(let core) where word.contains(core): note(index..<index + 1)
                case .phrase(let words) where lowered[index...].starts(with: words):
                    note(index..<index + words.count)
                default: continue
                }
            }
        }
        return found
    }

    /// Runs of letters, digits, hyphens and asterisks (which only list entries hold).
    private static func words(in text: String) -> [String] {
        text.split { character in
            !(character.isLetter || character.isNumber || character == "-" || character == "*")
        }.map(String.init)
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
