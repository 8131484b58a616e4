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

    public init(
        file: String,
        sha256: String?,
        verdict: Verdict,
        findings: [Finding],
        results: [RuleResult],
        identity: ApplicationIdentity?,
        alignment: S3Alignment? = nil
    ) {
        self.file = file
        self.sha256 = sha256
        self.verdict = verdict
        self.findings = findings
        self.results = results
        self.identity = identity
        self.alignment = alignment
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

    public var ruleID: String
    public var outcome: Outcome

    public init(ruleID: String, outcome: Outcome) {
        self.ruleID = ruleID
        self.outcome = outcome
    }
}

/// The facts that identify an application in a report.
public struct ApplicationIdentity: Sendable, Hashable, Codable {
    public var title: String?
    public var applicant: String?
    public var organisationNumber: String?
    public var call: String?
    public var submissionDate: String?
}
