import Foundation
import S3CheckTestSupport
import Testing

/// The printed report holds what a case officer files with a decision.
@Suite("The printed report as a decision memo")
struct DecisionMemoTests {
    @Test(
        "Facts, financing against the ceiling, partners, rules by title and decision fields", arguments: ["sv", "en"])
    func memo(language: String) throws {
        let result = try BinaryRunner.run(
            ["check", "--lang", language, "--format", "html", "Examples/not-eligible-cofinancing.sv.xml"])
        let html = result.standardOutput.replacingOccurrences(of: "\u{00A0}", with: " ")
        let sv = language == "sv"
        // Amounts from the application, written as the language writes them.
        #expect(html.contains(sv ? "2 829 750 kr" : "SEK 2,829,750"))
        #expect(html.contains(sv ? "5 145 000 kr" : "SEK 5,145,000"))
        // The requested rate against the ceiling of the rule that caps it.
        #expect(html.contains(sv ? "Sökt stödandel: 55 % av" : "Requested ERDF rate: 55 % of"))
        #expect(html.contains(sv ? "högst 40 % är tillåtet (EU-COF-001)" : "at most 40 % allowed (EU-COF-001)"))
        // Partners with identifier, role and kind in the report's language.
        #expect(html.contains("Karolinska Institutet"))
        #expect(html.contains("202100-2973"))
        #expect(html.contains(sv ? "projektägare" : "lead partner"))
        #expect(html.contains(sv ? "lärosäte" : "university"))
        // Costs by category and year.
        #expect(html.contains(sv ? "Personal" : "Staff"))
        #expect(html.contains(">2027<"))
        // Passed rules by id and title, and room for the decision beside the audit trail.
        #expect(
            html.contains(
                sv
                    ? "Projektet startar inom stödberättigandeperioden"
                    : "The project starts within the eligibility period"))
        for field in sv
            ? ["Diarienummer", "Handläggare", "Underskrift", "Spårbarhet"]
            : ["Case number", "Case officer", "Signature", "Audit trail"]
        {
            #expect(html.contains(field))
        }
        let decision = try #require(html.range(of: sv ? ">Beslut<" : ">Decision<"))
        let audit = try #require(html.range(of: sv ? ">Spårbarhet<" : ">Audit trail<"))
        #expect(decision.lowerBound < audit.lowerBound)
    }
}
