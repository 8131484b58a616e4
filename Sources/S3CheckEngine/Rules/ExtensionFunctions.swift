import Foundation
import S3CheckPacks
import S3CheckValues
import SafeXML

/// The functions rule expressions can call with the `s3:` prefix.
///
/// They cover what XPath 1.0 lacks for eligibility rules: check digits, dates, regular
/// expressions and code-list look-ups.
enum ExtensionFunctions {
    /// Every function's name, for checking expressions when a pack loads.
    static let names: Set<String> = Set(make(codeLists: [:], alignment: AlignmentState(strategy: nil)).map(\.name))

    static func make(codeLists: [String: CodeList], alignment: AlignmentState) -> [XPathFunction] {
        let regexes = RegexCache()
        // Read once per compiled pack, not once per call.
        let wordLists = codeLists.mapValues { WordList($0.codes.keys) }
        func function(
            _ name: String, _ arity: ClosedRange<Int>, _ body: @escaping @Sendable ([XPathValue]) throws -> XPathValue
        ) -> XPathFunction {
            XPathFunction(namespaceURI: Namespaces.functions, name: name, arity: arity, body: body)
        }
        return [
            function("luhn", 1...1) { .boolean(Identifiers.isLuhnValid(digitsOf: $0[0].string)) },
            function("orgnr", 1...1) { .boolean(Identifiers.isSwedishOrganisationNumber($0[0].string)) },
            function("vat-se", 1...1) { .boolean(Identifiers.isSwedishVATNumber($0[0].string)) },
            function("orgnr-problem", 2...2) { arguments in
                let language = Language(rawValue: arguments[1].string) ?? .en
                return .string(Identifiers.organisationNumberProblem(arguments[0].string)?.reason(language) ?? "")
            },
            function("matches", 2...2) { arguments in
                .boolean(try regexes.fullMatch(arguments[0].string, pattern: arguments[1].string))
            },
            function("date", 1...1) { .number(CalendarDate($0[0].string).map { Double($0.dayNumber) } ?? .nan) },
            function("is-date", 1...1) { .boolean(CalendarDate($0[0].string) != nil) },
            function("days-between", 2...2) { arguments in
                guard let from = CalendarDate(arguments[0].string), let to = CalendarDate(arguments[1].string) else {
                    return .number(.nan)
                }
                return .number(Double(to.dayNumber - from.dayNumber))
            },
            function("years-before", 2...2) { arguments in
                let years = arguments[1].number
                guard let date = CalendarDate(arguments[0].string), years.isFinite, abs(years) < 10_000 else {
                    return .string("")
                }
                return .string(date.yearsEarlier(Int(years)).description)
            },
            function("year", 1...1) { .number(CalendarDate($0[0].string).map { Double($0.year) } ?? .nan) },
            function("in-list", 2...2) { arguments in
                let id = arguments[0].string
                guard let list = codeLists[id] else { throw FunctionError("unknown code list '\(id)'") }
                return .boolean(list.codes[arguments[1].string.trimmingXMLWhitespace()] != nil)
            },
            function("code-name", 2...2) { arguments in
                .string(codeLists[arguments[0].string]?.codes[arguments[1].string.trimmingXMLWhitespace()] ?? "")
            },
            // The words of a text that a code list of words names, for rules that read what a
            // line says rather than how it is categorised.
            function("mentioned", 2...2) { arguments in
                let id = arguments[0].string
                guard let list = wordLists[id] else { throw FunctionError("unknown code list '\(id)'") }
                return .string(list.mentions(in: arguments[1].string).joined(separator: ", "))
            },
            function("lower-case", 1...1) { .string($0[0].string.lowercased()) },
            function("distinct-count", 1...1) { arguments in
                .number(Double(Set(arguments[0].nodes.map { $0.stringValue.trimmingXMLWhitespace() }).count))
            },
            function("area-exists", 1...1) { arguments in
                .boolean(try alignment.strategy().area(arguments[0].string.trimmingXMLWhitespace()) != nil)
            },
            function("area-score", 1...1) { arguments in
                .number(try alignment.current().score(of: arguments[0].string.trimmingXMLWhitespace())?.score ?? 0)
            },
            function("area-share", 1...1) { arguments in
                .number(try alignment.current().score(of: arguments[0].string.trimmingXMLWhitespace())?.share ?? 0)
            },
            function("best-area", 0...0) { _ in .string(try alignment.current().best?.id ?? "") },
            function("best-score", 0...0) { _ in .number(try alignment.current().best?.score ?? 0) },
            // The conclusion, the same value every report shows.
            function("supports", 1...1) { arguments in
                let id = arguments[0].string.trimmingXMLWhitespace()
                return .boolean(try alignment.current().conclusion.supported.contains(id))
            },
            function("supported-area", 0...0) { _ in .string(try alignment.current().conclusion.area ?? "") },
            function("supported-count", 0...0) { _ in
                .number(Double(try alignment.current().conclusion.supported.count))
            },
            function("unsupported-reason", 2...2) { arguments in
                let id = arguments[0].string.trimmingXMLWhitespace()
                let language = Language(rawValue: arguments[1].string) ?? .en
                return .string(try alignment.current().reasonNotSupported(id, language: language) ?? "")
            },
            function("conclusion-clear", 0...0) { _ in .boolean(try alignment.current().conclusion.clear) },
            function("supported-threshold", 0...0) { _ in .number(try alignment.strategy().conclusion.supportedScore) },
            function("area-name", 2...2) { arguments in
                let area = try alignment.strategy().area(arguments[0].string.trimmingXMLWhitespace())
                let language = Language(rawValue: arguments[1].string) ?? .en
                return .string(area?.name[language] ?? arguments[0].string)
            },
        ]
    }

    struct FunctionError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

/// The strategy and the current application's alignment, read by the `s3:area-…` functions.
///
/// The checker sets `value` before evaluating an application's rules; each checker (one per
/// thread) owns its own state.
final class AlignmentState: @unchecked Sendable {
    let strategyValue: Strategy?
    var value: S3Alignment?

    init(strategy: Strategy?) {
        strategyValue = strategy
    }

    func strategy() throws -> Strategy {
        guard let strategyValue else {
            throw ExtensionFunctions.FunctionError("the rule pack names no smart-specialisation strategy")
        }
        return strategyValue
    }

    func current() throws -> S3Alignment {
        guard let value else {
            throw ExtensionFunctions.FunctionError("no smart-specialisation scoring for this application")
        }
        return value
    }
}

/// Compiled regular expressions, shared by the functions of one context.
private final class RegexCache: @unchecked Sendable {
    private var cache: [String: NSRegularExpression] = [:]
    private let lock = NSLock()

    func fullMatch(_ text: String, pattern: String) throws -> Bool {
        let regex = try expression(for: pattern)
        let range = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, options: [.anchored], range: range) else { return false }
        return match.range == range
    }

    private func expression(for pattern: String) throws -> NSRegularExpression {
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[pattern] { return cached }
        let compiled = try NSRegularExpression(pattern: pattern)
        cache[pattern] = compiled
        return compiled
    }
}
