import Foundation
import S3CheckPacks
import S3CheckValues
import SafeXML

/// Scores an application against every area of a strategy, keeping the evidence, and concludes
/// which areas the evidence supports.
///
/// An area's text score is how much of the text is about it: every occurrence of one of its
/// terms adds the term's weight times the field's weight, and the sum is taken per 100 words of
/// the scored text (at least ``Strategy/ConclusionRule/minimumWords``), so that one passing word
/// in a long text weighs little and a text that keeps returning to an area weighs much. A shared
/// term's points are divided between its areas in proportion to their own evidence. Partners'
/// NACE codes, intervention fields and research fields add their weights. Each piece of evidence
/// carries the points it added, so an area's score is the sum of its evidence.
public struct AlignmentScorer: Sendable {
    public let strategy: Strategy
    private let matcher: TermMatcher
    /// For each pattern of the matcher: the term it belongs to, and its position in a phrase.
    private let owners: [Owner]
    /// Every term, by group: the areas' own terms first (group = area index), then each shared
    /// group's (group = area count + its index).
    package let groupTerms: [[Strategy.Term]]
    /// The areas whose threshold is their own rather than the strategy's `supportedScore`.
    private let thresholds: [String: Double]

    private struct Owner: Sendable {
        var group: Int
        var term: Int
        var word: Int
        /// How many words the term has (1 for a single word).
        var phraseLength: Int
        var language: Language?
        /// Which term wins when several match one word: the heaviest, then the longest, then
        /// the first.
        var rank: Rank
    }

    private struct Rank: Comparable, Sendable {
        var weight: Double
        var letters: Int
        var order: Int

        static func < (lhs: Rank, rhs: Rank) -> Bool {
            (lhs.weight, lhs.letters, -lhs.order) < (rhs.weight, rhs.letters, -rhs.order)
        }
    }

    /// Field weights: where a term is found matters as much as which term it is.
    package static let fieldWeights: [(path: [String], weight: Double)] = [
        (["project", "title"], 3),
        (["project", "keywords", "keyword"], 2),
        (["project", "s3", "justification"], 1.5),
        (["project", "summary"], 1),
        (["project", "objectives", "objective"], 1),
    ]

    public init(strategy: Strategy) {
        self.strategy = strategy
        groupTerms = strategy.areas.map(\.terms) + strategy.shared.map(\.terms)
        thresholds = Dictionary(
            strategy.areas.compactMap { area in area.threshold.map { (area.id, $0) } }, uniquingKeysWith: { a, _ in a })
        var patterns: [TermMatcher.Pattern] = []
        var owners: [Owner] = []
        for (group, terms) in groupTerms.enumerated() {
            for (termIndex, term) in terms.enumerated() {
                let words = TextNormalizer.firstForms(of: term.text)
                let rank = Rank(weight: term.weight, letters: term.text.count, order: termIndex)
                for (wordIndex, word) in words.enumerated() {
                    for variant in Self.inflectionVariants(of: word, match: term.match) {
                        patterns.append(.init(bytes: Array(variant.utf8), letters: variant.count, match: term.match))
                        owners.append(
                            Owner(
                                group: group, term: termIndex, word: wordIndex, phraseLength: words.count,
                                language: term.language, rank: rank))
                    }
                }
                // A phrase written as one word is the same term: "machine learning" finds
                // "machine-learning" and "MachineLearning", "life science" finds "Life-Science"
                // and "lifescienceföretag", as a Swedish compound term finds its hyphenated form.
                if words.count > 1 {
                    let joined = words.joined()
                    patterns.append(.init(bytes: Array(joined.utf8), letters: joined.count, match: term.match))
                    owners.append(
                        Owner(
                            group: group, term: termIndex, word: 0, phraseLength: 1, language: term.language,
                            rank: rank))
                }
            }
        }
        matcher = TermMatcher(patterns: patterns)
        self.owners = owners
    }

