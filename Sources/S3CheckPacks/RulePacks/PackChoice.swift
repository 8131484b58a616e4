import S3CheckValues

/// The rule sets a run checks against: one for every application, and one per call for the
/// applications that name that call in `<call id>`.
///
/// A call pack includes its programme's pack and adds the call's own conditions (its window,
/// budget range, objectives). When the user names no pack, s3check checks an application to a
/// shipped call against that call's pack, so that a late application fails on the call's
/// window instead of passing the programme's rules alone.
public struct PackChoice: Sendable {
    /// The parameter by which a call pack names the call it is for, as `<call id>` gives it.
    public static let callParameter = "callId"

    /// The rule set for applications to no call listed in ``calls``.
    public var base: RuleSet
    /// The rule set for each call reference.
    public var calls: [String: RuleSet]

    public init(base: RuleSet, calls: [String: RuleSet] = [:]) {
        self.base = base
        self.calls = calls
    }

    /// The rule set for an application that names `call`.
    public func ruleSet(forCall call: String?) -> RuleSet {
        call.flatMap { calls[$0] } ?? base
    }

    /// The call packs in a stable order (by call reference).
    public var callSets: [(call: String, ruleSet: RuleSet)] {
        calls.keys.sorted().map { ($0, calls[$0]!) }
    }

    /// Every pack a report may name: the base's, then each call's own pack.
    public var packs: [PackInfo] {
        var packs = base.packs
        for (_, ruleSet) in callSets where !packs.contains(ruleSet.mainPack) {
            packs.append(ruleSet.mainPack)
        }
        return packs
    }

    /// Every rule that may run in `profile`: the base's, then the ones only a call pack adds.
    public func rules(in profile: String?) -> [Rule] {
        var rules = base.rules(in: profile)
        var seen = Set(rules.map(\.id))
        for (_, ruleSet) in callSets {
            for rule in ruleSet.rules(in: profile) where seen.insert(rule.id).inserted {
                rules.append(rule)
            }
        }
        return rules
    }

    /// The same choice with `transform` applied to every rule set.
    public func map(_ transform: (RuleSet) throws -> RuleSet) rethrows -> PackChoice {
        PackChoice(base: try transform(base), calls: try calls.mapValues(transform))
    }

    /// The call references a rule set answers for: every value of its ``callParameter``
    /// defined by its own main pack.
    public static func callReferences(of ruleSet: RuleSet) -> [String] {
        guard let parameter = ruleSet.parameter(callParameter), parameter.kind == .string,
            parameter.packID == ruleSet.mainPack.id
        else { return [] }
        return parameter.values.map(\.value)
    }
}
