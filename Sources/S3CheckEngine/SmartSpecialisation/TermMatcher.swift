import S3CheckPacks
import S3CheckValues

/// Finds strategy terms in words with one table look-up per byte (an Aho–Corasick automaton
/// compiled into a dense transition table over byte classes).
///
/// Matching rules (``Strategy/Match``): an `auto` term of five or more letters matches anywhere
/// in a word (Swedish compounds put either part first: "läkemedelsutveckling"); a shorter one,
/// and every `start` term, only at the start of a word, so "ikt" finds "ikt-lösningar" but not
/// "riktning"; a `word` term must be the word.
struct TermMatcher: Sendable {
    /// A single-word pattern: a whole term, or one word of a phrase.
    struct Pattern: Sendable {
        var bytes: [UInt8]
        var letters: Int
        var match: Strategy.Match
    }

    /// Bytes that occur in no pattern share class 0; the others get a class each. Rows are as
    /// wide as the number of classes (a few dozen) instead of 256, which keeps the table small
    /// enough to build per worker in well under a millisecond and to stay in cache.
    private let byteClasses: [Int32]
    private let classCount: Int
    /// `transitions[state * classCount + byteClasses[byte]]`: the next state, failure links
    /// already followed.
    private let transitions: [Int32]
    /// The patterns that end in state `s`, including those reached through failure links, are
    /// `outputs[outputStarts[s]..<outputStarts[s + 1]]`: flat, so the hot loop touches no
    /// reference-counted inner arrays.
    private let outputStarts: [Int32]
    private let outputs: [Int32]
    /// Per pattern: byte length, and whether it may match inside a word (`anywhere`) or must be
    /// the whole word (`whole`); taken from the patterns for the same reason.
    private let lengths: [Int32]
    private let anywhere: [Bool]
    private let whole: [Bool]

    init(patterns: [Pattern]) {
        var classes = [Int32](repeating: 0, count: 256)
        var classCount = 1
        for byte in Set(patterns.flatMap(\.bytes)).sorted() {
            classes[Int(byte)] = Int32(classCount)
            classCount += 1
        }
        byteClasses = classes
        self.classCount = classCount
        // The trie, as rows of the table itself: `table[state * classCount + class]` is the
        // child, 0 (the root, which is nobody's child) when there is none.
        var table = [Int32](repeating: 0, count: classCount)
        var ends: [[Int32]] = [[]]
        for (index, pattern) in patterns.enumerated() {
            var state = 0
            for byte in pattern.bytes {
                let slot = state * classCount + Int(classes[Int(byte)])
                if table[slot] == 0 {
                    table[slot] = Int32(ends.count)
                    table += repeatElement(0, count: classCount)
                    ends.append([])
                }
                state = Int(table[slot])
            }
            ends[state].append(Int32(index))
        }
        // Breadth first, so that a state's failure state (always shallower) is complete before
        // it: a missing child becomes the failure state's transition, and a child's failure
        // state is where the failure state goes on the same byte.
        let trie = table
        var fail = [Int32](repeating: 0, count: ends.count)
        var queue = (0..<classCount).compactMap { trie[$0] == 0 ? nil : Int(trie[$0]) }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            ends[state] += ends[Int(fail[state])]
            let row = state * classCount
            let failRow = Int(fail[state]) * classCount
            for column in 0..<classCount {
                let child = trie[row + column]
                if child == 0 {
                    table[row + column] = table[failRow + column]
                } else {
                    fail[Int(child)] = table[failRow + column]
                    queue.append(Int(child))
                }
            }
        }
        transitions = table
        outputStarts = ends.reduce(into: [0]) { starts, list in starts.append(starts.last! + Int32(list.count)) }
        outputs = ends.flatMap { $0 }
        lengths = patterns.map { Int32($0.bytes.count) }
        anywhere = patterns.map { $0.match == .auto && $0.letters >= 5 }
        whole = patterns.map { $0.match == .word }
    }

    /// The patterns found in each word of `words`: `ranges[i]` indexes the matches of word i in
    /// `matched`. One call for a whole text, so the tables are opened once rather than per word.
    func matches(in words: TextNormalizer.Words) -> (matched: [Int32], ranges: [Range<Int>]) {
        var matched: [Int32] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(words.count)
        words.bytes.withUnsafeBufferPointer { bytes in
            transitions.withUnsafeBufferPointer { transitions in
                byteClasses.withUnsafeBufferPointer { classes in
                    outputStarts.withUnsafeBufferPointer { starts in
                        for word in words.words {
                            let first = matched.count
                            for form in words.forms[word] {
                                var state = 0
                                for position in form {
                                    state = Int(transitions[state &* classCount &+ Int(classes[Int(bytes[position])])])
                                    if starts[state] != starts[state &+ 1] {
                                        accept(state: state, at: position, in: form, starts: starts, into: &matched)
                                    }
                                }
                            }
                            ranges.append(first..<matched.count)
                        }
                    }
                }
            }
        }
        return (matched, ranges)
    }

    /// Appends the patterns ending in `state` that may match where they end, at `position` of
    /// the word `form`.
    private func accept(
        state: Int, at position: Int, in form: Range<Int>, starts: UnsafeBufferPointer<Int32>, into found: inout [Int32]
    ) {
        let length = Int32(position &+ 1 &- form.lowerBound)
        let endsWord = position &+ 1 == form.upperBound
        for slot in Int(starts[state])..<Int(starts[state &+ 1]) {
            let output = Int(outputs[slot])
            let startsWord = length == lengths[output]
            let accepted = whole[output] ? startsWord && endsWord : anywhere[output] || startsWord
            if accepted { found.append(Int32(output)) }
        }
    }
}
