import SafeXML
import XPathOracle

/// One expression evaluated from one node both ways: by the rule language's evaluator and by
/// libxml2's XPath, the oracle it must agree with.
///
/// The results are compared as fingerprints (nodes by their place in the document, numbers by
/// their bits, so NaN equals NaN); a failure on both sides agrees.
public struct EvaluationAgreement {
    public let native: String
    public let reference: String
    /// libxml2's result, for counting what a comparison exercised; nil when it failed.
    public let referenceValue: XPathValue?

    public init(_ expression: XPathExpression, at node: XMLNode, in xpath: XPathContext, oracle: LibXML2XPath) {
        native = Self.outcome { () throws(XPathError) in try xpath.evaluate(expression, at: node) }.fingerprint
        let reference = Self.outcome { () throws(XPathError) in try oracle.evaluate(expression.source, at: node) }
        self.reference = reference.fingerprint
        referenceValue = reference.value
    }

    private static func outcome(_ body: () throws(XPathError) -> XPathValue) -> (
        fingerprint: String, value: XPathValue?
    ) {
        do {
            let value = try body()
            return (fingerprint(value), value)
        } catch {
            return ("error", nil)
        }
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
