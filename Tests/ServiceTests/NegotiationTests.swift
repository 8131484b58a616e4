import Foundation
import S3CheckCore
import S3CheckRun
import Testing

@testable import S3CheckServer

@Suite("Accept, Accept-Language and forms")
struct NegotiationTests {
    @Test(
        "Accept picks the best format by quality, then by the service's order",
        arguments: [
            (nil, ReportFormat.json),
            ("*/*", .json),
            ("text/*", .html),
            ("text/html;q=0.5, text/markdown", .markdown),
            ("application/xml;q=0.9, application/sarif+json", .sarif),
            ("TEXT/PLAIN", .text),
            ("application/junit+xml", .junit),
            ("text/markdown;q=0, */*;q=0.1", .json),
        ])
    func acceptPicksFormat(accept: String?, format: ReportFormat) {
        #expect(Negotiation.format(accept: accept) == format)
    }

    @Test("Every served format is negotiated by each of its media types and documented with it")
    func formatsDeriveFromTheirFacts() {
        #expect(ReportFormat.served == [.json, .html, .sarif, .junit, .markdown, .text])
        for format in ReportFormat.served {
            for type in [format.mediaType] + format.otherMediaTypes {
                #expect(Negotiation.format(accept: type) == format, "\(type)")
                #expect(OpenAPIDocument.text.contains("            \(type): {schema:"), "\(type)")
            }
        }
        // What only the command line writes is neither negotiated nor offered on the page.
        for format in ReportFormat.allCases where format.servicePreference == nil {
            #expect(!Negotiation.offered.contains { $0.format == format }, "\(format)")
            #expect(!UploadPage.downloads.contains(format), "\(format)")
        }
        #expect(UploadPage.downloads.first == .html)
        #expect(Set(UploadPage.downloads) == Set(ReportFormat.served))
        #expect(Set(ReportFormat.allCases.map(\.fileName)).count == ReportFormat.allCases.count)
    }

    @Test("Accept that names nothing offered picks nothing (406)")
    func unacceptable() {
        #expect(Negotiation.format(accept: "image/png") == nil)
        #expect(Negotiation.format(accept: "text/html;q=0") == nil)
    }

    @Test("lang wins over Accept-Language; Swedish when neither names a language s3check speaks")
    func language() {
        #expect(Negotiation.language(query: "en", acceptLanguage: "sv") == .en)
        #expect(Negotiation.language(query: "de", acceptLanguage: "sv") == nil)
        #expect(Negotiation.language(query: nil, acceptLanguage: "de-DE, en-GB;q=0.8") == .en)
        #expect(Negotiation.language(query: nil, acceptLanguage: "fr") == .sv)
        #expect(Negotiation.language(query: nil, acceptLanguage: nil) == .sv)
    }

    @Test("A form's parts come back by name, with the file's own name and bytes untouched")
    func formData() throws {
        let boundary = FormData.boundary(contentType: #"multipart/form-data; boundary="a b""#)
        #expect(boundary == "a b")
        #expect(FormData.boundary(contentType: "application/xml") == nil)
        let body = Array(
            ("--x\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\nen\r\n"
                + "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xml\"\r\nContent-Type: text/xml\r\n\r\n"
                + "<a>\r\n--xy</a>\r\n--x--\r\n").utf8)
        let form = try #require(FormData(body, boundary: "x"))
        #expect(form.text("lang") == "en")
        #expect(form.part("file")?.filename == "a.xml")
        #expect(form.text("file") == "<a>\r\n--xy</a>")
        #expect(FormData(Array("no parts here".utf8), boundary: "x") == nil)
    }

    @Test("The report names an uploaded file by its own name only, without folders or control characters")
    func reportName() {
        #expect(Upload.reportName("C:\\Users\\anna\\ansökan.xml") == "ansökan.xml")
        #expect(Upload.reportName("../../etc/passwd") == "passwd")
        #expect(Upload.reportName("a\u{0}b\nc.xml") == "abc.xml")
        #expect(Upload.reportName(nil) == "application.xml")
    }
}

@Suite("The routes are listed once")
struct RouteListTests {
    /// The paths of the OpenAPI document and the methods each documents.
    private static func documented() -> [String: Set<String>] {
        var paths: [String: Set<String>] = [:]
        var current: String?
        for line in OpenAPIDocument.text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let indent = line.prefix { $0 == " " }.count
            if trimmed.hasPrefix("/"), trimmed.hasSuffix(":"), indent == 2 {
                current = String(trimmed.dropLast())
                paths[current!] = []
            } else if let path = current, indent == 4, ["get:", "post:", "head:"].contains(trimmed) {
                paths[path]?.insert(String(trimmed.dropLast()).uppercased())
            } else if indent < 2, !trimmed.isEmpty {
                current = nil
            }
        }
        return paths
    }

    /// The routes as the service's router lists them.
    private static func served() throws -> RouteTable {
        let state = try InProcessService.state()
        return RouteTable(listing: { S3CheckService.register(state, on: $0) })
    }

    @Test("Every documented route is served with its methods, and every served API route is documented")
    func openAPIMatchesTheRoutes() throws {
        let documented = Self.documented()
        let served = try Self.served()
        #expect(!documented.isEmpty)
        for (path, methods) in documented {
            let answered = Set((served.methods[path] ?? []).map(\.rawValue))
            #expect(!answered.isEmpty, "\(path) is documented but not served")
            #expect(methods.isSubset(of: answered), "\(path): documented \(methods), served \(answered)")
        }
        // The upload page and its script are for browsers, not the API.
        for path in served.methods.keys where path != "/" && path != "/page.js" {
            #expect(documented[path] != nil, "\(path) is served but not documented")
        }
        #expect(served.allow("/api/v1/rules") == "GET, HEAD")
    }

    @Test("A path belongs to the route the router would match; anything else to none")
    func routeOfPath() throws {
        let routes = try Self.served()
        #expect(routes.route("/api/v1/check") == "/api/v1/check")
        #expect(routes.route("/api/v1/rules/EU-COF-001") == "/api/v1/rules/{id}")
        #expect(routes.route("/api/v1/schema/application-1.xsd") == "/api/v1/schema/{name}")
        #expect(routes.route("/") == "/")
        #expect(routes.route("/api/v1/rules/a/b") == nil)
        #expect(routes.route("/api/v1/rules/") == nil)
        #expect(routes.route("/wp-admin") == nil)
    }
}
