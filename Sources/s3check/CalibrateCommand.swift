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
            id of the strategy or none. Exit codes: 0 calibrated; 2 a labelled application could \
            not be scored; 3 usage error, or a labels file with problems.
            """
    )

    @Argument(help: "The folder the labelled applications are in.")
    var folder: String

    @Option(help: ArgumentHelp("CSV file of labels: columns file and area.", valueName: "file"))
    var labels: String

    @OptionGroup var rules: RuleOptions
    @OptionGroup var presentation: PresentationOptions

    @Option(help: "Applications checked in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let language = presentation.language
        let ruleSet = try rules.load(language: language)
        guard let strategy = ruleSet.strategy else {
            Diagnostics.error(
                LocalizedText(
                    sv: "Regelpaketet anger ingen strategi för smart specialisering.",
                    en: "The rule pack names no smart-specialisation strategy."
                )[language])
            throw Outcome.usageError.exitCode
        }
        guard let data = FileManager.default.contents(atPath: labels) else {
            Diagnostics.error(
                LocalizedText(
                    sv: "Etikettfilen \(labels) kan inte läsas.", en: "The labels file \(labels) cannot be read.")[
                        language])
            throw Outcome.usageError.exitCode
        }
        let labelFile = LabelFile(
            text: String(decoding: data, as: UTF8.self), file: labels, areas: strategy.areas.map(\.id))
        for problem in labelFile.problems {
            Diagnostics.write(problem.formatted(in: language), label: LocalizedText(sv: "fel", en: "error")[language])
        }
        guard labelFile.problems.isEmpty, !labelFile.labels.isEmpty else {
            if labelFile.problems.isEmpty {
                Diagnostics.error(
                    LocalizedText(sv: "Etikettfilen har inga rader.", en: "The labels file has no rows.")[language])
            }
            throw Outcome.usageError.exitCode
        }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        let files = labelFile.labels.map { base + $0.file }
        var items: [Calibration.Item] = []
        var unscored: [String] = []
        do {
            try BatchChecker(ruleSet: ruleSet, options: .init(profile: rules.profile), jobs: jobs).check(
                files,
                transform: { report, _ in report.alignment },
                deliver: { position, alignment in
                    let label = labelFile.labels[position]
                    if let alignment {
                        items.append(Calibration.Item(file: label.file, label: label.area, alignment: alignment))
                    } else {
                        unscored.append(label.file)
                    }
                }
            )
        } catch let error as RulePackError {
            RuleOptions.report(error, language: language)
            throw Outcome.usageError.exitCode
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
        for file in unscored {
            Diagnostics.error(
                LocalizedText(
                    sv: "\(file) kunde inte poängsättas (se s3check check \(base + file)).",
                    en: "\(file) could not be scored (see s3check check \(base + file)).")[language])
        }
        if !unscored.isEmpty { throw Outcome.cannotBeAssessed.exitCode }
    }
}
