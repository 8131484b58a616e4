/// Application text made safe to show a person: characters that are invisible or change how
/// the surrounding text is displayed are written out as `<U+202E>`.
///
/// A bidirectional override in a partner's name (U+202A–U+202E, U+2066–U+2069) would otherwise
/// reverse s3check's own message after it, in a terminal, a browser or a code-review view; a
/// zero-width or control character would hide text or, in a terminal, move the cursor. Tabs and
/// line breaks stay.
public enum VisibleText {
    public static func escaping(_ text: String) -> String {
        // Fast path: most text has nothing to escape.
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isHidden(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Controls other than tab and line breaks, and invisible formatting characters (Unicode
    /// category Cf: bidirectional controls, zero-width spaces and joiners, the byte-order mark).
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: scalar.properties.generalCategory == .format
        }
    }
}
