import S3CheckPacks
import S3CheckValues
import SafeXML

/// The rules of a ``RuleSet`` with every expression compiled, for one thread.
///
/// An XPath context holds the variables of the evaluation under way, so each worker compiles
/// its own copy; compiling is cheap next to parsing an application.
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
                rule, ruleSet: ruleSet, context: context, parameterIDs: parameterIDs, checkingNames: checkingNames,
                problems: &problems)
            {
                compiled.append(rule)
            }
        }
        guard problems.isEmpty else { throw RulePackError(problems: problems) }
        rules = compiled
    }

    private static func compile(
        _ rule: Rule,
        ruleSet: RuleSet,
        context: XPathContext,
        parameterIDs: Set<String>,
        checkingNames: Bool,
        problems: inout [RuleProblem]
    ) -> CompiledRule? {
        let letNames = Set(rule.lets.map(\.name))
        var failed = false
        func problem(_ message: LocalizedText) {
            failed = true
            problems.append(
                RuleProblem(file: rule.origin.file, line: rule.origin.line, ruleID: rule.id, message: message))
        }
        if checkingNames {
            for source in rule.expressions {
                for name in ExpressionScanner.unknownFunctions(in: source) {
                    problem(Catalog.text("pack.unknown-function", ["name": name, "expression": source]))
                }
                for name in ExpressionScanner.variables(in: source)
                where !parameterIDs.contains(name) && !letNames.contains(name) {
                    problem(Catalog.text("pack.unknown-parameter", ["name": name, "expression": source]))
                }
            }
        }
        let compiler = CheckCompiler(
            context: context, codeLists: ruleSet.codeLists, parameterIDs: parameterIDs, letNames: letNames)
        func compile(_ source: String?) -> XPathExpression? {
            do {
                return try compiler.expression(source)
            } catch {
                problem(error.message)
                return nil
            }
        }
        let applicability = compile(rule.applicability)
        let lets = rule.lets.compactMap { item in compile(item.expression).map { (item.name, $0) } }
        let checkContext = compile(rule.check.context)
        var check: (any CompiledCheck)?
        if let evaluable = rule.check as? any EvaluableCheck {
            do {
                check = try evaluable.compile(with: compiler)
            } catch {
                problem(error.message)
            }
        } else {
            problem(Catalog.text("pack.check-kind-cannot-be-evaluated", ["element": rule.check.kind]))
        }
        guard !failed, let check else { return nil }
        return CompiledRule(
            rule: rule, applicability: applicability, lets: lets, context: checkContext, check: check,
            knownParameters: parameterIDs)
    }
}

/// One rule ready to evaluate; a class, so that looping over the rules copies no fields.
final class CompiledRule {
    let rule: Rule
    let applicability: XPathExpression?
    let lets: [(String, XPathExpression)]
    /// The lets the check reads, directly or through another let: evaluated before the check.
    /// The others only fill in a message, so they wait for a finding (most checks pass, and a
    /// message's let may add up hundreds of cost lines).
    let checkReads: [Bool]
    /// The check's context, whose nodes are checked one by one; nil checks the application.
    let context: XPathExpression?
    let check: any CompiledCheck
    private let knownParameters: Set<String>
    /// The parameters the rule reads, reported with its findings; found on the first finding,
    /// since most rules pass and scanning every expression for every worker adds up.
    private(set) lazy var parameterIDs: [String] = Self.parameters(usedBy: rule, among: knownParameters)

    init(
        rule: Rule,
        applicability: XPathExpression?,
        lets: [(String, XPathExpression)],
        context: XPathExpression?,
        check: any CompiledCheck,
        knownParameters: Set<String>
    ) {
        self.rule = rule
        self.applicability = applicability
        self.lets = lets
        checkReads = Self.letsRead(by: rule, lets: lets.map(\.0))
        self.context = context
        self.check = check
        self.knownParameters = knownParameters
    }

    /// Which of `lets` the check's expressions (not its context, which is selected before any
    /// let) read, directly or through a later let that the check reads.
    private static func letsRead(by rule: Rule, lets: [String]) -> [Bool] {
        guard !lets.isEmpty else { return [] }
        var read = Set(
            rule.check.expressions.filter { $0.attribute != "context" }.flatMap {
                ExpressionScanner.variables(in: $0.source)
            })
        var reads = Array(repeating: false, count: lets.count)
        for index in lets.indices.reversed() where read.contains(lets[index]) {
            reads[index] = true
            read.formUnion(ExpressionScanner.variables(in: rule.lets[index].expression))
        }
        return reads
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
