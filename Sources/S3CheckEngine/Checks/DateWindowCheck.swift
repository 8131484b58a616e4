import S3CheckPacks
import S3CheckValues
import SafeXML

/// `<dateWindow path="…" from="…" to="…"/>`: every node the path selects is a date within the
/// period, both ends included.
struct DateWindowCheck: EvaluableCheck {
    static let element = "dateWindow"
    static let values = ["value", "from", "to"]

    let context: String?
    let path: String
    let from: String?
    let to: String?

    init(_ element: CheckElement) throws(CheckElement.Problem) {
        context = element["context"]
        path = try element.required("path")
        from = element["from"]
        to = element["to"]
    }

    var expressions: [CheckElement.Expression] {
        [
            context.map { .init("context", $0) }, .init("path", path), from.map { .init("from", $0) },
            to.map { .init("to", $0) },
        ].compactMap { $0 }
    }

    var nodeSetExpressions: [String] { [context, path].compactMap { $0 } }

    var judgedNodes: String? { path }

    func compile(with compiler: CheckCompiler) throws(CheckCompiler.Failure) -> any CompiledCheck {
        Compiled(
            path: try compiler.expression(path), from: try compiler.expression(from), to: try compiler.expression(to))
    }

    private struct Compiled: CompiledCheck {
        let path: XPathExpression
        let from: XPathExpression?
        let to: XPathExpression?

        func check(at context: XMLNode, in scope: CheckScope) throws(EvaluationFailure) -> CheckOutcome {
            let nodes = try scope.nodes(path, at: context)
            guard !nodes.isEmpty else { return .notApplicable }
            let start = try scope.date(from, at: context)
            let end = try scope.date(to, at: context)
            let failures = nodes.compactMap { node -> CheckFailure? in
                let text = node.stringValue.trimmingXMLWhitespace()
                if let date = CalendarDate(text), start.map({ date >= $0 }) != false, end.map({ date <= $0 }) != false {
                    return nil
                }
                return CheckFailure(
                    node: node,
                    values: [
                        NamedValue(name: "value", value: text),
                        NamedValue(name: "from", value: start?.description ?? "…"),
                        NamedValue(name: "to", value: end?.description ?? "…"),
                    ]
                )
            }
            return .checked(failures)
        }
    }
}
