import S3CheckPacks
import S3CheckValues
import SafeXML

/// A check kind the engine can evaluate: it compiles its expressions once per worker into a
/// ``CompiledCheck``, which holds compiled expressions rather than their source text.
protocol EvaluableCheck: RuleCheck {
    func compile(with compiler: CheckCompiler) throws(CheckCompiler.Failure) -> any CompiledCheck
}

/// A check ready to evaluate on one context node of an application.
protocol CompiledCheck {
    func check(at context: XMLNode, in scope: CheckScope) throws(EvaluationFailure) -> CheckOutcome
}

/// What a check found on one context node.
enum CheckOutcome {
    /// The check had nothing to look at (its path selected no node).
    case notApplicable
    /// Checked; the nodes that failed, none when it passed.
    case checked([CheckFailure])
    /// Checked, with what it measured for the printed report (a ratio).
    case measured([CheckFailure], RuleResult.Measurement)
}

/// A node that failed a check and the values its finding reports.
struct CheckFailure {
    var node: XMLNode
    var values: [NamedValue]
}

/// Why a rule could not be evaluated; the application then cannot be assessed.
struct EvaluationFailure: Error {
    var reason: String
}

/// A number a check compares: a bound, a numerator, the total of a sum.
///
/// The whole-expression `sum(X)` adds X's nodes exactly instead of in binary floating point; a
/// bare `$parameter` is its value as the pack wrote it; anything else is evaluated by XPath.
struct Operand {
    enum Kind {
        case sum(XPathExpression)
        case parameter(String)
        case expression(XPathExpression)
    }

    /// The operand as the pack wrote it, for messages.
    let source: String
    let kind: Kind
}

/// Compiles a check's expressions for one worker's XPath context.
struct CheckCompiler {
    let context: XPathContext
    /// Code lists of the rule set, by id.
    let codeLists: [String: CodeList]
    /// Parameter ids the pack defines.
    let parameterIDs: Set<String>
    /// The rule's `let` names, which shadow parameters of the same name.
    let letNames: Set<String>

    /// Why a check could not be compiled.
    struct Failure: Error {
        var message: LocalizedText
    }

    func expression(_ source: String) throws(Failure) -> XPathExpression {
        do {
            return try context.compile(source)
        } catch  where error.isOutsideTheLanguage {
            throw Failure(message: Catalog.text("pack.expression-outside-the-language", ["expression": source]))
        } catch {
            throw Failure(
                message: Catalog.text(
                    "pack.expression-does-not-compile", ["expression": source, "reason": error.reason]))
        }
    }

    func expression(_ source: String?) throws(Failure) -> XPathExpression? {
        guard let source else { return nil }
        return try expression(source)
    }

    func operand(_ source: String) throws(Failure) -> Operand {
        if let argument = ExpressionScanner.sumArgument(of: source) {
            return Operand(source: source, kind: .sum(try expression(argument)))
        }
        let trimmed = source.trimmingXMLWhitespace()
        let name = String(trimmed.dropFirst())
        if trimmed.hasPrefix("$"), parameterIDs.contains(name), !letNames.contains(name) {
            return Operand(source: source, kind: .parameter(name))
        }
        return Operand(source: source, kind: .expression(try expression(source)))
    }

    func operand(_ source: String?) throws(Failure) -> Operand? {
        guard let source else { return nil }
        return try operand(source)
    }

    func codeList(_ id: String) throws(Failure) -> CodeList {
        guard let list = codeLists[id] else {
            throw Failure(message: Catalog.text("pack.code-list-is-not-defined-in", ["list": id]))
        }
        return list
    }
}
