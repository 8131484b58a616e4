import Dispatch
import Foundation
import S3CheckCore

/// The report files being written and not yet in place, so that a run cancelled with SIGTERM
/// (as CI cancels a job) or SIGINT leaves none of them behind.
enum TemporaryFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func register(_ path: String) {
        lock.withLock { _ = paths.insert(path) }
    }

    static func unregister(_ path: String) {
        lock.withLock { _ = paths.remove(path) }
    }

    /// On SIGTERM or SIGINT: removes every registered file, then exits with the conventional
    /// status, 128 + the signal's number (143, 130). Reports already in place stay untouched,
    /// since each is renamed over the old one only when complete.
    static func removeOnTermination() {
        // A queue of its own: the batch's workers occupy the global queue's threads until the
        // batch ends, so a handler queued there waited for the whole batch (8-24 s measured);
        // a private queue gets a thread of its own at once.
        let queue = DispatchQueue(label: "s3check.signals", qos: .userInteractive)
        let language = Language.fromEnvironment(ProcessInfo.processInfo.environment)
        for number in [SIGTERM, SIGINT] {
            // The signal is handled on a queue, where anything may run, rather than in the
            // signal handler itself.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                lock.lock()
                for path in paths { unlink(path) }
                // One line saying what became of the reports: none was written; any from an
                // earlier run is as it was.
                let name = number == SIGINT ? "SIGINT" : "SIGTERM"
                let line = "s3check: " + Catalog.text("cli.cancelled", ["signal": name])[language] + "\n"
                _ = line.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
                // Still locked: no worker can register a new file before the process ends.
                _exit(128 + number)
            }
            source.resume()
            lock.withLock { sources.append(source) }
        }
    }
}
