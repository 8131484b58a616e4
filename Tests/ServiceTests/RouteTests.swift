import Foundation
import S3CheckTestSupport
import Testing

/// The routes, called in process through Hummingbird's test client: every answer a client
/// gets, without a socket or a child process.
@Suite("The service's routes")
struct RouteTests {
    static let notEligible = "not-eligible-cofinancing.sv.xml"

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

    @Test("A not-eligible application is a successful check, with the verdict in a header and the report as JSON")
    func checkReturnsJSONByDefault() async throws {
        try await InProcessService.test(.router) { service in
            let reply = try await service.check(Self.notEligible, query: "?lang=en")
            #expect(reply.status == 200)
            #expect(reply.header("S3check-Verdict") == "not-eligible")
            #expect(reply.header("Content-Type")?.hasPrefix("application/json") == true)
            let applications = try #require(reply.json?["applications"] as? [[String: Any]])
            #expect(applications.count == 1)
            #expect(applications[0]["verdict"] as? String == "not-eligible")
        }
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
        try await InProcessService.test(.router) { service in
            let reply = try await service.check(Self.notEligible, accept: accept)
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type")?.hasPrefix(type) == true)
            #expect(reply.text.contains(marker))
            #expect(reply.header("S3check-Verdict") == "not-eligible")
        }
    }

    @Test("The text report quotes the application's lines from the bytes received, not from a file")
    func textReportQuotesFromMemory() async throws {
        try await InProcessService.test(.router) { service in
            let reply = try await service.check(Self.notEligible, query: "?lang=en", accept: "text/plain")
            #expect(reply.text.contains("application.xml:74:11: error[EU-COF-001]"))
            #expect(reply.text.contains(#"74 |     <erdf amount="2829750"/>"#))
        }
    }

