import ArgumentParser
import Foundation
import S3CheckCore
import S3CheckReports

/// `s3check calibrate`: how well the strategy's conclusions agree with the areas people gave a
/// folder of past applications.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Measure the S3 conclusion against labelled applications: precision, recall, F1, confusion matrix.",
        discussion: """
            The labels file is CSV with a header row naming the columns file and area, or fil and \
            område (comma, semicolon or tab). file is the application's path relative to FOLDER; \
            area is an area id of the strategy or none. Optional columns secondary (sekundär: \
            other areas, separated by spaces or |) and confidence (säkerhet: high, medium, low) \
            add lenient figures. Applications are only scored: they must be well-formed \
            applications, but need not follow today's schema or dates. With --fit DIR, the \
            strategy's term weights and thresholds are fitted to the labels: k-fold \
            cross-validated figures beside the unfitted strategy's, the fitted strategy (use it \
            with --strategy), a readable diff, and each fold's strategy and held-back labels are \
            written to DIR; the strategy in use is never overwritten. Exit codes: 0 calibrated; \
            2 a labelled application could not be scored; 3 usage error, or a labels file with \
            problems (including a labelled file that is not there).
            """
    )

    @Argument(help: "The folder the labelled applications are in.")
    var folder: String

    @Option(help: ArgumentHelp("CSV file of labels: columns file and area.", valueName: "file"))
    var labels: String

    @Option(
        help: ArgumentHelp(
            "Fit the strategy to the labels and write the fitted strategy, its diff and the folds to this folder.",
            valueName: "folder"))
    var fit: String?

    @Option(help: "Folds of the cross-validation with --fit.")
    var folds: Int = 5

    @OptionGroup var rules: RuleOptions
    @OptionGroup var presentation: PresentationOptions

    func run() throws {
        let language = presentation.language
        let (ruleSet, strategy) = try rules.loadWithStrategy(language: language)
        guard let data = FileManager.default.contents(atPath: labels) else {
            Diagnostics.error(
                Catalog.text("cli.the-labels-file-cannot-be-read", ["labels": "\(labels)"])[
                    language])
            throw Outcome.usageError.exitCode
        }
        let labelFile = LabelFile(
            text: String(decoding: data, as: UTF8.self), file: labels, areas: strategy.areas.map(\.id))
        for problem in labelFile.problems {
            Diagnostics.write(problem.formatted(in: language), label: Catalog.text("cli.error")[language])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            Diagnostics.error(
                Catalog.text("cli.the-folder-does-not-exist", ["folder": "\(folder)"])[language])
            throw Outcome.usageError.exitCode
        }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        let files = labelFile.labels.map { base + $0.file }
        // A labelled file that is not there is a mistake in the labels, found before any scoring
        // and reported with the rows' other problems.
        let missing = labelFile.labels.filter { !FileManager.default.fileExists(atPath: base + $0.file) }
        for label in missing {
            let problem = RuleProblem(
                file: labels, line: label.line,
                message: Catalog.text("s3fit.is-not-in-relative", ["file": "\(label.file)", "folder": "\(folder)"]))
            Diagnostics.write(problem.formatted(in: language), label: Catalog.text("cli.error")[language])
        }
        guard labelFile.problems.isEmpty, missing.isEmpty, !labelFile.labels.isEmpty else {
            if labelFile.problems.isEmpty, missing.isEmpty {
                Diagnostics.error(
                    Catalog.text("cli.the-labels-file-has-no-rows")[language])
            }
            throw Outcome.usageError.exitCode
        }
        if let fit {
            try runFit(into: fit, labels: labelFile.labels, base: base, strategy: strategy, language: language)
            return
        }
        // Only the scoring: past applications need not follow today's schema or be dated within
        // the packs' validity.
        let checker: ApplicationChecker
        do {
            checker = try ApplicationChecker(ruleSet: ruleSet, options: .init(profile: rules.profile))
        } catch {
            RuleOptions.report(error, language: language)
            throw Outcome.usageError.exitCode
        }
        var items: [Calibration.Item] = []
        var unscored: [(file: String, reason: String)] = []
        for (label, path) in zip(labelFile.labels, files) {
            switch checker.alignment(ofFileAt: path) {
            case .success(let alignment):
                items.append(
                    Calibration.Item(
                        file: label.file, label: label.area, alignment: alignment, secondary: label.secondary,
                        confidence: label.confidence))
            case .failure(let failure):
                unscored.append((label.file, failure.findings.first?.message[language] ?? ""))
            }
        }
        let labelled = Set(files.map(InputFiles.canonical))
        let unlabelled = InputFiles.expand([folder]).filter { !labelled.contains(InputFiles.canonical($0)) }.count
        let calibration = Calibration(areas: strategy.areas.map(\.id), items: items)
        print(CalibrationText(language: language).render(calibration, strategy: strategy), terminator: "")
        if unlabelled > 0 {
            Diagnostics.error(
                LocalizedText(
                    sv: unlabelled == 1
                        ? "1 ansökan i \(folder) saknar etikett och är inte med."
                        : "\(unlabelled) ansökningar i \(folder) saknar etikett och är inte med.",
                    en: unlabelled == 1
                        ? "1 application in \(folder) has no label and is left out."
                        : "\(unlabelled) applications in \(folder) have no label and are left out.")[language])
        }
        for (file, reason) in unscored {
            Diagnostics.error(
                Catalog.text("cli.could-not-be-scored-and-is", ["file": "\(file)", "reason": "\(reason)"])[language])
        }
        if !unscored.isEmpty { throw Outcome.cannotBeAssessed.exitCode }
    }

    /// `--fit`: cross-validates the fit, fits on every label, and writes the fitted strategy, its
    /// diff and each fold's strategy and held-back labels into `output`.
    private func runFit(
        into output: String, labels: [LabelFile.Label], base: String, strategy: Strategy, language: Language
    ) throws {
        var samples: [StrategyFit.Sample] = []
        var unscored: [String] = []
        for label in labels {
            let path = base + label.file
            guard let data = FileManager.default.contents(atPath: path),
                let sample = StrategyFit.Sample(file: path, label: label, data: data)
            else {
                unscored.append(label.file)
                continue
            }
            samples.append(sample)
        }
        for file in unscored {
            Diagnostics.error(
                Catalog.text("cli.could-not-be-scored-and-is", ["file": "\(file)", "reason": "XML"])[language])
        }
        guard folds >= 2, samples.count >= folds else {
            Diagnostics.error(Catalog.text("s3fit.too-few-for-folds", ["folds": "\(folds)"])[language])
            throw Outcome.usageError.exitCode
        }
        guard let original = Self.originalDocument(of: strategy) else {
            Diagnostics.error(
                Catalog.text("s3fit.the-strategy-cannot-be-read")[language] + " (\(strategy.file))")
            throw Outcome.usageError.exitCode
        }
        let fitter = StrategyFit()
        let validation = CrossValidation(strategy: strategy, samples: samples, folds: folds, fit: fitter)
        var fitted = fitter.fit(strategy, to: samples)
        fitted.version = strategy.version + "+fitted"
        let diff = StrategyDiff(original: strategy, fitted: fitted, samples: samples)

        let manager = FileManager.default
        let foldsFolder = output + "/folds"
        let stem = ((strategy.file as NSString).lastPathComponent as NSString).deletingPathExtension
        let strategyPath = output + "/\(stem)-fitted.xml"
        let diffPath = output + "/\(stem)-fitted-diff.txt"
        // The strategy in use is evidence for what the fit changed; never write over it.
        let inUse = URL(fileURLWithPath: strategy.file).standardizedFileURL.resolvingSymlinksInPath().path
        guard URL(fileURLWithPath: strategyPath).standardizedFileURL.resolvingSymlinksInPath().path != inUse else {
            Diagnostics.error(Catalog.text("s3fit.would-overwrite", ["file": "\(strategy.file)"])[language])
            throw Outcome.usageError.exitCode
        }
        do {
            try manager.createDirectory(atPath: foldsFolder, withIntermediateDirectories: true)
        } catch {
            Diagnostics.error(Catalog.text("s3fit.cannot-write", ["file": "\(foldsFolder)"])[language])
            throw Outcome.usageError.exitCode
        }
        let labelsName = (self.labels as NSString).lastPathComponent
        func comment(_ what: String, figures: Calibration?) -> String {
            var lines = [
                "  Fitted by s3check calibrate (its fit option) from \(original.strategy.file) (\(strategy.id) \(strategy.version),",
                "  sha256 \(strategy.sha256)) and \(what) in \(folder) (labels: \(labelsName)).",
                "  Fitted: every term's weight and every area's threshold (L2-regularised logistic regression",
                "  toward the weights above, penalty \(fitter.weightPenalty) per weight and \(fitter.thresholdPenalty) per threshold,",
                "  classes weighed by inverse frequency, \(fitter.steps) steps) and the weak-fit threshold. Everything",
                "  else is as in the original. Do not edit by hand: fit again from the labels.",
            ]
            if let figures {
                lines.append(
                    "  Cross-validated (\(validation.folds.count) folds): lenient \(Self.percent(figures.lenientAccuracy)), macro-F1 \(String(format: "%.2f", figures.macroF1))."
                )
            }
            return lines.joined(separator: "\n")
        }
        var written: [(path: String, what: String)] = []
        func write(_ data: Data?, to path: String) throws {
            guard let data, manager.createFile(atPath: path, contents: data) else {
                Diagnostics.error(Catalog.text("s3fit.cannot-write", ["file": "\(path)"])[language])
                throw Outcome.usageError.exitCode
            }
        }
        try write(
            fitted.document(
                fittedFrom: original.data,
                comment: comment("all \(samples.count) labelled applications", figures: validation.fitted)),
            to: strategyPath)
        written.append(
            (strategyPath, Catalog.text("s3fit.written-strategy", ["count": "\(samples.count)"])[language]))
        let diffText = FitText(language: language).render(
            diff, original: strategy, fitted: fitted, samples: samples.count)
        try write(Data(diffText.utf8), to: diffPath)
        written.append((diffPath, Catalog.text("s3fit.written-diff")[language]))
        for fold in validation.folds {
            var foldStrategy = fold.fitted
            foldStrategy.version = strategy.version + "+fold\(fold.number)"
            let foldPath = foldsFolder + "/fold-\(fold.number).xml"
            let foldLabels = foldsFolder + "/fold-\(fold.number).csv"
            try write(
                foldStrategy.document(
                    fittedFrom: original.data,
                    comment: comment(
                        "the \(samples.count - fold.heldBack.count) labelled applications outside fold \(fold.number)",
                        figures: nil)),
                to: foldPath)
            try write(Data(Self.labelsCSV(fold.heldBack.map { samples[$0].label }).utf8), to: foldLabels)
            written.append(
                (
                    foldPath,
                    Catalog.text(
                        "s3fit.written-fold",
                        [
                            "fold": "\(fold.number)",
                            "command": "s3check calibrate \(folder) --labels \(foldLabels) --strategy \(foldPath)",
                        ])[language]
                ))
        }
        print(
            FitText(language: language).render(validation, strategy: strategy, fit: fitter, written: written),
            terminator: "")
        if !unscored.isEmpty { throw Outcome.cannotBeAssessed.exitCode }
    }

    /// The strategy file's bytes: on disk when it is there, else the shipped copy.
    static func originalDocument(of strategy: Strategy) -> (strategy: Strategy, data: Data)? {
        if let data = FileManager.default.contents(atPath: strategy.file) { return (strategy, data) }
        guard strategy.file.hasPrefix("Rules/"),
            let data = try? RuleFiles.shipped.read(String(strategy.file.dropFirst("Rules/".count)))
        else { return nil }
        return (strategy, data)
    }

    /// Labels as the CSV `calibrate` reads, with the secondary areas and confidence when known.
    static func labelsCSV(_ labels: [LabelFile.Label]) -> String {
        var lines = ["file,area,secondary,confidence"]
        for label in labels {
            let quoted =
                label.file.contains(",") || label.file.contains("\"")
                ? "\"" + label.file.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : label.file
            lines.append("\(quoted),\(label.area),\(label.secondary.joined(separator: " ")),\(label.confidence ?? "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func percent(_ share: Double) -> String {
        String(format: "%.1f %%", share * 100)
    }
}
