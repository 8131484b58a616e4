/// A function written in Swift that XPath expressions can call, such as `s3:luhn(.)`.
public struct XPathFunction: Sendable {
    /// The namespace the function lives in; expressions call it through a bound prefix.
    public var namespaceURI: String
    /// The local name.
    public var name: String
    /// How many arguments it accepts.
    public var arity: ClosedRange<Int>
    /// The implementation; a thrown error becomes an XPath evaluation error with its text.
    public var body: @Sendable ([XPathValue]) throws -> XPathValue

    public init(
        namespaceURI: String,
        name: String,
        arity: ClosedRange<Int>,
        body: @escaping @Sendable ([XPathValue]) throws -> XPathValue
    ) {
        self.namespaceURI = namespaceURI
        self.name = name
        self.arity = arity
        self.body = body
    }
}

/// An XPath expression failed to compile or to evaluate.
public struct XPathError: Error, Sendable, Equatable {
    /// The expression as written.
    public var expression: String
    /// What went wrong, for the author of the expression.
    public var reason: String
    /// Whether the expression is outside the rule language (which callers may explain in the
    /// reader's language) rather than wrong in some particular.
    public var isOutsideTheLanguage = false

    package init(expression: String, reason: String, isOutsideTheLanguage: Bool = false) {
        self.expression = expression
        self.reason = reason
        self.isOutsideTheLanguage = isOutsideTheLanguage
    }
}
