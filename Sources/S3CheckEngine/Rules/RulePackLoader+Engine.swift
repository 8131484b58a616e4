import S3CheckPacks
import S3CheckValues

extension RulePackLoader {
    /// A reader of packs that knows every check kind the engine evaluates.
    public init(files: RuleFiles) {
        self.init(files: files, checkKinds: CheckKinds.all)
    }

    /// Reads the pack at `path` and compiles every expression once, so that a broken pack is
    /// reported when it loads, with its line, rather than when an application meets the rule.
    public func load(_ path: String) throws(RulePackError) -> RuleSet {
        let ruleSet = try read(path)
        _ = try CompiledRules(ruleSet)
        return ruleSet
    }
}
