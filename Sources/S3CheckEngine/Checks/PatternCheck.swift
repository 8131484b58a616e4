import Foundation
import S3CheckPacks
import S3CheckValues
import SafeXML

/// `<pattern path="…" regex="…"/>`: every node the path selects matches the regular expression
/// in full.
struct PatternCheck: EvaluableCheck {
    static let element = "pattern"
    static let values = ["value"]

    let context: String?
    let path: String
    let regex: String

    init(_ element: CheckElement) throws(CheckElement.Problem) {
        context = element["context"]
        path = try element.required("path")
        regex = try element.required("regex")
    }

    var expressions: [CheckElement.Expression] {
        [context.map { .init("context", $0) }, .init("path", path)].compactMap { $0 }
    }

    var nodeSetExpressions: [String] { [context, path].compactMap { $0 } }

    var judgedNodes: String? { path }

    func compile(with compiler: CheckCompiler) throws(CheckCompiler.Failure) -> any CompiledCheck {
        // Compiled once, like the XPath: an invalid expression is a problem of the pack.
        guard let expression = try? NSRegularExpression(pattern: regex) else {
            throw CheckCompiler.Failure(message: Catalog.text("pack.regular-expression-is-invalid", ["regex": regex]))
        }
        return Compiled(path: try compiler.expression(path), regex: expression)
    }

    private struct Compiled: CompiledCheck {
        let path: XPathExpression
        let regex: NSRegularExpression

        func check(at context: XMLNode, in scope: CheckScope) throws(EvaluationFailure) -> CheckOutcome {
            let nodes = try scope.nodes(path, at: context)
            guard !nodes.isEmpty else { return .notApplicable }
            let failures = nodes.compactMap { node -> CheckFailure? in
                let text = node.stringValue.trimmingXMLWhitespace()
                let range = NSRange(text.startIndex..., in: text)
                guard regex.firstMatch(in: text, options: [.anchored], range: range)?.range != range else { return nil }
                return CheckFailure(node: node, values: [NamedValue(name: "value", value: text)])
            }
            return .checked(failures)
        }
    }
}
