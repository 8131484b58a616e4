import ArgumentParser
import Foundation
import S3CheckCore

/// Which rule pack and profile to use; shared by every subcommand that reads rules.
struct RuleOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Rule pack file, or shipped:PATH for a pack built into s3check (default: the Stockholm programme pack).",
            valueName: "path"
        )
    )
    var rules: String?

    @Option(help: "Rule profile, for example draft or submission (default: the pack's default).")
    var profile: String?

    @Option(
        help: ArgumentHelp(
            "Smart-specialisation strategy file to use instead of the pack's, such as one written by calibrate --fit.",
            valueName: "file"))
    var strategy: String?

    /// Loads the chosen pack; prints every problem and exits 3 when it cannot be loaded.
    func load(language: Language) throws -> RuleSet {
        try adjusted(PackChoice(base: PackLocation(rules).load(language: language)), language: language).base
    }

    /// Loads the chosen pack and the call packs beside it, which check the applications that
    /// name their call; prints every problem and exits 3 when one cannot be loaded.
    func loadChoice(language: Language) throws -> PackChoice {
        let location = PackLocation(rules)
        do {
            return try adjusted(location.loadChoice(), language: language)
        } catch let error as RulePackError {
            Self.report(error, language: language)
            throw Outcome.usageError.exitCode
        }
    }

    /// The packs with `--strategy` applied; exits 3 when the strategy cannot be read or the
    /// profile is not in the pack.
    private func adjusted(_ packs: PackChoice, language: Language) throws -> PackChoice {
        var packs = packs
        if let strategy {
            do {
                let replacement = try Strategy.load(file: strategy)
                packs = packs.map { $0.replacingStrategy(with: replacement) }
            } catch {
                Self.report(error, language: language)
                throw Outcome.usageError.exitCode
            }
        }
        if let profile, !packs.base.profiles.contains(where: { $0.id == profile }) {
            let known = packs.base.profiles.map(\.id).joined(separator: ", ")
            let message = LocalizedText(
                sv: "Profilen \"\(profile)\" finns inte i regelpaketet (finns: \(known)).",
                en: "The profile \"\(profile)\" is not in the rule pack (available: \(known))."
            )
            Diagnostics.error(message[language])
            throw Outcome.usageError.exitCode
        }
        return packs
    }

    /// Loads the chosen pack and its smart-specialisation strategy; exits 3 when the pack names
    /// none.
    func loadWithStrategy(language: Language) throws -> (RuleSet, Strategy) {
        let ruleSet = try load(language: language)
        guard let strategy = ruleSet.strategy else {
            Diagnostics.error(
                LocalizedText(
                    sv: "Regelpaketet anger ingen strategi för smart specialisering.",
                    en: "The rule pack names no smart-specialisation strategy."
                )[language]
            )
            throw Outcome.usageError.exitCode
        }
        return (ruleSet, strategy)
    }

    static func report(_ error: RulePackError, language: Language) {
        for problem in error.problems {
            Diagnostics.error(problem.formatted(in: language))
        }
        let count = error.problems.count
        Diagnostics.error(
            LocalizedText(
                sv: "Regelpaketet kan inte användas (\(count) problem).",
                en: "The rule pack cannot be used (\(count) problem\(count == 1 ? "" : "s"))."
            )[language]
        )
    }
}

/// How output looks: language and colour.
struct PresentationOptions: ParsableArguments {
    @Option(help: "Language of the report: sv or en (default: from LANG, else en).")
    var lang: Language?

    var language: Language {
        lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
    }

    /// Colour only on a terminal, and never when NO_COLOR is set.
    var useColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}

extension Language: ExpressibleByArgument {}

/// Messages for standard error.
enum Diagnostics {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("s3check: \(message)\n".utf8))
    }

    /// `location: label: message`, the form editors and CI logs pick up.
    static func write(_ formatted: String, label: String) {
        FileHandle.standardError.write(Data("\(label): \(formatted)\n".utf8))
    }
}
