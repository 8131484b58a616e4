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
    /// The patterns that end in state `s`, including those reached through failure links, are
    /// `outputs[outputStarts[s]..<outputStarts[s + 1]]`: flat, so the hot loop touches no
    /// reference-counted inner arrays.
    private let outputStarts: [Int32]
    private let outputs: [Int32]
    /// Per pattern: byte length, and whether it may match inside a word (`anywhere`) or must be
    /// the whole word (`whole`); copied out of `patterns` for the same reason.
    private let lengths: [Int32]
    private let anywhere: [Bool]
    private let whole: [Bool]

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
        outputStarts = ends.reduce(into: [0]) { starts, list in starts.append(starts.last! + Int32(list.count)) }
        outputs = ends.flatMap { $0 }
        lengths = patterns.map { Int32($0.bytes.count) }
        anywhere = patterns.map { !$0.wholeWord && $0.letters >= 5 }
        whole = patterns.map(\.wholeWord)
    }

    /// Appends to `found` the index of every pattern that matches the word `bytes[range]`.
    func matches(in bytes: [UInt8], range: Range<Int>, into found: inout [Int32]) {
        var state = 0
        for position in range {
            state = Int(transitions[state &* 256 &+ Int(bytes[position])])
            let first = Int(outputStarts[state])
            let end = Int(outputStarts[state &+ 1])
            if first == end { continue }
            let length = Int32(position &+ 1 &- range.lowerBound)
            let endsWord = position &+ 1 == range.upperBound
            for slot in first..<end {
                let output = Int(outputs[slot])
                let startsWord = length == lengths[output]
                let accepted = whole[output] ? startsWord && endsWord : anywhere[output] || startsWord
                if accepted { found.append(Int32(output)) }
            }
        }
    }
}
