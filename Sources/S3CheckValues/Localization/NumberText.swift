import Foundation

/// Numbers and amounts as people write them in the report's language.
///
/// Swedish groups digits with a no-break space and uses a decimal comma (`5 145 000,15`);
/// English groups with a comma and uses a decimal point (`5,145,000.15`), as Språkrådet's
/// *Svenska skrivregler* and the EU's English Style Guide describe. Numbers of four digits or
/// fewer are not grouped, so that years and codes such as 2029 read as written. Amounts carry
/// their currency the way each language writes it: `5 145 000 kr`, `SEK 5,145,000`,
/// `300 000 euro`, `EUR 300,000`. Machine formats (JSON, SARIF properties) keep canonical
/// numbers and never go through here.
public enum NumberText {
    /// The digit-group separator of Swedish, a no-break space so that a number never breaks
    /// across lines.
    static let swedishGroupSeparator = "\u{00A0}"

    /// A whole number with its digits grouped.
    public static func integer(_ value: Int, _ language: Language) -> String {
        decimal(ExactDecimal(value), language)
    }

    /// `value` without decimals when whole, otherwise rounded half away from zero to at most
    /// `decimals` places (trailing zeros of money kept: `12,50`), grouped, with the language's
    /// separators. Exact: the digits are the decimal's own, never a binary approximation's.
    public static func decimal(_ value: ExactDecimal, _ language: Language, decimals: Int = 2) -> String {
        // The canonical form is ASCII: `-`, digits and at most one `.`.
        let canonical = Array(value.rounded(decimals: min(max(decimals, 0), 6)).description.utf8)
        let negative = canonical.first == UInt8(ascii: "-")
        let unsigned = negative ? canonical.dropFirst() : canonical[...]
        let point = unsigned.firstIndex(of: UInt8(ascii: "."))
        let whole = unsigned[..<(point ?? unsigned.endIndex)]
        var text = negative ? "−" : ""
        text.reserveCapacity(canonical.count + 8)
        if whole.count > 4 {
            let separator = language == .sv ? swedishGroupSeparator : ","
            for (offset, digit) in whole.enumerated() {
                if offset > 0, (whole.count - offset) % 3 == 0 { text += separator }
                text.unicodeScalars.append(Unicode.Scalar(digit))
            }
        } else {
            text += String(decoding: whole, as: UTF8.self)
        }
        if let point {
            var fraction = String(decoding: unsigned[unsigned.index(after: point)...], as: UTF8.self)
            if fraction.utf8.count == 1 && decimals == 2 { fraction += "0" }
            text += (language == .sv ? "," : ".") + fraction
        }
        return text
    }

    /// A canonical decimal text (`5145000.15`, as a rule or the schema writes it) formatted for
    /// `language`; nil when the text is not a plain decimal number.
    public static func decimal(text: String, _ language: Language) -> String? {
        guard let value = canonicalDecimal(text) else { return nil }
        return decimal(value, language)
    }

    /// An amount with its currency (ISO 4217 code, as the application writes it).
    public static func amount(_ value: ExactDecimal, currency: String, _ language: Language) -> String {
        let number = decimal(value, language)
        switch (currency.uppercased(), language) {
        case ("SEK", .sv): return number + "\u{00A0}kr"
        case ("EUR", .sv): return number + "\u{00A0}euro"
        case (let code, .sv): return number + "\u{00A0}" + code
        case (let code, .en): return code + "\u{00A0}" + number
        }
    }

    /// A percentage: `40 %` (with a no-break space, as both Swedish and EU English write it).
    public static func percent(_ value: ExactDecimal, _ language: Language, decimals: Int = 1) -> String {
        decimal(value, language, decimals: decimals) + "\u{00A0}%"
    }

    /// `text` as a decimal when it is exactly `-?digits(.digits)?`; nil otherwise, so that
    /// identifiers (`0180`, `SE11`) and dates are never taken for numbers.
    /// A number beyond what ``ExactDecimal`` holds (15 whole, 6 fraction digits) is nil too, and
    /// is shown as written.
    package static func canonicalDecimal(_ text: String) -> ExactDecimal? {
        var digits = text.utf8[...]
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard let first = digits.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return nil }
        var seenPoint = false
        var previous: UInt8 = 0
        for byte in digits {
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                return nil
            }
            previous = byte
        }
        guard previous != UInt8(ascii: ".") else { return nil }
        // A leading zero marks a code (`0180` Stockholm), not a number.
        if digits.count > 1, first == UInt8(ascii: "0"), digits.dropFirst().first != UInt8(ascii: ".") { return nil }
        return ExactDecimal(text, as: .schema)
    }
}
