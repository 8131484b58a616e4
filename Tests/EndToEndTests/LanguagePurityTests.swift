import Foundation
import S3CheckTestSupport
import Testing

/// Every command and format, in each language, on applications written in that language: what
/// a person reads has no word of the other language and no internal identifier.
///
/// Words that occur in the checked application are allowed, since reports quote it; so are
/// web addresses and the XML names the schema messages show as `<element>` on purpose.
@Suite("Language purity")
struct LanguagePurityTests {
    /// Words that only the other language has, so that finding one means a text was not translated.
    static let foreign: [String: Set<String>] = [
        "sv": [
            "the", "and", "is", "not", "of", "with", "must", "field", "error", "errors", "warning", "warnings",
            "eligible", "application", "applications", "rule", "rules", "verdict", "fix", "severity", "expected",
            "cannot", "summary", "none", "legal", "basis", "points", "threshold", "evidence", "supports", "declared",
            "confirmed", "passed", "failed", "missing", "times", "found", "wrote", "check",
        ],
        "en": [
            "och", "är", "inte", "för", "med", "av", "till", "fält", "åtgärd", "grund", "ansökan", "ansökningar",
            "stödberättigad", "stödberättigade", "bedömning", "varning", "varningar", "saknar", "ska", "eller",
            "enligt", "förordning", "kronor", "kr", "poäng", "gränsen", "området", "evidensen", "stöder", "angivet",
            "slutsats", "regler", "regel", "bekräftas", "fel", "godkänd", "skrev",
        ],
    ]

    static let examples: [String: [String]] = [
        "sv": [
            "eligible-life-science.sv.xml", "misdeclared-area.sv.xml", "no-area.sv.xml",
            "not-eligible-cofinancing.sv.xml", "schema-invalid.sv.xml", "warnings-only.sv.xml",
        ],
        "en": ["eligible-ikt.en.xml", "not-eligible-orgnr-dates.en.xml"],
    ]

    /// The runs to check, by name, with the arguments after `--lang L`.
    static func runs(_ language: String) -> [(name: String, arguments: [String], format: String)] {
        let files = (examples[language] ?? []).map { "Examples/" + $0 }
        var runs: [(String, [String], String)] = []
        for format in ["text", "html", "markdown", "junit", "sarif", "tap", "github", "svrl"] {
            runs.append(("check --format \(format)", ["check", "--format", format] + files, format))
        }
        runs.append(("s3", ["s3"] + files, "text"))
        runs.append(("rules", ["rules"], "text"))
        runs.append(("rules --format markdown", ["rules", "--format", "markdown"], "markdown"))
        runs.append(("explain EU-COF-001", ["explain", "EU-COF-001"], "text"))
        runs.append(("explain SE-S3-004", ["explain", "SE-S3-004"], "text"))
        runs.append(("lint", ["lint"], "text"))
        runs.append(("new", ["new"], "template"))
        return runs
    }

    @Test("No word of the other language and no internal identifier", arguments: ["sv", "en"])
    func purity(language: String) throws {
        var allowed = Set<String>()
        for file in Self.examples[language] ?? [] {
            let text = try String(contentsOf: Fixtures.examples.appending(path: file), encoding: .utf8)
            allowed.formUnion(Self.words(in: text))
        }
        var problems: [String] = []
        for run in Self.runs(language) {
            let result = try BinaryRunner.run(["--lang", language] + run.arguments)
            let readable = Self.readableText(result.standardOutput + "\n" + result.standardError, format: run.format)
            for word in Self.words(in: readable) where !allowed.contains(word) {
                if Self.foreign[language]?.contains(word.lowercased()) == true {
                    problems.append("\(run.name): \"\(word)\" in \(Self.context(of: word, in: readable))")
                } else if Self.isInternalIdentifier(word) {
                    problems.append("\(run.name): identifier \"\(word)\" in \(Self.context(of: word, in: readable))")
                }
            }
        }
        #expect(problems.isEmpty, "\(Set(problems).sorted().prefix(40).joined(separator: "\n"))")
    }

    /// camelCase names (`regionCategory`, `rateMoreDeveloped`) are the pack's and schema's, not words.
    static func isInternalIdentifier(_ word: String) -> Bool {
        guard let first = word.first, first.isLowercase else { return false }
        return word.dropFirst().contains { $0.isUppercase }
    }

