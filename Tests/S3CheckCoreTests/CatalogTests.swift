import Foundation
import S3CheckCore
import Testing

/// The message catalogs: one per language, the same keys and the same `{placeholders}` in
/// each, and no word of the other language, so that a translator can add a third by copying one.
@Suite("Message catalogs")
struct CatalogTests {
    private static func placeholders(_ text: String) -> Set<String> {
        var names = Set<String>()
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    @Test("Both catalogs parse and have the same keys")
    func sameKeys() {
        let swedish = Catalog.keys(.sv)
        let english = Catalog.keys(.en)
        #expect(swedish.count > 150)
        #expect(swedish.subtracting(english).sorted() == [])
        #expect(english.subtracting(swedish).sorted() == [])
    }

    @Test("Every text has the same placeholders in both languages")
    func samePlaceholders() {
        var problems: [String] = []
        for key in Catalog.keys(.sv).sorted() {
            let swedish = Self.placeholders(Catalog.raw(key, .sv) ?? "")
            let english = Self.placeholders(Catalog.raw(key, .en) ?? "")
            if swedish != english { problems.append("\(key): \(swedish.sorted()) / \(english.sorted())") }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("Plural texts have both CLDR forms")
    func plurals() {
        for language in Language.allCases {
            let keys = Catalog.keys(language)
            for key in keys where key.hasSuffix(".one") {
                #expect(keys.contains(String(key.dropLast(4)) + ".other"), "\(key) in \(language)")
            }
        }
    }

    @Test("No catalog text holds a word of the other language", arguments: Language.allCases)
    func purity(language: Language) {
        let foreign: Set<String> =
            language == .sv
            ? ["the", "and", "is", "not", "of", "with", "must", "field", "error", "warning", "rule", "file", "cannot"]
            : ["och", "är", "inte", "för", "med", "av", "till", "fält", "fel", "varning", "regel", "fil", "ska"]
        var problems: [String] = []
        for key in Catalog.keys(language) {
            let text = Catalog.raw(key, language) ?? ""
            // Placeholders, quoted XML and command lines are not prose.
            let prose = text.replacingOccurrences(
                of: #"\{[^}]*\}|<[^>]*>|”[^”]*”|“[^”]*”|"[^"]*""#, with: " ", options: .regularExpression)
            for word in prose.split(whereSeparator: { !$0.isLetter }) where foreign.contains(word.lowercased()) {
                problems.append("\(key): \"\(word)\" in \(text)")
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
