import SafeXML

/// One expression evaluated from one node both ways: walked directly and by libxml2's XPath.
///
/// libxml2 is the reference the direct walk must agree with; the results are compared as
/// fingerprints (nodes by their place in the document, numbers by their bits, so NaN equals NaN).
public struct PathAgreement {
    public let direct: String
    public let reference: String
    /// libxml2's result, for counting what a comparison exercised.
    public let referenceValue: XPathValue

    public init(_ expression: XPathExpression, at node: XMLNode, in xpath: XPathContext) throws {
        xpath.walksSimplePaths = true
        direct = Self.fingerprint(try xpath.evaluate(expression, at: node))
        xpath.walksSimplePaths = false
        defer { xpath.walksSimplePaths = true }
        referenceValue = try xpath.evaluate(expression, at: node)
        reference = Self.fingerprint(referenceValue)
    }

    public static func fingerprint(_ value: XPathValue) -> String {
        switch value {
        case .nodes(let nodes): nodes.map(\.path).joined(separator: " ")
        case .number(let number): "number \(number.bitPattern)"
        case .boolean(let boolean): "boolean \(boolean)"
        case .string(let string): "string \(string)"
        }
    }
}
