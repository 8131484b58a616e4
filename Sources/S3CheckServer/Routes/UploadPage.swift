import Foundation
import HTTPTypes
import Hummingbird
import S3CheckCore
import S3CheckRun

/// The upload page at `/`, in Swedish and English: a plain form that posts the file and shows
/// the HTML report in the page, with the other formats to download. It works without
/// JavaScript; the one script only adds a print button for the report.
struct UploadPage: Sendable {
    let service: ServiceState

    var collection: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.getAndHead("/") { request, _ in try show(request) }
        routes.post("/") { request, _ in try await submit(request) }
        routes.getAndHead("page.js") { _, _ in
            Response.text(Self.script, type: "text/javascript; charset=utf-8", cache: true)
        }
        return routes
    }

    /// The formats offered for download: the HTML report shown first, then every other format
    /// the service serves.
    static let downloads: [ReportFormat] = [.html] + ReportFormat.served.filter { $0 != .html }

    func show(_ request: Request) throws -> Response {
        let language = pageLanguage(request)
        return respond(render(language: language, reportLanguage: language, profile: nil, error: nil, result: nil))
    }

    func submit(_ request: Request) async throws -> Response {
        let language = pageLanguage(request)
        var reportLanguage = language
        var profile: String?
        var packID: String?
        do {
            let upload = try await service.upload(request)
            if let chosen = upload.fields["lang"].flatMap(Language.init(rawValue:)) { reportLanguage = chosen }
            let pack = service.packs.first { $0.id == upload.fields["pack"] } ?? service.packs[0]
            packID = pack.id
            if let chosen = upload.fields["profile"], pack.ruleSet.profiles.contains(where: { $0.id == chosen }) {
                profile = chosen
            }
            let reports = try await service.run(upload, pack: pack, profile: profile, language: reportLanguage) {
                report, context, presentation in
                (
                    verdict: report.verdict,
                    texts: try Self.downloads.map {
                        try $0.render(report, context: context, presentation: presentation)
                    }
                )
            }
            let result = CheckResult(verdict: reports.verdict, reports: reports.texts, language: reportLanguage)
            var response = respond(
                render(
                    language: language, reportLanguage: reportLanguage, profile: profile, packID: packID, error: nil,
                    result: result)
            )
            response.headers[S3CheckService.verdictHeader] = reports.verdict.rawValue
            return response
        } catch let problem as Problem {
            // Answered as a page, not thrown: counted here as the API's refusals are where they are logged.
            service.metrics.refusal(problem)
            var response = respond(
                render(
                    language: language, reportLanguage: reportLanguage, profile: profile, packID: packID,
                    error: problem, result: nil),
                status: problem.status)
            if let retry = problem.headers[.retryAfter] { response.headers[.retryAfter] = retry }
            return response
        }
    }

    private func pageLanguage(_ request: Request) -> Language {
        Negotiation.language(
            query: request.uri.queryParameters["lang"].map(String.init),
            acceptLanguage: request.headers[.acceptLanguage])
            ?? .sv
    }

    private func respond(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] =
            "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// What the page shows of a check: the verdict and every report offered.
    struct CheckResult {
        var verdict: Verdict
        /// One report per entry of ``UploadPage/downloads``.
        var reports: [String]
        var language: Language
    }
}
