import Foundation

/// Turns the paths on the command line into the list of application files to check.
enum InputFiles {
    /// Files as given; folders searched recursively for `*.xml`, in a stable sorted order.
    /// A path that does not exist is kept, so that its report says so.
    static func expand(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                files += xmlFiles(under: path)
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// The absolute path with links resolved, for comparing paths.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func xmlFiles(under folder: String) -> [String] {
        var found: [String] = []
        var visited: Set<String> = []
        func walk(_ directory: String) {
            // Resolving links guards against a symbolic-link loop.
            let real = (directory as NSString).resolvingSymlinksInPath
            guard visited.insert(real).inserted,
                let entries = try? FileManager.default.contentsOfDirectory(atPath: directory)
            else { return }
            for entry in entries.sorted() where !entry.hasPrefix(".") {
                let path = directory.hasSuffix("/") ? directory + entry : directory + "/" + entry
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    walk(path)
                } else if entry.lowercased().hasSuffix(".xml") {
                    found.append(path)
                }
            }
        }
        walk(folder)
        return found
    }
}

/// Output files are written whole or not at all.
enum OutputFile {
    /// Creates the folder of `path` when it is missing (as `--output-dir` does, and as CI jobs
    /// expect of `--format junit=reports/junit.xml` on a fresh checkout); fails before any work
    /// starts when the folder cannot be created or written.
    static func checkWritable(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        if !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw OutputError(path: path)
        }
    }

    /// Writes to a temporary file beside `path` and renames it into place, so that a reader
    /// never sees half a report. A device or pipe (`/dev/null`, `/dev/stdout`) is written directly.
    static func write(_ text: String, to path: String) throws {
        if isDevice(path) {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(text.utf8))
            return
        }
        // Through a sink, so that a cancelled run leaves no temporary file behind.
        let sink = try ByteSink.file(path)
        do {
            try sink.write(text)
            try sink.commit()
        } catch {
            sink.discard()
            throw error
        }
    }

    /// Whether `path` is a device or pipe (`/dev/null`, `/dev/stdout`): written in place, since
    /// nothing can be renamed over it.
    static func isDevice(_ path: String) -> Bool {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let type = attributes?[.type] as? FileAttributeType else { return false }
        return type != .typeRegular && type != .typeSymbolicLink
    }

    struct OutputError: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "cannot write \(path): its folder cannot be created or is not writable / kan inte skriva \(path): mappen går inte att skapa eller är skrivskyddad"
        }
    }
}
