import Foundation
import SafeXML

/// Evaluates every compiled rule on one application, all rules on one document before the next
/// document, which keeps the tree in cache.
struct RuleEvaluation {
    let compiled: CompiledRules
    let schemas: Schemas
    let file: String
    /// Parameter values in force on the submission date.
    let parameters: ParameterValues
    /// The application's currency (`budget/@currency`), in which `{name:amount}` reads.
    private(set) var currency: String? = nil

    /// A node that failed a check and the values to report with it.
    private struct Failure {
        var node: XMLNode
        var values: [NamedValue]
    }

    /// What one check found on one context node.
    private enum CheckOutcome {
        case notApplicable
        case checked([Failure])
        /// A ratio check, with what it measured for the printed report.
        case measured([Failure], RuleResult.Measurement)
    }

    private struct EvaluationFailure: Error {
        var reason: String
    }

    mutating func run(on root: XMLNode) -> ([Finding], [RuleResult]) {
        compiled.context.variables = parameters.variables
        currency = root.child("budget")?.attribute("currency")
        var findings: [Finding] = []
        var results: [RuleResult] = []
        results.reserveCapacity(compiled.rules.count)
        for rule in compiled.rules {
            do {
                var measurement: RuleResult.Measurement?
                let ruleFindings = try evaluate(rule, root: root, measurement: &measurement)
                switch ruleFindings {
                case .none:
                    results.append(RuleResult(ruleID: rule.rule.id, outcome: .notApplicable))
                case .some(let list) where list.isEmpty:
                    results.append(RuleResult(ruleID: rule.rule.id, outcome: .pass, measurement: measurement))
                case .some(let list):
                    results.append(RuleResult(ruleID: rule.rule.id, outcome: .fail, measurement: measurement))
                    findings.append(contentsOf: list)
                }
            } catch {
                results.append(RuleResult(ruleID: rule.rule.id, outcome: .error))
                findings.append(evaluationErrorFinding(rule.rule, reason: error.reason, root: root))
            }
        }
        findings.sort { lhs, rhs in
            let left = (lhs.location?.line ?? 0, lhs.severity, lhs.ruleID)
            let right = (rhs.location?.line ?? 0, rhs.severity, rhs.ruleID)
            return left < right
        }
        return (findings, results)
    }

    /// nil when the rule does not apply; otherwise its findings (empty when it passed).
    /// The rule's findings, nil when it applied to nothing; `measurement` is what a ratio check
    /// on a single context measured.
    private func evaluate(_ rule: CompiledRule, root: XMLNode, measurement: inout RuleResult.Measurement?)
        throws(EvaluationFailure) -> [Finding]?
    {
        compiled.context.clearLocals()
        if let applicability = rule.applicability, try !value(applicability, at: root).boolean {
            return nil
        }
        let contexts: [XMLNode]
        if let context = rule.expression(rule.rule.check.context) {
            contexts = try nodes(context, at: root)
        } else {
            contexts = [root]
        }
        var anyChecked = false
        var findings: [Finding] = []
        for context in contexts {
            compiled.context.clearLocals()
            var letResults: [(name: String, value: XPathValue)] = []
            for (name, expression) in rule.lets {
                let result = try value(expression, at: context)
                compiled.context.bindLocal(name, to: result)
                letResults.append((name, result))
            }
            var outcome = try check(rule, at: context)
            if case .measured(let failures, let measured) = outcome {
                measurement = contexts.count == 1 ? measured : nil
                outcome = .checked(failures)
            }
            switch outcome {
            case .notApplicable, .measured:
                continue
            case .checked(let failures):
                anyChecked = true
                guard !failures.isEmpty else { continue }
                // Printed only for a finding: most contexts pass, and printing costs.
                let letValues = letResults.map(Self.namedValue)
                findings += failures.map { finding(rule, $0, extra: letValues) }
            }
        }
        return anyChecked ? findings : nil
    }

