import Foundation
import S3CheckRules
import S3CheckValues

/// Where rule packs, code lists and their includes are read from.
///
/// The shipped packs live inside the binary; a pack given with `--rules` lives on disk. Both
/// resolve an include relative to the file that names it.
public struct RuleFiles: Sendable {
    private enum Storage: Sendable {
        case shipped([String: [UInt8]])
        case disk
    }

    private let storage: Storage

    /// The packs built into the binary, addressed by their path below `Rules/`.
    public static let shipped = RuleFiles(storage: .shipped(ShippedRules.files))
    /// Files on disk, addressed by ordinary paths.
    public static let disk = RuleFiles(storage: .disk)

    /// Files held in memory, addressed like shipped files; for tests and fuzzing.
    public static func memory(_ files: [String: [UInt8]]) -> RuleFiles {
        RuleFiles(storage: .shipped(files))
    }

    /// A file could not be read.
    public struct ReadFailure: Error, Sendable {
        public var path: String
        public var reason: String
    }

    /// Reads the file at `path`.
    public func read(_ path: String) throws(ReadFailure) -> Data {
        switch storage {
        case .shipped(let files):
            guard let bytes = files[path] else { throw ReadFailure(path: path, reason: "not shipped") }
            return Data(bytes)
        case .disk:
            do {
                return try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                let reason = FileManager.default.fileExists(atPath: path) ? "unreadable" : "not found"
                throw ReadFailure(path: path, reason: reason)
            }
        }
    }

    /// Every file below `folder`, sorted; empty when the folder does not exist.
    public func files(under folder: String) -> [String] {
        switch storage {
        case .shipped(let files):
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            return files.keys.filter { $0.hasPrefix(prefix) }.sorted()
        case .disk:
            guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let path = folder + "/" + relative
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    found.append(path)
                }
            }
            return found.sorted()
        }
    }

    /// The folder that holds `path`.
    public func folder(of path: String) -> String {
        (path as NSString).deletingLastPathComponent
    }

    /// The path of `href` as written inside the file at `base`.
    public func resolve(_ href: String, relativeTo base: String) -> String {
        if href.hasPrefix("/") { return Self.normalize(href) }
        let directory = (base as NSString).deletingLastPathComponent
        return Self.normalize(directory.isEmpty ? href : directory + "/" + href)
    }

    /// The path as users see it: shipped files are shown under `Rules/`.
    public func displayPath(_ path: String) -> String {
        switch storage {
        case .shipped: "Rules/" + path
        case .disk: path
        }
    }

    private static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}

/// Where the shipped packs are.
public enum ShippedPackPath {
    /// The pack used when no `--rules` option is given, below `Rules/`.
    public static let defaultPack = ShippedRules.defaultPackPath
}
