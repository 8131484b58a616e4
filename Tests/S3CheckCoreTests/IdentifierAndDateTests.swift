import S3CheckCore
import Testing

@Suite("Swedish identifiers and dates")
struct IdentifierAndDateTests {
    @Test(
        "Luhn-valid organisation numbers from public registers pass",
        arguments: ["212000-0142", "556036-0793", "2120001355", "16556036-0793"])
    func validOrganisationNumbers(_ number: String) {
        #expect(Identifiers.isSwedishOrganisationNumber(number))
    }

    @Test(
        "Wrong check digit, personal identity numbers and bad shapes fail",
        arguments: ["556036-0794", "850101-1234", "55603-60793", "556036 0793", "", "5560360793x"]
    )
    func invalidOrganisationNumbers(_ number: String) {
        #expect(!Identifiers.isSwedishOrganisationNumber(number))
    }

    @Test(
        "An invalid organisation number is named by what is wrong with it, and only that",
        arguments: [
            ("556036-0794", Identifiers.OrganisationNumberProblem.checkDigit),
            ("556036-0739", .checkDigit),
            ("850709-9805", .personalIdentityNumber),
            ("19850709-9805", .personalIdentityNumber),
            ("811218+9876", .personalIdentityNumber),
            ("850709-9806", .checkDigit),
            ("202100-297", .format),
            ("232100-00AB", .format),
            ("556036 0793", .separators(written: "556036-0793")),
            ("556.036-0793", .separators(written: "556036-0793")),
            ("556036 0794", .format),
        ]
    )
    func organisationNumberProblems(_ number: String, _ problem: Identifiers.OrganisationNumberProblem) {
        #expect(Identifiers.organisationNumberProblem(number) == problem)
        #expect(Identifiers.organisationNumberProblem("556036-0793") == nil)
        #expect(!problem.reason(.sv).isEmpty && problem.reason(.sv) != problem.reason(.en))
    }

    @Test("VAT numbers are SE, a Luhn-valid number and 01")
    func vat() {
        #expect(Identifiers.isSwedishVATNumber("SE556036079301"))
        #expect(!Identifiers.isSwedishVATNumber("SE556036079401"))
        #expect(!Identifiers.isSwedishVATNumber("SE556036079302"))
        #expect(!Identifiers.isSwedishVATNumber("DK556036079301"))
    }

    @Test("Dates parse strictly and compare by day")
    func dates() throws {
        #expect(CalendarDate("2026-02-29") == nil)
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2026-13-01") == nil)
        #expect(CalendarDate("2026-1-01") == nil)
        #expect(CalendarDate("2026-03-15Z")?.description == "2026-03-15")
        let start = try #require(CalendarDate("2021-01-01"))
        let end = try #require(CalendarDate("2029-12-31"))
        #expect(end.dayNumber - start.dayNumber == 3286)
        #expect(CalendarDate("1970-01-01")?.dayNumber == 0)
        #expect(start < end)
    }
}
