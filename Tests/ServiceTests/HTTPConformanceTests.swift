import Foundation
import S3CheckTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What HTTP asks of a server, checked against the running service: HEAD, Host, Expect,
/// content codings and percent-encoded paths.
@Suite("The service follows HTTP", .serialized)
struct HTTPConformanceTests {
    private static func gzip(_ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: data)
        try input.fileHandleForWriting.close()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return compressed
    }

    private static func example(_ name: String = "not-eligible-cofinancing.sv.xml") throws -> Data {
        try Data(contentsOf: Fixtures.examples.appending(path: name))
    }

    @Test("HEAD answers every GET route with GET's status and length and no body")
    func head() async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        // On raw connections with the same headers, read to the close: any byte after the
        // headers is a body.
        func exchange(_ method: String, _ path: String) throws -> (head: String, body: String) {
            let connection = try RawConnection(port: service.base.port!)
            defer { connection.close() }
            connection.send(Data("\(method) \(path) HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".utf8))
            let parts = connection.receiveAll().components(separatedBy: "\r\n\r\n")
            return (parts[0], parts.dropFirst().joined(separator: "\r\n\r\n"))
        }
        for path in ["/", "/api/v1/rules", "/api/v1/rules/EU-COF-001", "/openapi.yaml", "/health/live"] {
            let get = try exchange("GET", path)
            let head = try exchange("HEAD", path)
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

    @Test("A percent-encoded path segment is decoded")
    func percentEncoding() async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        let plain = try await service.request("GET", "/api/v1/rules/EU-COF-001")
        let encoded = try await service.request("GET", "/api/v1/rules/EU%2DCOF%2D001")
        #expect(encoded.status == 200)
        #expect(encoded.text == plain.text)
    }

    @Test("A gzip body is decoded; an unknown coding is 415 with Accept-Encoding; a broken one 400; a bomb 413")
    func contentEncoding() async throws {
        let service = try ServiceProcess(["--max-size", "1000000"])
        defer { service.stop() }
        let xml = ["Content-Type": "application/xml"]
        let plain = try await service.request("POST", "/api/v1/check", body: Self.example(), headers: xml)
        let zipped = try await service.request(
            "POST", "/api/v1/check", body: Self.gzip(Self.example()),
            headers: xml.merging(["Content-Encoding": "gzip"]) { $1 })
        #expect(zipped.status == 200)
        #expect(zipped.header("S3check-Verdict") == "not-eligible")
        #expect(zipped.header("S3check-Verdict") == plain.header("S3check-Verdict"))
        let brotli = try await service.request(
            "POST", "/api/v1/check", body: Self.example(), headers: xml.merging(["Content-Encoding": "br"]) { $1 })
        #expect(brotli.status == 415)
        #expect(brotli.header("Accept-Encoding") == "gzip, deflate")
        let broken = try await service.request(
            "POST", "/api/v1/check", body: Self.example(), headers: xml.merging(["Content-Encoding": "gzip"]) { $1 })
        #expect(broken.status == 400)
        // 20 MB of spaces compress to about 20 KB: decoded, they exceed the 1 MB limit.
        let bomb = try Self.gzip(Data(repeating: 0x20, count: 20_000_000))
        #expect(bomb.count < 1_000_000)
        let refused = try await service.request(
            "POST", "/api/v1/check", body: bomb, headers: xml.merging(["Content-Encoding": "gzip"]) { $1 })
        #expect(refused.status == 413)
    }

    /// The status line of the first answer on a raw connection.
    private static func statusLine(_ request: String, port: Int) throws -> String {
        let connection = try RawConnection(port: port)
        defer { connection.close() }
        connection.send(Data(request.utf8))
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(connection.socket, &buffer, buffer.count, 0)
        let text = String(decoding: buffer[0..<max(0, count)], as: UTF8.self)
        return text.components(separatedBy: "\r\n").first ?? ""
    }

    @Test("Host: none or two is 400 (a health probe over HTTP/1.0 may omit it); an unknown Expect is 417")
    func hostAndExpect() throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        let port = service.base.port!
        #expect(try Self.statusLine("GET /api/v1/rules HTTP/1.1\r\n\r\n", port: port) == "HTTP/1.1 400 Bad Request")
        #expect(
            try Self.statusLine("GET /api/v1/rules HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", port: port)
                == "HTTP/1.1 400 Bad Request")
        #expect(try Self.statusLine("GET /health/live HTTP/1.0\r\n\r\n", port: port).hasSuffix("200 OK"))
        #expect(
            try Self.statusLine("GET /api/v1/rules HTTP/1.1\r\nHost: a\r\nExpect: later\r\n\r\n", port: port)
                == "HTTP/1.1 417 Expectation Failed")
    }

    @Test("Expect: 100-continue is answered before the body is sent, then the check")
    func continueBeforeBody() throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        let body = try Self.example()
        let connection = try RawConnection(port: service.base.port!)
        defer { connection.close() }
        connection.send(
            Data(
                ("POST /api/v1/check HTTP/1.1\r\nHost: a\r\nContent-Type: application/xml\r\n"
                    + "Expect: 100-continue\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n").utf8))
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = recv(connection.socket, &buffer, buffer.count, 0)
        #expect(String(decoding: buffer[0..<max(0, count)], as: UTF8.self).hasPrefix("HTTP/1.1 100 Continue\r\n\r\n"))
        connection.send(body)
        let rest = connection.receiveAll()
        #expect(rest.contains("HTTP/1.1 200 OK"))
        #expect(rest.contains("S3check-Verdict: not-eligible"))
    }

    @Test("The charset of Content-Type overrides the XML declaration (RFC 7303); an unknown one is 415")
    func charset() async throws {
        let service = try ServiceProcess()
        defer { service.stop() }
        // A Latin-1 application whose XML declaration names no encoding: read as UTF-8 it is
        // malformed (the å, ä, ö bytes); read as the header says, it is the eligible example.
        let text = try String(
            contentsOf: Fixtures.examples.appending(path: "eligible-life-science.sv.xml"), encoding: .utf8
        ).replacingOccurrences(of: #"<?xml version="1.0" encoding="UTF-8"?>"#, with: #"<?xml version="1.0"?>"#)
        let latin1 = try #require(text.data(using: .isoLatin1))
        func check(_ contentType: String) async throws -> ServiceProcess.Reply {
            try await service.request(
                "POST", "/api/v1/check", body: latin1, headers: ["Content-Type": contentType])
        }
        #expect(try await check("application/xml").header("S3check-Verdict") == "cannot-be-assessed")
        let declared = try await check("application/xml; charset=ISO-8859-1")
        #expect(declared.status == 200)
        #expect(declared.header("S3check-Verdict") == "eligible")
        let quoted = try await check("text/xml; charset=\"iso-8859-1\"")
        #expect(quoted.header("S3check-Verdict") == "eligible")
        let unknown = try await check("application/xml; charset=x-no-such-charset")
        #expect(unknown.status == 415)
        #expect(unknown.text.contains("x-no-such-charset"))
    }
}