    /// What the text of an application holds before any weighing: every term occurrence by
    /// group, term and field, and how many words were read.
    package struct TextHits {
        package var termHits: [[HitKey: Hit]]
        package var totalWords: Int
        package var per100Words: Double
    }

    /// Finds the terms in the application's text fields.
    package func textHits(_ root: XMLNode) -> TextHits {
        var totalWords = 0
        var fields: [(field: Int, line: Int, words: TextNormalizer.Words)] = []
        for (fieldIndex, field) in Self.fieldWeights.enumerated() {
            for node in Self.nodes(at: field.path, under: root) {
                let words = node.withStringValueBytes(TextNormalizer.words(in:))
                totalWords += words.count
                fields.append((fieldIndex, node.line, words))
            }
        }
        // Terms marked with a language count only in applications written in it. The text says
        // which language it is in better than `<language>`, which may be missing or wrong (an
        // English summary in a form left at "sv"); a text too short or too mixed to tell keeps
        // the declared language, and one that declares none is matched against every term.
        let declared = root.child("language").flatMap { Language(rawValue: $0.stringValue.trimmingXMLWhitespace()) }
        let language = LanguageGuess.language(of: fields.map(\.words)) ?? declared
        var termHits: [[HitKey: Hit]] = Array(repeating: [:], count: groupTerms.count)
        for (fieldIndex, line, words) in fields {
            for found in matchTerms(in: words, language: language) {
                let key = HitKey(term: found.term, field: fieldIndex)
                termHits[found.group][key, default: Hit(count: 0, line: line)].count += 1
            }
        }
        let per100Words = 100 / Double(max(totalWords, strategy.conclusion.minimumWords, 1))
        return TextHits(termHits: termHits, totalWords: totalWords, per100Words: per100Words)
    }

    /// Scores the application whose root element is `root`.
    public func score(_ root: XMLNode) -> S3Alignment {
        let project = root.child("project")
        let declared =
            project?.child("s3")?.children("area")
            .compactMap { $0.attribute("ref").map(VisibleText.escaping) } ?? []
        let areaCount = strategy.areas.count
        var points = Array(repeating: 0.0, count: areaCount)
        var evidence = Array(repeating: [Evidence](), count: areaCount)

        // Text: count term occurrences per field, then weigh them per 100 words.
        let hits = textHits(root)
        let termHits = hits.termHits
        let totalWords = hits.totalWords
        let per100Words = hits.per100Words
        func textEvidence(_ group: Int, _ key: HitKey, _ hit: Hit) -> Evidence {
            let term = groupTerms[group][key.term]
            let value = term.weight * Self.fieldWeights[key.field].weight * Double(hit.count) * per100Words
            return Evidence(
                kind: .term, matched: term.text, field: Self.fieldWeights[key.field].path.last ?? "",
                line: hit.line, count: hit.count, weight: term.weight, points: value)
        }
        for area in 0..<areaCount {
            for (key, hit) in termHits[area] {
                let found = textEvidence(area, key, hit)
                points[area] += found.points
                evidence[area].append(found)
            }
        }
        var textPoints = points
        addCodeEvidence(root, project: project, points: &points, evidence: &evidence)

        // Shared terms last, divided by the areas' own evidence.
        let own = points
        for (index, group) in strategy.shared.enumerated() where !group.areas.isEmpty {
            let hits = termHits[areaCount + index]
            guard !hits.isEmpty else { continue }
            let base = group.areas.reduce(0) { $0 + own[$1] }
            for area in group.areas {
                let portion = base > 0 ? own[area] / base : 1 / Double(group.areas.count)
                guard portion > 0 else { continue }
                for (key, hit) in hits {
                    var found = textEvidence(areaCount + index, key, hit)
                    found.points *= portion
                    found.portion = Self.rounded(portion * 100)
                    points[area] += found.points
                    textPoints[area] += found.points
                    evidence[area].append(found)
                }
            }
        }

        let total = points.reduce(0, +)
        let areas = strategy.areas.enumerated().map { index, area in
            AreaScore(
                id: area.id,
                name: area.name,
                score: Self.roundedScore(points[index]),
                textScore: Self.roundedScore(textPoints[index]),
                share: total > 0 ? Self.rounded(points[index] / total * 100) : 0,
                evidence: evidence[index].map { found in
                    var found = found
                    found.points = Self.rounded(found.points)
                    return found
                }
                .sorted {
                    ($0.points, $1.matched, $1.field, $1.line) > ($1.points, $0.matched, $0.field, $0.line)
                }
            )
        }
        let ranked = areas.sorted { ($0.score, $1.id) > ($1.score, $0.id) }
        return S3Alignment(
            strategyID: strategy.id, declared: declared, words: totalWords, areas: ranked,
            conclusion: S3Conclusion(ranked: ranked, rule: strategy.conclusion, thresholds: thresholds))
    }

