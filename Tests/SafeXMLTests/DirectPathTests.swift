import Foundation
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
            xpath.walksSimplePaths = true
            let direct = try xpath.evaluate(expression, at: node).nodes.map(\.path)
            xpath.walksSimplePaths = false
            let reference = try xpath.evaluate(expression, at: node).nodes.map(\.path)
            #expect(direct == reference, "\(source) at \(node.path)")
            selected += reference.count
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
            "t:line[@kind = 'indirect']/t:note",
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
    }

    @Test(
        "Anything else is left to libxml2",
        arguments: [
            "//t:line", "t:line[1]", "t:line | t:group", "@*", "t:*", "count(t:line)", "t:line[@kind = $k]",
            "t:line[@kind = 'a' or @kind = 'b']", "t:line[t:note]", "unknown:line", "t:line[@amount = 10]",
            "./t:line", "t:line/..", "t:line/text()", "t:line[@kind != 'staff']", "t:ligne·x",
        ]
    )
    func fallsBack(_ source: String) throws {
        let xpath = XPathContext(namespaces: ["t": "urn:t"], functions: [])
        guard let expression = try? xpath.compile(source) else { return }
        #expect(!expression.isSimplePath, "\(source)")
    }
}
