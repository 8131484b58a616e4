import S3CheckPacks
import S3CheckValues
import SafeXML

/// `<required path="…"/>`: the path selects at least one node that is not blank.
struct RequiredCheck: EvaluableCheck {
    static let element = "required"
    static let values = ["path"]

    let context: String?
    let path: String

    init(_ element: CheckElement) throws(CheckElement.Problem) {
        context = element["context"]
        path = try element.required("path")
    }

    var expressions: [CheckElement.Expression] {
        [context.map { .init("context", $0) }, .init("path", path)].compactMap { $0 }
    }

    var nodeSetExpressions: [String] { [context, path].compactMap { $0 } }

    func compile(with compiler: CheckCompiler) throws(CheckCompiler.Failure) -> any CompiledCheck {
        Compiled(source: path, path: try compiler.expression(path))
    }

    private struct Compiled: CompiledCheck {
        let source: String
        let path: XPathExpression

        func check(at context: XMLNode, in scope: CheckScope) throws(EvaluationFailure) -> CheckOutcome {
            let present = try scope.nodes(path, at: context).contains { !Self.isBlank($0) }
            return .checked(
                present ? [] : [CheckFailure(node: context, values: [NamedValue(name: "path", value: source)])])
        }

        /// An element with no text, attributes or children, or an attribute with a blank value.
        private static func isBlank(_ node: XMLNode) -> Bool {
            if !node.stringValue.trimmingXMLWhitespace().isEmpty { return false }
            guard node.kind == .element else { return true }
            return node.childElements.isEmpty && !node.hasAttributes
        }
    }
}
