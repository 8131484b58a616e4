/// Where in an application (or rule file) something was found.
public struct SourceLocation: Sendable, Hashable, Codable {
    /// The path as the user gave it.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// The field a finding is about: its path in the document and its name for people.
public struct FieldReference: Sendable, Hashable, Codable {
    /// A path such as `/application/partners/partner[2]/organisationNumber`.
    public var path: String
    /// A breadcrumb such as `Parter › Part › Organisationsnummer`.
    public var label: LocalizedText

    public init(path: String, label: LocalizedText) {
        self.path = path
        self.label = label
    }
}
