/// Finds strategy terms in words with one table look-up per byte (an Aho–Corasick automaton
/// compiled into a dense transition table).
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

    let patterns: [Pattern]
    /// `transitions[state * 256 + byte]`: the next state, failure links already followed.
    private let transitions: [Int32]
    /// The patterns that end in each state, including those reached through failure links.
    private let outputs: [[Int32]]

    init(patterns: [Pattern]) {
        self.patterns = patterns
        var children: [[UInt8: Int32]] = [[:]]
        var ends: [[Int32]] = [[]]
        for (index, pattern) in patterns.enumerated() {
            var state = 0
            for byte in pattern.bytes {
                if let next = children[state][byte] {
                    state = Int(next)
                } else {
                    children.append([:])
                    ends.append([])
                    children[state][byte] = Int32(children.count - 1)
                    state = children.count - 1
                }
            }
            ends[state].append(Int32(index))
        }
        var table = [Int32](repeating: 0, count: children.count * 256)
        var fail = [Int32](repeating: 0, count: children.count)
        var queue: [Int] = []
        for (byte, child) in children[0] {
            table[Int(byte)] = child
            queue.append(Int(child))
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            ends[state] += ends[Int(fail[state])]
            // A state's row starts as its failure state's row (already complete: breadth first),
            // then its own children replace their bytes.
            let row = state * 256
            let failRow = Int(fail[state]) * 256
            for byte in 0..<256 { table[row + byte] = table[failRow + byte] }
            for (byte, child) in children[state] {
                fail[Int(child)] = table[failRow + Int(byte)]
                table[row + Int(byte)] = child
                queue.append(Int(child))
            }
        }
        transitions = table
        outputs = ends
    }

    /// Appends to `found` the index of every pattern that matches the word `bytes[range]`.
    func matches(in bytes: [UInt8], range: Range<Int>, into found: inout [Int32]) {
        var state = 0
        for position in range {
            state = Int(transitions[state &* 256 &+ Int(bytes[position])])
            let ending = outputs[state]
            if ending.isEmpty { continue }
            let length = position + 1 - range.lowerBound
            for output in ending {
                let pattern = patterns[Int(output)]
                let startsWord = length == pattern.bytes.count
                let accepted =
                    pattern.wholeWord
                    ? startsWord && position + 1 == range.upperBound
                    : pattern.letters >= 5 || startsWord
                if accepted { found.append(output) }
            }
        }
    }
}
