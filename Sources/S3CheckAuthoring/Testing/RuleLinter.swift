import S3CheckEngine
import S3CheckPacks
import S3CheckValues

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
            func add(_ message: LocalizedText, warning: Bool = false) {
                let problem = RuleProblem(
                    file: rule.origin.file,
                    line: rule.origin.line,
                    ruleID: rule.id,
                    message: message
                )
                if warning { result.warnings.append(problem) } else { result.problems.append(problem) }
            }
            if rule.legal.reference.isEmpty
                || !(rule.legal.url.hasPrefix("https://") || rule.legal.url.hasPrefix("http://"))
            {
                add(Catalog.text("lint.the-rule-lacks-a-legal-basis"))
            }
            if !rule.legal.reference.isEmpty, rule.legal.english == nil {
                add(
                    Catalog.text("lint.the-legal-basis-is-in-one"),
                    warning: true
                )
            }
            if !rule.legal.verified, rule.severity == .error {
                add(
                    Catalog.text("lint.the-rule-rests-on-an-unverified")
                )
            }
            if rule.severity == .error {
                let variables = Set(rule.expressions.flatMap(ExpressionScanner.variables(in:)))
                for parameter in ruleSet.parameters
                where variables.contains(parameter.id) && parameter.legal?.verified == false {
                    add(
                        Catalog.text("lint.the-rule-uses-the-unverified-parameter", ["id": "\(parameter.id)"])
                    )
                }
            }
            let known = Set(rule.lets.map(\.name)).union(parameterIDs).union(type(of: rule.check).values).union([
                "field"
            ])
            for text in [rule.message.sv, rule.message.en] + [rule.hint?.sv, rule.hint?.en].compactMap({ $0 }) {
                for name in MessageTemplate.placeholders(in: text) where !known.contains(name) {
                    add(Catalog.text("lint.the-placeholder-has-no-value", ["name": "\(name)"]))
                }
                for field in MessageTemplate.fields(in: text) {
                    guard let format = field.format, !MessageTemplate.formats.contains(format) else { continue }
                    let formats = MessageTemplate.formats.sorted().joined(separator: ", ")
                    add(
                        Catalog.text(
                            "lint.the-placeholder-has-an-unknown-format",
                            ["name": "\(field.name)", "format": "\(format)", "formats": "\(formats)"])
                    )
                }
            }
            for expression in rule.expressions {
                for problem in Self.unknownNames(in: expression) { add(problem) }
            }
            for expression in rule.check.nodeSetExpressions where ExpressionScanner.cannotSelectNodes(expression) {
                add(
                    Catalog.text("lint.selects-no-nodes-so-the-rule", ["expression": "\(expression)"])
                )
            }
            for expression in rule.expressions {
                usedParameters.formUnion(ExpressionScanner.variables(in: expression))
                for list in ruleSet.codeLists.keys where expression.contains("'\(list)'") {
                    usedLists.insert(list)
                }
            }
            for text in [rule.message.sv, rule.message.en] {
                usedParameters.formUnion(MessageTemplate.placeholders(in: text))
            }
            usedLists.formUnion(rule.check.codeLists)
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
    static func unknownNames(in expression: String) -> [LocalizedText] {
        let schemas = Schemas.shared
        var problems: [LocalizedText] = []
        for (written, isAttribute) in ExpressionScanner.stepNames(in: expression) {
            let parts = written.split(separator: ":", maxSplits: 1).map(String.init)
            let prefix = parts.count == 2 ? parts[0] : nil
            let name = parts.last ?? written
            if isAttribute {
                guard prefix == nil, !schemas.applicationAttributes.contains(name) else { continue }
                let suggestion = NameSuggestion.nearest(
                    to: name, preferring: [], among: schemas.applicationAttributes.sorted())
                problems.append(
                    Catalog.text(
                        suggestion == nil ? "lint.unknown-attribute" : "lint.unknown-attribute-suggestion",
                        ["expression": expression, "name": name, "suggestion": suggestion ?? ""]))
            } else if prefix == "a" {
                guard !schemas.applicationElements.contains(name) else { continue }
                let suggestion = NameSuggestion.nearest(
                    to: name, preferring: [], among: schemas.applicationElements.sorted())
                problems.append(
                    Catalog.text(
                        suggestion == nil ? "lint.unknown-element" : "lint.unknown-element-suggestion",
                        ["expression": expression, "name": name, "suggestion": suggestion ?? ""]))
            } else if prefix == nil, schemas.applicationElements.contains(name) {
                // Application elements are in a namespace: without a: the step selects nothing.
                problems.append(Catalog.text("lint.element-without-prefix", ["expression": expression, "name": name]))
            }
        }
        return problems
    }
}
