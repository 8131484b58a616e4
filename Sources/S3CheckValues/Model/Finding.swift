/// One problem found in an application: a failed rule, or a reason it could not be assessed.
public struct Finding: Sendable, Hashable, Codable {
    /// The rule id, or an `S3C-…` id for problems found before the rules run.
    public var ruleID: String
    public var severity: Severity
    public var title: LocalizedText
    /// The message with the values found filled in.
    public var message: LocalizedText
    /// What to do about it.
    public var hint: LocalizedText?
    public var legal: LegalReference?
    public var location: SourceLocation?
    public var field: FieldReference?
    /// Values the rule computed or read, by name (`value`, `ratio`, `max` …).
    public var values: [NamedValue]
    /// The parameters the rule used, with the values in force on the submission date.
    public var parameters: [NamedValue]
    /// True when this finding means the application could not be assessed at all.
    public var blocksAssessment: Bool

    public init(
        ruleID: String,
        severity: Severity,
        title: LocalizedText,
        message: LocalizedText,
        hint: LocalizedText? = nil,
        legal: LegalReference? = nil,
        location: SourceLocation? = nil,
        field: FieldReference? = nil,
        values: [NamedValue] = [],
        parameters: [NamedValue] = [],
        blocksAssessment: Bool = false
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.title = title
        self.message = message
        self.hint = hint
        self.legal = legal
        self.location = location
        self.field = field
        self.values = values
        self.parameters = parameters
        self.blocksAssessment = blocksAssessment
    }
}

extension Finding {
    /// The parameters a person reads beside the finding: the numbers and dates the rule compared
    /// against. Text parameters (a region category, a call id) are configuration, which
    /// `s3check explain` shows; the JSON report keeps them all.
    public var shownParameters: [NamedValue] {
        parameters.filter { $0.isNumber || CalendarDate($0.value) != nil }
    }
}

/// A name and the text of its value.
public struct NamedValue: Sendable, Hashable, Codable {
    public var name: String
    /// As the application or the pack wrote it; a number in canonical form (`5145000.15`).
    public var value: String
    /// Whether ``value`` is a number, which people read with their language's digit grouping
    /// and decimal separator.
    public var isNumber: Bool
    /// What the value is, in the report's language (a parameter's title); nil for values a
    /// check found, which messages name themselves.
    public var label: LocalizedText?
    /// The parameter's unit as the pack declares it (`percent`, `SEK`, `EUR`, `SEK/EUR`,
    /// `characters`); nil when it has none.
    public var unit: String?

    public init(name: String, value: String, isNumber: Bool = false, label: LocalizedText? = nil, unit: String? = nil) {
        self.name = name
        self.value = value
        self.isNumber = isNumber
        self.label = label
        self.unit = unit
    }

    /// The value as people write it in `language`: numbers grouped and with the decimal
    /// separator of the language, anything else as written.
    public func text(in language: Language) -> String {
        guard isNumber, let formatted = NumberText.decimal(text: value, language) else { return value }
        return formatted
    }

    /// `Title: value with unit`, as a list of parameters shows it; the name when there is no title.
    public func labelled(in language: Language) -> String {
        (label?[language] ?? name) + ": " + textWithUnit(in: language)
    }

    /// The value with its unit, for lists of parameters: `40 %`, `300 000 euro`, `SEK 20,000,000`.
    public func textWithUnit(in language: Language) -> String {
        guard isNumber, let number = NumberText.canonicalDecimal(value) else { return value }
        switch unit {
        case "percent": return NumberText.percent(number, language, decimals: 2)
        case "SEK", "EUR": return NumberText.amount(number, currency: unit ?? "", language)
        case "SEK/EUR":
            return NumberText.decimal(number, language, decimals: 4)
                + (language == .sv ? "\u{00A0}kr/euro" : "\u{00A0}SEK/EUR")
        case "characters": return NumberText.decimal(number, language) + (language == .sv ? " tecken" : " characters")
        default: return text(in: language)
        }
    }
}

/// The legal basis of a rule or parameter.
public struct LegalReference: Sendable, Hashable, Codable {
    /// The article in Swedish, for example `Förordning (EU) 2021/1060, art. 63.2`.
    public var reference: String
    /// The article in English, for example `Regulation (EU) 2021/1060, Art. 63(2)`; nil when
    /// the pack gives it in Swedish only.
    public var english: String?
    public var url: String
    /// False when the fact behind the rule is still to be confirmed.
    public var verified: Bool

    private enum CodingKeys: String, CodingKey {
        case reference
        case english = "referenceEn"
        case url
        case verified
    }

    /// The reference in the report's language (Swedish where the pack has no English).
    public func text(in language: Language) -> String {
        language == .en ? (english ?? reference) : reference
    }

    public init(reference: String, english: String? = nil, url: String, verified: Bool) {
        self.reference = reference
        self.english = english
        self.url = url
        self.verified = verified
    }
}
