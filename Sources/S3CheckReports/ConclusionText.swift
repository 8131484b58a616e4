import S3CheckCore

/// The smart-specialisation conclusion as one sentence a person reads: which areas the evidence
/// supports, or that it supports none, and why (score, threshold, margin).
struct ConclusionText {
    let language: Language

    func sentence(_ alignment: S3Alignment) -> String {
        let conclusion = alignment.conclusion
        let sv = language == .sv
        let threshold = number(conclusion.threshold)
        func name(_ id: String) -> String { alignment.score(of: id)?.name[language] ?? id }
        func points(_ id: String) -> String { number(alignment.score(of: id)?.score ?? 0) }
        guard let first = conclusion.supported.first else {
            guard let best = conclusion.best else {
                return sv
                    ? "Inget i ansökan pekar på något område i strategin."
                    : "Nothing in the application points to an area of the strategy."
            }
            return sv
                ? "Evidensen stöder inget område: högst är \(name(best)) med \(points(best)) poäng, under gränsen \(threshold)."
                : "The evidence supports no area: the highest is \(name(best)) with \(points(best)) points, below the threshold of \(threshold)."
        }
        if conclusion.clear {
            let lead =
                conclusion.margin.map {
                    sv ? "\(number($0)) gånger nästa område" : "\(number($0)) times the next area"
                } ?? (sv ? "inget annat område har evidens" : "no other area has any evidence")
            return sv
                ? "Evidensen stöder \(name(first)): \(points(first)) poäng (gränsen är \(threshold)), \(lead)."
                : "The evidence supports \(name(first)): \(points(first)) points (the threshold is \(threshold)), \(lead)."
        }
        let list = conclusion.supported.map { "\(name($0)) (\(points($0)))" }.joined(separator: ", ")
        let margin = number(conclusion.clearMargin)
        return sv
            ? "Evidensen stöder flera områden: \(list); inget leder med \(margin) gånger eller mer."
            : "The evidence supports several areas: \(list); none leads by \(margin) times or more."
    }

    private func number(_ value: Double) -> String {
        language.decimal(value)
    }
}
