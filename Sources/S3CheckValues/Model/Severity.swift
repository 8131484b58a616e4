/// How much a failed rule matters for the verdict.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    /// The application is not eligible.
    case error
    /// A remark: the application stays eligible unless `--fail-on warning` is given.
    case warning
    /// Information only.
    case info

    /// The severity's name for people: `fel`, `varning`, `info` / `error`, `warning`, `info`.
    public var label: LocalizedText { Catalog.text("severity.\(rawValue)") }

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }
}
