import Foundation

/// The texts s3check itself writes for people, in every language, read from message catalogs.
///
/// One catalog per language in `Sources/S3CheckValues/Catalogs/` (`sv.strings`, `en.strings`),
/// in Apple's `.strings` format, which translation tools (Weblate, Crowdin, Lokalise, Xcode)
/// read and write, parsed by Foundation's property-list reader. A key names a text; `{name}`
/// marks a value filled in at run time; a text that depends on a count has one key per CLDR
/// plural category (`….one`, `….other`; both languages have these two). The catalogs are
/// embedded in the binary, so the tool works wherever it is copied.
public enum Catalog {
    /// Key → text, per language; a catalog that cannot be read is empty (a test fails on it).
    static let texts: [Language: [String: String]] = {
        var result: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let bytes = EmbeddedCatalogFiles.base64["\(language.rawValue).strings"].flatMap {
                Data(base64Encoded: $0)
            }
            let parsed = bytes.flatMap { try? PropertyListSerialization.propertyList(from: $0, format: nil) }
            result[language] = parsed as? [String: String] ?? [:]
        }
        return result
    }()

    /// Every key of a language's catalog, for tests that compare catalogs.
    public static func keys(_ language: Language) -> Set<String> {
        Set(texts[language]?.keys ?? [:].keys)
    }

    /// The raw text of `key`, for tests; nil when the catalog lacks it.
    public static func raw(_ key: String, _ language: Language) -> String? {
        texts[language]?[key]
    }

    /// The text of `key` in both languages, with `{name}` filled from `values`. A missing key
    /// reads as the key itself, so that it shows (and the catalog test names it).
    public static func text(_ key: String, _ values: [String: String] = [:]) -> LocalizedText {
        LocalizedText(sv: text(key, .sv, values), en: text(key, .en, values))
    }

    /// The text of `key` in both languages, with values that themselves depend on the language
    /// (a field's name, a number as each language writes it).
    public static func text(_ key: String, values: (Language) -> [String: String]) -> LocalizedText {
        LocalizedText(sv: text(key, .sv, values(.sv)), en: text(key, .en, values(.en)))
    }

    /// The text of `key` in one language.
    public static func text(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        fill(texts[language]?[key] ?? key, values)
    }

    /// The form of `key` for `count` (`….one` for 1, `….other` otherwise), with `{count}`
    /// written as the language writes numbers: "1 ansökan", "15 ansökningar", "1 application".
    public static func counted(_ key: String, _ count: Int, _ values: [String: String] = [:]) -> LocalizedText {
        LocalizedText(sv: counted(key, count, .sv, values), en: counted(key, count, .en, values))
    }

    /// The counted form of `key` in one language.
    public static func counted(_ key: String, _ count: Int, _ language: Language, _ values: [String: String] = [:])
        -> String
    {
        var all = values
        all["count"] = NumberText.integer(count, language)
        return text(key + (count == 1 ? ".one" : ".other"), language, all)
    }

    private static func fill(_ template: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, template.contains("{") else { return template }
        var result = template
        for (name, value) in values { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }
}
