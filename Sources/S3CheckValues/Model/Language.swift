import Foundation

/// A language every user-facing text exists in.
public enum Language: String, Sendable, CaseIterable, Codable {
    case sv
    case en

    /// The language a person's environment asks for: `LC_ALL`, `LC_MESSAGES`, then `LANG`;
    /// Swedish when it starts with `sv`, English otherwise.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("sv") ? .sv : .en
            }
        }
        return .en
    }
}

extension Language {
    /// `value` with `decimals` decimals and this language's decimal separator: `122,9` in
    /// Swedish, `122.9` in English. For text people read; machine formats keep the point.
    public func decimal(_ value: Double, decimals: Int = 1) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return self == .sv ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}

/// A text in Swedish and English.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var sv: String
    public var en: String

    public init(sv: String, en: String) {
        self.sv = sv
        self.en = en
    }

    public subscript(language: Language) -> String {
        language == .sv ? sv : en
    }

    /// A breadcrumb one step longer: `Budget › Kostnadspost` + `category`.
    public func appending(_ next: LocalizedText) -> LocalizedText {
        LocalizedText(sv: sv + " › " + next.sv, en: en + " › " + next.en)
    }

    /// Applies `transform` to both languages.
    public func map(_ transform: (String, Language) -> String) -> LocalizedText {
        LocalizedText(sv: transform(sv, .sv), en: transform(en, .en))
    }
}
