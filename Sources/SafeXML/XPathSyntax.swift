internal import CLibXML2

/// Reads an XPath 1.0 expression into a ``NativeExpression``, or gives nil when the expression
/// uses anything outside the subset Swift evaluates.
///
/// The subset is the rule language, what eligibility rules are written in: location paths of
/// child steps (from the root, or after any leading `..`), with name tests or `*`, predicates and
/// a final `@name`; literals, numbers and variables; `or`, `and`, comparisons, arithmetic, unary
/// minus and unions; the core functions in ``NativeExpression/CoreFunction`` and the context's
/// own functions. Whatever is refused here does not compile.
struct XPathSyntax {
    private let tokens: [Token]
    private var position = 0
    /// How deeply parentheses, predicates, arguments and minus signs nest here, and how many
    /// operators the expression has (a chain of them is a tree as deep as it is long); past
    /// either limit the expression is refused, so that neither reading, evaluating nor
    /// freeing it recurses without bound.
    private var depth = 0
    private var operators = 0
    // Real rules nest a few levels and use a few dozen operators; these bounds keep a worker's
    // stack use for one expression to a few tens of KB even in a debug build.
    private static let maximumDepth = 32
    private static let maximumOperators = 128
    private let namespaces: [String: String]
    private let functions: (_ name: String, _ uri: String) -> XPathFunction?

    /// The expression in `source`, or nil when it is outside the rule language.
    static func parse(
        _ source: String, namespaces: [String: String],
        functions: @escaping (_ name: String, _ uri: String) -> XPathFunction?
    ) -> NativeExpression? {
        // A NUL would end the expression early for C code; none belongs in a rule.
        guard !source.utf8.contains(0), let tokens = Tokenizer.tokens(of: source) else { return nil }
        var syntax = XPathSyntax(tokens: tokens, namespaces: namespaces, functions: functions)
        guard let term = syntax.orExpression(), syntax.position == tokens.count else { return nil }
        return NativeExpression(term: term)
    }

    private init(
        tokens: [Token], namespaces: [String: String],
        functions: @escaping (_ name: String, _ uri: String) -> XPathFunction?
    ) {
        self.tokens = tokens
        self.namespaces = namespaces
        self.functions = functions
    }

    private typealias Term = NativeExpression.Term

    private var next: Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func take(_ token: Token) -> Bool {
        guard next == token else { return false }
        position += 1
        return true
    }

    /// Counts one operator; false once the expression has too many.
    private mutating func countOperator() -> Bool {
        operators += 1
        return operators <= Self.maximumOperators
    }

    /// `operand (operator operand)*`, left-associative, by XPath 1.0's grammar: each level of
    /// precedence is one chain whose operands are the next level's.
    private mutating func chain(
        of operand: (inout XPathSyntax) -> Term?, joinedBy operators: [(Token, (Term, Term) -> Term)]
    ) -> Term? {
        guard var term = operand(&self) else { return nil }
        while let (_, join) = operators.first(where: { next == $0.0 }) {
            position += 1
            guard let right = operand(&self), countOperator() else { return nil }
            term = join(term, right)
        }
        return term
    }

