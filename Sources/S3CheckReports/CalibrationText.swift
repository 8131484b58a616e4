import Foundation
import S3CheckCore

/// The report of `s3check calibrate`: per-class figures, macro-F1, the confusion matrix and every
/// disagreement with the evidence behind the conclusion.
public struct CalibrationText {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    public func render(_ calibration: Calibration, strategy: Strategy) -> String {
        let sv = language == .sv
        let rule = strategy.conclusion
        var lines = [
            sv
                ? "Kalibrering av \(strategy.id) \(strategy.version) mot \(count(calibration.items.count, "märkt ansökan", "märkta ansökningar")) (gräns \(number(rule.supportedScore)) poäng, marginal \(number(rule.clearMargin)) gånger)"
                : "Calibration of \(strategy.id) \(strategy.version) on \(count(calibration.items.count, "labelled application", "labelled applications")) (threshold \(number(rule.supportedScore)) points, margin \(number(rule.clearMargin)) times)",
            "",
        ]
        let width = max(12, calibration.classes.map(\.count).max() ?? 12) + 1
        let header =
            sv
            ? ["precision", "täckning", "F1", "märkta", "slutsats"]
            : ["precision", "recall", "F1", "labelled", "concluded"]
        lines.append(pad(Catalog.text("calibration.area", language), width) + " " + header.map { pad($0, 10) }.joined())
        for figures in calibration.figures {
            // A class nobody labelled and s3check never concluded is not measured.
            let measured = { (value: Double) in figures.measured ? number(value, decimals: 2) : "–" }
            let cells = [
                measured(figures.precision), measured(figures.recall), measured(figures.f1),
                String(figures.labelled), String(figures.concluded),
            ]
            lines.append(pad(figures.id, width) + " " + cells.map { pad($0, 10) }.joined())
        }
        let agreed = calibration.items.count - calibration.disagreements.count
        let measuredCount = calibration.figures.filter(\.measured).count
        lines += [
            "",
            Catalog.text(
                "calibration.macro-f1-classes", language,
                ["measuredCount": "\(measuredCount)", "macroF1": "\(number(calibration.macroF1, decimals: 2))"]),
            Catalog.text(
                "calibration.accuracy-of", language,
                [
                    "accuracy": "\(number(calibration.accuracy * 100))", "agreed": "\(agreed)",
                    "items": "\(calibration.items.count)",
                ]),
            "",
            Catalog.text("calibration.confusion-matrix-rows-label-columns-conclusion", language),
        ]
        // Each column as wide as its class's name.
        let columns = calibration.classes.map { max(4, $0.count) + 1 }
        lines.append(pad("", width) + " " + zip(calibration.classes, columns).map { pad($0, $1) }.joined())
        for (row, id) in calibration.classes.enumerated() {
            let cells = zip(calibration.confusion[row], columns).map { pad(String($0), $1) }
            lines.append(pad(id, width) + " " + cells.joined())
        }
        let disagreements = calibration.disagreements
        lines += ["", Catalog.text("calibration.disagreements", language, ["disagreements": "\(disagreements.count)"])]
        let evidence = AlignmentText(language: language)
        for item in disagreements {
            lines.append(
                Catalog.text(
                    "calibration.label-conclusion", language,
                    ["file": "\(item.file)", "label": "\(item.label)", "concluded": "\(item.concluded)"]))
            lines.append("  " + ConclusionText(language: language).sentence(item.alignment))
            for area in item.alignment.areas.prefix(2) {
                guard let shown = evidence.evidenceList(area) else { continue }
                lines.append("    \(area.id) \(number(area.score)): \(shown)")
            }
        }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n") + "\n"
    }

    private func count(_ value: Int, _ one: String, _ many: String) -> String {
        "\(value) \(value == 1 ? one : many)"
    }

    /// `text` and spaces up to `width`, and at least one space after it.
    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }

    private func number(_ value: Double, decimals: Int = 1) -> String {
        language.decimal(value, decimals: decimals)
    }
}
