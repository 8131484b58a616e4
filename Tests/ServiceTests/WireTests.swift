import Foundation
import S3CheckTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What only shows on the wire, against the service's server started in this process on a
/// loopback port: HEAD's length, Host and Expect as sent, 100-continue, slow and vanishing clients.
@Suite("The service on the wire")
struct WireTests {
    static let notEligible = "not-eligible-cofinancing.sv.xml"

    private static func example(_ name: String = "not-eligible-cofinancing.sv.xml") throws -> Data {
        try Data(contentsOf: Fixtures.examples.appending(path: name))
    }

    /// The status line of the first answer on a raw connection.
    private static func statusLine(_ request: String, port: Int) async throws -> String {
        try await RawConnection.offThePool {
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            connection.send(Data(request.utf8))
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(connection.socket, &buffer, buffer.count, 0)
            return String(decoding: buffer[0..<max(0, count)], as: UTF8.self).components(separatedBy: "\r\n").first
                ?? ""
        }
    }

    /// What comes back on a raw connection for `request`, read until the service closes it.
    private static func exchange(_ request: Data, port: Int) async throws -> String {
        try await RawConnection.offThePool {
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            connection.send(request)
            return connection.receiveAll()
        }
    }

    @Test("HEAD answers every GET route with GET's status and length and no body")
    func head() async throws {
        try await InProcessService.test(.live) { service in
            // On raw connections with the same headers, read to the close: any byte after the
            // headers is a body.
            func exchange(_ method: String, _ path: String) async throws -> (head: String, body: String) {
                let reply = try await Self.exchange(
                    Data("\(method) \(path) HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".utf8), port: service.port)
                let parts = reply.components(separatedBy: "\r\n\r\n")
                return (parts[0], parts.dropFirst().joined(separator: "\r\n\r\n"))
            }
            for path in ["/", "/api/v1/rules", "/api/v1/rules/EU-COF-001", "/openapi.yaml", "/health/live"] {
                let get = try await exchange("GET", path)
                let head = try await exchange("HEAD", path)
                #expect(head.head.hasPrefix("HTTP/1.1 200 OK"), "\(path)")
                #expect(head.body.isEmpty, "\(path): a body after the headers")
                #expect(!get.body.isEmpty, "\(path)")
                #expect(
                    head.head.lowercased().components(separatedBy: "\r\n").contains(
                        "content-length: \(get.body.utf8.count)"),
                    "\(path): not GET's length \(get.body.utf8.count)")
            }
            let refused = try await service.request("DELETE", "/api/v1/rules")
            #expect(refused.status == 405)
            #expect(refused.header("Allow") == "GET, HEAD")
        }
    }

    @Test("Host: none or two is 400 (a health probe over HTTP/1.0 may omit it); an unknown Expect is 417")
    func hostAndExpect() async throws {
        try await InProcessService.test(.live) { service in
            let port = service.port
            let noHost = try await Self.statusLine(
                "GET /api/v1/rules HTTP/1.1\r\nConnection: close\r\n\r\n", port: port)
            let twoHosts = try await Self.statusLine(
                "GET /api/v1/rules HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n", port: port)
            let probe = try await Self.statusLine("GET /health/live HTTP/1.0\r\n\r\n", port: port)
            let unknownExpect = try await Self.statusLine(
                "GET /api/v1/rules HTTP/1.1\r\nHost: a\r\nExpect: later\r\nConnection: close\r\n\r\n", port: port)
            #expect(noHost == "HTTP/1.1 400 Bad Request")
            #expect(twoHosts == "HTTP/1.1 400 Bad Request")
            #expect(probe.hasSuffix("200 OK"))
            #expect(unknownExpect == "HTTP/1.1 417 Expectation Failed")
        }
    }

    @Test("Expect: 100-continue is answered before the body is sent, then the check")
    func continueBeforeBody() async throws {
        try await InProcessService.test(.live) { service in
            let body = try Self.example()
            let port = service.port
            let (interim, rest) = try await RawConnection.offThePool {
                let connection = try RawConnection(port: port)
                defer { connection.close() }
                connection.send(
                    Data(
                        ("POST /api/v1/check HTTP/1.1\r\nHost: a\r\nContent-Type: application/xml\r\n"
                            + "Expect: 100-continue\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n").utf8
                    ))
                var buffer = [UInt8](repeating: 0, count: 256)
                let count = recv(connection.socket, &buffer, buffer.count, 0)
                let interim = String(decoding: buffer[0..<max(0, count)], as: UTF8.self)
                connection.send(body)
                return (interim, connection.receiveAll())
            }
            #expect(interim.hasPrefix("HTTP/1.1 100 Continue\r\n\r\n"))
            #expect(rest.contains("HTTP/1.1 200 OK"))
            #expect(rest.contains("S3check-Verdict: not-eligible"))
        }
    }

    @Test("A client that stalls half-way through its body is disconnected, not waited for")
    func stalledClientIsDisconnected() async throws {
        try await InProcessService.test(.live, options: .with { $0.idleTimeout = .seconds(1) }) { service in
            let reply = try await Self.exchange(
                Data(
                    "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 1000\r\n\r\n<a"
                        .utf8), port: service.port)
            #expect(reply.isEmpty, "the service closed the connection without answering")
        }
    }

    @Test("A client trickling its body gets 408 when the body timeout passes, and is disconnected")
    func tricklingClientTimesOut() async throws {
        try await InProcessService.test(
            .live,
            options: .with {
                $0.idleTimeout = .seconds(30)
                $0.bodyTimeout = .seconds(2)
            }
        ) {
            service in
            let port = service.port
            let reply = try await RawConnection.offThePool {
                let connection = try RawConnection(port: port)
                defer { connection.close() }
                connection.send(
                    Data(
                        "POST /api/v1/check?lang=sv HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 100000\r\n\r\n<a"
                            .utf8))
                // A byte a second: never idle, never done.
                let sender = Thread {
                    for _ in 0..<6 {
                        Thread.sleep(forTimeInterval: 1)
                        connection.send(Data("b".utf8))
                    }
                }
                sender.start()
                return connection.receiveAll()
            }
            #expect(reply.hasPrefix("HTTP/1.1 408"), "\(reply.prefix(200))")
            #expect(reply.contains("application/problem+json"))
            #expect(reply.contains("kom fram för långsamt"))
        }
    }

    @Test("A chunked body over the size limit gets 413, not a server error")
    func chunkedTooLarge() async throws {
        try await InProcessService.test(
            .live,
            options: .with {
                $0.maximumBodyBytes = 1000
                $0.idleTimeout = .seconds(2)
            }
        ) { service in
            let chunk = String(repeating: "x", count: 800)
            let chunkLength = String(chunk.utf8.count, radix: 16)
            let reply = try await Self.exchange(
                Data(
                    ("POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "\(chunkLength)\r\n\(chunk)\r\n\(chunkLength)\r\n\(chunk)\r\n0\r\n\r\n").utf8),
                port: service.port)
            #expect(reply.hasPrefix("HTTP/1.1 413"), "\(reply.prefix(200))")
            #expect(reply.contains("too-large"))
        }
    }

    @Test("A client that hangs up mid-body is not counted as a server error")
    func hangUpIsNoServerError() async throws {
        try await InProcessService.test(.live) { service in
            for _ in 0..<3 {
                let connection = try RawConnection(port: service.port)
                connection.send(
                    Data(
                        "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 1000\r\n\r\n<a"
                            .utf8))
                connection.close()
            }
            try await Task.sleep(for: .milliseconds(500))
            let reply = try await service.request("GET", "/metrics")
            let metrics = reply.text
            #expect(reply.status == 200, "\(reply.headers)")
            #expect(!metrics.contains("status=\"500\""), "\(metrics)")
            #expect(metrics.contains("status=\"499\""), "the hang-ups were seen")
        }
    }
}
