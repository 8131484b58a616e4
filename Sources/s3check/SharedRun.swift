import ArgumentParser
import S3CheckCore
import S3CheckRun

// What a run is lives in S3CheckRun, shared with the service; these names keep every command's
// code as it was.
typealias Outcome = S3CheckRun.Outcome
typealias ReportFormat = S3CheckRun.ReportFormat
typealias PackLocation = S3CheckRun.PackLocation

extension Outcome {
    var exitCode: ExitCode { ExitCode(rawValue) }
}

extension ReportFormat: ExpressibleByArgument {}

extension PackLocation {
    /// Loads the pack; prints every problem and exits 3 when it cannot be loaded.
    func load(language: Language) throws -> RuleSet {
        do {
            return try load()
        } catch {
            RuleOptions.report(error, language: language)
            throw Outcome.usageError.exitCode
        }
    }
}
