import S3CheckCore

/// A rule pack as a user names it: a file, `shipped:PATH` for a pack built into s3check, or
/// nothing for the default (the Stockholm programme pack).
public struct PackLocation: Sendable {
    public let files: RuleFiles
    public let path: String

    public init(_ argument: String?) {
        if let argument, argument.hasPrefix("shipped:") {
            files = .shipped
            path = String(argument.dropFirst("shipped:".count))
        } else if let argument {
            files = .disk
            path = argument
        } else {
            files = .shipped
            path = ShippedPackPath.defaultPack
        }
    }

    /// Reads and checks the pack; every problem found is in the error.
    public func load() throws(RulePackError) -> RuleSet {
        try RulePackLoader(files: files).load(path)
    }

    /// Reads and checks the pack and the call packs in the `calls` folder beside it, which
    /// check the applications that name their call.
    public func loadChoice() throws(RulePackError) -> PackChoice {
        try RulePackLoader(files: files).loadChoice(path)
    }
}