    /// Codes: partners' NACE codes and research fields by prefix, intervention fields by share.
    package func addCodeEvidence(
        _ root: XMLNode, project: XMLNode?, points: inout [Double], evidence: inout [[Evidence]]
    ) {
        let naceNodes = root.child("partners")?.childElements.compactMap { $0.child("nace") } ?? []
        let research = project?.child("researchFields")?.childElements ?? []
        let prefixedCodes: [(kind: Evidence.Kind, field: String, node: XMLNode, code: String)] =
            naceNodes.map { (.nace, "nace", $0, Self.plainCode($0.stringValue.trimmingXMLWhitespace())) }
            + research.map { (.researchField, "researchField", $0, Self.plainCode($0.attribute("code") ?? "")) }
        let fieldNodes = project?.child("interventionFields")?.childElements ?? []
        // Read once, not once per area: code, share and line of each intervention field.
        let fields = fieldNodes.map { node in
            // A share outside 0–100 % (or too long a decimal to be a number) counts as the
            // nearest bound, so that one bad attribute cannot make a score infinite.
            let share =
                Double(node.attribute("share") ?? "").map { min(max($0.isNaN ? 0 : $0, 0), 100) / 100 }
                ?? 1 / Double(max(1, fieldNodes.count))
            return (code: node.attribute("code") ?? "", share: share, line: node.line)
        }
        let codeLines = prefixedCodes.map(\.node.line)
        for (areaIndex, area) in strategy.areas.enumerated() {
            for (item, line) in zip(prefixedCodes, codeLines) {
                // The most specific evidence counts: the heaviest prefix that the code starts with
                // (the first of equal weights).
                let candidates = item.kind == .nace ? area.nacePrefixes : area.researchFields
                var best: Strategy.WeightedCode?
                for candidate in candidates where Self.code(item.code, startsWith: candidate.code) {
                    if best.map({ candidate.weight > $0.weight }) ?? true { best = candidate }
                }
                guard let best else { continue }
                points[areaIndex] += best.weight
                evidence[areaIndex].append(
                    Evidence(
                        kind: item.kind, matched: best.code, field: item.field, line: line, count: 1,
                        weight: best.weight, points: best.weight))
            }
            for field in fields {
                guard let match = area.interventionFields.first(where: { $0.code == field.code }) else { continue }
                let value = match.weight * 2 * field.share
                points[areaIndex] += value
                evidence[areaIndex].append(
                    Evidence(
                        kind: .interventionField, matched: field.code, field: "field", line: field.line, count: 1,
                        weight: match.weight, points: value))
            }
        }
    }

