import Foundation

/// The rule packs, schemas and code lists shipped in the repository's `Rules/` folder.
///
/// They are embedded at build time so that the tool works from any directory without
/// installing data files next to the binary.
public enum ShippedRules {
    /// The contents of every shipped file, keyed by its path below `Rules/`.
    public static let files: [String: Data] = EmbeddedRuleFiles.base64.compactMapValues {
        Data(base64Encoded: $0)
    }

    /// The path, below `Rules/`, of the pack used when no `--rules` option is given.
    public static let defaultPackPath = "se/stockholm/stockholm.xml"
}
