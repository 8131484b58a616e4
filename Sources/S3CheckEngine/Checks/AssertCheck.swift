import S3CheckPacks
import S3CheckValues
import SafeXML

/// `<assert test="…"/>`: an XPath test is true.
struct AssertCheck: EvaluableCheck {
    static let element = "assert"
    static let values: [String] = []

    let context: String?
    let test: String

    init(_ element: CheckElement) throws(CheckElement.Problem) {
        context = element["context"]
        test = try element.required("test")
    }

    var expressions: [CheckElement.Expression] {
        [context.map { .init("context", $0) }, .init("test", test)].compactMap { $0 }
    }

    var nodeSetExpressions: [String] { [context].compactMap { $0 } }

    func compile(with compiler: CheckCompiler) throws(CheckCompiler.Failure) -> any CompiledCheck {
        Compiled(test: try compiler.expression(test))
    }

    private struct Compiled: CompiledCheck {
        let test: XPathExpression

        func check(at context: XMLNode, in scope: CheckScope) throws(EvaluationFailure) -> CheckOutcome {
            let holds = try scope.value(test, at: context).boolean
            return .checked(holds ? [] : [CheckFailure(node: context, values: [])])
        }
    }
}
