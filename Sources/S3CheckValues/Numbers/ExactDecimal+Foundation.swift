import Foundation

extension ExactDecimal {
    /// Foundation's decimal of the same value, for the formatters that take one; the verdict
    /// path never converts.
    public var decimalValue: Decimal {
        Decimal(string: description, locale: Self.posix) ?? 0
    }

    /// The point as decimal separator, whatever the user's locale; made once, not per amount.
    private static let posix = Locale(identifier: "en_US_POSIX")
}
