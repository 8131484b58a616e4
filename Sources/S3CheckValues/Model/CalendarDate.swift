import Foundation
import SafeXML

/// A date without time or zone, as written in `xs:date` (`2026-03-15`).
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses `YYYY-MM-DD`, ignoring an `xs:date` time-zone suffix; nil for anything else,
    /// including impossible dates such as 2026-02-30.
    public init?(_ text: String) {
        var text = text
        guard let date = text.withUTF8({ CalendarDate(bytes: $0) }) else { return nil }
        self = date
    }

    /// Parses UTF-8 bytes as ``init(_:)`` parses text, without making a string: dates are read
    /// for every cost line.
    public init?(bytes text: UnsafeBufferPointer<UInt8>) {
        let bytes = text.trimmingXMLWhitespace()
        guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), day >= 1, day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        guard Self.isTimeZone(UnsafeBufferPointer(rebasing: bytes[10...])) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether the bytes after a date or year are an `xs:date` time zone: none, `Z`, or `±hh:mm`.
    static func isTimeZone(_ rest: UnsafeBufferPointer<UInt8>) -> Bool {
        rest.isEmpty || (rest.count == 1 && rest[0] == 0x5A)
            || (rest.count == 6 && (rest[0] == 0x2B || rest[0] == 0x2D))
    }

    /// Whether UTF-8 bytes are a `gYear` as rules compare years: four digits and
    /// an optional time zone, surrounding whitespace allowed.
    public static func isReadableYear(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let bytes = text.trimmingXMLWhitespace()
        guard bytes.count >= 4, bytes[0..<4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return isTimeZone(UnsafeBufferPointer(rebasing: bytes[4...]))
    }

    /// Days since 1970-01-01, for comparisons and differences.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The same day `years` years earlier; 29 February becomes 28 February in a common year.
    public func yearsEarlier(_ years: Int) -> CalendarDate {
        let year = self.year - years
        let day = min(self.day, Self.daysIn(month: month, year: year))
        return CalendarDate(year: year, month: month, day: day)
    }

    private init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        let pad = { (value: Int, width: Int) in
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
