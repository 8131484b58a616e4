import S3CheckPacks
import S3CheckValues
import SafeXML

/// `<inCodeList path="…" list="…"/>`: every node the path selects is a code of the list.
struct CodeListCheck: EvaluableCheck {
    static let element = "inCodeList"
    static let values = ["value", "list"]

    let context: String?
    let path: String
    let list: String

    init(_ element: CheckElement) throws(CheckElement.Problem) {
        context = element["context"]
        path = try element.required("path")
        list = try element.required("list")
    }

    var expressions: [CheckElement.Expression] {
        [context.map { .init("context", $0) }, .init("path", path)].compactMap { $0 }
    }

    var nodeSetExpressions: [String] { [context, path].compactMap { $0 } }

    var judgedNodes: String? { path }

    var codeLists: [String] { [list] }

    func compile(with compiler: CheckCompiler) throws(CheckCompiler.Failure) -> any CompiledCheck {
        Compiled(path: try compiler.expression(path), list: try compiler.codeList(list))
    }

    private struct Compiled: CompiledCheck {
        let path: XPathExpression
        let list: CodeList

        func check(at context: XMLNode, in scope: CheckScope) throws(EvaluationFailure) -> CheckOutcome {
            let nodes = try scope.nodes(path, at: context)
            guard !nodes.isEmpty else { return .notApplicable }
            let failures = nodes.compactMap { node -> CheckFailure? in
                let code = node.stringValue.trimmingXMLWhitespace()
                guard list.codes[code] == nil else { return nil }
                return CheckFailure(
                    node: node,
                    values: [NamedValue(name: "value", value: code), NamedValue(name: "list", value: list.id)])
            }
            return .checked(failures)
        }
    }
}
