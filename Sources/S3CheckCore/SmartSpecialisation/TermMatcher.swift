/// Finds strategy terms in words with one pass over each word's bytes (Aho–Corasick).
///
/// Matching rules: a term of five or more letters matches anywhere in a word (Swedish compounds
/// put the head last: "läkemedelsutveckling"); a shorter term matches only at the start of a
/// word, so "ikt" finds "ikt-lösningar" but not "riktning"; a whole-word term must be the word.
struct TermMatcher: Sendable {
    /// A single-word pattern: a whole term, or one word of a phrase.
    struct Pattern: Sendable {
        var bytes: [UInt8]
        var letters: Int
        var wholeWord: Bool
    }

    private struct Node: Sendable {
        var next: [UInt8: Int32] = [:]
        var fail: Int32 = 0
        /// Patterns ending here, including those reached through failure links.
        var outputs: [Int32] = []
    }

    let patterns: [Pattern]
    private var nodes: [Node] = [Node()]

    init(patterns: [Pattern]) {
        self.patterns = patterns
        for (index, pattern) in patterns.enumerated() {
            var state = 0
            for byte in pattern.bytes {
                if let next = nodes[state].next[byte] {
                    state = Int(next)
                } else {
                    nodes.append(Node())
                    nodes[state].next[byte] = Int32(nodes.count - 1)
                    state = nodes.count - 1
                }
            }
            nodes[state].outputs.append(Int32(index))
        }
        buildFailureLinks()
    }

    private mutating func buildFailureLinks() {
        var queue: [Int] = []
        for (_, child) in nodes[0].next {
            nodes[Int(child)].fail = 0
            queue.append(Int(child))
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (byte, child) in nodes[state].next {
                var fallback = Int(nodes[state].fail)
                while fallback != 0, nodes[fallback].next[byte] == nil {
                    fallback = Int(nodes[fallback].fail)
                }
                let target = nodes[fallback].next[byte].map(Int.init) ?? 0
                nodes[Int(child)].fail = Int32(target == Int(child) ? 0 : target)
                nodes[Int(child)].outputs += nodes[Int(nodes[Int(child)].fail)].outputs
                queue.append(Int(child))
            }
        }
    }

    /// The indices of every pattern that matches `word` under the rules above.
    func matches(in word: String) -> Set<Int> {
        var found: Set<Int> = []
        let bytes = Array(word.utf8)
        var state = 0
        for (position, byte) in bytes.enumerated() {
            while state != 0, nodes[state].next[byte] == nil {
                state = Int(nodes[state].fail)
            }
            state = nodes[state].next[byte].map(Int.init) ?? 0
            for output in nodes[state].outputs {
                let pattern = patterns[Int(output)]
                let start = position + 1 - pattern.bytes.count
                let end = position + 1
                let accepted =
                    pattern.wholeWord
                    ? start == 0 && end == bytes.count
                    : pattern.letters >= 5 || start == 0
                if accepted { found.insert(Int(output)) }
            }
        }
        return found
    }
}
