import S3CheckValues

/// The running totals of a run, added to in input order as each application is delivered.
public struct RunTally: Sendable {
    /// One row per application delivered so far, in input order.
    public private(set) var applications: [ApplicationSummary] = []
    /// Whether a rule could not be evaluated on some application.
    public private(set) var evaluationFailed = false
    /// How many applications so far were scored for smart specialisation.
    public private(set) var scoredApplications = 0
    /// How many findings so far, over all applications.
    public private(set) var findings = 0
    private var verdictCounts: [Verdict: Int] = [:]

    public init() {}

    /// Adds the next application in input order.
    public mutating func add(_ summary: ApplicationSummary) {
        applications.append(summary)
        verdictCounts[summary.verdict, default: 0] += 1
        evaluationFailed = evaluationFailed || summary.evaluationFailed
        if summary.declaredAreas != nil { scoredApplications += 1 }
        findings += summary.findings
    }

    /// How many applications got a verdict.
    public func count(_ verdict: Verdict) -> Int {
        verdictCounts[verdict] ?? 0
    }
}