@Suite("The upload page offers every pack", .serialized)
struct UploadPagePackTests {
    @Test("With two packs the page lists both, and the one chosen checks the file")
    func everyPack() async throws {
        let service = try ServiceProcess([
            "--rules", "shipped:eu/erdf-2021-2027.xml", "--rules", "shipped:se/stockholm/stockholm.xml",
        ])
        defer { service.stop() }
        let page = try await service.request("GET", "/?lang=en")
        #expect(page.text.contains("<select id=\"pack\" name=\"pack\">"))
        #expect(page.text.contains("value=\"eu-erdf-2021-2027\""))
        #expect(page.text.contains("value=\"se-stockholm-2021-2027\""))
        // Uppsala's municipality code fails only the Stockholm pack's SE-LOC-002.
        let application = try Data(
            contentsOf: Fixtures.examples.appending(path: "not-eligible-cofinancing.sv.xml"))
        func submit(pack: String) async throws -> ServiceProcess.Reply {
            let boundary = "s3check-test-boundary"
            var form = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"pack\"\r\n\r\n\(pack)\r\n".utf8)
            form.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xml\"\r\nContent-Type: text/xml\r\n\r\n"
                        .utf8))
            form.append(application)
            form.append(Data("\r\n--\(boundary)--\r\n".utf8))
            return try await service.request(
                "POST", "/?lang=en", body: form, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"])
        }
        let stockholm = try await submit(pack: "se-stockholm-2021-2027")
        #expect(stockholm.text.contains("SE-LOC-002"))
        #expect(stockholm.text.contains("<option value=\"se-stockholm-2021-2027\" selected>"))
        let eu = try await submit(pack: "eu-erdf-2021-2027")
        #expect(!eu.text.contains("SE-LOC-002"))
        #expect(eu.text.contains("EU-COF-001"))
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
