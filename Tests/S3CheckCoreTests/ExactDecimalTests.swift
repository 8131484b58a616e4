import Foundation
import S3CheckCore
import S3CheckTestSupport
import Testing

@Suite("Money and other decimals: exact, parsed once, refused when they do not fit")
struct ExactDecimalTests {
    @Test(
        "xs:decimal forms read as their canonical value",
        arguments: [
            ("+007.50", "7.5"), ("2058000", "2058000"), (" 12 ", "12"), ("-0", "0"), ("0.000001", "0.000001"),
            (".5", "0.5"), ("5.", "5"), ("-3.250", "-3.25"),
        ]
    )
    func canonical(_ text: String, _ expected: String) throws {
        let value = try #require(ExactDecimal(text, as: .schema))
        #expect(value.description == expected)
        #expect(ExactDecimal.isCanonical(Array(expected.utf8)))
    }

    @Test("XPath's syntax has no plus sign; neither syntax has exponents or two points")
    func syntax() {
        #expect(ExactDecimal("+1", as: .xpath) == nil)
        #expect(ExactDecimal("1e3", as: .schema) == nil)
        #expect(ExactDecimal("1.2.3", as: .schema) == nil)
        #expect(ExactDecimal("", as: .schema) == nil)
    }

    @Test("Too many digits is a failure that names the count, never a rounded value")
    func tooManyDigits() {
        #expect(ExactDecimal.parse(Array("1.0000000001".utf8), as: .schema) == .failure(.tooManyFractionDigits(10)))
        #expect(ExactDecimal.parse(Array("1.5000000000".utf8), as: .schema) == .success(ExactDecimal("1.5")!))
        let thirty = String(repeating: "9", count: 30)
        #expect(ExactDecimal.parse(Array(thirty.utf8), as: .schema) == .failure(.tooManyWholeDigits(30)))
    }

    @Test("Ratios compare exactly at the limit: 40 % of 5 145 000.15")
    func ratioAtLimit() throws {
        let costs = try #require(ExactDecimal("5145000.15"))
        let atCap = try #require(ExactDecimal("2058000.06"))
        let over = try #require(ExactDecimal("2058000.07"))
        let hundred = ExactDecimal(100)
        let cap = ExactDecimal(40)
        #expect(ExactDecimal.compareProducts(atCap, hundred, cap, costs) <= 0)
        #expect(ExactDecimal.compareProducts(over, hundred, cap, costs) > 0)
        #expect(atCap.formatted == "2058000.06")
        #expect(ExactDecimal(millionths: atCap.millionths * 100).divided(by: costs)?.formatted == "40")
    }

    @Test("Quotients for messages round away from the limit they failed")
    func rounding() throws {
        let two = ExactDecimal(2)
        let third = try #require(ExactDecimal(1).divided(by: ExactDecimal(3), rounding: .up))
        #expect(third.description == "0.34")
        #expect(ExactDecimal(1).divided(by: ExactDecimal(3), rounding: .down)?.description == "0.33")
        #expect(ExactDecimal(1).divided(by: two)?.formatted == "0.50")
        #expect(ExactDecimal(1).divided(by: .zero) == nil)
    }

    @Test("Computed numbers read through their shortest form", arguments: [(0.1, "0.1"), (11.5, "11.5"), (1e-9, "0")])
    func doubles(_ number: Double, _ expected: String) {
        #expect(ExactDecimal(number)?.description == expected)
    }

    @Test(
        "An amount that does not fit makes the application unassessable, naming the field and line",
        arguments: ["1.0000000001", "12345678901234567890"]
    )
    func applicationValueThatDoesNotFit(_ amount: String) throws {
        let ruleSet = try RulePackLoader(files: .shipped).load(ShippedPackPath.defaultPack)
        let text = try Fixtures.eligibleApplication()
        let edited = text.replacing(#/<erdf amount="[0-9.]+"/>/#) { _ in "<erdf amount=\"\(amount)\"/>" }
        #expect(edited != text)
        let report = try ApplicationChecker(ruleSet: ruleSet).check(Data(edited.utf8), file: "app.xml")
        #expect(report.verdict == .cannotBeAssessed)
        let finding = try #require(report.findings.first { $0.ruleID == "S3C-VALUE" })
        #expect(finding.location?.line ?? 0 > 1)
        #expect(finding.message.en.contains(amount))
        #expect(finding.message.sv.contains("s3check jämför belopp exakt"))
        #expect(finding.field?.path.hasSuffix("erdf/@amount") == true)
    }

    @Test("The largest values the walk accepts add up exactly: an application's sum cannot overflow")
    func largestSums() throws {
        // 15 whole and 6 fraction digits, the most a typed field may hold.
        let largest = try #require(ExactDecimal("999999999999999.999999", as: .schema))
        // Far more values than an application within the input size limit can hold.
        let lines = 5_000_000
        var total = ExactDecimal.zero
        for _ in 0..<lines { total = try #require(total.adding(largest)) }
        #expect(total.millionths == largest.millionths * Int128(lines))
        #expect(total.description == "4999999999999999999995")
    }
}
