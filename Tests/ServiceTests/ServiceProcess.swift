import Foundation
import S3CheckTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `s3check-serve` binary, started on a free loopback port and stopped with SIGTERM.
final class ServiceProcess: @unchecked Sendable {
    let process = Process()
    let base: URL
    private let errorFile: URL
    private let output = Pipe()

    /// The executable next to the test bundle in the build folder.
    static var executable: URL {
        BinaryRunner.executable.deletingLastPathComponent().appending(path: "s3check-serve")
    }

    /// Starts the service with `arguments` and waits until it prints the address it listens on.
    init(_ arguments: [String] = [], through executable: URL = ServiceProcess.executable) throws {
        errorFile = FileManager.default.temporaryDirectory.appending(path: "s3check-serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = executable
        process.arguments = (executable == Self.executable ? [] : ["serve"]) + ["--port", "0"] + arguments
        process.currentDirectoryURL = Fixtures.packageRoot
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        // A line names the address; port 0 lets the kernel pick a free one. With a health port,
        // its line may come first.
        var health: URL?
        var main: URL
        while true {
            var line = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty,
                byte != Data("\n".utf8)
            {
                line.append(byte)
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: "http://"), let url = URL(string: String(text[range.lowerBound...])) else {
                process.terminate()
                throw StartFailure(output: text + (try String(contentsOf: errorFile, encoding: .utf8)))
            }
            if text.contains("health on") {
                health = url
                continue
            }
            main = url
            break
        }
        base = main
        healthBase = health
    }

    /// The health port's address when the service was started with `--health-port`, once it
    /// has been announced.
    private(set) var healthBase: URL?

    /// Reads the health port's line when it comes after the main one.
    func awaitHealthBase() throws -> URL? {
        if let healthBase { return healthBase }
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        healthBase = text.range(of: "http://").flatMap { URL(string: String(text[$0.lowerBound...])) }
        return healthBase
    }

    struct StartFailure: Error, CustomStringConvertible {
        var output: String
        var description: String { "the service did not start: \(output)" }
    }

    /// Everything the service logged so far.
    var log: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// Sends SIGTERM and waits for the process to end; returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: errorFile)
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }

    /// One HTTP exchange.
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }

        func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        /// The body as a JSON object, or nil.
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.timeoutIntervalForRequest = 60
        return URLSession(configuration: configuration)
    }()

    func request(
        _ method: String,
        _ path: String,
        body: Data? = nil,
        headers: [String: String] = [:]
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await Self.session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { fields[key] = value }
        }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    /// Posts an example application as XML.
    func check(_ example: String, query: String = "", accept: String? = nil) async throws -> Reply {
        var headers = ["Content-Type": "application/xml"]
        if let accept { headers["Accept"] = accept }
        let data = try Data(contentsOf: Fixtures.examples.appending(path: example))
        return try await request("POST", "/api/v1/check" + query, body: data, headers: headers)
    }
}
