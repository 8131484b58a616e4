import S3CheckCore

/// The smart-specialisation conclusion as one sentence a person reads: which areas the evidence
/// supports, or that it supports none, and why (score, threshold, margin).
struct ConclusionText {
    let language: Language

    func sentence(_ alignment: S3Alignment) -> String {
        let conclusion = alignment.conclusion
        let threshold = language.decimal(conclusion.threshold)
        func name(_ id: String) -> String { alignment.score(of: id)?.name[language] ?? id }
        func points(_ id: String) -> String { language.decimal(alignment.score(of: id)?.score ?? 0) }
        guard let first = conclusion.supported.first else {
            guard let best = conclusion.best else {
                return Catalog.text("s3.nothing-in-the-application-points-to", language)
            }
            // Close to an area, though not supported: a question for the applicant, not a verdict.
            if let weak = conclusion.weak, let weakScore = conclusion.weakScore {
                return Catalog.text(
                    "s3.weak-fit", language,
                    [
                        "best": "\(name(weak))", "points": "\(points(weak))",
                        "threshold": "\(language.decimal(conclusion.threshold(of: weak)))",
                        "weak": "\(language.decimal(weakScore))",
                    ])
            }
            let reason = alignment.reasonNotSupported(best, language: language) ?? ""
            return Catalog.text(
                "s3.the-evidence-supports-no-area-the", language, ["best": "\(name(best))", "reason": "\(reason)"])
        }
        let runnerUp = alignment.areas.dropFirst().first.flatMap { $0.score > 0 ? $0 : nil }
        if conclusion.clear {
            let lead =
                conclusion.margin.map {
                    Catalog.text("s3.times-as-many-as-the-next", language, ["value": "\(language.decimal($0))"])
                } ?? (Catalog.text("s3.no-other-area-has-any-evidence", language))
            return Catalog.text(
                "s3.the-evidence-supports-points-the-threshold", language,
                [
                    "first": "\(name(first))", "first2": "\(points(first))", "threshold": "\(threshold)",
                    "lead": "\(lead)",
                ])
        }
        let margin = language.decimal(conclusion.clearMargin)
        if conclusion.supported.count == 1, let runnerUp {
            let next = runnerUp.name[language]
            let nextPoints = language.decimal(runnerUp.score)
            return Catalog.text(
                "s3.the-evidence-supports-points-the-threshold-2", language,
                [
                    "first": "\(name(first))", "first2": "\(points(first))", "threshold": "\(threshold)",
                    "next": "\(next)", "nextPoints": "\(nextPoints)", "margin": "\(margin)",
                ])
        }
        let list = conclusion.supported.map { "\(name($0)) (\(points($0)) \(Catalog.text("s3.points", language)))" }
            .joined(separator: ", ")
        return Catalog.text(
            "s3.the-evidence-supports-several-areas-none", language, ["list": "\(list)", "margin": "\(margin)"])
    }
}
