import S3CheckPacks
import S3CheckValues
import SafeXML

/// The values of a rule set's parameters on one date, as text for messages and as XPath values
/// for expressions.
struct ParameterValues {
    /// As written in the pack, for messages (`{id}`) and reports.
    let texts: [String: String]
    /// What `$id` resolves to: a number when the text is one, otherwise the text.
    package let variables: [String: XPathValue]
    /// Numbers exactly as the pack wrote them, for checks that compare a bound `$id`.
    let decimals: [String: ExactDecimal]

    init(_ parameters: [Parameter], on date: CalendarDate) {
        var texts: [String: String] = [:]
        for parameter in parameters {
            if let value = parameter.value(on: date) { texts[parameter.id] = value }
        }
        self.texts = texts
        decimals = texts.compactMapValues { ExactDecimal($0, as: .xpath) }
        variables = texts.mapValues { value in
            let number = XPathValue.parseNumber(value)
            return number.isNaN ? .string(value) : .number(number)
        }
    }
}

/// Parameter values by submission date, computed once per date a checker meets.
///
/// A call's applications share a handful of submission dates, so the cache stays small; it is
/// cleared when it grows past `capacity` so that a hostile batch cannot grow it without bound.
final class ParameterCache {
    private let parameters: [Parameter]
    private let capacity: Int
    private var values: [CalendarDate: ParameterValues] = [:]

    init(_ parameters: [Parameter], capacity: Int = 256) {
        self.parameters = parameters
        self.capacity = capacity
    }

    func values(on date: CalendarDate) -> ParameterValues {
        if let cached = values[date] { return cached }
        if values.count >= capacity { values.removeAll(keepingCapacity: true) }
        let computed = ParameterValues(parameters, on: date)
        values[date] = computed
        return computed
    }
}
