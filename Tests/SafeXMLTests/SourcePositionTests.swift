import Foundation
import SafeXML
import Testing

/// Where a node starts, when libxml2 records the line a multi-line start tag ends on.
@Suite("Source positions")
struct SourcePositionTests {
    private let text = """
        <?xml version="1.0"?>
        <application xmlns="urn:s3check:application:1"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="urn:s3check:application:1 application-1.xsd">
          <costLine partner="P1"
            amount="12"/>
        </application>
        """

    @Test("A multi-line start tag is found on its first line, not in a namespace URI")
    func multiLineStartTag() throws {
        let document = try XMLDocument.parse(Data(text.utf8), name: "a.xml")
        let root = try #require(document.root)
        #expect(root.line == 4, "libxml2 records where the start tag ends")
        #expect(root.position.line == 2)
        #expect(root.position.column == 1)
        let costLine = try #require(root.childElements.first)
        #expect(costLine.position.line == 5)
        #expect(costLine.position.column == 3)
        let amount = try #require(costLine.attributeNodes.first { $0.localName == "amount" })
        #expect(amount.position.line == 6)
        #expect(amount.position.column == 5)
        let partner = try #require(costLine.attributeNodes.first { $0.localName == "partner" })
        #expect(partner.position.line == 5)
    }
}
