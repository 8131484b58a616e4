import Foundation
import SafeXML
import Testing

@Suite("XSD validation and XPath")
struct SchemaAndXPathTests {
    private let schemaText = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t" elementFormDefault="qualified">
          <xs:element name="r">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="d" type="xs:date" maxOccurs="unbounded"/>
                <xs:element name="n" type="xs:integer"/>
              </xs:sequence>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """

    @Test("Every violation is reported with its line, not only the first")
    func allViolations() throws {
        let schema = try XMLSchema(Data(schemaText.utf8), name: "t.xsd")
        let text = "<r xmlns=\"urn:t\">\n<d>2026-13-01</d>\n<d>2026-01-01</d>\n<d>nope</d>\n<n>x</n>\n</r>"
        let document = try XMLDocument.parse(Data(text.utf8), name: "t.xml")
        let violations = schema.validate(document)
        #expect(violations.map(\.line) == [2, 4, 5])
        #expect(violations.allSatisfy { $0.category == .schema })
        #expect(violations.first?.node?.localName == "d")
    }

    @Test("A valid document has no violations")
    func valid() throws {
        let schema = try XMLSchema(Data(schemaText.utf8), name: "t.xsd")
        let document = try XMLDocument.parse(
            Data("<r xmlns=\"urn:t\"><d>2026-01-01</d><n>3</n></r>".utf8), name: "t.xml")
        #expect(schema.validate(document).isEmpty)
    }

    @Test("A broken schema reports why")
    func brokenSchema() {
        #expect(throws: XMLSchema.SchemaError.self) {
            _ = try XMLSchema(
                Data("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element/></xs:schema>".utf8),
                name: "b.xsd")
        }
    }

    private func context() -> XPathContext {
        let double = XPathFunction(namespaceURI: "urn:f", name: "double", arity: 1...1) { arguments in
            .number(arguments[0].number * 2)
        }
        let fail = XPathFunction(namespaceURI: "urn:f", name: "fail", arity: 0...0) { _ in
            struct Boom: Error {}
            throw Boom()
        }
        return XPathContext(namespaces: ["t": "urn:t", "f": "urn:f"], functions: [double, fail])
    }

    @Test("Numbers parse as XPath numbers, trimmed of XML white space only")
    func numbersAndTrimming() {
        #expect(XPathValue.parseNumber(" 12.5\r\n") == 12.5)
        #expect(XPathValue.parseNumber("-3") == -3)
        for text in ["1e5", "", " ", "12 000", "+4", "٣", "12\u{A0}"] {
            #expect(XPathValue.parseNumber(text).isNaN, "\(text)")
        }
        #expect("\t\r\n  å ö \n".trimmingXMLWhitespace() == "å ö")
        #expect("\u{A0}x\u{A0}".trimmingXMLWhitespace() == "\u{A0}x\u{A0}")
        #expect("e\u{301} ".trimmingXMLWhitespace() == "e\u{301}")
        #expect(" \r\n ".trimmingXMLWhitespace().isEmpty)
    }

    @Test("A node's number, read in place, is the number of its string value")
    func numberValues() throws {
        let values = [
            " 12.5 ", "-3", "1e5", "", "12 000", "+4", "1.2.3", "-", ".", "7.", "-.5", "0042", "1-2", "\u{A0}1",
        ]
        let attributes = values.enumerated().map { "<v a=\"\($1)\">\($1)</v>" }.joined()
        let text = "<r>\(attributes)<v>1<!-- c -->2</v><v><w>3</w></v></r>"
        let document = try XMLDocument.parse(Data(text.utf8), name: "t.xml")
        let xpath = context()
        let root = try #require(document.root)
        let nodes = try xpath.evaluate(xpath.compile(". | v | v/@a | v/w"), at: root).nodes
        #expect(nodes.count == values.count * 2 + 4)
        for node in nodes {
            let expected = XPathValue.parseNumber(node.stringValue)
            #expect(node.numberValue.bitPattern == expected.bitPattern, "\(node.path) \(node.stringValue)")
        }
    }

    @Test("Expressions give node-sets, numbers, strings and booleans")
    func values() throws {
        let document = try XMLDocument.parse(Data("<r xmlns=\"urn:t\"><n>4</n><n>5</n></r>".utf8), name: "t.xml")
        let root = try #require(document.root)
        let xpath = context()
        #expect(try xpath.evaluate(xpath.compile("t:n"), at: root).nodes.count == 2)
        #expect(try xpath.evaluate(xpath.compile("sum(t:n)"), at: root).number == 9)
        #expect(try xpath.evaluate(xpath.compile("string(t:n[2])"), at: root).string == "5")
        #expect(try xpath.evaluate(xpath.compile("count(t:n) = 2"), at: root).boolean)
    }

    @Test("Swift functions and variables are callable from expressions")
    func functionsAndVariables() throws {
        let document = try XMLDocument.parse(Data("<r xmlns=\"urn:t\"><n>4</n></r>".utf8), name: "t.xml")
        let root = try #require(document.root)
        let xpath = context()
        xpath.variables = ["limit": .number(7)]
        #expect(try xpath.evaluate(xpath.compile("f:double(t:n)"), at: root).number == 8)
        #expect(try xpath.evaluate(xpath.compile("f:double(t:n) > $limit"), at: root).boolean)
    }

    @Test("A syntax error fails to compile; a throwing function and an unknown variable fail to evaluate")
    func errors() throws {
        let document = try XMLDocument.parse(Data("<r xmlns=\"urn:t\"/>".utf8), name: "t.xml")
        let root = try #require(document.root)
        let xpath = context()
        #expect(throws: XPathError.self) { _ = try xpath.compile("count(") }
        #expect(throws: XPathError.self) { _ = try xpath.evaluate(xpath.compile("f:fail()"), at: root) }
        #expect(throws: XPathError.self) { _ = try xpath.evaluate(xpath.compile("$missing"), at: root) }
    }
}
