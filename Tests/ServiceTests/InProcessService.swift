import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import S3CheckTestSupport

@testable import S3CheckServer

/// The service in the test's own process, built as `s3check serve` builds it: its router called
/// directly (`.router`, no socket), or its server on a loopback port (`.live`) where a test needs
/// the wire (HEAD's length, 100-continue, raw requests).
enum InProcessService {
    /// The shipped packs, compiled once for every test that serves them.
    private static let shippedPacks = Result { try ServiceState(ServiceOptions(), logger: logger).packs }

    private static let logger = Logger(label: "s3check-test") { _ in SwiftLogNoOpLogHandler() }

    /// A service with its own gate and metrics, on the options `configure` sets.
    static func state(_ configure: (inout ServiceOptions) -> Void = { _ in }) throws -> ServiceState {
        var options = ServiceOptions()
        configure(&options)
        guard options.packs.isEmpty else { return try ServiceState(options, logger: logger) }
        return ServiceState(packs: try shippedPacks.get(), options: options, logger: logger)
    }

    /// Runs `body` against a service on `options`.
    static func test<Value: Sendable>(
        _ setup: TestingSetup = .router,
        options: ServiceOptions = ServiceOptions(),
        _ body: @Sendable (Client) async throws -> Value
    ) async throws -> Value {
        let state = try state { $0 = options }
        return try await S3CheckService.application(for: state).test(setup) { client in
            try await body(Client(client: client))
        }
    }

    /// Requests as the tests write them: method and path as text, headers by name.
    struct Client: Sendable {
        let client: any TestClientProtocol

        /// The loopback port of a `.live` service.
        var port: Int { client.port ?? 0 }

        func request(
            _ method: String,
            _ path: String,
            body: Data? = nil,
            headers: [String: String] = [:]
        ) async throws -> ServiceProcess.Reply {
            var fields = HTTPFields()
            for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
            let response = try await client.executeRequest(
                uri: path, method: HTTPRequest.Method(method)!, headers: fields,
                body: body.map { ByteBuffer(bytes: $0) })
            var replyHeaders: [String: String] = [:]
            for field in response.headers { replyHeaders[field.name.canonicalName] = field.value }
            return ServiceProcess.Reply(
                status: response.status.code, headers: replyHeaders, body: Data(response.body.readableBytesView))
        }

        /// Posts an example application as XML.
        func check(_ example: String, query: String = "", accept: String? = nil) async throws -> ServiceProcess.Reply {
            var headers = ["Content-Type": "application/xml"]
            if let accept { headers["Accept"] = accept }
            let data = try Data(contentsOf: Fixtures.examples.appending(path: example))
            return try await request("POST", "/api/v1/check" + query, body: data, headers: headers)
        }
    }
}

extension ServiceOptions {
    /// The default options with what `configure` changes.
    static func with(_ configure: (inout ServiceOptions) -> Void) -> ServiceOptions {
        var options = ServiceOptions()
        configure(&options)
        return options
    }
}
