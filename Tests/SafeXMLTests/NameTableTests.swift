import Foundation
import SafeXML
import Testing

@Suite("Name tables")
struct NameTableTests {
    private func elements(count: Int) throws -> (XMLDocument, [XMLNode]) {
        let children = (0..<count).map { "<n\($0)/><n\($0)/>" }.joined()
        let document = try XMLDocument.parse(Data("<r>\(children)</r>".utf8), name: "t.xml")
        return (document, try #require(document.root).childElements)
    }

    @Test("A name's value is found again from every node of that name, and nil is a value")
    func values() throws {
        let (_, nodes) = try elements(count: 40)
        var table = NameTable<Int?>(capacity: 256)
        for (index, node) in nodes.enumerated() where index.isMultiple(of: 2) {
            table[node.nameIdentity] = index == 0 ? .some(nil) : index
        }
        for (index, node) in nodes.enumerated() {
            let kept = try #require(table[node.nameIdentity], "\(node.localName)")
            let first = index - index % 2
            #expect(kept == (first == 0 ? nil : first))
        }
    }

    @Test("Past half its capacity a table keeps no more names, and still answers for the ones it has")
    func full() throws {
        let (_, nodes) = try elements(count: 100)
        var table = NameTable<String>(capacity: 16)
        for node in nodes { table[node.nameIdentity] = node.localName }
        let kept = nodes.filter { table[$0.nameIdentity] != nil }
        #expect(!kept.isEmpty && kept.count <= 16)
        for node in kept { #expect(table[node.nameIdentity] == node.localName) }
    }
}
