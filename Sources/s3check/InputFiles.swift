import Foundation

/// Turns the paths on the command line into the list of application files to check.
enum InputFiles {
    /// The name that stands for standard input (POSIX utility convention).
    static let standardInput = "-"

    /// What the paths named: the files to check, and what could not be taken, each said once.
    struct Expansion {
        var files: [String] = []
        /// Paths given that do not exist.
        var missing: [String] = []
        /// Files found in a folder whose names are not UTF-8 (Latin-1 names from old Windows
        /// shares), shown with the bytes escaped: they cannot be named in a report, so they
        /// are reported here and never skipped in silence.
        var unnamable: [String] = []
    }

    /// Files as given; folders searched recursively for `*.xml`, in a stable sorted order.
    static func expand(_ paths: [String]) -> [String] {
        expanding(paths).files
    }

    /// As ``expand(_:)``, also saying which paths do not exist and which files have names that
    /// are not UTF-8.
    static func expanding(_ paths: [String]) -> Expansion {
        var expansion = Expansion()
        for path in paths {
            if path == standardInput {
                expansion.files.append(path)
                continue
            }
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                expansion.missing.append(path)
            } else if isDirectory.boolValue {
                walk(path, into: &expansion)
            } else {
                expansion.files.append(path)
            }
        }
        return expansion
    }

    /// The absolute path with links resolved, for comparing paths.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Reads the folder with `readdir`, which gives every name as bytes: Foundation's listing
    /// drops names that are not UTF-8 without a word.
    private static func walk(_ folder: String, into expansion: inout Expansion) {
        var visited: Set<String> = []
        func visit(_ directory: String) {
            // Resolving links guards against a symbolic-link loop.
            let real = (directory as NSString).resolvingSymlinksInPath
            guard visited.insert(real).inserted, let handle = opendir(directory) else { return }
            var names: [String] = []
            while let entry = readdir(handle) {
                let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                guard let name = String(validating: bytes, as: UTF8.self) else {
                    let lowered = bytes.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
                    let isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
                    if bytes.first != UInt8(ascii: "."), isFolder || lowered.suffix(4).elementsEqual(".xml".utf8) {
                        expansion.unnamable.append(directory + "/" + escaped(bytes))
                    }
                    continue
                }
                names.append(name)
            }
            closedir(handle)
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    visit(path)
                } else if name.lowercased().hasSuffix(".xml") {
                    expansion.files.append(path)
                }
            }
        }
        visit(folder)
        expansion.unnamable.sort()
    }

    /// The name with every byte outside printable ASCII written `\xHH`, as `ls -b` shows it.
    static func escaped(_ bytes: [UInt8]) -> String {
        bytes.map {
            (0x20..<0x7F).contains($0) && $0 != UInt8(ascii: "\\")
                ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0)
        }
        .joined()
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
