import S3CheckPacks
import S3CheckValues
import SafeXML

/// What a compiled check may ask while it evaluates on one application: XPath values, exact
/// numbers read once from the application, parameter values and dates.
struct CheckScope {
    let context: XPathContext
    /// The application's typed values, read in one walk before any rule.
    let values: ApplicationValues
    /// Parameter values in force on the submission date.
    let parameters: ParameterValues

    func value(_ expression: XPathExpression, at node: XMLNode) throws(EvaluationFailure) -> XPathValue {
        do {
            return try context.evaluate(expression, at: node)
        } catch {
            throw EvaluationFailure(reason: "\(error.expression): \(error.reason)")
        }
    }

    /// The nodes `expression` selects; a number, string or boolean where a check needs nodes is
    /// an evaluation error, so that the rule is never silently "not applicable".
    func nodes(_ expression: XPathExpression, at node: XMLNode) throws(EvaluationFailure) -> [XMLNode] {
        guard case .nodes(let nodes) = try value(expression, at: node) else {
            throw EvaluationFailure(reason: "\(expression.source) selects no nodes (its value is not a node-set)")
        }
        return nodes
    }

    /// A node's number: the value the walk read for a typed field, else its text read as XPath
    /// reads numbers; nil where XPath's would be NaN.
    package func number(of node: XMLNode) -> ExactDecimal? {
        values.decimal(of: node) ?? ExactDecimal(node.stringValue, as: .xpath)
    }

    /// The nodes' values added exactly; nil when one is not a number (XPath's sum is NaN).
    func sum(of nodes: [XMLNode]) throws(EvaluationFailure) -> ExactDecimal? {
        var total = ExactDecimal.zero
        for node in nodes {
            guard let value = number(of: node) else { return nil }
            guard let sum = total.adding(value) else {
                throw EvaluationFailure(reason: "the sum of \(node.reference.path) does not fit in 128 bits")
            }
            total = sum
        }
        return total
    }

    /// An operand exactly, and the node it was read from: a sum adds its nodes; a node-set is
    /// its first node's value, as XPath's `number()` reads it; a computed number is taken
    /// through its shortest decimal form. The value is nil where XPath's would be NaN.
    func operand(_ operand: Operand, at node: XMLNode) throws(EvaluationFailure)
        -> (value: ExactDecimal?, node: XMLNode?)
    {
        switch operand.kind {
        case .sum(let argument):
            let added = try nodes(argument, at: node)
            return (try sum(of: added), added.first)
        case .parameter(let id):
            return (parameters.decimals[id], nil)
        case .expression(let expression):
            switch try value(expression, at: node) {
            case .nodes(let nodes): return (nodes.first.flatMap(number(of:)), nodes.first)
            case .number(let number): return (ExactDecimal(number), nil)
            case .string(let text): return (ExactDecimal(text, as: .xpath), nil)
            case .boolean(let flag): return (ExactDecimal(flag ? 1 : 0), nil)
            }
        }
    }

    /// A bound of a range, sum or ratio check; nil when the check has none.
    func bound(_ operand: Operand?, at node: XMLNode) throws(EvaluationFailure) -> ExactDecimal? {
        guard let operand else { return nil }
        guard let bound = try self.operand(operand, at: node).value else {
            throw EvaluationFailure(reason: "\(operand.source) is not a number")
        }
        return bound
    }

    /// A date bound; nil when the check has none.
    func date(_ expression: XPathExpression?, at node: XMLNode) throws(EvaluationFailure) -> CalendarDate? {
        guard let expression else { return nil }
        let text = try value(expression, at: node).string
        guard let date = CalendarDate(text) else {
            throw EvaluationFailure(reason: "\(expression.source) gives \"\(text)\", not a date")
        }
        return date
    }

    static func within(_ value: ExactDecimal, _ low: ExactDecimal?, _ high: ExactDecimal?) -> Bool {
        low.map { value >= $0 } != false && high.map { value <= $0 } != false
    }

    /// The value and bounds a finding reports.
    static func bounds(value: String, isNumber: Bool, min: ExactDecimal?, max: ExactDecimal?) -> [NamedValue] {
        [NamedValue(name: "value", value: value.trimmingXMLWhitespace(), isNumber: isNumber)]
            + (min.map { [NamedValue(name: "min", value: $0.formatted, isNumber: true)] } ?? [])
            + (max.map { [NamedValue(name: "max", value: $0.formatted, isNumber: true)] } ?? [])
    }
}
