import Foundation
import HTTPTypes
import Hummingbird
import S3CheckCore
import S3CheckReports

/// `POST check` (a report in the format `Accept` asks for) and `POST s3` (the S3 scoring alone).
struct CheckRoutes: Sendable {
    let service: ServiceState

    var collection: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.post("check") { request, _ in try await check(request) }
        routes.post("s3") { request, _ in try await s3(request) }
        return routes
    }

    func check(_ request: Request) async throws -> Response {
        var language = try service.language(request)
        let pack = try service.pack(request)
        var profile = try service.profile(request, pack: pack)
        guard let format = Negotiation.format(accept: request.headers[.accept]) else {
            throw Problem.notAcceptable(offered: Negotiation.offered.map(\.mediaType))
        }
        let upload = try await service.upload(request)
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
        let (text, verdict) = try await service.run(upload, pack: pack, profile: profile, language: language) {
            report, context, presentation in
            (try format.render(report, context: context, presentation: presentation), report.verdict)
        }
        var response = Response(
            status: .ok, headers: [.contentType: format.contentType],
            body: .init(byteBuffer: ByteBuffer(string: text)))
        Self.describe(&response, verdict: verdict, language: language)
        return response
    }

    func s3(_ request: Request) async throws -> Response {
        guard Negotiation.accepts(request.headers[.accept], "application/json") else {
            throw Problem.notAcceptable(offered: ["application/json"])
        }
        let language = try service.language(request)
        let pack = try service.pack(request)
        let upload = try await service.upload(request)
        let (json, verdict) = try await service.run(upload, pack: pack, profile: nil, language: language) {
            report, _, _ in
            let body = AlignmentResponse(
                verdict: report.verdict.rawValue, alignment: report.alignment,
                problems: report.alignment == nil ? report.findings.map { $0.message[language] } : [])
            return (String(decoding: try JSONText.encode(body), as: UTF8.self), report.verdict)
        }
        var response = Response.json(json)
        Self.describe(&response, verdict: verdict, language: language)
        return response
    }

    /// What every check's answer says beside its body: the verdict, its language, that it
    /// varies with `Accept` and `Accept-Language`, and that it is not to be stored.
    private static func describe(_ response: inout Response, verdict: Verdict, language: Language) {
        response.headers[S3CheckService.verdictHeader] = verdict.rawValue
        response.headers[.contentLanguage] = language.rawValue
        response.headers[.vary] = "Accept, Accept-Language"
        response.headers[.cacheControl] = "no-store"
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

    // Written by hand so that a missing alignment is `null`, not an absent key: clients read
    // the same three keys whatever the verdict.
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(alignment, forKey: .alignment)
        try container.encode(problems, forKey: .problems)
    }
}
