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
            The labels file is CSV with a header row naming the columns file and area (comma, \
            semicolon or tab). file is the application's path relative to FOLDER; area is an area \
            id of the strategy or none. Applications are only scored: they must be well-formed \
            applications, but need not follow today's schema or dates. Exit codes: 0 calibrated; \
            2 a labelled application could not be scored; 3 usage error, or a labels file with \
            problems (including a labelled file that is not there).
            """
    )

    @Argument(help: "The folder the labelled applications are in.")
    var folder: String

    @Option(help: ArgumentHelp("CSV file of labels: columns file and area.", valueName: "file"))
    var labels: String

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
        guard labelFile.problems.isEmpty, !labelFile.labels.isEmpty else {
            if labelFile.problems.isEmpty {
                Diagnostics.error(
                    Catalog.text("cli.the-labels-file-has-no-rows")[language])
            }
            throw Outcome.usageError.exitCode
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            Diagnostics.error(
                Catalog.text("cli.the-folder-does-not-exist", ["folder": "\(folder)"])[language])
            throw Outcome.usageError.exitCode
        }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        let files = labelFile.labels.map { base + $0.file }
        // A labelled file that is not there is a mistake in the labels, found before any scoring.
        let missing = labelFile.labels.filter { !FileManager.default.fileExists(atPath: base + $0.file) }
        for label in missing {
            let problem = RuleProblem(
                file: labels, line: label.line,
                message: Catalog.text("cli.is-not-in", ["file": "\(label.file)", "folder": "\(folder)"]))
            Diagnostics.write(problem.formatted(in: language), label: Catalog.text("cli.error")[language])
        }
        guard missing.isEmpty else { throw Outcome.usageError.exitCode }
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
                items.append(Calibration.Item(file: label.file, label: label.area, alignment: alignment))
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
}
