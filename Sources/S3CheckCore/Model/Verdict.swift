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
    public var label: LocalizedText {
        switch self {
        case .eligible: LocalizedText(sv: "stödberättigad", en: "eligible")
        case .eligibleWithRemarks:
            LocalizedText(sv: "stödberättigad med anmärkningar", en: "eligible with remarks")
        case .notEligible: LocalizedText(sv: "ej stödberättigad", en: "not eligible")
        case .cannotBeAssessed: LocalizedText(sv: "kan inte bedömas", en: "cannot be assessed")
        }
    }
}
