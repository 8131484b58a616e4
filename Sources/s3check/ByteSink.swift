import Foundation

/// Bytes written in large blocks to a file, standard output, or a spool.
final class ByteSink {
    private enum Kind {
        /// Standard output or a device: written in place, never closed here.
        case direct
        /// Renamed over `path` on commit.
        case replacing(temporary: String, path: String)
        /// A file without a name in `path`'s folder (`O_TMPFILE`), given one and renamed over
        /// `path` on commit: a run killed with SIGKILL, which no handler sees, leaves nothing.
        case unnamed(path: String)
        /// Appended to a file that another program owns.
        case appending
        /// An unnamed temporary file, read back at the end.
        case spool
    }

    private let handle: FileHandle
    private let kind: Kind
    private var buffer: [UInt8] = []
    private let blockSize = 1 << 20
    private var closed = false

    private init(handle: FileHandle, kind: Kind) {
        self.handle = handle
        self.kind = kind
        buffer.reserveCapacity(blockSize)
    }

    static func standardOutput() -> ByteSink {
        ByteSink(handle: .standardOutput, kind: .direct)
    }

    /// A report file, written whole or not at all: into a temporary file beside `path` that
    /// replaces it on commit. A device or pipe (`/dev/null`) is written directly.
    static func file(_ path: String) throws -> ByteSink {
        if OutputFile.isDevice(path) {
            return ByteSink(handle: try FileHandle(forWritingTo: URL(fileURLWithPath: path)), kind: .direct)
        }
        let folder = (path as NSString).deletingLastPathComponent
        let unnamed = open(folder.isEmpty ? "." : folder, __O_TMPFILE | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o666)
        if unnamed >= 0 {
            return ByteSink(
                handle: FileHandle(fileDescriptor: unnamed, closeOnDealloc: true), kind: .unnamed(path: path))
        }
        // A file system without O_TMPFILE: a hidden temporary, removed on SIGINT and SIGTERM.
        let temporary = temporaryName(for: path)
        TemporaryFiles.register(temporary)
        return ByteSink(
            handle: try create(temporary, flags: O_WRONLY), kind: .replacing(temporary: temporary, path: path))
    }

    /// A hidden name beside `path`, for a file that is about to replace it.
    private static func temporaryName(for path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return (folder.isEmpty ? "" : folder + "/") + ".\(name).\(UUID().uuidString).tmp"
    }

    /// The end of a file that another program owns (GitHub's step summary).
    static func appending(to path: String) throws -> ByteSink {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw OutputFile.OutputError(path: path) }
        return ByteSink(handle: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true), kind: .appending)
    }

    /// A temporary file without a name, gone when closed whatever happens to the run.
    static func spool() throws -> ByteSink {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("s3check-\(UUID().uuidString)").path
        let handle = try create(path, flags: O_RDWR)
        unlink(path)
        return ByteSink(handle: handle, kind: .spool)
    }

    private static func create(_ path: String, flags: Int32) throws -> FileHandle {
        let descriptor = open(path, flags | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw OutputFile.OutputError(path: path) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= blockSize { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Copies everything written to this spool to `destination`.
    func copy(to destination: ByteSink) throws {
        try flush()
        try handle.seek(toOffset: 0)
        try destination.flush()
        while let block = try handle.read(upToCount: blockSize), !block.isEmpty {
            try destination.handle.write(contentsOf: block)
        }
    }

    /// Flushes, and puts a replacing file in place.
    func commit() throws {
        try flush()
        switch kind {
        case .direct:
            return
        case .replacing(let temporary, let path):
            defer { TemporaryFiles.unregister(temporary) }
            do {
                try close()
            } catch {
                unlink(temporary)
                throw error
            }
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                throw OutputFile.OutputError(path: path)
            }
        case .unnamed(let path):
            // Named for the instant between the link and the rename (the rename replaces an
            // existing report atomically; a link cannot), and registered for that instant.
            let temporary = Self.temporaryName(for: path)
            TemporaryFiles.register(temporary)
            defer { TemporaryFiles.unregister(temporary) }
            let linked = linkat(
                AT_FDCWD, "/proc/self/fd/\(handle.fileDescriptor)", AT_FDCWD, temporary, AT_SYMLINK_FOLLOW)
            try close()
            guard linked == 0 else { throw OutputFile.OutputError(path: path) }
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                throw OutputFile.OutputError(path: path)
            }
        case .appending, .spool:
            try close()
        }
    }

    /// Drops what was written, if it was not committed.
    func discard() {
        if case .replacing(let temporary, _) = kind, !closed {
            unlink(temporary)
            TemporaryFiles.unregister(temporary)
        }
        if case .direct = kind { return }
        try? close()
    }

    private func close() throws {
        guard !closed else { return }
        closed = true
        try handle.close()
    }
}
