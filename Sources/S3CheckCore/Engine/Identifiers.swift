import SafeXML

/// Check-digit and format checks for Swedish identifiers.
public enum Identifiers {
    /// True when the digits of `text` (ignoring spaces, `-` and `+`) pass the Luhn (mod 10) check.
    public static func isLuhnValid(digitsOf text: String) -> Bool {
        var digits: [UInt8] = []
        for byte in text.utf8 where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "-") && byte != UInt8(ascii: "+")
        {
            guard let digit = digit(byte) else { return false }
            digits.append(digit)
        }
        return digits.count >= 2 && luhnSum(digits) % 10 == 0
    }

    /// A Swedish organisation number: `NNNNNN-NNNN` (hyphen optional, or the 12-digit `16…`
    /// form), third digit at least 2 so it cannot be a personal identity number, Luhn-valid.
    public static func isSwedishOrganisationNumber(_ text: String) -> Bool {
        // Bytes: anything that is not an ASCII digit or the one hyphen fails anyway.
        var bytes = Array(text.trimmingXMLWhitespace().utf8)
        // The hyphen, if any, stands before the last four digits (NNNNNN-NNNN or 16NNNNNN-NNNN).
        if bytes.count >= 5, bytes[bytes.count - 5] == UInt8(ascii: "-") { bytes.remove(at: bytes.count - 5) }
        if bytes.count == 12, bytes.starts(with: Array("16".utf8)) { bytes.removeFirst(2) }
        let digits = bytes.compactMap(digit)
        guard bytes.count == 10, digits.count == 10 else { return false }
        return digits[2] >= 2 && luhnSum(digits) % 10 == 0
    }

    /// A Swedish VAT number: `SE`, ten digits that pass Luhn, then `01`.
    public static func isSwedishVATNumber(_ text: String) -> Bool {
        let bytes = Array(text.trimmingXMLWhitespace().utf8)
        guard bytes.count == 14, bytes.starts(with: Array("SE".utf8)), bytes.suffix(2).elementsEqual("01".utf8) else {
            return false
        }
        let digits = bytes[2..<12].compactMap(digit)
        return digits.count == 10 && luhnSum(digits) % 10 == 0
    }

    private static func digit(_ byte: UInt8) -> UInt8? {
        byte >= 0x30 && byte <= 0x39 ? byte - 0x30 : nil
    }

    /// Luhn's sum: every second digit from the right doubled, nines cast out.
    private static func luhnSum(_ digits: [UInt8]) -> Int {
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if index % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum
    }
}