    private func check(_ rule: CompiledRule, at context: XMLNode) throws(EvaluationFailure) -> CheckOutcome {
        switch rule.rule.check {
        case .required(_, let path):
            let nodes = try nodes(rule.expression(path), at: context)
            let present = nodes.contains { !Self.isBlank($0) }
            return .checked(present ? [] : [Failure(node: context, values: [NamedValue(name: "path", value: path)])])

        case .range(_, let path, let min, let max):
            let nodes = try nodes(rule.expression(path), at: context)
            guard !nodes.isEmpty else { return .notApplicable }
            let low = try optionalBound(min, rule, at: context)
            let high = try optionalBound(max, rule, at: context)
            let failures = nodes.compactMap { node -> Failure? in
                let number = ExactDecimal(text: node.stringValue)
                let inside = number.map { number in Self.within(number, low, high) } ?? false
                return inside
                    ? nil
                    : Failure(
                        node: node,
                        values: Self.bounds(value: node.stringValue, isNumber: number != nil, min: low, max: high))
            }
            return .checked(failures)

        case .dateWindow(_, let path, let from, let to):
            let nodes = try nodes(rule.expression(path), at: context)
            guard !nodes.isEmpty else { return .notApplicable }
            let start = try optionalDate(rule.expression(from), at: context)
            let end = try optionalDate(rule.expression(to), at: context)
            let failures = nodes.compactMap { node -> Failure? in
                let text = node.stringValue.trimmingXMLWhitespace()
                let date = CalendarDate(text)
                let inside =
                    date.map { date in start.map { date >= $0 } != false && end.map { date <= $0 } != false } ?? false
                return inside
                    ? nil
                    : Failure(
                        node: node,
                        values: [
                            NamedValue(name: "value", value: text),
                            NamedValue(name: "from", value: start?.description ?? "…"),
                            NamedValue(name: "to", value: end?.description ?? "…"),
                        ]
                    )
            }
            return .checked(failures)

        case .inCodeList(_, let path, let listID):
            let nodes = try nodes(rule.expression(path), at: context)
            guard !nodes.isEmpty else { return .notApplicable }
            let list = compiled.ruleSet.codeLists[listID]
            let failures = nodes.compactMap { node -> Failure? in
                let code = node.stringValue.trimmingXMLWhitespace()
                guard list?.codes[code] == nil else { return nil }
                return Failure(
                    node: node,
                    values: [NamedValue(name: "value", value: code), NamedValue(name: "list", value: listID)])
            }
            return .checked(failures)

        case .pattern(_, let path, let regex):
            let nodes = try nodes(rule.expression(path), at: context)
            guard !nodes.isEmpty else { return .notApplicable }
            guard let expression = rule.pattern else {
                throw EvaluationFailure(reason: "invalid regular expression \(regex)")
            }
            let failures = nodes.compactMap { node -> Failure? in
                let text = node.stringValue.trimmingXMLWhitespace()
                let range = NSRange(text.startIndex..., in: text)
                let match = expression.firstMatch(in: text, options: [.anchored], range: range)
                guard match?.range != range else { return nil }
                return Failure(node: node, values: [NamedValue(name: "value", value: text)])
            }
            return .checked(failures)

        case .sum(_, let of, let min, let max, let equals, let tolerance):
            let nodes = try nodes(rule.expression(of), at: context)
            let total = Self.exactSum(nodes)
            let low = try optionalBound(min, rule, at: context)
            let high = try optionalBound(max, rule, at: context)
            let expected = try optionalBound(equals, rule, at: context)
            var inside = total.map { Self.within($0, low, high) } ?? false
            if let expected, let total, let allowed = ExactDecimal(number: tolerance) {
                inside = inside && (total - expected).magnitude <= allowed
            }
            guard !inside else { return .checked([]) }
            let shown = total?.formatted ?? "–"
            var values = Self.bounds(value: shown, isNumber: total != nil, min: low, max: high)
            values.append(NamedValue(name: "sum", value: shown, isNumber: total != nil))
            if let expected { values.append(NamedValue(name: "expected", value: expected.formatted, isNumber: true)) }
            return .checked([Failure(node: nodes.first ?? context, values: values)])

        case .ratio(_, let numeratorSource, let denominatorSource, let min, let max, let percent):
            let (numerator, numeratorNode) = try operand(numeratorSource, rule, at: context)
            let (denominator, _) = try operand(denominatorSource, rule, at: context)
            let low = try optionalBound(min, rule, at: context)
            let high = try optionalBound(max, rule, at: context)
            // Compared by cross-multiplying, so that no quotient is ever rounded: n ÷ d ≤ max
            // exactly when n × 100 ≤ max × d (d > 0).
            let scale = ExactDecimal(Decimal(percent ? 100 : 1))
            var inside = false
            if let numerator, let denominator, denominator > .zero {
                let scaled = numerator * scale
                inside =
                    low.map { scaled >= $0 * denominator } != false && high.map { scaled <= $0 * denominator } != false
            }
            // A failing ratio is rounded away from the limit it failed.
            var rounding = NSDecimalNumber.RoundingMode.plain
            if !inside, let numerator, let denominator, denominator > .zero {
                let scaled = numerator * scale
                if let low, scaled < low * denominator { rounding = .down }
                if let high, scaled > high * denominator { rounding = .up }
            }
            let ratio = numerator.flatMap { numerator in
                denominator.flatMap { (numerator * scale).divided(by: $0, rounding: rounding) }
            }
            let measured = RuleResult.Measurement(
                value: ratio?.formatted ?? "–", min: low?.formatted, max: high?.formatted, percent: percent)
            guard !inside else { return .measured([], measured) }
            var values = Self.bounds(value: ratio?.formatted ?? "–", isNumber: ratio != nil, min: low, max: high)
            values += [
                NamedValue(name: "ratio", value: ratio?.formatted ?? "–", isNumber: ratio != nil),
                NamedValue(name: "numerator", value: numerator?.formatted ?? "–", isNumber: numerator != nil),
                NamedValue(name: "denominator", value: denominator?.formatted ?? "–", isNumber: denominator != nil),
            ]
            return .measured([Failure(node: numeratorNode ?? context, values: values)], measured)

        case .assert(_, let test):
            let result = try value(rule.expression(test), at: context).boolean
            return .checked(result ? [] : [Failure(node: context, values: [])])
        }
    }

