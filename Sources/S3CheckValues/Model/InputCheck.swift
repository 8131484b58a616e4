/// The checks s3check makes on every application before its rules, each with a stable id.
///
/// Their findings carry these ids in place of a rule id, so that CI formats list them as rules
/// (SARIF's driver knows every one before the first application is read) and tools can filter
/// on them. All block the assessment: the application cannot be assessed.
public enum InputCheck: String, CaseIterable, Sendable {
    /// The file cannot be read (missing, unreadable).
    case io = "S3C-IO"
    /// The file is larger than `--max-size`.
    case tooLarge = "S3C-TOO-LARGE"
    /// The file has a DOCTYPE, which applications must not have (entity expansion, XXE).
    case doctype = "S3C-DOCTYPE"
    /// The file is not well-formed XML.
    case xml = "S3C-XML"
    /// The document is XML but not an s3check application.
    case format = "S3C-FORMAT"
    /// The application's `formatVersion` is one this s3check does not read.
    case version = "S3C-VERSION"
    /// The rule packs do not cover the application's submission date.
    case packValidity = "S3C-PACK-VALIDITY"
    /// The application does not follow the application schema.
    case schema = "S3C-SCHEMA"
    /// A field still holds a template's `[fyll i: …]` placeholder.
    case fillIn = "S3C-FILL-IN"
    /// A value the schema accepts that the rules cannot read (a five-digit year).
    case value = "S3C-VALUE"

    /// The id findings carry.
    public var id: String { rawValue }

    /// What the check is about, for reports that list checks by title.
    public var title: LocalizedText {
        switch self {
        case .io: Catalog.text("checker.the-file-cannot-be-read")
        case .tooLarge, .doctype, .xml: Catalog.text("read.the-file-cannot-be-read")
        case .format: Catalog.text("checker.not-an-application")
        case .version: Catalog.text("checker.unknown-format-version")
        case .packValidity: Catalog.text("checker.the-rule-pack-does-not-cover")
        case .schema: Catalog.text("schema.does-not-follow-the-application-format")
        case .fillIn: Catalog.text("checker.field-to-fill-in")
        case .value: Catalog.text("checker.a-value-the-rules-cannot-read")
        }
    }
}