    private mutating func orExpression() -> Term? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return nil }
        return chain(of: { $0.andExpression() }, joinedBy: [(.operatorName("or"), Term.or)])
    }

    private mutating func andExpression() -> Term? {
        chain(of: { $0.equality() }, joinedBy: [(.operatorName("and"), Term.and)])
    }

    private mutating func equality() -> Term? {
        chain(
            of: { $0.relational() },
            joinedBy: [(.symbol("="), { .compare(.equal, $0, $1) }), (.symbol("!="), { .compare(.notEqual, $0, $1) })]
        )
    }

    private mutating func relational() -> Term? {
        chain(
            of: { $0.additive() },
            joinedBy: [
                (.symbol("<"), { .compare(.less, $0, $1) }), (.symbol("<="), { .compare(.lessOrEqual, $0, $1) }),
                (.symbol(">"), { .compare(.greater, $0, $1) }), (.symbol(">="), { .compare(.greaterOrEqual, $0, $1) }),
            ]
        )
    }

    private mutating func additive() -> Term? {
        chain(
            of: { $0.multiplicative() },
            joinedBy: [
                (.symbol("+"), { .arithmetic(.add, $0, $1) }), (.symbol("-"), { .arithmetic(.subtract, $0, $1) }),
            ]
        )
    }

    private mutating func multiplicative() -> Term? {
        chain(
            of: { $0.unary() },
            joinedBy: [
                (.symbol("*"), { .arithmetic(.multiply, $0, $1) }),
                (.operatorName("div"), { .arithmetic(.divide, $0, $1) }),
                (.operatorName("mod"), { .arithmetic(.modulo, $0, $1) }),
            ]
        )
    }

    private mutating func unary() -> Term? {
        if take(.symbol("-")) {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth, countOperator() else { return nil }
            return unary().map { .negate($0) }
        }
        return chain(of: { $0.operand() }, joinedBy: [(.symbol("|"), Term.union)])
    }

    private mutating func operand() -> Term? {
        guard let term = pathOrPrimary() else { return nil }
        // Filters on primaries and paths after them are outside the language.
        if let next, next == .symbol("[") || next == .symbol("/") { return nil }
        return term
    }

    private mutating func pathOrPrimary() -> Term? {
        guard let token = next else { return nil }
        switch token {
        case .literal(let text):
            position += 1
            return .string(text)
        case .number(let value):
            position += 1
            return .number(value)
        case .variable(let name):
            position += 1
            return .variable(name)
        case .symbol("("):
            position += 1
            guard let inner = orExpression(), take(.symbol(")")) else { return nil }
            return inner
        case .function(let prefix, let local):
            position += 1
            return call(prefix: prefix, local: local)
        default:
            return path().map { .path($0) }
        }
    }

    private mutating func call(prefix: String?, local: String) -> Term? {
        var arguments: [Term] = []
        if !take(.symbol(")")) {
            repeat {
                guard let argument = orExpression() else { return nil }
                arguments.append(argument)
            } while take(.symbol(","))
            guard take(.symbol(")")) else { return nil }
        }
        guard let prefix else {
            guard let core = NativeExpression.CoreFunction(rawValue: local), core.arity.contains(arguments.count) else {
                return nil
            }
            return .core(core, arguments)
        }
        // An unknown function or a wrong number of arguments does not compile.
        guard let uri = namespaces[prefix], let function = functions(local, uri),
            function.arity.contains(arguments.count)
        else {
            return nil
        }
        return .external(function, arguments)
    }

    private mutating func path() -> DirectPath? {
        var path = DirectPath()
        if take(.symbol("/")) {
            path.fromRoot = true
        }
        while !path.fromRoot, take(.symbol("..")) {
            path.parents += 1
            guard take(.symbol("/")) else { return path }
        }
        if !path.fromRoot, path.parents == 0, take(.symbol(".")) {
            return next == .symbol("/") ? nil : path
        }
        repeat {
            if take(.symbol("@")) {
                guard case .name(nil, let local) = next else { return nil }
                position += 1
                path.attribute = path.strings.make(Array(local.utf8))
                return path
            }
            var step: DirectPath.Step
            if take(.symbol("*")) {
                step = DirectPath.Step(name: DirectPath.Name(local: nil, uri: nil))
            } else {
                guard case .name(let prefix, let local) = next else { return nil }
                position += 1
                var uri: DirectPath.CString?
                if let prefix {
                    guard let bound = namespaces[prefix] else { return nil }
                    uri = path.strings.make(Array(bound.utf8))
                }
                step = DirectPath.Step(name: DirectPath.Name(local: path.strings.make(Array(local.utf8)), uri: uri))
            }
            while take(.symbol("[")) {
                guard let predicate = orExpression(), take(.symbol("]")) else { return nil }
                step.add(predicate, strings: path.strings)
            }
            path.steps.append(step)
        } while take(.symbol("/"))
        return path
    }
}

extension XPathSyntax {
    /// One lexical token of XPath 1.0.
    enum Token: Equatable {
        case literal(String)
        case number(Double)
        case variable(String)
        /// A name test, possibly prefixed.
        case name(String?, String)
        /// A function name: a name followed by `(`, which is consumed with it.
        case function(String?, String)
        /// `and`, `or`, `div` or `mod` where XPath reads an operator.
        case operatorName(String)
        case symbol(String)
    }