    private func value(_ expression: XPathExpression?, at node: XMLNode) throws(EvaluationFailure) -> XPathValue {
        guard let expression else { throw EvaluationFailure(reason: "expression was not compiled") }
        do {
            return try compiled.context.evaluate(expression, at: node)
        } catch {
            throw EvaluationFailure(reason: "\(error.expression): \(error.reason)")
        }
    }

    /// The nodes `expression` selects; a number, string or boolean where a check needs nodes is
    /// an evaluation error, so that the rule is never silently "not applicable".
    private func nodes(_ expression: XPathExpression?, at node: XMLNode) throws(EvaluationFailure) -> [XMLNode] {
        let result = try value(expression, at: node)
        guard case .nodes(let nodes) = result else {
            throw EvaluationFailure(
                reason: "\(expression?.source ?? "") selects no nodes (its value is not a node-set)")
        }
        return nodes
    }

    /// A bound of a range, sum or ratio check, exactly; nil when the check has none.
    private func optionalBound(_ source: String?, _ rule: CompiledRule, at node: XMLNode) throws(EvaluationFailure)
        -> ExactDecimal?
    {
        guard let source else { return nil }
        guard let bound = try operand(source, rule, at: node).value else {
            throw EvaluationFailure(reason: "\(source) is not a number")
        }
        return bound
    }

    /// An operand of a range, sum or ratio check, exactly, and the node it was read from: the
    /// whole-expression `sum(X)` adds X's nodes in decimal; a node-set is its first node's value,
    /// as XPath's `number()` reads it; a computed number is taken through its shortest decimal
    /// form. The value is nil where XPath's would be NaN.
    private func operand(_ source: String, _ rule: CompiledRule, at node: XMLNode) throws(EvaluationFailure)
        -> (value: ExactDecimal?, node: XMLNode?)
    {
        if let argument = ExpressionScanner.sumArgument(of: source), rule.expression(argument) != nil {
            let added = try nodes(rule.expression(argument), at: node)
            return (Self.exactSum(added), added.first)
        }
        switch try value(rule.expression(source), at: node) {
        case .nodes(let nodes): return (nodes.first.flatMap { ExactDecimal(text: $0.stringValue) }, nodes.first)
        case .number(let number): return (ExactDecimal(number: number), nil)
        case .string(let text): return (ExactDecimal(text: text), nil)
        case .boolean(let flag): return (ExactDecimal(Decimal(flag ? 1 : 0)), nil)
        }
    }

