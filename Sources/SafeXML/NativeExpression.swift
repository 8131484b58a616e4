internal import CLibXML2
import Foundation

/// An XPath 1.0 expression evaluated in Swift over libxml2's tree, for the subset that
/// ``XPathSyntax`` reads.
///
/// libxml2's XPath machine builds an object for every intermediate value, copies every text it
/// compares and crosses into Swift and back for every extension function; eligibility rules are
/// small expressions evaluated thousands of times, so that overhead is most of their cost. This
/// evaluator is the only one rules run on. It gives libxml2's answers (strings and numbers
/// convert with libxml2's own functions, comparisons follow its node-set rules) so that
/// libxml2's XPath machine can serve the tests as an oracle: they hold the two to the same
/// results. What it cannot evaluate (an unbound variable, a function that fails, a count of
/// something that is not a node-set) stops it with a ``Failure`` that says why.
struct NativeExpression {
    let term: Term

    indirect enum Term {
        case string(String)
        case number(Double)
        case variable(String)
        case path(DirectPath)
        case core(CoreFunction, [Term])
        case external(XPathFunction, [Term])
        case negate(Term)
        case arithmetic(Arithmetic, Term, Term)
        case compare(Comparison, Term, Term)
        case and(Term, Term)
        case or(Term, Term)
        case union(Term, Term)
    }

    enum Arithmetic {
        case add, subtract, multiply, divide, modulo
    }

    enum Comparison {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    }

    /// The XPath 1.0 core functions rules may call.
    enum CoreFunction: String {
        case string, number, boolean, not, `true`, `false`, count, sum, concat, substring, contains, translate
        case floor, ceiling, round
        case startsWith = "starts-with"
        case normalizeSpace = "normalize-space"
        case stringLength = "string-length"

        var arity: ClosedRange<Int> {
            switch self {
            case .true, .false: 0...0
            case .string, .number, .normalizeSpace, .stringLength: 0...1
            case .boolean, .not, .count, .sum, .floor, .ceiling, .round: 1...1
            case .startsWith, .contains: 2...2
            case .substring: 2...3
            case .translate: 3...3
            case .concat: 2...Int.max
            }
        }
    }

    /// Why an evaluation stopped, in words for the rule's author.
    struct Failure: Error {
        let reason: String
    }

    /// The variables, the functions and the document being evaluated.
    typealias Environment = EvaluationState

    /// A value during evaluation: node-sets as libxml2's node pointers, in document order.
    enum Value {
        case nodes([xmlNodePtr])
        case boolean(Bool)
        case number(Double)
        case string(String)
    }

    func evaluate(at node: xmlNodePtr, in environment: Environment) throws(Failure) -> Value {
        try Self.evaluate(term, at: node, in: environment)
    }

    static func evaluate(_ term: Term, at node: xmlNodePtr, in environment: Environment) throws(Failure) -> Value {
        switch term {
        case .string(let text):
            return .string(text)
        case .number(let number):
            return .number(number)
        case .variable(let name):
            guard let value = environment.variable(name) else { throw Failure(reason: "undefined variable $\(name)") }
            return Value(value, in: environment)
        case .path(let path):
            return .nodes(try path.evaluate(from: node, in: environment))
        case .core(let function, let arguments):
            return try call(function, arguments, at: node, in: environment)
        case .external(let function, let arguments):
            var values: [XPathValue] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments {
                values.append(try evaluate(argument, at: node, in: environment).xpathValue(in: environment))
            }
            let result: XPathValue
            do { result = try function.body(values) } catch {
                throw Failure(reason: "\(function.name)(): \(error)")
            }
            return Value(result, in: environment)
        case .negate(let operand):
            return .number(-(try evaluate(operand, at: node, in: environment).number))
        case .arithmetic(let operation, let left, let right):
            let lhs = try evaluate(left, at: node, in: environment).number
            let rhs = try evaluate(right, at: node, in: environment).number
            switch operation {
            case .add: return .number(lhs + rhs)
            case .subtract: return .number(lhs - rhs)
            case .multiply: return .number(lhs * rhs)
            case .divide: return .number(lhs / rhs)
            case .modulo: return .number(fmod(lhs, rhs))
            }
        case .compare(let comparison, let left, let right):
            let lhs = try evaluate(left, at: node, in: environment)
            let rhs = try evaluate(right, at: node, in: environment)
            return .boolean(compare(lhs, comparison, rhs))
        case .and(let left, let right):
            guard try evaluate(left, at: node, in: environment).boolean else { return .boolean(false) }
            return .boolean(try evaluate(right, at: node, in: environment).boolean)
        case .or(let left, let right):
            if try evaluate(left, at: node, in: environment).boolean { return .boolean(true) }
            return .boolean(try evaluate(right, at: node, in: environment).boolean)
        case .union(let left, let right):
            guard case .nodes(let first) = try evaluate(left, at: node, in: environment),
                case .nodes(let second) = try evaluate(right, at: node, in: environment)
            else { throw Failure(reason: "'|' joins node-sets only") }
            return .nodes(union(first, second))
        }
    }

    /// Both node-sets as one, in document order as libxml2 orders nodes, each node once.
    static func union(_ first: [xmlNodePtr], _ second: [xmlNodePtr]) -> [xmlNodePtr] {
        if second.isEmpty { return first }
        if first.isEmpty { return second }
        return inDocumentOrder(first + second)
    }

    /// The nodes sorted in document order as libxml2 orders them, each node once. Nodes of
    /// different documents (through a variable) have no order between them: they are grouped by
    /// document in the order the documents first appear, which keeps the sort consistent.
    static func inDocumentOrder(_ nodes: [xmlNodePtr]) -> [xmlNodePtr] {
        var documents: [UnsafeMutablePointer<xmlDoc>?] = []
        for node in nodes where !documents.contains(node.pointee.doc) { documents.append(node.pointee.doc) }
        // xmlXPathCmpNodes: 1 when the first node comes first, 0 for the same node.
        let sorted = nodes.sorted { first, second in
            guard first.pointee.doc == second.pointee.doc else {
                return documents.firstIndex(of: first.pointee.doc)! < documents.firstIndex(of: second.pointee.doc)!
            }
            return xmlXPathCmpNodes(first, second) == 1
        }
        var result: [xmlNodePtr] = []
        result.reserveCapacity(sorted.count)
        for node in sorted where result.last != node { result.append(node) }
        return result
    }
}
