import Foundation
import S3CheckCore

/// The argument parser's usage errors in the user's language.
///
/// swift-argument-parser words its errors in English only; an applicant who asked for Swedish
/// gets the error's first line and the hints around it in Swedish, recognised by the parser's
/// documented message forms (any other error keeps its text under a Swedish heading). The
/// usage line is syntax and stays as it is.
enum UsageErrorText {
    static func localized(_ message: String, _ language: Language) -> String {
        guard language == .sv else { return message }
        var lines: [String] = []
        for line in message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("Error: ") {
                lines.append(Catalog.text("usage.error", language, ["message": swedish(String(line.dropFirst(7)))]))
            } else if line.hasPrefix("Help:") {
                // The option's help text is English: the Swedish sentence above says what to do.
                continue
            } else if line.hasPrefix("Usage: ") {
                lines.append(Catalog.text("usage.usage", language, ["usage": String(line.dropFirst(7))]))
            } else if let match = line.firstMatch(of: /See '(.+)' for more information\./) {
                lines.append("  " + Catalog.text("usage.see", language, ["command": String(match.1)]))
            } else {
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The parser's English error sentence in Swedish, for the forms it documents.
    private static func swedish(_ sentence: String) -> String {
        if let match = sentence.firstMatch(of: /Unknown option '(.+?)'\.(?: Did you mean '(.+?)'\?)?/) {
            let unknown = Catalog.text("usage.unknown-option", .sv, ["option": String(match.1)])
            return match.2.map { unknown + " " + Catalog.text("usage.did-you-mean", .sv, ["option": String($0)]) }
                ?? unknown
        }
        if let match = sentence.firstMatch(of: /Missing expected argument '(.+?)'/) {
            let argument = String(match.1)
            return Catalog.text(
                argument.hasPrefix("<paths>") ? "usage.missing-paths" : "usage.missing-argument", .sv,
                ["argument": argument])
        }
        if let match = sentence.firstMatch(
            of: /The value '(.+?)' is invalid for '(.+?)'\. Please provide one of the following:/)
        {
            return Catalog.text("usage.invalid-value-list", .sv, ["value": String(match.1), "option": String(match.2)])
        }
        if let match = sentence.firstMatch(
            of: /The value '(.+?)' is invalid for '(.+?)'\. Please provide one of (.+)\./)
        {
            let choices = String(match.3).replacingOccurrences(of: "'", with: "").replacingOccurrences(
                of: " and ", with: ", ")
            return Catalog.text(
                "usage.invalid-value", .sv, ["value": String(match.1), "option": String(match.2), "choices": choices])
        }
        if let match = sentence.firstMatch(of: /The value '(.+?)' is invalid for '(.+?)'/) {
            return Catalog.text(
                "usage.invalid-value-plain", .sv, ["value": String(match.1), "option": String(match.2)])
        }
        return sentence
    }
}
