import S3CheckValues

/// A named value a rule can use as `$id`, whose value depends on the date.
public struct Parameter: Sendable, Identifiable {
    public enum Kind: String, Sendable {
        case number
        case string
        case date
    }

    /// A value and the date from which it is in force.
    public struct DatedValue: Sendable, Hashable {
        public var from: CalendarDate
        public var value: String
    }

    public var id: String
    public var kind: Kind
    public var unit: String?
    public var title: LocalizedText
    public var legal: LegalReference?
    /// Sorted by `from`.
    public var values: [DatedValue]
    public var origin: SourceLocation
    public var packID: String

    /// The value in force on `date`: the latest one whose `from` is not after it.
    public func value(on date: CalendarDate) -> String? {
        values.last { $0.from <= date }?.value
    }
}

/// A list of valid codes (municipalities, intervention fields …) with their names.
public struct CodeList: Sendable, Identifiable {
    public var id: String
    public var title: LocalizedText
    /// Code → name.
    public var codes: [String: String]
    public var source: LegalReference?
    public var file: String
}

/// A named selection of rules, such as `draft` or `submission`.
public struct Profile: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: LocalizedText
    public var isDefault: Bool
}

/// The identity of one loaded pack, for the audit trail.
public struct PackInfo: Sendable, Hashable, Codable {
    public var id: String
    public var version: String
    public var title: LocalizedText
    /// The file as shown to users (`Rules/se/stockholm/stockholm.xml`).
    public var file: String
    /// The path as ``RuleFiles`` reads it (below `Rules/` for shipped packs).
    public var path: String
    public var sha256: String
    public var validFrom: CalendarDate
    public var validTo: CalendarDate?
}
