import Foundation
import S3CheckCore
import S3CheckTestSupport
import SafeXML
import Testing

/// The shipped packs' simple paths are walked directly; here every one of them is evaluated both
/// ways from every node of every example, and libxml2's answer is the reference.
@Suite("Shipped paths agree with libxml2")
struct ShippedPathAgreementTests {
    @Test("Every simple path of the shipped packs selects what libxml2 selects")
    func agreement() throws {
        let ruleSet = try RulePackLoader(files: .shipped).load("se/stockholm/calls/example-call-2026.xml")
        let xpath = XPathContext(namespaces: ["a": Namespaces.application, "s3": Namespaces.functions], functions: [])
        let sources = Set(ruleSet.rules.flatMap(\.expressions)).sorted()
        // Expressions that call s3: functions do not compile without them and are never simple.
        let simple = sources.compactMap { try? xpath.compile($0) }.filter(\.isSimplePath)
        #expect(simple.count >= 30, "most context and check paths are simple: \(simple.count)")
        let examples = try FileManager.default.contentsOfDirectory(atPath: Fixtures.examples.path)
            .filter { $0.hasSuffix(".xml") }.sorted()
        var selected = 0
        for name in examples {
            let data = try Data(contentsOf: Fixtures.examples.appending(path: name))
            guard let document = try? XMLDocument.parse(data, name: name), let root = document.root else { continue }
            let contexts = try xpath.evaluate(xpath.compile("//* | //@*"), at: root).nodes
            for expression in simple {
                for node in contexts {
                    let agreement = try PathAgreement(expression, at: node, in: xpath)
                    #expect(agreement.direct == agreement.reference, "\(expression.source) at \(name) \(node.path)")
                    selected += agreement.referenceValue.nodes.count
                }
            }
        }
        #expect(selected > 300, "the examples exercise the paths: \(selected) nodes selected")
    }
}
