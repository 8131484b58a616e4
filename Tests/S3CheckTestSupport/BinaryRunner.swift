import Foundation

/// Runs the built `s3check` executable, as a user would.
public struct BinaryRunner {
    /// What one run printed and returned.
    public struct Result: Sendable {
        public var exitCode: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// The executable next to the test bundle in the build folder.
    public static var executable: URL {
        let buildFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            buildFolder.appending(path: "s3check"),
            buildFolder.deletingLastPathComponent().appending(path: "s3check"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `s3check` with `arguments` in `directory` with extra environment variables.
    public static func run(
        _ arguments: [String],
        in directory: URL = Fixtures.packageRoot,
        environment: [String: String] = [:],
        standardInput: Data? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var merged = ProcessInfo.processInfo.environment
        merged["LANG"] = "C"
        merged["LC_ALL"] = nil
        merged["LC_MESSAGES"] = nil
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let input = Pipe()
        if standardInput != nil { process.standardInput = input }
        try process.run()
        if let standardInput {
            // Written whole, then closed: the child reads to the end of its input.
            try input.fileHandleForWriting.write(contentsOf: standardInput)
            try input.fileHandleForWriting.close()
        }
        // Read before waiting so that a large report cannot fill the pipe and block the child.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            exitCode: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }
}
