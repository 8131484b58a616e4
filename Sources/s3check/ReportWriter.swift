import Foundation
import S3CheckCore
import S3CheckReports

/// Writes one report while the run goes on: the opening, each application's section as it is
/// delivered in input order, and the closing.
///
/// A format whose opening needs the totals keeps its sections in unnamed temporary files (one
/// per section list) and copies them after the opening at the end, so memory stays flat.
final class ReportWriter {
    let reporter: any StreamingReporter
    private let destination: ByteSink
    private var spools: [ByteSink] = []
    private var started = false

    init(reporter: any StreamingReporter, destination: ByteSink) {
        self.reporter = reporter
        self.destination = destination
    }

    /// Adds the next application's section; `tally` already includes it.
    func add(_ section: ReportSection, tally: RunTally) throws {
        try start()
        let placed = reporter.placing(section, after: tally)
        if reporter.needsTotalsFirst {
            for (list, text) in placed.texts.enumerated() { try spools[list].write(text) }
        } else {
            try destination.write(placed.texts.joined())
        }
    }

    /// Writes what is left and puts the report in place.
    func finish(_ tally: RunTally) throws {
        try start()
        if reporter.needsTotalsFirst {
            try destination.write(reporter.opening(tally))
            for (list, spool) in spools.enumerated() {
                if list > 0 { try destination.write(reporter.separator(before: list, tally)) }
                try spool.copy(to: destination)
            }
        }
        try destination.write(reporter.closing(tally))
        try destination.commit()
        for spool in spools { spool.discard() }
    }

    /// Leaves no temporary file behind after a failed run.
    func abandon() {
        destination.discard()
        for spool in spools { spool.discard() }
    }

    // Nothing is written before the first application arrives, so that a rule pack that does
    // not compile leaves standard output and the destination untouched.
    private func start() throws {
        guard !started else { return }
        started = true
        if reporter.needsTotalsFirst {
            spools = try (0..<reporter.sectionLists).map { _ in try ByteSink.spool() }
        } else {
            // Formats that stream get no totals for their opening: nothing is known yet.
            try destination.write(reporter.opening(RunTally()))
        }
    }
}
