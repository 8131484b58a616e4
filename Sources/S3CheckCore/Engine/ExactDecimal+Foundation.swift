import Foundation

extension ExactDecimal {
    /// Foundation's decimal of the same value, for the formatters that take one; the verdict
    /// path never converts.
    public var decimalValue: Decimal {
        Decimal(string: description, locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }
}
