import ArgumentParser
import Foundation
import S3CheckCore

/// Lets options come before the subcommand: `s3check --lang sv s3 FILE` runs `s3` as
/// `s3check s3 --lang sv FILE` does.
///
/// The argument parser reads options after the subcommand only, and a subcommand name after an
/// option was taken for a file to check ("s3:1:1: The file does not exist"). People write
/// global options first, as with git and cargo, so the subcommand is moved to the front when
/// everything before it is an option or an option's value. A file of that name in the current
/// directory keeps its meaning as a file.
enum SubcommandFirst {
    /// The names the root command dispatches on.
    static var names: Set<String> {
        Set(S3Check.configuration.subcommands.map { $0._commandName })
    }

    /// `arguments` with the first subcommand name moved to the front, when only options and
    /// their values precede it; otherwise unchanged.
    static func arguments(_ arguments: [String], fileExists: (String) -> Bool = FileManager.default.fileExists)
        -> [String]
    {
        var previousWasOption = false
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { return arguments }
            if argument.hasPrefix("-") {
                // `--lang=sv` carries its value; `--lang` may be followed by one.
                previousWasOption = !argument.contains("=")
                continue
            }
            if names.contains(argument), !fileExists(argument) {
                guard index > 0 else { return arguments }
                var reordered = arguments
                reordered.remove(at: index)
                return [argument] + reordered
            }
            // A value of the option before it; anything else is a path, so no subcommand follows.
            guard previousWasOption else { return arguments }
            previousWasOption = false
        }
        return arguments
    }

    /// A first operand that is no file and reads as a mistyped subcommand (`chek` for `check`):
    /// the word and the subcommand meant. Checking it as a file would only say that it does not
    /// exist.
    static func mistypedSubcommand(
        _ arguments: [String], fileExists: (String) -> Bool = FileManager.default.fileExists
    ) -> (written: String, meant: String)? {
        var previousWasOption = false
        for argument in arguments {
            if argument == "--" { return nil }
            if argument.hasPrefix("-") {
                previousWasOption = !argument.contains("=")
                continue
            }
            if previousWasOption {
                previousWasOption = false
                continue
            }
            guard !names.contains(argument), !fileExists(argument), !argument.contains("/"), !argument.contains(".")
            else { return nil }
            return NameSuggestion.nearest(to: argument, among: names.sorted()).map { (argument, $0) }
        }
        return nil
    }

    /// The report language the arguments ask for (`--lang sv`, `--lang=en`), else the environment's.
    static func language(_ arguments: [String]) -> Language {
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang=") { return Language(rawValue: String(argument.dropFirst(7))) ?? .en }
            if argument == "--lang", index + 1 < arguments.count,
                let language = Language(rawValue: arguments[index + 1])
            {
                return language
            }
        }
        return Language.fromEnvironment(ProcessInfo.processInfo.environment)
    }
}
