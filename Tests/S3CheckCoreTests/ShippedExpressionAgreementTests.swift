import Foundation
import S3CheckCore
import S3CheckTestSupport
import SafeXML
import Testing
import XPathOracle

@testable import S3CheckEngine

/// The shipped packs' expressions are all in the rule language, and from every element of the
/// examples each gives the value libxml2's XPath gives, with the pack's parameters bound.
@Suite("Shipped expressions agree with libxml2")
struct ShippedExpressionAgreementTests {
    private static func ruleSet() throws -> RuleSet {
        try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
    }

    @Test("Every shipped expression is in the rule language")
    func coverage() throws {
        let compiled = try CompiledRules(try Self.ruleSet())
        let sources = compiled.rules.flatMap(\.rule.expressions)
        #expect(sources.count > 90)
        for source in sources {
            #expect(throws: Never.self, "\(source)") { try compiled.context.compile(source) }
        }
    }

    @Test("Every shipped expression gives libxml2's value, from every element of the examples")
    func examples() throws {
        let compiled = try CompiledRules(try Self.ruleSet())
        let xpath = compiled.context
        let oracle = LibXML2XPath(
            namespaces: Namespaces.expressionPrefixes,
            functions: ExtensionFunctions.make(codeLists: compiled.ruleSet.codeLists, alignment: compiled.alignment))
        let parameters = ParameterValues(compiled.ruleSet.parameters, on: CalendarDate("2026-03-01")!)
        xpath.variables = parameters.variables
        oracle.variables = parameters.variables
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.examples.path)
            .filter { $0.hasSuffix(".xml") }.sorted().prefix(4)
        var answered = 0
        for name in files {
            let document = try XMLDocument.parse(
                Data(contentsOf: Fixtures.examples.appending(path: name)), name: name)
            let elements = try oracle.evaluate("//*", at: try #require(document.root)).nodes
            for rule in compiled.rules {
                for source in rule.rule.expressions {
                    let expression = try xpath.compile(source)
                    for element in elements {
                        let agreement = EvaluationAgreement(expression, at: element, in: xpath, oracle: oracle)
                        #expect(agreement.native == agreement.reference, "\(rule.rule.id) \(source) at \(element.path)")
                        if agreement.referenceValue != nil { answered += 1 }
                    }
                }
            }
        }
        #expect(answered > 10_000, "evaluations that gave a value: \(answered)")
    }
}
