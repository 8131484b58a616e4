/// What checking one application produced.
public struct ApplicationReport: Sendable, Codable {
    /// The path as the user gave it.
    public var file: String
    /// SHA-256 of the file's bytes, hex; nil when the file could not be read.
    public var sha256: String?
    public var verdict: Verdict
    /// Findings in document order, errors before warnings on the same line.
    public var findings: [Finding]
    /// The outcome of every rule that was selected, in pack order.
    public var results: [RuleResult]
    /// Who and what the application is about, when it could be read.
    public var identity: ApplicationIdentity?
    /// The smart-specialisation scoring, when the pack has a strategy and the application is valid.
    public var alignment: S3Alignment?
    /// What the application is (period, partners, costs, financing), when it is schema-valid.
    public var facts: ApplicationFacts?

    public init(
        file: String,
        sha256: String?,
        verdict: Verdict,
        findings: [Finding],
        results: [RuleResult],
        identity: ApplicationIdentity?,
        alignment: S3Alignment? = nil,
        facts: ApplicationFacts? = nil
    ) {
        self.file = file
        self.sha256 = sha256
        self.verdict = verdict
        self.findings = findings
        self.results = results
        self.identity = identity
        self.alignment = alignment
        self.facts = facts
    }

    /// How many findings there are of a severity.
    public func count(_ severity: Severity) -> Int {
        findings.count { $0.severity == severity }
    }
}

/// The outcome of one rule on one application.
public struct RuleResult: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Codable {
        case pass
        case fail
        case notApplicable = "not-applicable"
        /// The rule could not be evaluated; the application cannot be assessed.
        case error
    }

    /// What a ratio check measured, as the printed report shows it beside the rule whether it
    /// passed or failed: "55 % (at most 40 %)". Canonical decimals.
    public struct Measurement: Sendable, Hashable, Codable {
        public var value: String
        public var min: String?
        public var max: String?
        public var percent: Bool

        public init(value: String, min: String?, max: String?, percent: Bool) {
            self.value = value
            self.min = min
            self.max = max
            self.percent = percent
        }
    }

    public var ruleID: String
    public var outcome: Outcome
    /// For a ratio check on one context, the ratio and its bounds.
    public var measurement: Measurement?

    public init(ruleID: String, outcome: Outcome, measurement: Measurement? = nil) {
        self.ruleID = ruleID
        self.outcome = outcome
        self.measurement = measurement
    }
}

/// The facts that identify an application in a report.
public struct ApplicationIdentity: Sendable, Hashable, Codable {
    public var title: String?
    public var applicant: String?
    public var organisationNumber: String?
    public var call: String?
    public var submissionDate: String?

    public init(
        title: String? = nil, applicant: String? = nil, organisationNumber: String? = nil, call: String? = nil,
        submissionDate: String? = nil
    ) {
        self.title = title
        self.applicant = applicant
        self.organisationNumber = organisationNumber
        self.call = call
        self.submissionDate = submissionDate
    }
}
