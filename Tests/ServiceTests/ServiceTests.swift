import Foundation
import S3CheckTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The `s3check-serve` binary as an operator runs it: start-up, signals, logs and the health
/// port; everything else is tested in process (``RouteTests``, ``WireTests``).
@Suite("s3check serve as a process", .serialized)
struct ServiceTests {
    static let notEligible = "not-eligible-cofinancing.sv.xml"

    @Test("Logs name routes and verdicts but never what an application says")
    func logsHoldNoApplicationContent() async throws {
        let service = try ServiceProcess()
        let reply = try await service.check(Self.notEligible, query: "?lang=en", accept: "text/plain")
        #expect(reply.status == 200)
        let log = service.log
        service.stop()
        #expect(log.contains("verdict=not-eligible"))
        for content in ["Medisäker", "Karolinska", "Uppsala", "2829750", "EU-COF-001"] {
            #expect(!log.contains(content), "\(content)")
        }
    }

    @Test("SIGTERM stops the service cleanly")
    func sigtermStopsCleanly() async throws {
        let service = try ServiceProcess()
        #expect(try await service.check(Self.notEligible).status == 200)
        #expect(service.stop() == 0)
    }

    @Test("`s3check serve` starts the same service, and SIGTERM reaches it")
    func serveSubcommand() async throws {
        let service = try ServiceProcess(
            ["--rules", "shipped:se/stockholm/stockholm.xml"], through: BinaryRunner.executable)
        #expect(try await service.check(Self.notEligible).header("S3check-Verdict") == "not-eligible")
        #expect(service.stop() == 0)
    }

    @Test("A pack that does not load stops start-up with exit code 3")
    func badPackStopsStartup() throws {
        #expect(throws: ServiceProcess.StartFailure.self) {
            _ = try ServiceProcess(["--rules", "Examples/no-area.sv.xml"])
        }
    }

    @Test("A request in flight when SIGTERM arrives is still answered, then the service exits 0")
    func requestInFlightFinishesOnSigterm() throws {
        let service = try ServiceProcess()
        let body = try Data(contentsOf: Fixtures.examples.appending(path: Self.notEligible))
        let connection = try RawConnection(port: service.base.port!)
        let head =
            "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: \(body.count)\r\n\r\n"
        connection.send(Data(head.utf8) + body.prefix(100))
        // The head has arrived and the body is half-way when the signal comes.
        Thread.sleep(forTimeInterval: 0.3)
        kill(service.process.processIdentifier, SIGTERM)
        Thread.sleep(forTimeInterval: 0.3)
        connection.send(body.dropFirst(100))
        let reply = connection.receiveAll()
        #expect(reply.hasPrefix("HTTP/1.1 200 OK"))
        #expect(reply.contains("S3check-Verdict: not-eligible"))
        service.process.waitUntilExit()
        #expect(service.process.terminationStatus == 0)
    }
}

@Suite("A health port of its own", .serialized)
struct HealthPortTests {
    @Test("With --health-port, the health routes answer there while a client holds every slot of the main port")
    func healthPort() async throws {
        let service = try ServiceProcess(["--health-port", "0", "--max-connections", "1"])
        defer { service.stop() }
        let health = try #require(try service.awaitHealthBase())
        #expect(health.port != service.base.port)
        // One kept-alive connection takes the main port's only slot.
        let holder = try RawConnection(port: service.base.port!)
        defer { holder.close() }
        holder.send(Data("GET /health/live HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        var buffer = [UInt8](repeating: 0, count: 1024)
        #expect(recv(holder.socket, &buffer, buffer.count, 0) > 0)
        // The health port answers; it serves nothing else.
        let live = try await URLSession.shared.data(from: health.appending(path: "health/live"))
        #expect((live.1 as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: live.0, as: UTF8.self).contains("live"))
        let ready = try await URLSession.shared.data(from: health.appending(path: "health/ready"))
        #expect((ready.1 as? HTTPURLResponse)?.statusCode == 200)
        let other = try await URLSession.shared.data(from: health.appending(path: "api/v1/rules"))
        #expect((other.1 as? HTTPURLResponse)?.statusCode == 404)
    }
}

/// A plain TCP connection to the service, for what URLSession cannot do: stall, or send a
/// request in two parts.
struct RawConnection {
    let socket: Int32

    /// Connects to `port` on loopback, over IPv6 or IPv4, whichever `localhost` listens on (the
    /// in-process server binds `localhost`, the binary `127.0.0.1`).
    init(port: Int) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo("localhost", String(port), &hints, &found) == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
        defer { freeaddrinfo(found) }
        var connectedSocket: Int32?
        var candidate = found
        while let address = candidate {
            let attempt = Glibc.socket(address.pointee.ai_family, address.pointee.ai_socktype, 0)
            if attempt >= 0, connect(attempt, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                connectedSocket = attempt
                break
            }
            if attempt >= 0 { _ = Glibc.close(attempt) }
            candidate = address.pointee.ai_next
        }
        guard let connectedSocket else { throw POSIXError(.ECONNREFUSED) }
        socket = connectedSocket
        // A generous bound on every wait, so that only a service that never answers fails.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        _ = setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ data: Data) {
        _ = data.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) }
    }

    /// Everything until the service closes the connection (or 30 s pass with nothing).
    func receiveAll() -> String {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: received, as: UTF8.self)
    }

    func close() { _ = Glibc.close(socket) }

    /// Runs blocking socket calls on a thread of their own: an in-process server's handlers run
    /// on Swift's few cooperative threads, which a blocked `recv` would take from them.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