    /// (group, term) for every term found in `words` that applies to `language`. A word counts
    /// once per group, through its strongest term, so that overlapping stems ("medicin", "medic")
    /// do not add up; a phrase counts once per occurrence on top of its words.
    private func matchTerms(in words: TextNormalizer.Words, language: Language?) -> [(group: Int, term: Int)] {
        // All matches in one flat array; `ranges[i]` says which belong to word i.
        let (matched, ranges) = matcher.matches(in: words)
        var found: [(group: Int, term: Int)] = []
        // Reused for every word: the owner of the strongest single-word term per group (-1: none yet).
        var strongest = [Int](repeating: -1, count: groupTerms.count)
        var phrases: [Int] = []
        for (index, patterns) in ranges.enumerated() where !patterns.isEmpty {
            for area in strongest.indices { strongest[area] = -1 }
            phrases.removeAll(keepingCapacity: true)
            for slot in patterns {
                let ownerIndex = Int(matched[slot])
                let owner = owners[ownerIndex]
                guard owner.word == 0, language == nil || owner.language == nil || owner.language == language
                else { continue }
                let length = owner.phraseLength
                if length == 1 {
                    let current = strongest[owner.group]
                    if current < 0 || owner.rank > owners[current].rank {
                        strongest[owner.group] = ownerIndex
                    }
                    continue
                }
                let key = owner.group * 100_000 + owner.term
                guard !phrases.contains(key), index + length <= ranges.count else { continue }
                // Every later word of a phrase must match the next pattern of the same term.
                let complete = (1..<length).allSatisfy { offset in
                    ranges[index + offset].contains { slot in
                        let other = owners[Int(matched[slot])]
                        return other.group == owner.group && other.term == owner.term && other.word == offset
                    }
                }
                if complete {
                    phrases.append(key)
                    found.append((owner.group, owner.term))
                }
            }
            // A word one of a shared group's areas has a term of its own for is that term's: the
            // shared term ("klimat") does not count again inside "klimatanpassning".
            let areaCount = strategy.areas.count
            for (index, group) in strategy.shared.enumerated() where strongest[areaCount + index] >= 0 {
                if group.areas.contains(where: { strongest[$0] >= 0 }) { strongest[areaCount + index] = -1 }
            }
            for (group, ownerIndex) in strongest.enumerated() where ownerIndex >= 0 {
                found.append((group, owners[ownerIndex].term))
            }
        }
        return found
    }

    /// The word and, for Swedish words ending in -en, -el or -er, the stem without that e:
    /// inflection drops it (dagvatten → dagvattnet, läkemedel → läkemedlet, cykel → cyklar).
    static func inflectionVariants(of word: String, match: Strategy.Match) -> [String] {
        guard match != .word, word.count >= 5, let last = word.last, ["n", "l", "r"].contains(last),
            word.dropLast().last == "e"
        else { return [word] }
        return [word, String(word.dropLast(2)) + String(last)]
    }

    /// A term found in a field, for counting occurrences.
    package struct HitKey: Hashable {
        package var term: Int
        package var field: Int
    }

    package struct Hit {
        package var count: Int
        package var line: Int
    }

    private static func nodes(at path: [String], under root: XMLNode) -> [XMLNode] {
        var current = [root]
        for name in path {
            current = current.flatMap { $0.children(name) }
        }
        return current
    }

    /// "72.11" starts with "72.1" and "72"; `code` is already without dots.
    /// Whether `code` (without dots) starts with `prefix` read without its dots; an empty prefix
    /// matches nothing. Compared byte by byte: this runs for every code against every prefix of
    /// every area, and codes are ASCII.
    private static func code(_ code: String, startsWith prefix: String) -> Bool {
        var codeBytes = code.utf8.makeIterator()
        var compared = false
        for byte in prefix.utf8 where byte != UInt8(ascii: ".") {
            guard codeBytes.next() == byte else { return false }
            compared = true
        }
        return compared
    }

    /// The code without its dots ("72.11" → "7211").
    private static func plainCode(_ code: String) -> String {
        String(code.filter { $0 != "." })
    }

    /// Scores to one decimal, as every report prints them, so that the conclusion and the
    /// rules compare the numbers a reader sees.
    private static func roundedScore(_ value: Double) -> Double {
        (value * 10).rounded() / 10
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }
}
