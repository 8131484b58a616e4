import Testing

@testable import S3CheckReports

/// A source line quoted under a finding stays readable however long the line is.
@Suite("Quoted source lines")
struct ExcerptTests {
    @Test("A short line is quoted whole, with the caret at the column")
    func shortLine() {
        let (text, caret) = TextReporter.excerpt("    <erdf amount=\"1\"/>", around: 11)
        #expect(text == "    <erdf amount=\"1\"/>")
        #expect(caret == 11)
    }

    @Test("A long line is cut to a window around the column, marked with …, the caret on the same character")
    func longLine() {
        let line = String(repeating: "a", count: 5000) + "X" + String(repeating: "b", count: 5000)
        let (text, caret) = TextReporter.excerpt(line, around: 5001)
        #expect(text.count <= TextReporter.excerptWidth + 2)
        #expect(text.hasPrefix("…") && text.hasSuffix("…"))
        #expect(Array(text)[caret - 1] == "X")
        let (start, startCaret) = TextReporter.excerpt(line, around: 1)
        #expect(!start.hasPrefix("…") && start.hasSuffix("…") && startCaret == 1)
        let (end, endCaret) = TextReporter.excerpt(line, around: 10001)
        #expect(end.hasPrefix("…") && !end.hasSuffix("…"))
        #expect(Array(end)[endCaret - 1] == "b")
    }
}
