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
        lines += classTable(calibration)
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
        ]
        if let lenient = lenientLine(calibration) { lines.append(lenient) }
        lines += ["", Catalog.text("calibration.confusion-matrix-rows-label-columns-conclusion", language)]
        lines += confusionMatrix(calibration)
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

    /// Lenient agreement (the conclusion is the label or a secondary area), overall and on the
    /// high-confidence labels; nil when the labels give neither secondary areas nor confidence.
    func lenientLine(_ calibration: Calibration) -> String? {
        guard calibration.items.contains(where: { !$0.secondary.isEmpty || $0.confidence != nil }) else { return nil }
        let sv = language == .sv
        let all = number(calibration.lenientAccuracy * 100)
        guard let high = calibration.lenientHigh else {
            return sv
                ? "Överensstämmelse med etikett eller sekundärt område: \(all) %"
                : "Lenient agreement (label or a secondary area): \(all) %"
        }
        let highText = number(high * 100)
        return sv
            ? "Överensstämmelse med etikett eller sekundärt område: \(all) %, bland säkra etiketter \(highText) % (av \(calibration.highCount))"
            : "Lenient agreement (label or a secondary area): \(all) %, on high-confidence labels \(highText) % (of \(calibration.highCount))"
    }

    /// Precision, recall and F1 per class, with how many were labelled and concluded.
    func classTable(_ calibration: Calibration) -> [String] {
        let sv = language == .sv
        let width = max(12, calibration.classes.map(\.count).max() ?? 12) + 1
        let header =
            sv
            ? ["precision", "täckning", "F1", "märkta", "slutsats"]
            : ["precision", "recall", "F1", "labelled", "concluded"]
        var lines = [
            pad(Catalog.text("calibration.area", language), width) + " " + header.map { pad($0, 10) }.joined()
        ]
        for figures in calibration.figures {
            // A class nobody labelled and s3check never concluded is not measured.
            let measured = { (value: Double) in figures.measured ? number(value, decimals: 2) : "–" }
            let cells = [
                measured(figures.precision), measured(figures.recall), measured(figures.f1),
                String(figures.labelled), String(figures.concluded),
            ]
            lines.append(pad(figures.id, width) + " " + cells.map { pad($0, 10) }.joined())
        }
        return lines
    }

    /// The confusion matrix, rows the labels and columns the conclusions.
    func confusionMatrix(_ calibration: Calibration) -> [String] {
        let width = max(12, calibration.classes.map(\.count).max() ?? 12) + 1
        // Each column as wide as its class's name.
        let columns = calibration.classes.map { max(4, $0.count) + 1 }
        var lines = [pad("", width) + " " + zip(calibration.classes, columns).map { pad($0, $1) }.joined()]
        for (row, id) in calibration.classes.enumerated() {
            let cells = zip(calibration.confusion[row], columns).map { pad(String($0), $1) }
            lines.append(pad(id, width) + " " + cells.joined())
        }
        return lines
    }

    private func count(_ value: Int, _ one: String, _ many: String) -> String {
        "\(value) \(value == 1 ? one : many)"
    }

    /// `text` and spaces up to `width`, and at least one space after it.
    func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }

    func number(_ value: Double, decimals: Int = 1) -> String {
        language.decimal(value, decimals: decimals)
    }
}

/// The report of `s3check calibrate --fit`: cross-validated agreement of the fitted and the
/// unfitted strategy, fold by fold, and the fitted strategy's changes (``StrategyDiff``).
public struct FitText {
    public let language: Language
    private let table: CalibrationText

    public init(language: Language) {
        self.language = language
        table = CalibrationText(language: language)
    }

