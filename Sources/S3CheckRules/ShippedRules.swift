import Foundation

/// The rule packs, schemas and code lists shipped in the repository's `Rules/` folder.
///
/// They are embedded at build time so that the tool works from any directory without
/// installing data files next to the binary.
public enum ShippedRules {
    /// The contents of every shipped file, keyed by its path below `Rules/`.
    ///
    /// Bytes rather than `Data`: `Data` keeps its storage in an enum whose tag bits sit in the
    /// pointer, which LeakSanitizer cannot follow, so a `Data` held by a static looks leaked.
    public static let files: [String: [UInt8]] = EmbeddedRuleFiles.base64.compactMapValues {
        Data(base64Encoded: $0).map { [UInt8]($0) }
    }

    /// The path, below `Rules/`, of the pack used when no `--rules` option is given.
    public static let defaultPackPath = "se/stockholm/stockholm.xml"
}
