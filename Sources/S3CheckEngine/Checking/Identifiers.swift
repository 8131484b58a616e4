import S3CheckPacks
import S3CheckValues
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

    /// What is wrong with a Swedish organisation number, the first thing only.
    public enum OrganisationNumberProblem: Sendable, Equatable {
        /// Not ten digits (`NNNNNN-NNNN`, or the 12-digit `16…` form).
        case format
        /// A valid personal identity number (third digit 0 or 1, a real date, Luhn-valid): a
        /// natural person, not an organisation.
        case personalIdentityNumber
        /// Ten digits in the right form whose last digit does not match the first nine.
        case checkDigit
        /// A valid number written with spaces or points: it reads as `written` `NNNNNN-NNNN`.
        case separators(written: String)

        /// Why, as a sentence in `language`.
        public func reason(_ language: Language) -> String {
            switch self {
            case .format: Catalog.text("orgnr.format", language)
            case .personalIdentityNumber: Catalog.text("orgnr.personal-identity-number", language)
            case .checkDigit: Catalog.text("orgnr.check-digit", language)
            case .separators(let written): Catalog.text("orgnr.separators", language, ["written": written])
            }
        }
    }

    /// What is wrong with `text` as a Swedish organisation number; nil when it is one.
    public static func organisationNumberProblem(_ text: String) -> OrganisationNumberProblem? {
        guard !isSwedishOrganisationNumber(text) else { return nil }
        // The right digits in a form people write by hand (556036 0793, 556.036-0793).
        let bare = text.unicodeScalars.filter { ("0"..."9").contains($0) }
        if bare.count == 10 || bare.count == 12 {
            let digits = String(String.UnicodeScalarView(bare))
            let written = String(digits.dropLast(4)) + "-" + String(digits.suffix(4))
            if isSwedishOrganisationNumber(written) { return .separators(written: written) }
        }
        var bytes = Array(text.trimmingXMLWhitespace().utf8)
        if bytes.count >= 5, bytes[bytes.count - 5] == UInt8(ascii: "-") || bytes[bytes.count - 5] == UInt8(ascii: "+")
        {
            bytes.remove(at: bytes.count - 5)
        }
        // A personal identity number may be written with the century: 19YYMMDD-NNNN.
        if bytes.count == 12,
            bytes.starts(with: Array("16".utf8)) || bytes.starts(with: Array("19".utf8))
                || bytes.starts(with: Array("20".utf8))
        {
            bytes.removeFirst(2)
        }
        let digits = bytes.compactMap(digit)
        guard bytes.count == 10, digits.count == 10 else { return .format }
        let luhn = luhnSum(digits) % 10 == 0
        if digits[2] < 2 {
            // Month 01–12 and a day that exists (60 is added for a coordination number).
            let month = Int(digits[2]) * 10 + Int(digits[3])
            var day = Int(digits[4]) * 10 + Int(digits[5])
            if day > 60 { day -= 60 }
            if luhn, (1...12).contains(month), (1...31).contains(day) { return .personalIdentityNumber }
            return luhn ? .format : .checkDigit
        }
        return .checkDigit
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