    @Test("Client errors are RFC 9457 problems in both languages")
    func clientErrorsAreProblems() async throws {
        try await InProcessService.test(.router, options: .with { $0.maximumBodyBytes = 2000 }) { service in
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
    }

    @Test("Under overload the service admits what it can and answers the rest 503 with Retry-After")
    func overloadGets503() async throws {
        try await InProcessService.test(
            .router,
            options: .with {
                $0.workers = 1
                $0.queueLength = 0
            }
        ) { service in
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
    }

    @Test("The upload page follows Accept-Language and ?lang=, and shows the verdict of a posted form")
    func uploadPage() async throws {
        try await InProcessService.test(.router) { service in
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
    }

    @Test("Scoring alone, the rule catalogue, one rule, health, metrics and the OpenAPI document")
    func otherEndpoints() async throws {
        try await InProcessService.test(.router) { service in
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
            _ = try await service.request("DELETE", "/api/v1/check")
            _ = try await service.request("GET", "/wp-admin/setup.php")
            let metrics = try await service.request("GET", "/metrics")
            #expect(metrics.text.contains(#"s3check_verdicts_total{verdict="not-eligible"} 1"#))
            #expect(metrics.text.contains(#"s3check_refusals_total{reason="media-type"} 1"#))
            #expect(metrics.text.contains("s3check_http_request_duration_seconds_bucket"))
            #expect(metrics.text.contains(#"route="/api/v1/check""#))
            // A method the route has not is counted under the route; a path no route has under one label.
            #expect(metrics.text.contains(#"route="/api/v1/check",method="DELETE",status="405""#))
            #expect(metrics.text.contains(#"route="other",method="GET",status="404""#))
            #expect(metrics.text.contains(#"s3check_refusals_total{reason="method"} 1"#))
            #expect(!metrics.text.contains("wp-admin"))

            let document = try await service.request("GET", "/openapi.yaml")
            #expect(document.text.hasPrefix("openapi: 3.1.0"))
        }
    }

    @Test("The template is the application s3check new prints, and the service checks it like any other")
    func template() async throws {
        try await InProcessService.test(.router) { service in
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
            #expect(
                checked.text.contains("S3C-FILL-IN") && !checked.text.contains("S3C-XML"), "well-formed, to fill in")
        }
    }

    @Test("Readiness stays 200 under load; HEAD is answered where GET is; the best Accept-Language wins")
    func readinessHeadAndLanguage() async throws {
        try await InProcessService.test(.router) { service in
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
    }

    @Test("The S3 scoring answers JSON or 406, with its language and Vary")
    func s3Negotiation() async throws {
        try await InProcessService.test(.router) { service in
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
    }

    @Test("Form fields lang and profile are honoured, as the query's are")
    func formFields() async throws {
        try await InProcessService.test(.router) { service in
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
    }

    @Test("The served template points to the page, and the schema it names is served beside it")
    func templateAndSchema() async throws {
        try await InProcessService.test(.router) { service in
            let template = try await service.request("GET", "/api/v1/template?lang=sv").text
            #expect(template.contains("på uppladdningssidan"))
            #expect(!template.contains("s3check --lang"))
            #expect(template.contains("application-1.xsd"))
            let schema = try await service.request("GET", "/api/v1/schema/application-1.xsd")
            #expect(schema.status == 200)
            #expect(schema.text.contains("targetNamespace=\"urn:s3check:application:1\""))
            #expect(try await service.request("GET", "/api/v1/schema/other.xsd").status == 404)
        }
    }

    @Test("A percent-encoded path segment is decoded")
    func percentEncoding() async throws {
        try await InProcessService.test(.router) { service in
            let plain = try await service.request("GET", "/api/v1/rules/EU-COF-001")
            let encoded = try await service.request("GET", "/api/v1/rules/EU%2DCOF%2D001")
            #expect(encoded.status == 200)
            #expect(encoded.text == plain.text)
        }
    }

    @Test("A gzip body is decoded; an unknown coding is 415 with Accept-Encoding; a broken one 400; a bomb 413")
    func contentEncoding() async throws {
        try await InProcessService.test(.router, options: .with { $0.maximumBodyBytes = 1_000_000 }) { service in
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
                "POST", "/api/v1/check", body: Self.example(), headers: xml.merging(["Content-Encoding": "gzip"]) { $1 }
            )
            #expect(broken.status == 400)
            // 20 MB of spaces compress to about 20 KB: decoded, they exceed the 1 MB limit.
            let bomb = try Self.gzip(Data(repeating: 0x20, count: 20_000_000))
            #expect(bomb.count < 1_000_000)
            let refused = try await service.request(
                "POST", "/api/v1/check", body: bomb, headers: xml.merging(["Content-Encoding": "gzip"]) { $1 })
            #expect(refused.status == 413)
        }
    }

    @Test("The charset of Content-Type overrides the XML declaration (RFC 7303); an unknown one is 415")
    func charset() async throws {
        try await InProcessService.test(.router) { service in
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

    @Test("With two packs the page lists both, and the one chosen checks the file")
    func everyPack() async throws {
        try await InProcessService.test(
            .router,
            options: .with {
                $0.packs = ["shipped:eu/erdf-2021-2027.xml", "shipped:se/stockholm/stockholm.xml"]
            }
        ) { service in
            let page = try await service.request("GET", "/?lang=en")
            #expect(page.text.contains("<select id=\"pack\" name=\"pack\">"))
            #expect(page.text.contains("value=\"eu-erdf-2021-2027\""))
            #expect(page.text.contains("value=\"se-stockholm-2021-2027\""))
            // Uppsala's municipality code fails only the Stockholm pack's SE-LOC-002.
            let application = try Data(
                contentsOf: Fixtures.examples.appending(path: "not-eligible-cofinancing.sv.xml"))
            func submit(pack: String) async throws -> ServiceProcess.Reply {
                let boundary = "s3check-test-boundary"
                var form = Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"pack\"\r\n\r\n\(pack)\r\n".utf8)
                form.append(
                    Data(
                        "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xml\"\r\nContent-Type: text/xml\r\n\r\n"
                            .utf8))
                form.append(application)
                form.append(Data("\r\n--\(boundary)--\r\n".utf8))
                return try await service.request(
                    "POST", "/?lang=en", body: form,
                    headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"])
            }
            let stockholm = try await submit(pack: "se-stockholm-2021-2027")
            #expect(stockholm.text.contains("SE-LOC-002"))
            #expect(stockholm.text.contains("<option value=\"se-stockholm-2021-2027\" selected>"))
            let eu = try await submit(pack: "eu-erdf-2021-2027")
            #expect(!eu.text.contains("SE-LOC-002"))
            #expect(eu.text.contains("EU-COF-001"))
        }
    }
}
