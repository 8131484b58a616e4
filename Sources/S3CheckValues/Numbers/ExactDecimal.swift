import SafeXML

/// An exact decimal number with at most six fraction digits: an amount in kronor or euro with
/// öre or cents, a percentage, an exchange rate, a head count.
///
/// Held as a 128-bit integer count of millionths, so that addition, comparison and ratios by
/// cross-multiplication are exact and cost a few instructions; 40 % of 5 145 000.15 is
/// 2 058 000.06, not the nearest binary fraction. Every value is parsed once, from the text an
/// application or a pack wrote, by the lexical rules of `xs:decimal` or of XPath 1.0 numbers;
/// a value that does not fit (more than ``maximumWholeDigits`` whole digits or more than
/// ``fractionDigits`` significant fraction digits) is refused with the reason, never rounded.
public struct ExactDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The value × 10⁶.
    public let millionths: Int128

    /// Significant digits after the decimal point that a value may have.
    public static let fractionDigits = 6
    /// Digits before the decimal point that a parsed value may have: a quadrillion kronor is far
    /// beyond any operation, and sums of millions of such values still fit the 128-bit count.
    public static let maximumWholeDigits = 15
    package static let scale: Int128 = 1_000_000

    public static let zero = ExactDecimal(millionths: 0)

    public init(millionths: Int128) {
        self.millionths = millionths
    }

    /// A whole number.
    public init(_ integer: Int) {
        millionths = Int128(integer) * Self.scale
    }

    /// Why a text is not an ``ExactDecimal``.
    public enum ParseFailure: Error, Sendable, Equatable {
        /// Not a number in the lexical form asked for.
        case notANumber
        /// More significant fraction digits than ``ExactDecimal/fractionDigits``.
        case tooManyFractionDigits(Int)
        /// More whole digits than ``ExactDecimal/maximumWholeDigits``.
        case tooManyWholeDigits(Int)
    }

    /// The lexical forms numbers are read in.
    public enum Syntax: Sendable {
        /// `xs:decimal`: an optional `+` or `-`, digits with an optional point, surrounding
        /// whitespace collapsed (`+007.50`).
        case schema
        /// An XPath 1.0 number: an optional `-`, digits with an optional point, surrounding
        /// whitespace allowed; no `+` (XPath's `number('+1')` is NaN).
        case xpath
    }

    /// Parses UTF-8 bytes.
    public static func parse(_ bytes: some Collection<UInt8>, as syntax: Syntax) -> Result<ExactDecimal, ParseFailure> {
        var index = bytes.startIndex
        var end = bytes.endIndex
        while index != end, bytes[index].isXMLWhitespace { index = bytes.index(after: index) }
        // Trailing whitespace: walk once to find the last non-space byte.
        var last = index
        var cursor = index
        while cursor != end {
            if !bytes[cursor].isXMLWhitespace { last = bytes.index(after: cursor) }
            cursor = bytes.index(after: cursor)
        }
        end = last
        guard index != end else { return .failure(.notANumber) }
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || (syntax == .schema && bytes[index] == UInt8(ascii: "+")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index = bytes.index(after: index)
        }
        var whole: Int128 = 0
        var wholeDigits = 0
        var fraction: Int128 = 0
        var fractionCount = 0
        var significantFraction = 0
        var digits = 0
        var seenPoint = false
        while index != end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return .failure(.notANumber) }
                seenPoint = true
            } else if byte >= 0x30, byte <= 0x39 {
                digits += 1
                let digit = Int128(byte - 0x30)
                if seenPoint {
                    fractionCount += 1
                    if digit != 0 { significantFraction = fractionCount }
                    if fractionCount <= Self.fractionDigits { fraction = fraction * 10 + digit }
                } else if wholeDigits > 0 || digit != 0 {
                    wholeDigits += 1
                    // Counted on, not added, once too long: the failure names the length.
                    if wholeDigits <= Self.maximumWholeDigits { whole = whole * 10 + digit }
                }
            } else {
                return .failure(.notANumber)
            }
            index = bytes.index(after: index)
        }
        guard digits > 0 else { return .failure(.notANumber) }
        guard wholeDigits <= Self.maximumWholeDigits else { return .failure(.tooManyWholeDigits(wholeDigits)) }
        guard significantFraction <= Self.fractionDigits else {
            return .failure(.tooManyFractionDigits(significantFraction))
        }
        for _ in min(fractionCount, Self.fractionDigits)..<Self.fractionDigits { fraction *= 10 }
        let magnitude = whole * Self.scale + fraction
        return .success(ExactDecimal(millionths: negative ? -magnitude : magnitude))
    }

    /// A text in `syntax`; nil when it is not one that fits.
    public init?(_ text: String, as syntax: Syntax = .xpath) {
        var text = text
        guard case .success(let value) = text.withUTF8({ Self.parse($0, as: syntax) }) else { return nil }
        self = value
    }

    /// A number an XPath expression computed (a parameter, a `let`), through its shortest
    /// decimal form, which is exact for every number written with 15 significant digits or
    /// fewer; digits beyond the sixth after the point are rounded half away from zero, since a
    /// computed quotient has no exact form to keep. Nil for NaN, infinities and numbers beyond
    /// ``maximumWholeDigits``.
    public init?(_ number: Double) {
        guard number.isFinite, abs(number) < 1e15 else { return nil }
        // Swift prints the shortest text that reads back as the same Double, positionally for
        // every magnitude from 1e-4 up to the limit above.
        let text = "\(number)"
        if text.contains("e") {
            // A magnitude below 1e-4 rounds to a few millionths at most; the product is exact
            // enough for that.
            self.init(millionths: Int128((number * 1e6).rounded(.toNearestOrAwayFromZero)))
        } else if let value = Self.rounding(text) {
            self = value
        } else {
            return nil
        }
    }

    /// A positional decimal text with any number of fraction digits, rounded to six.
    private static func rounding(_ text: String) -> ExactDecimal? {
        var bytes = Array(text.utf8)
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes.removeFirst() }
        let point = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.endIndex
        let fraction = point < bytes.endIndex ? Array(bytes[(point + 1)...]) : []
        let kept = Array(bytes[..<point]) + [UInt8(ascii: ".")] + fraction.prefix(fractionDigits)
        guard case .success(var value) = parse(kept, as: .xpath) else { return nil }
        if fraction.count > fractionDigits, fraction[fractionDigits] >= UInt8(ascii: "5") {
            value = ExactDecimal(millionths: value.millionths + 1)
        }
        return negative ? ExactDecimal(millionths: -value.millionths) : value
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool { lhs.millionths < rhs.millionths }

    /// The sum of values read from one application. Each has at most 15 whole digits and an
    /// application at most a few million values within the size limit, so the 128-bit count
    /// (about 10¹⁷ maximal values) cannot overflow; ``adding(_:)`` is for sums of unknown terms.
    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        ExactDecimal(millionths: lhs.millionths + rhs.millionths)
    }

    public static func += (lhs: inout ExactDecimal, rhs: ExactDecimal) {
        lhs = lhs + rhs
    }

    /// The sum; nil when it does not fit in 128 bits.
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        let (sum, overflow) = millionths.addingReportingOverflow(other.millionths)
        return overflow ? nil : ExactDecimal(millionths: sum)
    }

    /// The difference; nil on overflow.
    public func subtracting(_ other: ExactDecimal) -> ExactDecimal? {
        let (difference, overflow) = millionths.subtractingReportingOverflow(other.millionths)
        return overflow ? nil : ExactDecimal(millionths: difference)
    }

    /// The absolute value (the smallest 128-bit count, never read from text, stays as it is).
    public var magnitude: ExactDecimal {
        millionths < 0 && millionths != .min ? ExactDecimal(millionths: -millionths) : self
    }

    public var isZero: Bool { millionths == 0 }

    /// How `self × factor` compares with `other × multiplier`, exactly, in 256 bits: a ratio
    /// n ÷ d against a limit m is n × 100 ≤ m × d, with no quotient ever rounded.
    public static func compareProducts(
        _ left: ExactDecimal, _ leftFactor: ExactDecimal, _ right: ExactDecimal, _ rightFactor: ExactDecimal
    ) -> Int {
        let a = left.millionths.multipliedFullWidth(by: leftFactor.millionths)
        let b = right.millionths.multipliedFullWidth(by: rightFactor.millionths)
        if a.high != b.high { return a.high < b.high ? -1 : 1 }
        if a.low != b.low { return a.low < b.low ? -1 : 1 }
        return 0
    }

    /// How quotients are rounded for messages.
    public enum Rounding: Sendable {
        /// Half away from zero.
        case plain
        /// Towards negative infinity: a value that failed a minimum never rounds up onto it.
        case down
        /// Towards positive infinity: a value that failed a maximum never rounds down onto it.
        case up
    }

    /// `self ÷ divisor` rounded to `decimals` places (at most six), for messages only; nil for
    /// division by zero or a quotient beyond 128 bits.
    public func divided(by divisor: ExactDecimal, decimals: Int = 2, rounding: Rounding = .plain) -> ExactDecimal? {
        guard !divisor.isZero else { return nil }
        var power: Int128 = 1
        for _ in 0..<decimals { power *= 10 }
        // (a ÷ d) × 10^decimals = a × 10^decimals ÷ d, both counted in millionths.
        let (numerator, overflow) = millionths.multipliedReportingOverflow(by: power)
        guard !overflow else { return nil }
        var quotient = numerator / divisor.millionths
        let remainder = numerator % divisor.millionths
        if remainder != 0 {
            let negative = (numerator < 0) != (divisor.millionths < 0)
            switch rounding {
            case .plain:
                if remainder.magnitude * 2 >= divisor.millionths.magnitude { quotient += negative ? -1 : 1 }
            case .down:
                if negative { quotient -= 1 }
            case .up:
                if !negative { quotient += 1 }
            }
        }
        var scale: Int128 = 1
        for _ in decimals..<Self.fractionDigits { scale *= 10 }
        return ExactDecimal(millionths: quotient * scale)
    }

    /// Rounded to `decimals` places, half away from zero.
    public func rounded(decimals: Int) -> ExactDecimal {
        divided(by: ExactDecimal(1), decimals: decimals, rounding: .plain) ?? self
    }

    /// The canonical `xs:decimal` form: no `+`, no leading zeros, no trailing fraction zeros
    /// (`2058000`, `40.5`, `-0.25`).
    public var description: String {
        let magnitude = millionths.magnitude
        let whole = magnitude / UInt128(Self.scale)
        var fraction = magnitude % UInt128(Self.scale)
        var text = millionths < 0 ? "-" + String(whole) : String(whole)
        guard fraction != 0 else { return text }
        var digits = Self.fractionDigits
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        return text
    }

    /// For messages, the one way rules print numbers: a whole number without decimals, anything
    /// else rounded to two (`2058000`, `40.5` as `40.50`, `12.345` as `12.35`).
    public var formatted: String {
        let rounded = rounded(decimals: 2)
        let text = rounded.description
        guard let point = text.firstIndex(of: ".") else { return text }
        return text.distance(from: point, to: text.endIndex) == 2 ? text + "0" : text
    }

    /// Whether `bytes` are already the canonical form ``description`` writes, so that the walk
    /// rewrites only the few values written otherwise (`+007.50`).
    public static func isCanonical(_ bytes: some Collection<UInt8>) -> Bool {
        var index = bytes.startIndex
        guard index != bytes.endIndex else { return false }
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index = bytes.index(after: index)
        }
        var wholeDigits = 0
        var leadingZero = false
        var fractionDigits = 0
        var lastFractionIsZero = false
        var seenPoint = false
        var nonZero = false
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return false }
                seenPoint = true
            } else if byte >= 0x30, byte <= 0x39 {
                if byte != 0x30 { nonZero = true }
                if seenPoint {
                    fractionDigits += 1
                    lastFractionIsZero = byte == 0x30
                } else {
                    if wholeDigits == 0 { leadingZero = byte == 0x30 }
                    wholeDigits += 1
                }
            } else {
                return false
            }
            index = bytes.index(after: index)
        }
        guard wholeDigits >= 1, !(leadingZero && wholeDigits > 1) else { return false }
        if seenPoint, fractionDigits == 0 || lastFractionIsZero { return false }
        return !(negative && !nonZero)
    }
}

extension ExactDecimal: Codable {
    /// Encoded as its canonical text, as the JSON report writes amounts ("5145000.15").
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = ExactDecimal(text, as: .schema) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an exact decimal: \(text)")
        }
        self = value
    }
}
