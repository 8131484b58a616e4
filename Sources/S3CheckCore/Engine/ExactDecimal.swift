import Foundation
import SafeXML

/// A number the range, sum and ratio checks compare exactly: amounts in SEK or EUR with öre or
/// cents, percentages, rates.
///
/// Binary floating point cannot hold 0.1 or 0.4 exactly, so 40 % of 5 145 000.15 computed in a
/// `Double` is not 2 058 000.06 and an application exactly at the ceiling failed it. Values are
/// read from the application's text (canonical after ``TypedValues``) into Foundation's base-10
/// `Decimal` (38 digits), numbers that an XPath expression computed (parameters, `let`s) from
/// their shortest decimal form, which is exact for every number written with 15 digits or fewer.
struct ExactDecimal: Comparable, Sendable {
    let value: Decimal

    init(_ value: Decimal) {
        self.value = value
    }

    /// An XPath number (`-?digits(.digits)?`) as written; nil for anything else.
    init?(text: String) {
        let trimmed = text.trimmingXMLWhitespace()
        // XPath's own reading decides what is a number, so both agree on what is NaN.
        guard !XPathValue.parseNumber(trimmed).isNaN,
            let value = Decimal(string: trimmed, locale: Self.posix)
        else { return nil }
        self.value = value
    }

    /// A number an expression computed, through its shortest decimal form; nil for NaN and
    /// infinities.
    init?(number: Double) {
        guard number.isFinite, let value = Decimal(string: "\(number)", locale: Self.posix)
        else { return nil }
        self.value = value
    }

    static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool { lhs.value < rhs.value }
    static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal { ExactDecimal(lhs.value + rhs.value) }
    static func - (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal { ExactDecimal(lhs.value - rhs.value) }
    static func * (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal { ExactDecimal(lhs.value * rhs.value) }

    /// The point as decimal separator, whatever the user's locale; made once.
    private static let posix = Locale(identifier: "en_US_POSIX")

    static let zero = ExactDecimal(Decimal(0))

    var magnitude: ExactDecimal { value < 0 ? ExactDecimal(-value) : self }

    /// `self ÷ divisor`, rounded to `decimals` places, for messages only; nil for division by 0.
    /// `rounding` is `.down` or `.up` when the quotient failed a minimum or a maximum, so that a
    /// message never shows a failing value rounded onto its limit ("60 %; at least 60 %").
    func divided(
        by divisor: ExactDecimal, decimals: Int = 2, rounding: NSDecimalNumber.RoundingMode = .plain
    ) -> ExactDecimal? {
        guard divisor.value != 0 else { return nil }
        var quotient = value / divisor.value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &quotient, decimals, rounding)
        return ExactDecimal(rounded)
    }

    /// For messages, the one way rules print numbers: a whole number without decimals, anything
    /// else rounded to two (`2058000`, `40.5` as `40.50`, `12.345` as `12.35`).
    var formatted: String {
        var source = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &source, 2, .plain)
        let text = NSDecimalNumber(decimal: rounded).stringValue
        guard let point = text.firstIndex(of: ".") else { return text }
        let decimals = text.distance(from: point, to: text.endIndex) - 1
        return decimals == 1 ? text + "0" : text
    }
}
