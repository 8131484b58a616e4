/// Checks a loaded rule set for what loading alone does not catch.
///
/// Problems make `s3check lint` fail; warnings are printed and do not.
public struct RuleLinter {
    public init() {}

    /// What the linter found.
    public struct Result: Sendable {
        public var problems: [RuleProblem] = []
        public var warnings: [RuleProblem] = []
    }

    public func lint(_ ruleSet: RuleSet) -> Result {
        var result = Result()
        let parameterIDs = Set(ruleSet.parameters.map(\.id))
        var usedParameters: Set<String> = []
        var usedLists: Set<String> = []
        for rule in ruleSet.rules {
            func add(_ sv: String, _ en: String, warning: Bool = false) {
                let problem = RuleProblem(
                    file: rule.origin.file,
                    line: rule.origin.line,
                    ruleID: rule.id,
                    message: LocalizedText(sv: sv, en: en)
                )
                if warning { result.warnings.append(problem) } else { result.problems.append(problem) }
            }
            if rule.legal.reference.isEmpty
                || !(rule.legal.url.hasPrefix("https://") || rule.legal.url.hasPrefix("http://"))
            {
                add(
                    "Regeln saknar rättslig grund med artikel och webbadress.",
                    "The rule lacks a legal basis with article and URL.")
            }
            if !rule.legal.verified, rule.severity == .error {
                add(
                    "Regeln bygger på ett obekräftat faktum och får därför inte ha allvarlighetsgraden error.",
                    "The rule rests on an unverified fact and so must not have severity error."
                )
            }
            if rule.severity == .error {
                let variables = Set(rule.expressions.flatMap(ExpressionScanner.variables(in:)))
                for parameter in ruleSet.parameters
                where variables.contains(parameter.id) && parameter.legal?.verified == false {
                    add(
                        "Regeln använder den obekräftade parametern $\(parameter.id) och får därför inte ha allvarlighetsgraden error.",
                        "The rule uses the unverified parameter $\(parameter.id) and so must not have severity error."
                    )
                }
            }
            let known = Set(rule.lets.map(\.name)).union(parameterIDs).union(Self.checkValues(rule.check))
            for text in [rule.message.sv, rule.message.en] + [rule.hint?.sv, rule.hint?.en].compactMap({ $0 }) {
                for name in MessageTemplate.placeholders(in: text) where !known.contains(name) {
                    add("Platshållaren {\(name)} har inget värde.", "The placeholder {\(name)} has no value.")
                }
            }
            for expression in rule.expressions {
                usedParameters.formUnion(ExpressionScanner.variables(in: expression))
                if expression.contains("//") {
                    add(
                        "Uttrycket \"\(expression)\" använder // som söker igenom hela dokumentet; skriv en förankrad sökväg.",
                        "The expression \"\(expression)\" uses //, which scans the whole document; write an anchored path.",
                        warning: true
                    )
                }
                for list in ruleSet.codeLists.keys where expression.contains("'\(list)'") {
                    usedLists.insert(list)
                }
            }
            for text in [rule.message.sv, rule.message.en] {
                usedParameters.formUnion(MessageTemplate.placeholders(in: text))
            }
            if case .inCodeList(_, _, let list) = rule.check { usedLists.insert(list) }
        }
        for parameter in ruleSet.parameters where !usedParameters.contains(parameter.id) {
            result.warnings.append(
                RuleProblem(
                    file: parameter.origin.file,
                    line: parameter.origin.line,
                    ruleID: parameter.id,
                    message: LocalizedText(
                        sv: "Parametern används inte av någon regel.", en: "No rule uses the parameter.")
                )
            )
        }
        for list in ruleSet.codeLists.values where !usedLists.contains(list.id) {
            result.warnings.append(
                RuleProblem(
                    file: list.file,
                    line: 1,
                    ruleID: list.id,
                    message: LocalizedText(
                        sv: "Kodlistan används inte av någon regel.", en: "No rule uses the code list.")
                )
            )
        }
        return result
    }

    /// The `{names}` each check kind fills in.
    static func checkValues(_ check: Check) -> Set<String> {
        let names: [String] =
            switch check {
            case .required: ["path"]
            case .range: ["value", "min", "max"]
            case .dateWindow: ["value", "from", "to"]
            case .inCodeList: ["value", "list"]
            case .pattern: ["value"]
            case .sum: ["value", "min", "max", "sum", "expected"]
            case .ratio: ["value", "min", "max", "ratio", "numerator", "denominator"]
            case .assert: []
            }
        return Set(names + ["field"])
    }
}
