import S3CheckPacks
import S3CheckValues
import SafeXML

/// `<sum of="…" min="…" max="…" equals="…" tolerance="…"/>`: the exact sum of the nodes is
/// within the bounds, or equal to a value within a tolerance.
struct SumCheck: EvaluableCheck {
    static let element = "sum"
    static let values = ["value", "min", "max", "sum", "expected"]

    let context: String?
    let of: String
    let min: String?
    let max: String?
    let equals: String?
    let tolerance: ExactDecimal

    init(_ element: CheckElement) throws(CheckElement.Problem) {
        context = element["context"]
        of = try element.required("of")
        min = element["min"]
        max = element["max"]
        equals = element["equals"]
        let tolerance = element["tolerance"] ?? "0"
        guard let value = ExactDecimal(tolerance, as: .schema) else {
            throw CheckElement.Problem(Catalog.text("pack.the-value-is-not-a-number", ["text": tolerance]))
        }
        self.tolerance = value
    }

    var expressions: [CheckElement.Expression] {
        [
            context.map { .init("context", $0) }, .init("of", of), min.map { .init("min", $0) },
            max.map { .init("max", $0) }, equals.map { .init("equals", $0) },
        ].compactMap { $0 }
    }

    var nodeSetExpressions: [String] { [context, of].compactMap { $0 } }

    func compile(with compiler: CheckCompiler) throws(CheckCompiler.Failure) -> any CompiledCheck {
        Compiled(
            of: try compiler.expression(of), min: try compiler.operand(min), max: try compiler.operand(max),
            equals: try compiler.operand(equals), tolerance: tolerance)
    }

    private struct Compiled: CompiledCheck {
        let of: XPathExpression
        let min: Operand?
        let max: Operand?
        let equals: Operand?
        let tolerance: ExactDecimal

        func check(at context: XMLNode, in scope: CheckScope) throws(EvaluationFailure) -> CheckOutcome {
            let nodes = try scope.nodes(of, at: context)
            let total = try scope.sum(of: nodes)
            let low = try scope.bound(min, at: context)
            let high = try scope.bound(max, at: context)
            let expected = try scope.bound(equals, at: context)
            var inside = total.map { CheckScope.within($0, low, high) } ?? false
            if let expected, let total {
                inside = inside && (total.subtracting(expected).map { $0.magnitude <= tolerance } ?? false)
            }
            guard !inside else { return .checked([]) }
            let shown = total?.formatted ?? "–"
            var values = CheckScope.bounds(value: shown, isNumber: total != nil, min: low, max: high)
            values.append(NamedValue(name: "sum", value: shown, isNumber: total != nil))
            if let expected { values.append(NamedValue(name: "expected", value: expected.formatted, isNumber: true)) }
            return .checked([CheckFailure(node: nodes.first ?? context, values: values)])
        }
    }
}
