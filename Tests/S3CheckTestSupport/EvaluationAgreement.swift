import SafeXML

/// One expression evaluated from one node both ways: natively in Swift and by libxml2's XPath.
///
/// libxml2 is the reference the native evaluation must agree with; the results are compared as
/// fingerprints (nodes by their place in the document, numbers by their bits, so NaN equals NaN).
public struct EvaluationAgreement {
    public let native: String
    public let reference: String
    /// libxml2's result, for counting what a comparison exercised.
    public let referenceValue: XPathValue
    /// Whether the native evaluation handed over to libxml2, so that both answers are libxml2's.
    public let deferred: Bool

    public init(_ expression: XPathExpression, at node: XMLNode, in xpath: XPathContext) throws {
        xpath.evaluatesNatively = true
        let deferrals = xpath.deferredEvaluations
        native = Self.fingerprint(try xpath.evaluate(expression, at: node))
        deferred = xpath.deferredEvaluations > deferrals
        xpath.evaluatesNatively = false
        defer { xpath.evaluatesNatively = true }
        referenceValue = try xpath.evaluate(expression, at: node)
        reference = Self.fingerprint(referenceValue)
    }

    public static func fingerprint(_ value: XPathValue) -> String {
        switch value {
        // A path alone does not tell comments, processing instructions and text apart.
        case .nodes(let nodes):
            nodes.map { "\($0.path) \($0.kind) \($0.line) \($0.stringValue)" }.joined(separator: " | ")
        case .number(let number): "number \(number.bitPattern)"
        case .boolean(let boolean): "boolean \(boolean)"
        case .string(let string): "string \(string)"
        }
    }
}
