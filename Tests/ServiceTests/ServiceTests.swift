import Foundation
import S3CheckTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real service, started by each test on a free loopback port and called over HTTP.
@Suite("s3check serve over HTTP", .serialized)
struct ServiceTests {
    static let notEligible = "not-eligible-cofinancing.sv.xml"

    @Test("A not-eligible application is a successful check, with the verdict in a header and the report as JSON")
    func checkReturnsJSONByDefault() async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        let reply = try await service.check(Self.notEligible, query: "?lang=en")
        #expect(reply.status == 200)
        #expect(reply.header("S3check-Verdict") == "not-eligible")
        #expect(reply.header("Content-Type")?.hasPrefix("application/json") == true)
        let applications = try #require(reply.json?["applications"] as? [[String: Any]])
        #expect(applications.count == 1)
        #expect(applications[0]["verdict"] as? String == "not-eligible")
    }

    @Test(
        "Accept chooses the report's format",
        arguments: [
            ("text/html", "text/html", "<!DOCTYPE html>"),
            ("application/sarif+json", "application/sarif+json", "\"version\" : \"2.1.0\""),
            ("application/xml", "application/xml", "<testsuites"),
            ("text/markdown", "text/markdown", "EU-COF-001"),
            ("text/plain", "text/plain", "EU-COF-001"),
            ("text/html;q=0.5, text/markdown", "text/markdown", "EU-COF-001"),
        ])
    func acceptChoosesFormat(accept: String, type: String, marker: String) async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        let reply = try await service.check(Self.notEligible, accept: accept)
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type")?.hasPrefix(type) == true)
        #expect(reply.text.contains(marker))
        #expect(reply.header("S3check-Verdict") == "not-eligible")
    }

    @Test("The text report quotes the application's lines from the bytes received, not from a file")
    func textReportQuotesFromMemory() async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        let reply = try await service.check(Self.notEligible, query: "?lang=en", accept: "text/plain")
        #expect(reply.text.contains("application.xml:74:11: error[EU-COF-001]"))
        #expect(reply.text.contains(#"74 |     <erdf amount="2829750"/>"#))
    }

    @Test("Client errors are RFC 9457 problems in both languages")
    func clientErrorsAreProblems() async throws {
        let service = try ServiceProcess(["--max-size", "2000"])
        defer { service.stop() }
        let small = Data("<application/>".utf8)
        let cases: [(reply: ServiceProcess.Reply, status: Int, kind: String)] = [
            (
                try await service.request(
                    "POST", "/api/v1/check", body: small, headers: ["Content-Type": "text/plain"]),
                415, "media-type"
            ),
            (try await service.check(Self.notEligible), 413, "too-large"),
            (
                try await service.request(
                    "POST", "/api/v1/check?pack=nope", body: small, headers: ["Content-Type": "application/xml"]),
                404, "unknown-pack"
            ),
            (
                try await service.request(
                    "POST", "/api/v1/check?profile=nope", body: small, headers: ["Content-Type": "application/xml"]),
                404, "unknown-profile"
            ),
            (
                try await service.request(
                    "POST", "/api/v1/check?lang=de", body: small, headers: ["Content-Type": "application/xml"]),
                400, "bad-parameter"
            ),
            (
                try await service.request(
                    "POST", "/api/v1/check", body: small,
                    headers: ["Content-Type": "application/xml", "Accept": "image/png"]),
                406, "not-acceptable"
            ),
            (try await service.request("GET", "/api/v1/rules/NO-SUCH-RULE?lang=en"), 404, "unknown-rule"),
        ]
        for (reply, status, kind) in cases {
            #expect(reply.status == status, "\(kind)")
            #expect(reply.header("Content-Type") == "application/problem+json", "\(kind)")
            let problem = try #require(reply.json, "\(kind)")
            #expect((problem["type"] as? String)?.hasSuffix("/\(kind)") == true)
            #expect(problem["status"] as? Int == status)
            let texts = try #require(problem["texts"] as? [String: [String: String]])
            #expect(texts["sv"]?["title"]?.isEmpty == false)
            #expect(texts["en"]?["title"]?.isEmpty == false)
            #expect(texts["sv"]?["title"] != texts["en"]?["title"])
        }
    }

    @Test("Under overload the service admits what it can and answers the rest 503 with Retry-After")
    func overloadGets503() async throws {
        let service = try ServiceProcess(["--workers", "1", "--queue", "0"])
        defer { service.stop() }
        let data = try Data(contentsOf: Fixtures.examples.appending(path: Self.notEligible))
        let replies = try await withThrowingTaskGroup(of: ServiceProcess.Reply.self) { group in
            for _ in 0..<48 {
                group.addTask {
                    try await service.request(
                        "POST", "/api/v1/check", body: data, headers: ["Content-Type": "application/xml"])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(replies.allSatisfy { $0.status == 200 || $0.status == 503 })
        #expect(replies.contains { $0.status == 200 })
        let refused = replies.filter { $0.status == 503 }
        #expect(!refused.isEmpty)
        for reply in refused {
            #expect(reply.header("Retry-After") == "1")
            #expect(reply.header("Content-Type") == "application/problem+json")
        }
        for reply in replies where reply.status == 200 {
            #expect(reply.header("S3check-Verdict") == "not-eligible")
        }
    }

    @Test("The upload page follows Accept-Language and ?lang=, and shows the verdict of a posted form")
    func uploadPage() async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        let swedish = try await service.request("GET", "/", headers: ["Accept-Language": "sv-SE, en;q=0.5"])
        #expect(swedish.status == 200)
        #expect(swedish.text.contains("<html lang=\"sv\">"))
        #expect(swedish.text.contains("enctype=\"multipart/form-data\""))
        let english = try await service.request("GET", "/?lang=en")
        #expect(english.text.contains("<html lang=\"en\">"))
        #expect(english.text.contains("<label for=\"file\">Application (XML file)</label>"))

        let boundary = "s3check-test-boundary"
        var form = Data()
        form.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\nen\r\n".utf8))
        form.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"my.xml\"\r\nContent-Type: text/xml\r\n\r\n"
                    .utf8))
        form.append(try Data(contentsOf: Fixtures.examples.appending(path: Self.notEligible)))
        form.append(Data("\r\n--\(boundary)--\r\n".utf8))
        let result = try await service.request(
            "POST", "/?lang=sv", body: form, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"])
        #expect(result.status == 200)
        #expect(result.header("S3check-Verdict") == "not-eligible")
        #expect(result.text.contains("data-verdict=\"not-eligible\">not eligible</strong>"))
        #expect(result.text.contains("download=\"s3check-report.sarif\""))

        // No file chosen: the error is tied to the field.
        let empty =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--\(boundary)--\r\n"
        let missing = try await service.request(
            "POST", "/?lang=en", body: Data(empty.utf8),
            headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"])
        #expect(missing.status == 400)
        #expect(missing.text.contains("aria-describedby=\"file-hint file-error\" aria-invalid=\"true\""))
        #expect(missing.text.contains("<p id=\"file-error\""))
    }

    @Test("Scoring alone, the rule catalogue, one rule, health, metrics and the OpenAPI document")
    func otherEndpoints() async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        let data = try Data(contentsOf: Fixtures.examples.appending(path: "eligible-life-science.sv.xml"))
        let s3 = try await service.request("POST", "/api/v1/s3", body: data, headers: ["Content-Type": "text/xml"])
        #expect(s3.status == 200)
        #expect(s3.json?["alignment"] is [String: Any])

        let catalogue = try await service.request("GET", "/api/v1/rules?lang=en")
        #expect(catalogue.status == 200)
        #expect(catalogue.text.contains("EU-COF-001"))
        let markdown = try await service.request("GET", "/api/v1/rules", headers: ["Accept": "text/markdown"])
        #expect(markdown.header("Content-Type")?.hasPrefix("text/markdown") == true)
        let rule = try await service.request("GET", "/api/v1/rules/eu-cof-001?lang=en")
        #expect(rule.status == 200)
        #expect(rule.text.contains("EU-COF-001"))

        #expect(try await service.request("GET", "/health/live").status == 200)
        let ready = try await service.request("GET", "/health/ready")
        #expect(ready.json?["status"] as? String == "ready")

        _ = try await service.check(Self.notEligible)
        _ = try await service.request("POST", "/api/v1/check", body: Data(), headers: ["Content-Type": "text/csv"])
        let metrics = try await service.request("GET", "/metrics")
        #expect(metrics.text.contains(#"s3check_verdicts_total{verdict="not-eligible"} 1"#))
        #expect(metrics.text.contains(#"s3check_refusals_total{reason="media-type"} 1"#))
        #expect(metrics.text.contains("s3check_http_request_duration_seconds_bucket"))
        #expect(metrics.text.contains(#"route="/api/v1/check""#))

        let document = try await service.request("GET", "/openapi.yaml")
        #expect(document.text.hasPrefix("openapi: 3.1.0"))
    }

    @Test("The template is the application s3check new prints, and the service checks it like any other")
    func template() async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        let reply = try await service.request("GET", "/api/v1/template?lang=en")
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type")?.hasPrefix("application/xml") == true)
        #expect(reply.header("Content-Disposition") == #"attachment; filename="application.xml""#)
        // The same application as `s3check new` prints; only the comment says where to check it.
        let printed = try BinaryRunner.run(["new", "--lang", "en"])
        let withoutComment = { (text: String) in
            text.replacingOccurrences(of: #"<!--[\s\S]*?-->"#, with: "", options: .regularExpression)
        }
        #expect(withoutComment(reply.text) == withoutComment(printed.standardOutput))
        #expect(reply.text.contains("on the upload page"))
        let checked = try await service.request(
            "POST", "/api/v1/check", body: reply.body, headers: ["Content-Type": "application/xml"])
        #expect(checked.status == 200)
        #expect(checked.header("S3check-Verdict") != "eligible")
        #expect(checked.text.contains("S3C-FILL-IN") && !checked.text.contains("S3C-XML"), "well-formed, to fill in")
    }

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

    @Test("A client that stalls half-way through its body is disconnected, not waited for")
    func stalledClientIsDisconnected() throws {
        let service = try ServiceProcess(["--idle-timeout", "1"])
        defer { service.stop() }
        let connection = try RawConnection(port: service.base.port!)
        defer { connection.close() }
        connection.send(
            Data(
                "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 1000\r\n\r\n<a"
                    .utf8))
        #expect(connection.receiveAll().isEmpty, "the service closed the connection without answering")
    }

    @Test("A client trickling its body gets 408 when the body timeout passes, and is disconnected")
    func tricklingClientTimesOut() throws {
        let service = try ServiceProcess(["--idle-timeout", "30", "--body-timeout", "2"])
        defer { service.stop() }
        let connection = try RawConnection(port: service.base.port!)
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
        let reply = connection.receiveAll()
        #expect(reply.hasPrefix("HTTP/1.1 408"), "\(reply.prefix(200))")
        #expect(reply.contains("application/problem+json"))
        #expect(reply.contains("kom fram för långsamt"))
    }

    @Test("A chunked body over the size limit gets 413, not a server error")
    func chunkedTooLarge() throws {
        let service = try ServiceProcess(["--max-size", "1000", "--idle-timeout", "2"])
        defer { service.stop() }
        let connection = try RawConnection(port: service.base.port!)
        defer { connection.close() }
        let chunk = String(repeating: "x", count: 800)
        let chunkLength = String(chunk.utf8.count, radix: 16)
        connection.send(
            Data(
                ("POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "\(chunkLength)\r\n\(chunk)\r\n\(chunkLength)\r\n\(chunk)\r\n0\r\n\r\n").utf8))
        let reply = connection.receiveAll()
        #expect(reply.hasPrefix("HTTP/1.1 413"), "\(reply.prefix(200))")
        #expect(reply.contains("too-large"))
    }

    @Test("Readiness stays 200 under load; HEAD is answered where GET is; the best Accept-Language wins")
    func readinessHeadAndLanguage() async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        for path in ["/", "/health/live", "/health/ready"] {
            #expect(try await service.request("HEAD", path).status == 200, "HEAD \(path)")
        }
        let ready = try await service.request("GET", "/health/ready")
        #expect(ready.status == 200)
        let page = try await service.request("GET", "/", headers: ["Accept-Language": "en;q=0.1, sv;q=0.9"])
        #expect(page.text.contains("<html lang=\"sv\""))
        let english = try await service.request("GET", "/", headers: ["Accept-Language": "sv;q=0.2, en"])
        #expect(english.text.contains("<html lang=\"en\""))
    }

    @Test("A client that hangs up mid-body is not counted as a server error")
    func hangUpIsNoServerError() async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        for _ in 0..<3 {
            let connection = try RawConnection(port: service.base.port!)
            connection.send(
                Data(
                    "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 1000\r\n\r\n<a"
                        .utf8))
            connection.close()
        }
        try await Task.sleep(for: .milliseconds(500))
        let metrics = try await service.request("GET", "/metrics").text
        #expect(!metrics.contains("status=\"500\""), "\(metrics)")
        #expect(metrics.contains("status=\"499\""), "the hang-ups were seen")
    }

    @Test("The S3 scoring answers JSON or 406, with its language and Vary")
    func s3Negotiation() async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        let data = try Data(contentsOf: Fixtures.examples.appending(path: Self.notEligible))
        let png = try await service.request(
            "POST", "/api/v1/s3?lang=en", body: data,
            headers: ["Content-Type": "application/xml", "Accept": "image/png"])
        #expect(png.status == 406)
        let json = try await service.request(
            "POST", "/api/v1/s3?lang=en", body: data, headers: ["Content-Type": "application/xml"])
        #expect(json.status == 200)
        #expect(json.header("Content-Language") == "en")
        #expect(json.header("Vary")?.contains("Accept") == true)
    }

    @Test("Form fields lang and profile are honoured, as the query's are")
    func formFields() async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        let boundary = "s3check-test-boundary"
        let file = try Data(contentsOf: Fixtures.examples.appending(path: Self.notEligible))
        var body = Data()
        for (name, value) in [("lang", "en"), ("profile", "draft")] {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xml\"\r\nContent-Type: application/xml\r\n\r\n"
                    .utf8))
        body.append(file)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        let reply = try await service.request(
            "POST", "/api/v1/check", body: body,
            headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)", "Accept": "text/plain"])
        #expect(reply.status == 200)
        #expect(reply.header("Content-Language") == "en")
        #expect(reply.text.contains("NOT ELIGIBLE"))
    }

    @Test("The served template points to the page, and the schema it names is served beside it")
    func templateAndSchema() async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        let template = try await service.request("GET", "/api/v1/template?lang=sv").text
        #expect(template.contains("på uppladdningssidan"))
        #expect(!template.contains("s3check --lang"))
        #expect(template.contains("application-1.xsd"))
        let schema = try await service.request("GET", "/api/v1/schema/application-1.xsd")
        #expect(schema.status == 200)
        #expect(schema.text.contains("targetNamespace=\"urn:s3check:application:1\""))
        #expect(try await service.request("GET", "/api/v1/schema/other.xsd").status == 404)
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
}

extension ServiceTests {
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

/// A plain TCP connection to the service, for what URLSession cannot do: stall, or send a
/// request in two parts.
struct RawConnection {
    let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
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
}
