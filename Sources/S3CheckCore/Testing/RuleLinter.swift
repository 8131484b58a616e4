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
            if !rule.legal.reference.isEmpty, rule.legal.english == nil {
                add(
                    "Den rättsliga grunden finns bara på ett språk; lägg till <legal lang=\"en\"> så att engelska rapporter citerar på engelska.",
                    "The legal basis is in one language only; add <legal lang=\"en\"> so that English reports cite it in English.",
                    warning: true
                )
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
                for field in MessageTemplate.fields(in: text) {
                    guard let format = field.format, !MessageTemplate.formats.contains(format) else { continue }
                    let formats = MessageTemplate.formats.sorted().joined(separator: ", ")
                    add(
                        "Platshållaren {\(field.name):\(format)} har ett okänt format; kända format är \(formats).",
                        "The placeholder {\(field.name):\(format)} has an unknown format; the known formats are \(formats)."
                    )
                }
            }
            for expression in rule.expressions {
                for problem in Self.unknownNames(in: expression) { add(problem.sv, problem.en) }
            }
            for expression in rule.check.nodeSetExpressions where ExpressionScanner.cannotSelectNodes(expression) {
                add(
                    "\"\(expression)\" ger inga noder, så regeln har inget att kontrollera; ange en sökväg (som a:budget/a:costLine/@amount).",
                    "\"\(expression)\" selects no nodes, so the rule has nothing to check; give a path (such as a:budget/a:costLine/@amount)."
                )
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
                    message: Catalog.text("lint.no-rule-uses-the-parameter")
                )
            )
        }
        for list in ruleSet.codeLists.values where !usedLists.contains(list.id) {
            result.warnings.append(
                RuleProblem(
                    file: list.file,
                    line: 1,
                    ruleID: list.id,
                    message: Catalog.text("lint.no-rule-uses-the-code-list")
                )
            )
        }
        return result
    }

    /// Names of elements and attributes the application schema does not declare, each with the
    /// nearest declared name: such a step selects nothing, so the rule could never fire.
    static func unknownNames(in expression: String) -> [(sv: String, en: String)] {
        let schemas = Schemas.shared
        var problems: [(sv: String, en: String)] = []
        for (written, isAttribute) in ExpressionScanner.stepNames(in: expression) {
            let parts = written.split(separator: ":", maxSplits: 1).map(String.init)
            let prefix = parts.count == 2 ? parts[0] : nil
            let name = parts.last ?? written
            if isAttribute {
                guard prefix == nil, !schemas.applicationAttributes.contains(name) else { continue }
                let hint = nearest(name, in: schemas.applicationAttributes).map { " (menar du @\($0)?)" } ?? ""
                let hintEn = nearest(name, in: schemas.applicationAttributes).map { " (did you mean @\($0)?)" } ?? ""
                problems.append(
                    (
                        "\"\(expression)\" nämner attributet @\(name), som ansökningsschemat inte har\(hint); regeln kan aldrig slå till.",
                        "\"\(expression)\" names the attribute @\(name), which the application schema does not have\(hintEn); the rule could never fire."
                    ))
            } else if prefix == "a" {
                guard !schemas.applicationElements.contains(name) else { continue }
                let hint = nearest(name, in: schemas.applicationElements).map { " (menar du a:\($0)?)" } ?? ""
                let hintEn = nearest(name, in: schemas.applicationElements).map { " (did you mean a:\($0)?)" } ?? ""
                problems.append(
                    (
                        "\"\(expression)\" nämner elementet a:\(name), som ansökningsschemat inte har\(hint); regeln kan aldrig slå till.",
                        "\"\(expression)\" names the element a:\(name), which the application schema does not have\(hintEn); the rule could never fire."
                    ))
            } else if prefix == nil, schemas.applicationElements.contains(name) {
                // Application elements are in a namespace: without a: the step selects nothing.
                problems.append(
                    (
                        "\"\(expression)\" nämner elementet \(name) utan prefixet a:, så steget väljer ingenting; skriv a:\(name).",
                        "\"\(expression)\" names the element \(name) without the prefix a:, so the step selects nothing; write a:\(name)."
                    ))
            }
        }
        return problems
    }

    /// The declared name closest to `name`: the same letters in another case, or at most two
    /// edits away.
    static func nearest(_ name: String, in names: Set<String>) -> String? {
        if let sameLetters = names.first(where: { $0.lowercased() == name.lowercased() }) { return sameLetters }
        let scored = names.map { ($0, editDistance($0, name)) }.filter { $0.1 <= 2 }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    private static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
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
