import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@testable import S3CheckEngine

@Suite("Every registered check kind is complete: schema element, texts in both languages, placeholders")
struct CheckKindsTests {
    @Test("Each kind's element is a choice of the rules schema and is named once in the registry")
    func schemaElements() throws {
        let schema = try String(
            contentsOf: Fixtures.rules.appending(path: "schema/rules-1.xsd"), encoding: .utf8)
        let elements = CheckKinds.all.map { $0.element }
        #expect(Set(elements).count == elements.count)
        for element in elements {
            #expect(schema.contains("<xs:element name=\"\(element)\" type="), "\(element) is not in rules-1.xsd")
        }
    }

    @Test("Each kind has a name in the catalogue of both languages", arguments: Language.allCases)
    func catalogNames(_ language: Language) {
        for kind in CheckKinds.all {
            let text = Catalog.raw("check.\(kind.element)", language)
            #expect(text?.isEmpty == false, "check.\(kind.element) is missing in \(language)")
        }
    }

    @Test("A check element with an unknown name is a load problem naming the element, not a dropped rule")
    func unknownElement() throws {
        let kinds = CheckKinds.all.filter { $0.element != "range" }
        let loader = RulePackLoader(files: .shipped, checkKinds: kinds)
        let error = try #require(throws: RulePackError.self) { try loader.read(ShippedPackPath.defaultPack) }
        #expect(error.problems.contains { $0.message.en == "<range> is not a check this version of s3check knows." })
        #expect(error.problems.contains { $0.message.sv.contains("<range> är inte en kontroll") })
    }
}
