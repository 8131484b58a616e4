import Foundation
import SafeXML

/// The rules of a ``RuleSet`` with every expression compiled, for one thread.
///
/// libxml2 writes into compiled expressions while evaluating them, so each worker compiles its
/// own copy; compiling is cheap next to parsing an application.
final class CompiledRules {
    let ruleSet: RuleSet
    let context: XPathContext
    let rules: [CompiledRule]
    /// What the `s3:area-…` functions read; the checker sets it for each application.
    let alignment: AlignmentState
    /// The set's parameters by id, for the title, kind and unit a finding shows beside a value.
    let parametersByID: [String: Parameter]

    /// Compiles `rules` (all of the set's rules when nil). `checkingNames` also scans every
    /// expression for unknown functions and parameters; the loader does that once per pack, so
    /// the copies compiled for each worker skip it.
    init(_ ruleSet: RuleSet, rules selected: [Rule]? = nil, checkingNames: Bool = true) throws(RulePackError) {
        self.ruleSet = ruleSet
        // The first declaration of an id, as `RuleSet.parameter(_:)` finds it.
        parametersByID = Dictionary(ruleSet.parameters.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        alignment = AlignmentState(strategy: ruleSet.strategy)
        context = XPathContext(
            namespaces: Namespaces.expressionPrefixes,
            functions: ExtensionFunctions.make(codeLists: ruleSet.codeLists, alignment: alignment)
        )
        let parameterIDs = Set(ruleSet.parameters.map(\.id))
        var problems: [RuleProblem] = []
        var compiled: [CompiledRule] = []
        for rule in selected ?? ruleSet.rules {
            if let rule = Self.compile(
                rule, context: context, parameterIDs: parameterIDs, checkingNames: checkingNames, problems: &problems)
            {
                compiled.append(rule)
            }
        }
        guard problems.isEmpty else { throw RulePackError(problems: problems) }
        rules = compiled
    }

    private static func compile(
        _ rule: Rule,
        context: XPathContext,
        parameterIDs: Set<String>,
        checkingNames: Bool,
        problems: inout [RuleProblem]
    ) -> CompiledRule? {
        let letNames = Set(rule.lets.map(\.name))
        var failed = false
        func problem(_ sv: String, _ en: String) {
            failed = true
            problems.append(
                RuleProblem(
                    file: rule.origin.file, line: rule.origin.line, ruleID: rule.id,
                    message: LocalizedText(sv: sv, en: en))
            )
        }
        func compile(_ source: String?) -> XPathExpression? {
            guard let source else { return nil }
            for name in checkingNames ? ExpressionScanner.unknownFunctions(in: source) : [] {
                problem("Okänd funktion \(name)() i \"\(source)\".", "Unknown function \(name)() in \"\(source)\".")
            }
            for name in checkingNames ? ExpressionScanner.variables(in: source) : []
            where !parameterIDs.contains(name) && !letNames.contains(name) {
                problem(
                    "Okänd parameter $\(name) i \"\(source)\"; den måste definieras med <parameter id=\"\(name)\">.",
                    "Unknown parameter $\(name) in \"\(source)\"; define it with <parameter id=\"\(name)\">."
                )
            }
            do {
                return try context.compile(source)
            } catch {
                problem(
                    "XPath-uttrycket \"\(source)\" går inte att kompilera: \(error.reason)",
                    "The XPath expression \"\(source)\" does not compile: \(error.reason)"
                )
                return nil
            }
        }
        // A <pattern> check's regular expression is compiled here, once, like its XPath.
        var pattern: NSRegularExpression?
        if case .pattern(_, _, let regex) = rule.check {
            do {
                pattern = try NSRegularExpression(pattern: regex)
            } catch {
                problem(
                    "Det reguljära uttrycket \"\(regex)\" är ogiltigt.",
                    "The regular expression \"\(regex)\" is invalid.")
            }
        }
        // The argument of a whole-expression sum(…) is compiled too: the checks add its nodes.
        let sources = rule.check.expressions + rule.check.expressions.compactMap(ExpressionScanner.sumArgument(of:))
        let expressions = Dictionary(
            sources.map { ($0, compile($0)) },
            uniquingKeysWith: { first, _ in first }
        )
        let result = CompiledRule(
            rule: rule,
            applicability: compile(rule.applicability),
            lets: rule.lets.compactMap { item in compile(item.expression).map { (item.name, $0) } },
            expressions: expressions.compactMapValues { $0 },
            pattern: pattern,
            knownParameters: parameterIDs
        )
        return failed ? nil : result
    }
}

/// One rule ready to evaluate; a class, so that looping over the rules copies no fields.
final class CompiledRule {
    let rule: Rule
    let applicability: XPathExpression?
    let lets: [(String, XPathExpression)]
    /// Compiled expressions keyed by their source text.
    let expressions: [String: XPathExpression]
    /// The compiled regular expression of a `<pattern>` check.
    let pattern: NSRegularExpression?
    private let knownParameters: Set<String>
    /// The parameters the rule reads, reported with its findings; found on the first finding,
    /// since most rules pass and scanning every expression for every worker adds up.
    private(set) lazy var parameterIDs: [String] = Self.parameters(usedBy: rule, among: knownParameters)

    init(
        rule: Rule,
        applicability: XPathExpression?,
        lets: [(String, XPathExpression)],
        expressions: [String: XPathExpression],
        pattern: NSRegularExpression?,
        knownParameters: Set<String>
    ) {
        self.rule = rule
        self.applicability = applicability
        self.lets = lets
        self.expressions = expressions
        self.pattern = pattern
        self.knownParameters = knownParameters
    }

    func expression(_ source: String?) -> XPathExpression? {
        source.flatMap { expressions[$0] }
    }

    /// The parameters a rule reads, through `$id` in an expression or `{id}` in its message.
    private static func parameters(usedBy rule: Rule, among ids: Set<String>) -> [String] {
        var used: [String] = []
        let texts = rule.expressions.flatMap(ExpressionScanner.variables(in:))
        let placeholders =
            MessageTemplate.placeholders(in: rule.message.sv) + MessageTemplate.placeholders(in: rule.message.en)
        for name in texts + placeholders where ids.contains(name) && !used.contains(name) {
            used.append(name)
        }
        return used
    }
}
