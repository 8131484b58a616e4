import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import S3CheckCore
import S3CheckReports
import S3CheckRun

/// The routes: the API under `/api/v1`, the upload page at `/`, health, metrics and the
/// OpenAPI document that describes them.
struct API: Sendable {
    let packs: [ServedPack]
    let gate: AdmissionGate
    let metrics: ServiceMetrics
    let options: ServiceOptions
    let logger: Logger

    /// The media types an application may be sent as.
    static let applicationTypes = ["application/xml", "text/xml", "multipart/form-data"]

    func register(on router: Router<BasicRequestContext>) {
        router.post("/api/v1/check") { request, _ in try await check(request) }
        router.post("/api/v1/s3") { request, _ in try await s3(request) }
        router.getAndHead("/api/v1/rules") { request, _ in try rules(request) }
        // Path parameters arrive as sent: `EU%2DCOF%2D001` is EU-COF-001 (RFC 3986 §2.1).
        router.getAndHead("/api/v1/rules/{id}") { request, context in
            try explain(request, id: Self.decoded(context.parameters.get("id")))
        }
        router.getAndHead("/api/v1/template") { request, _ in try template(request) }
        router.getAndHead("/api/v1/schema/{name}") { _, context in
            try schema(Self.decoded(context.parameters.get("name")))
        }
        registerHealth(on: router)
        // Every GET route is registered for HEAD too; ``HTTPConformance`` drops HEAD's body.
        router.getAndHead("/metrics") { _, _ in
            Self.text(metrics.text(), type: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.getAndHead("/openapi.yaml") { _, _ in Self.text(OpenAPIDocument.text, type: "application/yaml") }
        let page = UploadPage(api: self)
        router.getAndHead("/") { request, _ in try page.show(request) }
        router.post("/") { request, _ in try await page.submit(request) }
        router.getAndHead("/page.js") { _, _ in
            Self.text(UploadPage.script, type: "text/javascript; charset=utf-8", cache: true)
        }
    }

    // MARK: Endpoints

    /// Ready: the packs compiled before the socket opened. A saturated service is still ready
    /// (a load balancer that took every busy replica out would turn a peak into an outage);
    /// the load is reported beside, and `/check` answers 503 itself when the queue is full.
    /// The health routes, on the main port and on the health port when there is one.
    func registerHealth(on router: Router<BasicRequestContext>) {
        router.getAndHead("/health/live") { _, _ in Self.json(#"{"status":"live"}"#) }
        router.getAndHead("/health/ready") { _, _ in ready() }
    }

    func ready() -> Response {
        let load = gate.load
        return Self.json(#"{"status":"ready","running":\#(load.running),"waiting":\#(load.waiting)}"#)
    }

    func check(_ request: Request) async throws -> Response {
        var language = try self.language(request)
        let pack = try self.pack(request)
        var profile = try self.profile(request, pack: pack)
        guard let format = Negotiation.format(accept: request.headers[.accept]) else {
            metrics.refusal("not-acceptable")
            throw Problem.notAcceptable(offered: Negotiation.offered.map(\.mediaType))
        }
        let upload = try await application(request)
        // A form may carry `lang` and `profile` as fields, as the upload page's does; the query wins.
        if request.uri.queryParameters["lang"] == nil, let field = upload.fields["lang"] {
            guard let chosen = Language(rawValue: field) else {
                throw Problem.badParameter("lang", field, allowed: Language.allCases.map(\.rawValue))
            }
            language = chosen
        }
        if profile == nil, let field = upload.fields["profile"], !field.isEmpty {
            guard pack.ruleSet.profiles.contains(where: { $0.id == field }) else {
                throw Problem.unknownProfile(field, known: pack.ruleSet.profiles.map(\.id))
            }
            profile = field
        }
        let (text, verdict) = try await run(upload, pack: pack, profile: profile, language: language) {
            report, context, presentation in
            (try format.render(report, context: context, presentation: presentation), report.verdict)
        }
        var headers: HTTPFields = [.contentType: Negotiation.mediaType(of: format)]
        headers[S3CheckService.verdictHeader] = verdict.rawValue
        headers[.contentLanguage] = language.rawValue
        headers[.vary] = "Accept, Accept-Language"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func s3(_ request: Request) async throws -> Response {
        guard Negotiation.accepts(request.headers[.accept], "application/json") else {
            metrics.refusal("not-acceptable")
            throw Problem.notAcceptable(offered: ["application/json"])
        }
        let language = try self.language(request)
        let pack = try self.pack(request)
        let upload = try await application(request)
        let (json, verdict) = try await run(upload, pack: pack, profile: nil, language: language) { report, _, _ in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let body = AlignmentResponse(
                verdict: report.verdict.rawValue, alignment: report.alignment,
                problems: report.alignment == nil ? report.findings.map { $0.message[language] } : [])
            return (String(decoding: try encoder.encode(body), as: UTF8.self), report.verdict)
        }
        var response = Self.json(json)
        response.headers[S3CheckService.verdictHeader] = verdict.rawValue
        response.headers[.cacheControl] = "no-store"
        response.headers[.contentLanguage] = language.rawValue
        response.headers[.vary] = "Accept, Accept-Language"
        return response
    }

    func rules(_ request: Request) throws -> Response {
        let language = try self.language(request)
        let pack = try self.pack(request)
        let catalogue = RuleCatalogue(ruleSet: pack.ruleSet, language: language)
        var response: Response
        switch Negotiation.catalogueFormat(accept: request.headers[.accept]) {
        case .markdown: response = Self.text(catalogue.markdown(), type: "text/markdown; charset=utf-8")
        case .text: response = Self.text(catalogue.text(), type: "text/plain; charset=utf-8")
        case .json: response = Self.json(try catalogue.json())
        case nil:
            throw Problem.notAcceptable(offered: ["application/json", "text/markdown", "text/plain"])
        }
        response.headers[.contentLanguage] = language.rawValue
        response.headers[.vary] = "Accept, Accept-Language"
        return response
    }

    func explain(_ request: Request, id: String) throws -> Response {
        let language = try self.language(request)
        let pack = try self.pack(request)
        guard let rule = pack.ruleSet.rules.first(where: { $0.id.caseInsensitiveCompare(id) == .orderedSame }) else {
            throw Problem.unknownRule(id)
        }
        let text = RuleExplanation(rule: rule, ruleSet: pack.ruleSet, language: language).text()
        return Self.text(text, type: "text/plain; charset=utf-8")
    }

    /// One of the XSDs (`application-1.xsd`, `rules-1.xsd`, `strategy-1.xsd`), for the editor
    /// beside a downloaded template, as `s3check schema` writes them.
    func schema(_ name: String) throws -> Response {
        guard let schema = ApplicationTemplate.schemas.first(where: { $0.name == name }) else {
            throw Problem.notFound
        }
        var response = Self.text(String(decoding: schema.bytes, as: UTF8.self), type: "application/xml; charset=utf-8")
        response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }

    /// A new application to fill in, as `s3check new` prints it.
    func template(_ request: Request) throws -> Response {
        let language = try self.language(request)
        let pack = try self.pack(request)
        let page = (request.head.authority ?? "").isEmpty ? "/" : "\(request.head.authority ?? "")/"
        var response = Self.text(
            ApplicationTemplate.text(language: language, ruleSet: pack.ruleSet, front: .service(page: page)),
            type: "application/xml; charset=utf-8")
        let name = language == .sv ? "ansokan.xml" : "application.xml"
        response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        response.headers[.contentLanguage] = language.rawValue
        return response
    }

    // MARK: Shared steps

    /// An application as received: its bytes and the name its report gives it.
    struct Upload: Sendable {
        var data: Data
        var name: String
        /// The form's short text fields (`lang`, `profile`) when the application came in a form.
        var fields: [String: String] = [:]
        /// The `charset` of the body's `Content-Type`, which overrides the XML declaration.
        var encoding: String? = nil
    }

    /// Checks `upload` in a worker slot; 503 with `Retry-After` when none comes free in time.
    func run<T: Sendable>(
        _ upload: Upload,
        pack: ServedPack,
        profile: String?,
        language: Language,
        render: @escaping @Sendable (ApplicationReport, RunContext, ReportFormat.Presentation) throws -> T
    ) async throws -> T {
        let context = pack.context(profile: profile, language: language)
        var presentation = ReportFormat.Presentation()
        // The text report quotes lines from the bytes received; nothing is read from disk by name.
        let data = upload.data
        presentation.source = { _ in data }
        presentation.baseDirectory = "/"
        let metrics = metrics
        let fixed = presentation
        do {
            return try await gate.run {
                try await pack.pool.check(
                    upload.data, name: upload.name, encoding: upload.encoding, profile: profile
                ) { report in
                    let result = try render(report, context, fixed)
                    metrics.verdict(report.verdict)
                    return result
                }
            }
        } catch is AdmissionGate.Refusal {
            metrics.refusal("busy")
            throw Problem.busy
        }
    }

    func language(_ request: Request) throws -> Language {
        let query = request.uri.queryParameters["lang"].map(String.init)
        guard let language = Negotiation.language(query: query, acceptLanguage: request.headers[.acceptLanguage])
        else {
            throw Problem.badParameter("lang", query ?? "", allowed: Language.allCases.map(\.rawValue))
        }
        return language
    }

    func pack(_ request: Request) throws -> ServedPack {
        guard let id = request.uri.queryParameters["pack"].map(String.init) else { return packs[0] }
        guard let pack = packs.first(where: { $0.id == id }) else {
            throw Problem.unknownPack(id, known: packs.map(\.id))
        }
        return pack
    }

    func profile(_ request: Request, pack: ServedPack) throws -> String? {
        guard let profile = request.uri.queryParameters["profile"].map(String.init) else { return nil }
        guard pack.ruleSet.profiles.contains(where: { $0.id == profile }) else {
            throw Problem.unknownProfile(profile, known: pack.ruleSet.profiles.map(\.id))
        }
        return profile
    }

    /// The application in the body, or in the form field `file`; 413, 415 or 400 otherwise.
    func application(_ request: Request) async throws -> Upload {
        let contentType = request.headers[.contentType] ?? ""
        let mediaType = MediaType(contentType).type
        guard Self.applicationTypes.contains(mediaType) || mediaType.hasSuffix("+xml") else {
            metrics.refusal("media-type")
            throw Problem.mediaType(request.headers[.contentType], accepted: Self.applicationTypes)
        }
        let body = try await self.body(request)
        if mediaType == "multipart/form-data" {
            guard let boundary = FormData.boundary(contentType: contentType),
                let form = FormData(body, boundary: boundary), let file = form.part("file"),
                // What a browser sends when no file was chosen; an empty file is checked like any other.
                !(file.body.isEmpty && (file.filename ?? "").isEmpty)
            else { throw Problem.missingFile }
            var fields: [String: String] = [:]
            for part in form.parts where part.name != "file" && part.body.count <= 64 {
                fields[part.name] = String(decoding: part.body, as: UTF8.self)
            }
            return Upload(data: Data(file.body), name: Self.reportName(file.filename), fields: fields)
        }
        return Upload(data: Data(body), name: "application.xml", encoding: try Self.charset(contentType))
    }

    /// The `charset` parameter of a content type (RFC 7303 §3.2: it overrides the XML
    /// declaration); 415 for one libxml2 cannot read.
    static func charset(_ contentType: String) throws -> String? {
        guard let value = MediaType(contentType).parameters["charset"] else { return nil }
        guard !value.isEmpty, value.allSatisfy({ $0.isASCII && !$0.isWhitespace }),
            ApplicationChecker.canRead(encoding: value)
        else { throw Problem.unsupportedCharset(value) }
        return value
    }

    /// A path parameter with its percent-encoding decoded; as sent when it is not valid.
    static func decoded(_ parameter: String?) -> String {
        guard let parameter else { return "" }
        return parameter.removingPercentEncoding ?? parameter
    }

    /// The whole body, refused with 413 as soon as it is known to exceed the limit.
    func body(_ request: Request) async throws -> [UInt8] {
        let limit = options.maximumBodyBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            metrics.refusal("too-large")
            throw Problem.tooLarge(limit: limit)
        }
        do {
            var buffer = try await Self.collect(request.body, upTo: limit, within: options.bodyTimeout)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch let error as HTTPError where error.status == .contentTooLarge {
            metrics.refusal("too-large")
            throw Problem.tooLarge(limit: limit)
        } catch is NIOTooManyBytesError {
            // A chunked body has no Content-Length: it is found too large while it is read.
            metrics.refusal("too-large")
            throw Problem.tooLarge(limit: limit)
        }
    }

    /// The body, or ``Problem/requestTimeout`` when it has not all arrived within `timeout`.
    static func collect(_ body: RequestBody, upTo limit: Int, within timeout: Duration) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else { throw Problem.requestTimeout }
            return buffer
        }
    }

    /// The uploaded file's own name, without any folder, for the report's heading only.
    static func reportName(_ filename: String?) -> String {
        let last = (filename ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let visible = last.filter { !$0.isNewline && $0.asciiValue.map { $0 >= 32 } != false }
        return visible.isEmpty ? "application.xml" : String(visible.prefix(200))
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func text(_ text: String, type: String, cache: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: type]
        if cache { headers[.cacheControl] = "max-age=3600" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The body of `POST /api/v1/s3`.
private struct AlignmentResponse: Encodable {
    var verdict: String
    var alignment: S3Alignment?
    /// Why the application could not be scored, when it could not.
    var problems: [String]

    private enum CodingKeys: String, CodingKey {
        case verdict
        case alignment
        case problems
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(alignment, forKey: .alignment)
        try container.encode(problems, forKey: .problems)
    }
}

extension Negotiation {
    /// The rule catalogue's format: JSON by default, Markdown or text when asked for.
    static func catalogueFormat(accept: String?) -> CatalogueFormat? {
        guard let accept, !accept.isEmpty else { return .json }
        let types = accept.split(separator: ",").map {
            $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
        }
        for type in types {
            switch type {
            case "application/json", "*/*", "application/*": return .json
            case "text/markdown", "text/*": return .markdown
            case "text/plain": return .text
            default: continue
            }
        }
        return nil
    }

    enum CatalogueFormat {
        case json
        case markdown
        case text
    }
}
