import Foundation
import S3CheckCore

/// The smart-specialisation section of the text report: the conclusion, then the ranked areas
/// with their evidence.
struct AlignmentText {
    let language: Language
    /// How many pieces of evidence to show per area; the rest are counted.
    var evidenceShown = 5

    /// The conclusion and every area ranked; `file`, when given, opens the heading so that in a
    /// batch the block cannot be read as the previous file's.
    func render(_ alignment: S3Alignment, file: String? = nil) -> String {
        // Declared areas by name, as the strategy calls them; an unknown id as written.
        let declared =
            alignment.declared.isEmpty
            ? (Catalog.text("s3.none", language))
            : alignment.declared.map { id in alignment.areas.first { $0.id == id }?.name[language] ?? id }.joined(
                separator: ", ")
        var lines = [
            "\(file.map { "\($0): " } ?? "")\(Catalog.text("s3.smart-specialisation", language)) (\(Catalog.text("s3.declared", language)): \(declared))",
            "  \(Catalog.text("s3.conclusion", language)): \(ConclusionText(language: language).sentence(alignment))",
        ]
        for (rank, area) in alignment.areas.enumerated() {
            let marker = alignment.declared.contains(area.id) ? "*" : " "
            let score = language.decimal(area.score)
            let paddedScore = String(repeating: " ", count: max(0, 6 - score.count)) + score
            let share = String(format: "%3.0f %%", area.share)
            lines.append(" \(marker)\(rank + 1). \(area.name[language]) [\(area.id)] \(paddedScore) \(share)")
            if let shown = evidenceList(area) {
                lines.append("       " + shown)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The area's strongest evidence, `; `-separated, and how many more there are; nil when it has
    /// none.
    func evidenceList(_ area: AreaScore) -> String? {
        guard !area.evidence.isEmpty else { return nil }
        var items = area.evidence.prefix(evidenceShown).map(describe)
        let rest = area.evidence.count - items.count
        if rest > 0 {
            items.append(Catalog.text("s3.and-more", language, ["rest": "\(rest)"]))
        }
        return items.joined(separator: "; ")
    }

    /// `"klinisk" ×2 (sammanfattning, rad 9)`; a shared term also gives this area's part of it.
    func describe(_ evidence: Evidence) -> String {
        let line = "\(Catalog.text("s3.line", language)) \(evidence.line)"
        switch evidence.kind {
        case .term:
            let times = evidence.count > 1 ? " ×\(evidence.count)" : ""
            let portion =
                evidence.portion.map { "; \(Catalog.text("s3.shared", language)), \(String(format: "%.0f", $0)) %" }
                ?? ""
            return "\"\(evidence.matched)\"\(times) (\(Self.fieldName(evidence.field)[language]), \(line)\(portion))"
        case .nace: return "NACE \(evidence.matched) (\(line))"
        case .interventionField:
            return "\(Catalog.text("s3.intervention-field", language)) \(evidence.matched) (\(line))"
        case .researchField:
            return "\(Catalog.text("s3.research-field", language)) \(evidence.matched) (\(line))"
        }
    }

    /// The application field a term was found in, by the application schema's own label
    /// (one source for every field name), lower-cased for use inside a sentence.
    static func fieldName(_ element: String) -> LocalizedText {
        Schemas.shared.label(of: element).map { label, _ in
            guard let first = label.first, label.dropFirst().first?.isLowercase == true else { return label }
            return first.lowercased() + label.dropFirst()
        }
    }
}
