import SafeXML

/// Check-digit and format checks for Swedish identifiers.
public enum Identifiers {
    /// True when the digits of `text` (ignoring spaces, `-` and `+`) pass the Luhn (mod 10) check.
    public static func isLuhnValid(digitsOf text: String) -> Bool {
        let kept = text.filter { $0 != " " && $0 != "-" && $0 != "+" }
        guard kept.count >= 2, kept.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        var sum = 0
        for (index, character) in kept.reversed().enumerated() {
            var digit = Int(String(character))!
            if index % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }

    /// A Swedish organisation number: `NNNNNN-NNNN` (hyphen optional, or the 12-digit `16…`
    /// form), third digit at least 2 so it cannot be a personal identity number, Luhn-valid.
    public static func isSwedishOrganisationNumber(_ text: String) -> Bool {
        var digits = text.trimmingXMLWhitespace()
        // The hyphen, if any, stands before the last four digits (NNNNNN-NNNN or 16NNNNNN-NNNN).
        if digits.count >= 5, digits[digits.index(digits.endIndex, offsetBy: -5)] == "-" {
            digits.remove(at: digits.index(digits.endIndex, offsetBy: -5))
        }
        if digits.count == 12, digits.hasPrefix("16") { digits = String(digits.dropFirst(2)) }
        guard digits.count == 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        let third = Int(String(digits[digits.index(digits.startIndex, offsetBy: 2)]))!
        return third >= 2 && isLuhnValid(digitsOf: digits)
    }

    /// A Swedish VAT number: `SE`, ten digits that pass Luhn, then `01`.
    public static func isSwedishVATNumber(_ text: String) -> Bool {
        let trimmed = text.trimmingXMLWhitespace()
        guard trimmed.count == 14, trimmed.hasPrefix("SE"), trimmed.hasSuffix("01") else { return false }
        let digits = trimmed.dropFirst(2).prefix(10)
        return digits.allSatisfy({ $0.isASCII && $0.isNumber }) && isLuhnValid(digitsOf: String(digits))
    }
}
