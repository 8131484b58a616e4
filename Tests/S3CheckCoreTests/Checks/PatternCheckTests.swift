import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("<pattern> passes and fails as documented")
struct PatternCheckTests {
    let harness: EngineHarness

    init() throws {
        harness = try EngineHarness()
    }
    @Test("pattern: the whole value must match")
    func pattern() throws {
        let rule = PackBuilder.rule("T-PAT", check: #"<pattern path="a:project/a:acronym" regex="[A-Z]+"/>"#)
        #expect(try harness.outcome(of: rule).0 == .fail)
        let loose = PackBuilder.rule("T-PAT", check: #"<pattern path="a:project/a:acronym" regex="[A-Z]+-[A-Z]+"/>"#)
        #expect(try harness.outcome(of: loose).0 == .pass)
    }
}
