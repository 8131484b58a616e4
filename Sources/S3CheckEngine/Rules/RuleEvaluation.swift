import Foundation
import S3CheckPacks
import S3CheckValues
import SafeXML

/// Evaluates every compiled rule on one application, all rules on one document before the next
/// document, which keeps the tree in cache.
struct RuleEvaluation {
    let compiled: CompiledRules
    let schemas: Schemas
    let file: String
    /// Parameter values in force on the submission date.
    let parameters: ParameterValues
    /// The application's typed values, read once before any rule.
    let values: ApplicationValues
    /// The application's currency (`budget/@currency`), in which `{name:amount}` reads.
    private(set) var currency: String? = nil

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

    /// The rule's findings, nil when it applied to nothing; `measurement` is what a ratio check
    /// on a single context measured.
    private func evaluate(_ rule: CompiledRule, root: XMLNode, measurement: inout RuleResult.Measurement?)
        throws(EvaluationFailure) -> [Finding]?
    {
        compiled.context.clearLocals()
        let scope = CheckScope(context: compiled.context, values: values, parameters: parameters)
        if let applicability = rule.applicability, try !scope.value(applicability, at: root).boolean {
            return nil
        }
        let contexts: [XMLNode]
        if let context = rule.context {
            contexts = try scope.nodes(context, at: root)
        } else {
            contexts = [root]
        }
        var anyChecked = false
        var findings: [Finding] = []
        for context in contexts {
            compiled.context.clearLocals()
            for (index, (name, expression)) in rule.lets.enumerated() where rule.checkReads[index] {
                compiled.context.bindLocal(name, to: try scope.value(expression, at: context))
            }
            var outcome = try rule.check.check(at: context, in: scope)
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
                // Every let, in order, for the message: the ones the check did not read were
                // left until now, since most contexts pass.
                compiled.context.clearLocals()
                var letValues: [NamedValue] = []
                for (name, expression) in rule.lets {
                    let result = try scope.value(expression, at: context)
                    compiled.context.bindLocal(name, to: result)
                    letValues.append(Self.namedValue((name, result)))
                }
                findings += failures.map { finding(rule, $0, extra: letValues) }
            }
        }
        return anyChecked ? findings : nil
    }

    private func finding(_ rule: CompiledRule, _ failure: CheckFailure, extra: [NamedValue]) -> Finding {
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

    /// A number an expression computed, for messages, printed as check values are.
    static func format(_ value: Double) -> String {
        ExactDecimal(value)?.formatted ?? "–"
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
