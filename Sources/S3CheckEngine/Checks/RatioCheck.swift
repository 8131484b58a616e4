import S3CheckPacks
import S3CheckValues
import SafeXML

/// `<ratio numerator="…" denominator="…" min="…" max="…" percent="true"/>`: numerator ÷
/// denominator (× 100 when `percent`) is within the bounds, compared by cross-multiplying so
/// that no quotient is ever rounded.
struct RatioCheck: EvaluableCheck {
    static let element = "ratio"
    static let values = ["value", "min", "max", "ratio", "numerator", "denominator"]

    let context: String?
    let numerator: String
    let denominator: String
    let min: String?
    let max: String?
    let percent: Bool

    init(_ element: CheckElement) throws(CheckElement.Problem) {
        context = element["context"]
        numerator = try element.required("numerator")
        denominator = try element.required("denominator")
        min = element["min"]
        max = element["max"]
        percent = element.flag("percent")
    }

    var expressions: [CheckElement.Expression] {
        [
            context.map { .init("context", $0) }, .init("numerator", numerator), .init("denominator", denominator),
            min.map { .init("min", $0) }, max.map { .init("max", $0) },
        ].compactMap { $0 }
    }

    var nodeSetExpressions: [String] { [context].compactMap { $0 } }

    func compile(with compiler: CheckCompiler) throws(CheckCompiler.Failure) -> any CompiledCheck {
        Compiled(
            numerator: try compiler.operand(numerator), denominator: try compiler.operand(denominator),
            min: try compiler.operand(min), max: try compiler.operand(max),
            scale: ExactDecimal(percent ? 100 : 1), percent: percent)
    }

    private struct Compiled: CompiledCheck {
        let numerator: Operand
        let denominator: Operand
        let min: Operand?
        let max: Operand?
        let scale: ExactDecimal
        let percent: Bool

        func check(at context: XMLNode, in scope: CheckScope) throws(EvaluationFailure) -> CheckOutcome {
            let (top, topNode) = try scope.operand(numerator, at: context)
            let (bottom, _) = try scope.operand(denominator, at: context)
            let low = try scope.bound(min, at: context)
            let high = try scope.bound(max, at: context)
            // n ÷ d × scale against a limit m: n × scale against m × d (d > 0).
            func compare(_ limit: ExactDecimal, _ top: ExactDecimal, _ bottom: ExactDecimal) -> Int {
                ExactDecimal.compareProducts(top, scale, limit, bottom)
            }
            var inside = false
            var rounding = ExactDecimal.Rounding.plain
            if let top, let bottom, bottom > .zero {
                let aboveMinimum = low.map { compare($0, top, bottom) >= 0 } ?? true
                let belowMaximum = high.map { compare($0, top, bottom) <= 0 } ?? true
                inside = aboveMinimum && belowMaximum
                // A failing ratio is rounded away from the limit it failed.
                if !aboveMinimum { rounding = .down }
                if !belowMaximum { rounding = .up }
            }
            let ratio = top.flatMap { top in
                bottom.flatMap { bottom in
                    ExactDecimal(millionths: top.millionths * scale.millionths / ExactDecimal.scale)
                        .divided(by: bottom, rounding: rounding)
                }
            }
            let measured = RuleResult.Measurement(
                value: ratio?.formatted ?? "–", min: low?.formatted, max: high?.formatted, percent: percent)
            guard !inside else { return .measured([], measured) }
            var values = CheckScope.bounds(value: ratio?.formatted ?? "–", isNumber: ratio != nil, min: low, max: high)
            values += [
                NamedValue(name: "ratio", value: ratio?.formatted ?? "–", isNumber: ratio != nil),
                NamedValue(name: "numerator", value: top?.formatted ?? "–", isNumber: top != nil),
                NamedValue(name: "denominator", value: bottom?.formatted ?? "–", isNumber: bottom != nil),
            ]
            return .measured([CheckFailure(node: topNode ?? context, values: values)], measured)
        }
    }
}
