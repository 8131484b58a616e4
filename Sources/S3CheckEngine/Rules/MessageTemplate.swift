import Foundation
import S3CheckPacks
import S3CheckValues

/// Fills `{name}` placeholders in rule messages with the values a check found.
///
/// A placeholder may name how its number reads: `{sum:amount}` is an amount in the
/// application's currency (`5 145 000 kr`, `SEK 5,145,000`), `{total:EUR}` and `{limit:SEK}`
/// an amount in that currency. Any other number reads with the language's digit grouping and
/// decimal separator (`11,7` in Swedish, `11.7` in English).
public enum MessageTemplate {
    /// The formats a placeholder can ask for after `:`.
    package static let formats: Set<String> = ["amount", "SEK", "EUR"]

    /// The names inside `{…}`, without a format.
    package static func placeholders(in template: String) -> [String] {
        fields(in: template).map(\.name)
    }

    /// The names inside `{…}` and the format after `:`, if any.
    package static func fields(in template: String) -> [(name: String, format: String?)] {
        rawPlaceholders(in: template).map { field in
            guard let colon = field.firstIndex(of: ":") else { return (field, nil) }
            return (String(field[..<colon]), String(field[field.index(after: colon)...]))
        }
    }

    private static func rawPlaceholders(in template: String) -> [String] {
        // Braces are ASCII, so scanning bytes finds the same names as scanning characters.
        var names: [String] = []
        var start: String.Index?
        let bytes = template.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "{") {
                start = bytes.index(after: index)
            } else if byte == UInt8(ascii: "}"), let open = start {
                if open != index { names.append(String(template[open..<index])) }
                start = nil
            }
            index = bytes.index(after: index)
        }
        return names
    }

    /// The template with every known placeholder replaced by its value as people write it in
    /// `language`; unknown ones stay as written so that a typo is visible rather than silently
    /// empty. The first value of a name wins. `currency` is the application's (ISO 4217).
    static func fill(_ template: String, with values: [NamedValue], language: Language, currency: String?) -> String {
        substitute(template) { field in
            // ':' is ASCII: its byte index is a valid index of the field.
            let colon = field.utf8.firstIndex(of: UInt8(ascii: ":"))
            let name = colon.map { field[..<$0] } ?? field
            let format = colon.map { String(field[field.index(after: $0)...]) }
            return values.first { $0.name.utf8.elementsEqual(name.utf8) }.map {
                text(of: $0, format: format, language: language, currency: currency)
            }
        }
    }

    /// The template with every placeholder shown as "…", where a rule's message is printed
    /// without values (the SARIF rule list, `s3check explain`), so no internal name shows.
    public static func eliding(_ template: String) -> String {
        substitute(template) { _ in "…" }
    }

    /// The template with each `{field}` replaced by `replacement(field)`, or kept as written
    /// when it gives nil.
    private static func substitute(_ template: String, _ replacement: (Substring) -> String?) -> String {
        // Braces are ASCII, so their byte indices are valid indices of the text; searching bytes
        // spares the grapheme breaking that searching characters costs on every message.
        let open = UInt8(ascii: "{")
        guard template.utf8.contains(open) else { return template }
        var result = ""
        result.reserveCapacity(template.utf8.count + 32)
        var rest = template[...]
        while let start = rest.utf8.firstIndex(of: open) {
            result += rest[..<start]
            guard let close = rest.utf8[start...].firstIndex(of: UInt8(ascii: "}")) else {
                rest = rest[start...]
                break
            }
            result += replacement(rest[rest.index(after: start)..<close]) ?? String(rest[start...close])
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private static func text(of value: NamedValue, format: String?, language: Language, currency: String?) -> String {
        guard value.isNumber, let format, let number = NumberText.canonicalDecimal(value.value) else {
            return value.text(in: language)
        }
        switch format {
        case "amount":
            guard let currency, !currency.isEmpty else { return value.text(in: language) }
            return NumberText.amount(number, currency: currency, language)
        case "SEK", "EUR": return NumberText.amount(number, currency: format, language)
        default: return value.text(in: language)
        }
    }
}