    /// Splits an expression into tokens by XPath 1.0's lexical rules; nil on anything the native
    /// subset does not read (axes, `//`, `*` as a name test, node-type tests, non-ASCII names).
    enum Tokenizer {
        static func tokens(of source: String) -> [Token]? {
            let bytes = Array(source.utf8)
            var tokens: [Token] = []
            var index = 0
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
            func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
            func isNameStart(_ byte: UInt8) -> Bool {
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
            }
            func isNameByte(_ byte: UInt8) -> Bool {
                isNameStart(byte) || isDigit(byte) || byte == 0x2D || byte == 0x2E
            }
            func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }
            func name() -> String? {
                guard let first = byte(at: index), isNameStart(first) else { return nil }
                let start = index
                while let next = byte(at: index), isNameByte(next) { index += 1 }
                return String(decoding: bytes[start..<index], as: UTF8.self)
            }
            // XPath 1.0, 3.7: after a token that can end an operand, `*` multiplies and a name
            // is an operator.
            func operatorExpected() -> Bool {
                guard let last = tokens.last else { return false }
                switch last {
                case .operatorName, .function: return false
                case .symbol(let symbol): return [")", "]", ".", ".."].contains(symbol)
                default: return true
                }
            }
            while index < bytes.count {
                let current = bytes[index]
                if isSpace(current) {
                    index += 1
                    continue
                }
                if current == 0x27 || current == 0x22 {
                    guard let end = bytes[(index + 1)...].firstIndex(of: current) else { return nil }
                    tokens.append(.literal(String(decoding: bytes[(index + 1)..<end], as: UTF8.self)))
                    index = end + 1
                    continue
                }
                if isDigit(current) || (current == 0x2E && byte(at: index + 1).map(isDigit) == true) {
                    let start = index
                    while let next = byte(at: index), isDigit(next) { index += 1 }
                    if byte(at: index) == 0x2E {
                        index += 1
                        while let next = byte(at: index), isDigit(next) { index += 1 }
                    }
                    // libxml2 builds a literal's value digit by digit, which is not always the
                    // nearest double; its own conversion gives the same bits.
                    let value = (Array(bytes[start..<index]) + [0]).withUnsafeBufferPointer { digits in
                        xmlXPathStringEvalNumber(digits.baseAddress)
                    }
                    tokens.append(.number(value))
                    continue
                }
                if current == 0x24 {
                    index += 1
                    // Prefixed variables are outside the language.
                    guard let variable = name(), byte(at: index) != 0x3A else { return nil }
                    tokens.append(.variable(variable))
                    continue
                }
                if isNameStart(current) {
                    guard let first = name() else { return nil }
                    if operatorExpected() {
                        guard ["and", "or", "div", "mod"].contains(first) else { return nil }
                        tokens.append(.operatorName(first))
                        continue
                    }
                    var prefix: String?
                    var local = first
                    if byte(at: index) == 0x3A {
                        guard byte(at: index + 1) != 0x3A else { return nil }  // an axis
                        index += 1
                        guard let second = name() else { return nil }
                        prefix = first
                        local = second
                    }
                    var after = index
                    while let next = byte(at: after), isSpace(next) { after += 1 }
                    if byte(at: after) == 0x28 {
                        guard prefix != nil || !["node", "text", "comment", "processing-instruction"].contains(local)
                        else { return nil }
                        tokens.append(.function(prefix, local))
                        index = after + 1
                    } else {
                        tokens.append(.name(prefix, local))
                    }
                    continue
                }
                let two = byte(at: index + 1).map { String(decoding: [current, $0], as: UTF8.self) }
                if let two, ["!=", "<=", ">=", ".."].contains(two) {
                    tokens.append(.symbol(two))
                    index += 2
                    continue
                }
                if current == 0x2F, byte(at: index + 1) == 0x2F { return nil }
                let single = String(decoding: [current], as: UTF8.self)
                guard ["(", ")", "[", "]", "/", "@", ",", "|", "+", "-", "=", "<", ">", "*", "."].contains(single)
                else {
                    return nil
                }
                tokens.append(.symbol(single))
                index += 1
            }
            return tokens
        }
    }
}
