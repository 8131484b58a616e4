import S3CheckCore

/// The smart-specialisation section of the text report: ranked areas with their evidence.
struct AlignmentText {
    let language: Language
    /// How many pieces of evidence to show per area.
    var evidenceShown = 5

    func render(_ alignment: S3Alignment) -> String {
        let sv = language == .sv
        let declared = alignment.declared.isEmpty ? (sv ? "inget" : "none") : alignment.declared.joined(separator: ", ")
        var lines = [
            "\(sv ? "Smart specialisering" : "Smart specialisation") (\(sv ? "angivet" : "declared"): \(declared))",
            "  \(sv ? "Slutsats" : "Conclusion"): \(ConclusionText(language: language).sentence(alignment))",
        ]
        for (rank, area) in alignment.areas.enumerated() {
            let marker = alignment.declared.contains(area.id) ? "*" : " "
            let score = language.decimal(area.score)
            let paddedScore = String(repeating: " ", count: max(0, 6 - score.count)) + score
            let share = String(format: "%3.0f %%", area.share)
            lines.append(" \(marker)\(rank + 1). \(area.name[language]) [\(area.id)] \(paddedScore) \(share)")
            let shown = area.evidence.prefix(evidenceShown).map(describe)
            if !shown.isEmpty {
                lines.append("       " + shown.joined(separator: "; "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func describe(_ evidence: Evidence) -> String {
        let sv = language == .sv
        let times = evidence.count > 1 ? " ×\(evidence.count)" : ""
        switch evidence.kind {
        case .term: return "\"\(evidence.matched)\"\(times) (\(evidence.field):\(evidence.line))"
        case .nace: return "NACE \(evidence.matched) (\(sv ? "rad" : "line") \(evidence.line))"
        case .interventionField: return "\(sv ? "insatsområde" : "intervention field") \(evidence.matched)"
        case .researchField: return "\(sv ? "forskningsområde" : "research field") \(evidence.matched)"
        }
    }
}
