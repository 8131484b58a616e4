import S3CheckCore

/// The documented exit codes; stable, so that CI scripts can rely on them.
public enum Outcome: Int32, Sendable {
    /// Every application is eligible (warnings allowed unless `--fail-on warning`).
    case allEligible = 0
    /// At least one application is not eligible.
    case notEligible = 1
    /// At least one application could not be assessed; wins over `notEligible`.
    case cannotBeAssessed = 2
    /// The command line or a rule pack is wrong.
    case usageError = 3

    /// The exit code for a set of verdicts.
    public static func of(_ verdicts: [Verdict], failOnWarning: Bool) -> Outcome {
        if verdicts.contains(.cannotBeAssessed) { return .cannotBeAssessed }
        if verdicts.contains(.notEligible) { return .notEligible }
        if failOnWarning, verdicts.contains(.eligibleWithRemarks) { return .notEligible }
        return .allEligible
    }

    /// The exit code for the verdicts counted in a run's tally.
    public static func of(counts tally: RunTally, failOnWarning: Bool) -> Outcome {
        let verdicts = Verdict.allCases.filter { tally.count($0) > 0 }
        return of(verdicts, failOnWarning: failOnWarning)
    }
}
