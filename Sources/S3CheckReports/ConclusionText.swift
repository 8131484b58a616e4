import S3CheckCore

/// The smart-specialisation conclusion as one sentence a person reads: which areas the evidence
/// supports, or that it supports none, and why (score, threshold, margin).
struct ConclusionText {
    let language: Language

    func sentence(_ alignment: S3Alignment) -> String {
        let conclusion = alignment.conclusion
        let sv = language == .sv
        let threshold = language.decimal(conclusion.threshold)
        func name(_ id: String) -> String { alignment.score(of: id)?.name[language] ?? id }
        func points(_ id: String) -> String { language.decimal(alignment.score(of: id)?.score ?? 0) }
        guard let first = conclusion.supported.first else {
            guard let best = conclusion.best else {
                return sv
                    ? "Inget i ansökan pekar på något område i strategin."
                    : "Nothing in the application points to an area of the strategy."
            }
            let reason = alignment.reasonNotSupported(best, language: language) ?? ""
            return sv
                ? "Evidensen stöder inget område. Högst är \(name(best)): \(reason)."
                : "The evidence supports no area. The highest is \(name(best)): \(reason)."
        }
        let runnerUp = alignment.areas.dropFirst().first.flatMap { $0.score > 0 ? $0 : nil }
        if conclusion.clear {
            let lead =
                conclusion.margin.map {
                    sv
                        ? "\(language.decimal($0)) gånger så många som nästa område"
                        : "\(language.decimal($0)) times as many as the next area"
                } ?? (sv ? "inget annat område har evidens" : "no other area has any evidence")
            return sv
                ? "Evidensen stöder \(name(first)): \(points(first)) poäng (gränsen är \(threshold)), \(lead)."
                : "The evidence supports \(name(first)): \(points(first)) points (the threshold is \(threshold)), \(lead)."
        }
        let margin = language.decimal(conclusion.clearMargin)
        if conclusion.supported.count == 1, let runnerUp {
            let next = runnerUp.name[language]
            let nextPoints = language.decimal(runnerUp.score)
            return sv
                ? "Evidensen stöder \(name(first)): \(points(first)) poäng (gränsen är \(threshold)), men inte tydligt: nästa område, \(next), har \(nextPoints) poäng, och \(name(first)) har inte \(margin) gånger så många."
                : "The evidence supports \(name(first)): \(points(first)) points (the threshold is \(threshold)), but not clearly: the next area, \(next), has \(nextPoints) points, and \(name(first)) does not have \(margin) times as many."
        }
        let list = conclusion.supported.map { "\(name($0)) (\(points($0)) \(sv ? "poäng" : "points"))" }
            .joined(separator: ", ")
        return sv
            ? "Evidensen stöder flera områden: \(list); inget har \(margin) gånger så många poäng som nästa."
            : "The evidence supports several areas: \(list); none has \(margin) times as many points as the next."
    }
}