    /// The nodes' values added in decimal; nil when one is not a number (XPath's sum is NaN).
    private static func exactSum(_ nodes: [XMLNode]) -> ExactDecimal? {
        var total = ExactDecimal.zero
        for node in nodes {
            guard let value = ExactDecimal(text: node.stringValue) else { return nil }
            total = total + value
        }
        return total
    }

    private static func within(_ value: ExactDecimal, _ low: ExactDecimal?, _ high: ExactDecimal?) -> Bool {
        low.map { value >= $0 } != false && high.map { value <= $0 } != false
    }

    private func optionalDate(_ expression: XPathExpression?, at node: XMLNode) throws(EvaluationFailure)
        -> CalendarDate?
    {
        guard let expression else { return nil }
        let text = try value(expression, at: node).string
        guard let date = CalendarDate(text) else {
            throw EvaluationFailure(reason: "\(expression.source) gives \"\(text)\", not a date")
        }
        return date
    }

    private func finding(_ rule: CompiledRule, _ failure: Failure, extra: [NamedValue]) -> Finding {
        let node = failure.node
        let parameterValues = rule.parameterIDs.map { id in
            let parameter = compiled.parametersByID[id]
            return NamedValue(
                name: id, value: parameters.texts[id] ?? "", isNumber: parameter?.kind == .number,
                label: parameter?.title, unit: parameter?.unit)
        }
        // Values come from the application: what a person reads must not hide or reorder text.
        let values = (failure.values + extra).map { value in
            var visible = value
            visible.value = VisibleText.escaping(value.value)
            return visible
        }
        let reference = node.reference
        let field = FieldReference(path: reference.path, label: schemas.fieldLabel(for: reference.names))
        let fieldValue = NamedValue(name: "field", value: "")
        let all = values + parameterValues
        let message = rule.rule.message.map { template, language in
            MessageTemplate.fill(
                template,
                with: all + [NamedValue(name: fieldValue.name, value: field.label[language])],
                language: language, currency: currency
            )
        }
        return Finding(
            ruleID: rule.rule.id,
            severity: rule.rule.severity,
            title: rule.rule.title,
            message: message,
            hint: rule.rule.hint?.map { template, language in
                MessageTemplate.fill(template, with: all, language: language, currency: currency)
            },
            legal: rule.rule.legal,
            location: SourceLocation(file: file, at: node),
            field: field,
            values: values,
            parameters: parameterValues
        )
    }

    private func evaluationErrorFinding(_ rule: Rule, reason: String, root: XMLNode) -> Finding {
        Finding(
            ruleID: rule.id,
            severity: .error,
            title: rule.title,
            message: Catalog.text("evaluation.the-rule-could-not-be-evaluated", ["reason": "\(reason)"]),
            hint: Catalog.text(
                "evaluation.contact-whoever-maintains-the-rule-pack",
                ["file": "\(rule.origin.file)", "line": "\(rule.origin.line)"]),
            legal: rule.legal,
            location: SourceLocation(file: file, at: root),
            blocksAssessment: true
        )
    }

    /// An element with no text, attributes or children, or an attribute with a blank value.
    private static func isBlank(_ node: XMLNode) -> Bool {
        if !node.stringValue.trimmingXMLWhitespace().isEmpty { return false }
        guard node.kind == .element else { return true }
        return node.childElements.isEmpty && !node.hasAttributes
    }

    private static func bounds(value: String, isNumber: Bool, min: ExactDecimal?, max: ExactDecimal?) -> [NamedValue] {
        [NamedValue(name: "value", value: value.trimmingXMLWhitespace(), isNumber: isNumber)]
            + (min.map { [NamedValue(name: "min", value: $0.formatted, isNumber: true)] } ?? [])
            + (max.map { [NamedValue(name: "max", value: $0.formatted, isNumber: true)] } ?? [])
    }

    /// A number an expression computed, for messages, printed as check values are.
    static func format(_ value: Double) -> String {
        ExactDecimal(number: value)?.formatted ?? "–"
    }

    /// A `let` value for messages: a computed number printed as check values are.
    private static func namedValue(_ result: (name: String, value: XPathValue)) -> NamedValue {
        switch result.value {
        case .number(let number):
            let text = format(number)
            return NamedValue(name: result.name, value: text, isNumber: text != "–")
        default:
            return NamedValue(name: result.name, value: result.value.string.trimmingXMLWhitespace())
        }
    }
}
