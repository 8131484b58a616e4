import S3CheckPacks
import S3CheckValues

/// Which language a text is written in, from its function words.
///
/// Function words ("och", "att", "the", "of") are the most frequent words of any running text
/// and almost never shared between Swedish and English, so counting them is enough to tell the
/// two apart, at the cost of one comparison per short word. Nothing is said about a text with
/// fewer than ``minimumEvidence`` of them (a title, a keyword list) or where neither language has
/// twice the other's (a text mixing both): those keep the language the application declares.
enum LanguageGuess {
    static let minimumEvidence = 4

    /// The words that mark each language, each at most four UTF-8 bytes packed into a number
    /// (``packed(_:)``), so that a word is looked up without allocating. Fifteen numbers are
    /// compared faster than one is hashed, and this runs for every short word of every text.
    static let swedish: [UInt32] =
        ["och", "att", "för", "med", "som", "av", "det", "är", "till", "på", "inom", "samt", "ett", "ska", "har"]
        .map { packed(Array($0.utf8)[...]) }
    static let english: [UInt32] =
        ["the", "and", "of", "to", "for", "with", "is", "are", "that", "this", "by", "will", "from", "be", "an"]
        .map { packed(Array($0.utf8)[...]) }

    /// Up to four bytes as one number, the first byte highest.
    static func packed(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The language of `texts` taken together; nil when they do not say clearly.
    static func language(of texts: [TextNormalizer.Words]) -> Language? {
        var swedishCount = 0
        var englishCount = 0
        for words in texts {
            for word in words.words {
                let form = words.forms[word.lowerBound]
                // Every marker is at most four bytes ("för" and "på" are four and three).
                guard form.count <= 4 else { continue }
                let key = packed(words.bytes[form])
                if swedish.contains(key) {
                    swedishCount += 1
                } else if english.contains(key) {
                    englishCount += 1
                }
            }
        }
        guard swedishCount + englishCount >= minimumEvidence else { return nil }
        if englishCount > 2 * swedishCount { return .en }
        if swedishCount > 2 * englishCount { return .sv }
        return nil
    }
}
