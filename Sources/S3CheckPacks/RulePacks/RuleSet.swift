import S3CheckValues

/// Every rule, parameter and code list of a pack and the packs it includes, merged.
public struct RuleSet: Sendable {
    /// The packs in load order: the one named first, then its includes depth-first.
    public var packs: [PackInfo]
    public var rules: [Rule]
    /// In definition order; an overriding pack replaces the value in place.
    public var parameters: [Parameter]
    public var codeLists: [String: CodeList]
    public var profiles: [Profile]
    /// The region's smart-specialisation strategy, when a pack names one.
    public let strategy: Strategy?

    public init(
        packs: [PackInfo],
        rules: [Rule],
        parameters: [Parameter],
        codeLists: [String: CodeList],
        profiles: [Profile],
        strategy: Strategy?
    ) {
        self.packs = packs
        self.rules = rules
        self.parameters = parameters
        self.codeLists = codeLists
        self.profiles = profiles
        self.strategy = strategy
    }

    /// The pack the user named.
    public var mainPack: PackInfo { packs[0] }

    /// The profile used when none is asked for.
    public var defaultProfile: String? {
        profiles.first(where: \.isDefault)?.id
    }

    /// The rules that run in `profile` (nil: the default profile).
    public func rules(in profile: String?) -> [Rule] {
        let chosen = profile ?? defaultProfile
        return rules.filter { $0.runs(in: chosen) }
    }

    /// The parameter with this id.
    public func parameter(_ id: String) -> Parameter? {
        parameters.first { $0.id == id }
    }

    /// The rule with this id.
    public func rule(_ id: String) -> Rule? {
        rules.first { $0.id == id }
    }

    /// The window in which every loaded pack is valid.
    public var validity: (from: CalendarDate, to: CalendarDate?) {
        let from = packs.map(\.validFrom).max() ?? packs[0].validFrom
        let to = packs.compactMap(\.validTo).min()
        return (from, to)
    }
}
