import Foundation
import S3CheckCore

/// Escaping for XML and HTML output; everything taken from an application passes through here.
enum Markup {
    /// Text safe inside XML or HTML content and attribute values. Characters XML 1.0 forbids
    /// (most control characters) become U+FFFD, so a hostile application cannot break the file.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed =
                    (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
                    || (0x10000...0x10FFFF).contains(value)
                result.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return result
    }

    /// The date and time a person reads on a printed report: local time (the machine's time
    /// zone, `TZ`), written as the language writes it, with the offset from UTC so that the
    /// moment is unambiguous: `6 december 2026 kl. 07.45 (UTC+01:00)`,
    /// `6 December 2026, 07:45 (UTC+01:00)`.
    static func localTime(_ date: Date, _ language: Language, in timeZone: TimeZone = .current) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.locale = Locale(identifier: language == .sv ? "sv_SE" : "en_GB")
        formatter.dateFormat = language == .sv ? "d MMMM y 'kl.' HH.mm" : "d MMMM y, HH:mm"
        let seconds = timeZone.secondsFromGMT(for: date)
        let offset = String(
            format: "%@%02d:%02d", seconds < 0 ? "-" : "+", abs(seconds) / 3600, abs(seconds) % 3600 / 60)
        return formatter.string(from: date) + " (UTC\(offset))"
    }

    /// ISO 8601 in UTC without fractions (`2026-03-16T08:00:00`), as JUnit schemas want.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
