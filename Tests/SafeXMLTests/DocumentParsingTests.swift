import Foundation
import SafeXML
import Testing

@Suite("Parsing untrusted XML")
struct DocumentParsingTests {
    private func failure(_ text: String) -> XMLDocument.ReadError? {
        do {
            _ = try XMLDocument.parse(Data(text.utf8), name: "test.xml")
            return nil
        } catch {
            return error
        }
    }

    @Test("Paths number same-named siblings only, however many there are and in any order of asking")
    func siblingPositions() throws {
        let text = "<a><b/><c/><b/><d><b/></d><b/><e/></a>"
        let document = try XMLDocument.parse(Data(text.utf8), name: "test.xml")
        let root = try #require(document.root)
        let children = root.childElements
        // Asked last-first, so that the cache is filled from a later sibling.
        #expect(children.reversed().map(\.path) == ["/a/e", "/a/b[3]", "/a/d", "/a/b[2]", "/a/c", "/a/b[1]"])
        #expect(children[3].childElements.first?.path == "/a/d/b")
        let many = "<a>" + String(repeating: "<x/>", count: 20_000) + "</a>"
        let big = try XMLDocument.parse(Data(many.utf8), name: "many.xml")
        let last = try #require(big.root?.childElements.last)
        #expect(last.path == "/a/x[20000]")
        // More requests under one parent than are counted directly: the index that takes over
        // gives the same positions, asked in either order.
        let mixed = "<a><b/><c/><b/><b/><c/><d/><b/><c/><b/><e/><b/><c/></a>"
        let expected = [
            "/a/b[1]", "/a/c[1]", "/a/b[2]", "/a/b[3]", "/a/c[2]", "/a/d", "/a/b[4]", "/a/c[3]", "/a/b[5]", "/a/e",
            "/a/b[6]", "/a/c[4]",
        ]
        let twelve = try #require(try XMLDocument.parse(Data(mixed.utf8), name: "mixed.xml").root).childElements
        #expect(twelve.reversed().map(\.path) == expected.reversed())
        #expect(twelve.map(\.path) == expected)
    }

    @Test("A well-formed document gives its root, lines and readable paths")
    func wellFormed() throws {
        let text = "<a>\n  <b x=\"1\"/>\n  <b x=\"2\">text</b>\n</a>\n"
        let document = try XMLDocument.parse(Data(text.utf8), name: "test.xml")
        let root = try #require(document.root)
        #expect(root.localName == "a")
        let second = root.childElements[1]
        #expect(second.line == 3)
        #expect(second.path == "/a/b[2]")
        #expect(second.stringValue == "text")
        #expect(second.attribute("x") == "2")
        #expect(second.column == 3)
    }

    @Test("A truncated document reports the line where it breaks")
    func truncated() {
        let error = failure("<a>\n  <b>\n    <c>text</c>\n")
        guard case .malformed(let diagnostics) = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(diagnostics.first?.line == 4)
        #expect(diagnostics.first?.category == .syntax)
    }

    @Test("An empty file is refused as empty")
    func empty() {
        guard case .malformed(let diagnostics) = failure("") else {
            Issue.record("expected malformed")
            return
        }
        #expect(diagnostics.contains { $0.code == 4 })
    }

    @Test("Invalid UTF-8 is refused")
    func invalidUTF8() {
        var bytes = Array("<a>".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("</a>".utf8)
        #expect(throws: XMLDocument.ReadError.self) {
            _ = try XMLDocument.parse(Data(bytes), name: "bad.xml")
        }
    }

    @Test("UTF-16 with a byte-order mark is accepted")
    func utf16() throws {
        var data = Data([0xFF, 0xFE])
        data.append("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>å</a>".data(using: .utf16LittleEndian)!)
        let document = try XMLDocument.parse(data, name: "utf16.xml")
        #expect(document.root?.stringValue == "å")
    }

    @Test("An external entity is never expanded: the DOCTYPE is refused and no file is read")
    func externalEntity() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<a>&x;</a>"
        #expect(failure(text) == .doctypeNotAllowed(line: 2))
    }

    @Test("Billion laughs is refused quickly")
    func billionLaughs() {
        var declarations = "<!ENTITY l0 \"ha\">"
        for level in 1...9 {
            let references = String(repeating: "&l\(level - 1);", count: 10)
            declarations += "<!ENTITY l\(level) \"\(references)\">"
        }
        let text = "<!DOCTYPE a [\(declarations)]><a>&l9;</a>"
        let start = Date()
        #expect(failure(text) != nil)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test("A document above the size limit is refused before parsing")
    func sizeLimit() {
        let text = "<a>" + String(repeating: "x", count: 2000) + "</a>"
        #expect(throws: XMLDocument.ReadError.tooLarge(bytes: text.utf8.count, limit: 100)) {
            _ = try XMLDocument.parse(Data(text.utf8), name: "big.xml", limits: .init(maximumBytes: 100))
        }
    }

    @Test("Nesting deeper than libxml2's limit is refused")
    func deepNesting() {
        let depth = 10_000
        let text = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        #expect(failure(text) != nil)
    }
}
