import Foundation
import S3CheckTestSupport
import SafeXML
import Testing

/// Simple paths are walked directly; libxml2 is the reference they must agree with.
@Suite("Simple paths walked directly")
struct DirectPathTests {
    private let document = """
        <r xmlns="urn:t" xmlns:o="urn:o" code="r">
          <line kind="staff" basis="direct" amount="10"/>
          <line kind="staff" amount="20" o:kind="indirect"/>
          <line kind='indirect' basis="direct" amount="30"><note lang="sv">x</note></line>
          <o:line kind="staff" amount="40"/>
          <group><line kind="staff" amount="50"/></group>
          <line kind="" amount="&#x34;&amp;2"/>
          <plain xmlns=""><line kind="staff"/></plain>
        </r>
        """

    /// Every element and attribute of the document, as context nodes.
    private func everyNode(_ root: XMLNode, _ xpath: XPathContext) throws -> [XMLNode] {
        try xpath.evaluate(xpath.compile("//node() | //@*"), at: root).nodes
    }

    private func agree(_ source: String, on text: String) throws -> Int {
        let parsed = try XMLDocument.parse(Data(text.utf8), name: "t.xml")
        let root = try #require(parsed.root)
        let xpath = XPathContext(namespaces: ["t": "urn:t", "o": "urn:o"], functions: [])
        let expression = try xpath.compile(source)
        #expect(expression.isSimplePath, "\(source) should be walked directly")
        var selected = 0
        for node in try everyNode(root, xpath) + [root] {
            let agreement = try PathAgreement(expression, at: node, in: xpath)
            #expect(agreement.direct == agreement.reference, "\(source) at \(node.path)")
            let reference = agreement.referenceValue
            selected += reference.nodes.count + (reference.number.isNaN || reference.number == 0 ? 0 : 1)
        }
        return selected
    }

    @Test(
        "Walking gives libxml2's nodes, in its order, from every context node",
        arguments: [
            "t:line", "t:line[@kind = 'staff']", "t:line[@kind='staff' and @basis = \"direct\"]",
            "t:line[@basis][@kind = 'indirect']", "t:line/@amount", "t:line[@kind = 'staff']/@amount",
            "t:group/t:line", "o:line", "t:line[@kind = '']", "t:line[@amount = '4&2']", "..", "../..", "../t:line",
            ".", "@kind", "t:line/t:note[@lang = 'sv']", "plain/line", "t:plain", "t:line[ @kind = 'staff' ]",
            "t:line[@kind = 'indirect']/t:note", "sum(t:line/@amount)", "sum( t:line[@kind = 'staff']/@amount )",
            "sum(t:group)", "sum(../t:line/@amount)", "sum(@amount)", "sum(t:none/@amount)", "summary",
            "t:group/o:line", "o:line/t:line", "t:group/t:line", "t:plain/line", "plain/t:line",
        ]
    )
    func agreesWithLibxml2(_ source: String) throws {
        _ = try agree(source, on: document)
    }

    @Test("The examples select something, so the agreement is not between two empty sets")
    func selectsNodes() throws {
        #expect(try agree("t:line[@kind = 'staff']/@amount", on: document) > 0)
        #expect(try agree("t:line[@kind = 'staff' and @basis = 'direct']", on: document) > 0)
        #expect(try agree("../t:line", on: document) > 0)
        #expect(try agree("sum(t:line[@kind = 'staff']/@amount)", on: document) > 0)
    }

    @Test("Sums convert numbers as libxml2 does, to the bit")
    func sums() throws {
        let text = """
            <r xmlns="urn:t"><v a=" 1.5 "/><v a="-0.1"/><v a="0.2"/><v a="1e3"/><v a="."/><v a=""/></r>
            """
        _ = try agree("sum(t:v/@a)", on: text)
        _ = try agree("sum(t:v[@a = '0.2' ]/@a)", on: text)
        _ = try agree("sum(t:v[@a = '-0.1']/@a)", on: text)
    }

    @Test(
        "Anything else is left to libxml2",
        arguments: [
            "//t:line", "t:line[1]", "t:line | t:group", "@*", "t:*", "count(t:line)", "t:line[@kind = $k]",
            "t:line[@kind = 'a' or @kind = 'b']", "t:line[t:note]", "unknown:line", "t:line[@amount = 10]",
            "./t:line", "t:line/..", "t:line/text()", "t:line[@kind != 'staff']", "t:ligne·x", "sum(t:line) + 1",
            "sum(t:line, 2)", "sum/t:x", "count(t:line/@amount)",
        ]
    )
    func fallsBack(_ source: String) throws {
        let xpath = XPathContext(namespaces: ["t": "urn:t"], functions: [])
        let expression = try #require(try? xpath.compile(source), "libxml2 compiles \(source)")
        #expect(!expression.isSimplePath, "\(source)")
    }
}