    /// The part of an output a person reads: without markup, quoted source lines, addresses and
    /// the `<element>` names schema messages show on purpose.
    static func readableText(_ output: String, format: String) -> String {
        var text = output
        switch format {
        case "html":
            text = replacing(#"<style[\s\S]*?</style>"#, in: text, with: " ")
            text = replacing(#"<pre[\s\S]*?</pre>"#, in: text, with: " ")
            text = replacing(#"<code[\s\S]*?</code>"#, in: text, with: " ")
            text = replacing(#"<[^>]*>"#, in: text, with: " ")
        case "junit", "svrl":
            // Property names are the format's machine keys; test case names and messages are read.
            let messages = matches(#"<(?:testcase|testsuite|failure|error)[^>]*?(?:message|name)="([^"]*)""#, in: text)
            text = replacing(#"<[^>]*>"#, in: text, with: " ") + " " + messages.joined(separator: " ")
        case "sarif":
            let data = Data(output.utf8)
            var strings: [String] = []
            func collect(_ value: Any, key: String?) {
                if let object = value as? [String: Any] {
                    for (key, value) in object { collect(value, key: key) }
                } else if let array = value as? [Any] {
                    for element in array { collect(element, key: key) }
                } else if let string = value as? String, ["text", "markdown", "conclusion"].contains(key) {
                    strings.append(string)
                }
            }
            if let log = try? JSONSerialization.jsonObject(with: data) { collect(log, key: nil) }
            text = strings.joined(separator: "\n")
        case "tap":
            // `ok` / `not ok` and the YAML keys are TAP's own words.
            text = text.split(separator: "\n").filter { line in
                line.hasPrefix("ok") || line.hasPrefix("not ok") || line.contains("message:")
                    || line.contains("conclusion:") || line.hasPrefix("#")
            }.map { line in
                line.replacingOccurrences(of: "not ok", with: "").replacingOccurrences(of: "message:", with: "")
                    .replacingOccurrences(of: "conclusion:", with: "")
            }.joined(separator: "\n")
        case "github":
            // Workflow commands (`::error file=…::`) are GitHub's syntax.
            text = replacing(#"::[a-z-]+[^:]*::"#, in: text, with: " ")
        case "template":
            // What the applicant reads in a template: its comments and its placeholders' instructions.
            let comments = matches(#"<!--([\s\S]*?)-->"#, in: text)
            let instructions = matches(#"\[(?:fyll i|fill in):([^\]]*)\]"#, in: text)
            text = (comments + instructions).joined(separator: "\n")
        case "markdown":
            text = replacing(#"`[^`]*`"#, in: text, with: " ")
        default:
            break
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        // Source lines quoted under a finding (` 18 |  <erdf …>`) and the caret under them.
        text = text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let trimmed = line.drop { $0 == " " }
            return !(trimmed.first?.isNumber == true && trimmed.contains(" |")) && !trimmed.hasPrefix("|")
        }.joined(separator: "\n")
        text = replacing(#"https?://[^\s)>\]"]+"#, in: text, with: " ")
        text = replacing(#"<[A-Za-z][A-Za-z0-9]*>"#, in: text, with: " ")
        text = replacing(#"(?:Examples|Rules)/[^\s:]+"#, in: text, with: " ")
        // A rule's check as `explain` prints it is code (XPath), not prose.
        text = text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            matches(#"(\$[a-zA-Z]|\b(?:a|s3):[a-z@])"#, in: String(line)).isEmpty
        }.joined(separator: "\n")
        return text
    }

    static func words(in text: String) -> [String] {
        text.split { !$0.isLetter }.map(String.init)
    }

    private static func context(of word: String, in text: String) -> String {
        guard let range = text.range(of: word) else { return "" }
        let start = text.index(range.lowerBound, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(range.upperBound, offsetBy: 40, limitedBy: text.endIndex) ?? text.endIndex
        return "…" + text[start..<end].replacingOccurrences(of: "\n", with: " ") + "…"
    }

    private static func replacing(_ pattern: String, in text: String, with replacement: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: replacement)
    }

    /// The first group of every match of `pattern`.
    private static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
