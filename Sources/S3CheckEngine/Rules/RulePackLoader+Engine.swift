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

    /// The pack at `path` and the call packs beside it: every pack in the `calls` folder next to
    /// it that includes it and names its call with ``PackChoice/callParameter``. Each is read
    /// and compiled, so a broken call pack stops the run before any application is checked.
    public func loadChoice(_ path: String) throws(RulePackError) -> PackChoice {
        let base = try load(path)
        var calls: [String: RuleSet] = [:]
        var problems: [RuleProblem] = []
        let folder = files.resolve("calls", relativeTo: path)
        for candidate in files.files(under: folder)
        where candidate.hasSuffix(".xml") && files.folder(of: candidate) == folder {
            let ruleSet = try load(candidate)
            guard ruleSet.packs.dropFirst().contains(where: { $0.path == base.mainPack.path }) else { continue }
            for call in PackChoice.callReferences(of: ruleSet) {
                if let other = calls[call] {
                    problems.append(
                        RuleProblem(
                            file: ruleSet.mainPack.file, line: 1,
                            message: Catalog.text(
                                "pack.two-call-packs-for-one-call",
                                ["call": call, "other": other.mainPack.file])))
                }
                calls[call] = ruleSet
            }
        }
        guard problems.isEmpty else { throw RulePackError(problems: problems) }
        return PackChoice(base: base, calls: calls)
    }
}