    /// The cross-validation report; `written` lists the files written, each with what it is.
    public func render(
        _ validation: CrossValidation, strategy: Strategy, fit: StrategyFit, written: [(path: String, what: String)]
    ) -> String {
        let sv = language == .sv
        let count = validation.fitted.items.count
        let folds = validation.folds.count
        var lines = [
            sv
                ? "Anpassning av \(strategy.id) \(strategy.version) till \(count) märkta ansökningar, korsvaliderad i \(folds) delar"
                : "Fitting \(strategy.id) \(strategy.version) to \(count) labelled applications, \(folds)-fold cross-validated",
            sv
                ? "Metod: logistisk regression över termernas vikter och områdenas gränser, dragna mot strategins vikter (straff \(fit.weightPenalty) per vikt, \(fit.thresholdPenalty) per gräns), klasserna vägda omvänt mot sin frekvens, \(fit.steps) steg."
                : "Method: logistic regression over the terms' weights and the areas' thresholds, pulled toward the strategy's weights (penalty \(fit.weightPenalty) per weight, \(fit.thresholdPenalty) per threshold), classes weighed by inverse frequency, \(fit.steps) steps.",
            "",
            sv
                ? "Korsvaliderat: varje ansökan bedöms av en strategi anpassad utan den."
                : "Cross-validated: every application is concluded by a strategy fitted without it.",
        ]
        let header =
            sv
            ? ["", "tolerant", "säkra", "strikt", "makro-F1"] : ["", "lenient", "lenient-high", "strict", "macro-F1"]
        lines.append(table.pad(header[0], 12) + header.dropFirst().map { table.pad($0, 14) }.joined())
        for (name, calibration) in [
            (sv ? "oanpassad" : "unfitted", validation.unfitted), (sv ? "anpassad" : "fitted", validation.fitted),
        ] {
            lines.append(table.pad(name, 12) + figures(calibration).map { table.pad($0, 14) }.joined())
        }
        lines += ["", sv ? "Per del (anpassad / oanpassad):" : "Per fold (fitted / unfitted):"]
        for fold in validation.folds {
            let fitted = fold.fittedCalibration
            let unfitted = fold.unfittedCalibration
            lines.append(
                sv
                    ? "  del \(fold.number) (\(fitted.items.count)): tolerant \(percent(fitted.lenientAccuracy)) / \(percent(unfitted.lenientAccuracy)), makro-F1 \(table.number(fitted.macroF1, decimals: 2)) / \(table.number(unfitted.macroF1, decimals: 2))"
                    : "  fold \(fold.number) (\(fitted.items.count)): lenient \(percent(fitted.lenientAccuracy)) / \(percent(unfitted.lenientAccuracy)), macro-F1 \(table.number(fitted.macroF1, decimals: 2)) / \(table.number(unfitted.macroF1, decimals: 2))"
            )
        }
        for (name, pick) in [
            (sv ? "anpassad" : "fitted", { (fold: CrossValidation.Fold) in fold.fittedCalibration }),
            (sv ? "oanpassad" : "unfitted", { (fold: CrossValidation.Fold) in fold.unfittedCalibration }),
        ] {
            let lenient = CrossValidation.spread(validation.folds.map { pick($0).lenientAccuracy * 100 })
            let macro = CrossValidation.spread(validation.folds.map { pick($0).macroF1 })
            lines.append(
                sv
                    ? "  spridning, \(name): tolerant \(table.number(lenient.mean)) % ± \(table.number(lenient.deviation)) (\(table.number(lenient.low))–\(table.number(lenient.high))), makro-F1 \(table.number(macro.mean, decimals: 2)) ± \(table.number(macro.deviation, decimals: 2))"
                    : "  spread, \(name): lenient \(table.number(lenient.mean)) % ± \(table.number(lenient.deviation)) (\(table.number(lenient.low))–\(table.number(lenient.high))), macro-F1 \(table.number(macro.mean, decimals: 2)) ± \(table.number(macro.deviation, decimals: 2))"
            )
        }
        lines += ["", sv ? "Per klass, korsvaliderat (anpassad):" : "Per class, cross-validated (fitted):"]
        lines += table.classTable(validation.fitted)
        lines += ["", Catalog.text("calibration.confusion-matrix-rows-label-columns-conclusion", language)]
        lines += table.confusionMatrix(validation.fitted)
        if !written.isEmpty {
            lines += ["", sv ? "Skrivet:" : "Written:"]
            lines += written.map { "  \($0.path): \($0.what)" }
        }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n") + "\n"
    }

    /// Lenient, lenient on high-confidence labels, strict, macro-F1.
    private func figures(_ calibration: Calibration) -> [String] {
        [
            percent(calibration.lenientAccuracy), calibration.lenientHigh.map(percent) ?? "–",
            percent(calibration.accuracy), table.number(calibration.macroF1, decimals: 2),
        ]
    }

    private func percent(_ share: Double) -> String {
        table.number(share * 100) + " %"
    }

    /// What fitting changed, for a person to read: thresholds, terms and conclusions.
    public func render(_ diff: StrategyDiff, original: Strategy, fitted: Strategy, samples: Int) -> String {
        let sv = language == .sv
        func value(_ number: Double?) -> String { number.map { table.number($0, decimals: 2) } ?? "–" }
        var lines = [
            sv
                ? "Ändringar från \(original.file) (\(original.id) \(original.version)) till den anpassade strategin, anpassad till \(samples) märkta ansökningar"
                : "Changes from \(original.file) (\(original.id) \(original.version)) to the fitted strategy, fitted to \(samples) labelled applications",
            "",
            sv ? "Gränser (\(diff.thresholds.count)):" : "Thresholds (\(diff.thresholds.count)):",
        ]
        for change in diff.thresholds {
            lines.append("  \(table.pad(change.name, 26))\(value(change.before)) → \(value(change.after))")
        }
        let gained = diff.terms.filter { $0.after > $0.before }
        let lost = diff.terms.filter { $0.after < $0.before }
        for (title, changes) in [
            (sv ? "Termer som fått större vikt" : "Terms that gained weight", gained),
            (sv ? "Termer som fått mindre vikt" : "Terms that lost weight", lost),
        ] {
            lines += ["", "\(title) (\(changes.count)):"]
            for change in changes {
                let term = "\"\(change.term)\"" + (change.language.map { " (\($0.rawValue))" } ?? "")
                let delta =
                    (change.after > change.before ? "+" : "") + table.number(change.after - change.before, decimals: 2)
                lines.append(
                    "  \(table.pad(change.owner, 26))\(table.pad(term, 32))\(value(change.before)) → \(value(change.after)) (\(delta))"
                )
            }
        }
        lines += [
            "",
            sv
                ? "Märkta ansökningar vars slutsats ändras (\(diff.conclusions.count)):"
                : "Labelled applications whose conclusion changes (\(diff.conclusions.count)):",
        ]
        for change in diff.conclusions {
            let verdict =
                change.after == change.label
                ? (sv ? "stämmer nu med etiketten" : "now agrees with the label")
                : change.before == change.label
                    ? (sv ? "stämmer inte längre med etiketten" : "no longer agrees with the label")
                    : (sv ? "stämmer fortfarande inte" : "still disagrees")
            lines.append(
                sv
                    ? "  \(change.file): etikett \(change.label), \(change.before) → \(change.after) (\(verdict))"
                    : "  \(change.file): label \(change.label), \(change.before) → \(change.after) (\(verdict))")
        }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n") + "\n"
    }
}
