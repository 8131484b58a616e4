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

/// A name and the text of its value.
public struct NamedValue: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The legal basis of a rule or parameter.
public struct LegalReference: Sendable, Hashable, Codable {
    /// The article, for example `Förordning (EU) 2021/1060, art. 63.2`.
    public var reference: String
    public var url: String
    /// False when the fact behind the rule is still to be confirmed.
    public var verified: Bool

    public init(reference: String, url: String, verified: Bool) {
        self.reference = reference
        self.url = url
        self.verified = verified
    }
}
