import S3CheckPacks
import S3CheckValues
import SafeXML

/// `<range path="…" min="…" max="…"/>`: every node the path selects is a number within the
/// bounds, compared exactly.
struct RangeCheck: EvaluableCheck {
    static let element = "range"
    static let values = ["value", "min", "max"]

    let context: String?
    let path: String
    let min: String?
    let max: String?

    init(_ element: CheckElement) throws(CheckElement.Problem) {
        context = element["context"]
        path = try element.required("path")
        min = element["min"]
        max = element["max"]
    }

    var expressions: [CheckElement.Expression] {
        [
            context.map { .init("context", $0) }, .init("path", path), min.map { .init("min", $0) },
            max.map { .init("max", $0) },
        ].compactMap { $0 }
    }

    var nodeSetExpressions: [String] { [context, path].compactMap { $0 } }

    var judgedNodes: String? { path }

    func compile(with compiler: CheckCompiler) throws(CheckCompiler.Failure) -> any CompiledCheck {
        Compiled(path: try compiler.expression(path), min: try compiler.operand(min), max: try compiler.operand(max))
    }

    private struct Compiled: CompiledCheck {
        let path: XPathExpression
        let min: Operand?
        let max: Operand?

        func check(at context: XMLNode, in scope: CheckScope) throws(EvaluationFailure) -> CheckOutcome {
            let nodes = try scope.nodes(path, at: context)
            guard !nodes.isEmpty else { return .notApplicable }
            let low = try scope.bound(min, at: context)
            let high = try scope.bound(max, at: context)
            let failures = nodes.compactMap { node -> CheckFailure? in
                let number = scope.number(of: node)
                if let number, CheckScope.within(number, low, high) { return nil }
                return CheckFailure(
                    node: node,
                    values: CheckScope.bounds(value: node.stringValue, isNumber: number != nil, min: low, max: high))
            }
            return .checked(failures)
        }
    }
}
