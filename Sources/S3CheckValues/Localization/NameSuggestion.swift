/// The valid name a mistyped one most likely meant, for "did you mean …?".
public enum NameSuggestion {
    /// The candidate nearest to `name` by edit distance, ignoring case: among `preferred` (what
    /// the schema expected at that place) first, then among `all`. Nil when nothing is near
    /// enough to be a typo (more than a third of the letters differ) or when `name` is valid.
    public static func nearest(to name: String, preferring preferred: [String] = [], among all: [String]) -> String? {
        guard !name.isEmpty else { return nil }
        let allowed = max(2, name.count / 3)
        for candidates in [preferred, all] {
            let scored = candidates.filter { $0 != name }.map { ($0, distance(name.lowercased(), $0.lowercased())) }
            if let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }), best.1 <= allowed {
                return best.0
            }
        }
        return nil
    }

    /// Levenshtein distance between two strings, by characters.
    static func distance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs)
        let right = Array(rhs)
        guard !left.isEmpty else { return right.count }
        guard !right.isEmpty else { return left.count }
        var previous = Array(0...right.count)
        var current = Array(repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                let substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}
