/// The XML namespaces s3check defines.
public enum Namespaces {
    /// Applications, format version 1.
    public static let application = "urn:s3check:application:1"
    /// Rule packs and code lists, format version 1.
    public static let rules = "urn:s3check:rules:1"
    /// The extension functions available in rule expressions.
    public static let functions = "urn:s3check:functions"

    /// The prefixes every rule expression can use.
    package static let expressionPrefixes = ["a": application, "s3": functions]
}
