/// The one-word answer for an application.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    /// Every applicable rule passed, or failed only at `info` level.
    case eligible
    /// Only warnings failed.
    case eligibleWithRemarks = "eligible-with-remarks"
    /// At least one `error` rule failed.
    case notEligible = "not-eligible"
    /// The application could not be read, is schema-invalid, or a rule could not be evaluated.
    case cannotBeAssessed = "cannot-be-assessed"

    /// The verdict's name for people.
    public var label: LocalizedText { Catalog.text("verdict.\(rawValue)") }

    /// "3 not eligible", "1 stödberättigad", "15 stödberättigade".
    public func counted(_ count: Int) -> LocalizedText { Catalog.counted("verdict.counted.\(rawValue)", count) }
}
