import Foundation
import HTTPTypes
import Hummingbird
import Logging
import S3CheckCore
import S3CheckReports
import S3CheckRun

/// What every route shares: the packs, the admission gate, the metrics and the options, and
/// the steps a request goes through before and after its check (its language, pack and
/// profile; a worker slot).
struct ServiceState: Sendable {
    let packs: [ServedPack]
    let gate: AdmissionGate
    let metrics: ServiceMetrics
    let options: ServiceOptions
    let logger: Logger

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
            throw Problem.busy
        }
    }

    /// `?lang=`, then `Accept-Language`; 400 for a language s3check does not speak.
    func language(_ request: Request) throws -> Language {
        let query = request.uri.queryParameters["lang"].map(String.init)
        guard let language = Negotiation.language(query: query, acceptLanguage: request.headers[.acceptLanguage])
        else {
            throw Problem.badParameter("lang", query ?? "", allowed: Language.allCases.map(\.rawValue))
        }
        return language
    }

    /// `?pack=`, the first pack without it; 404 for one the service was not started with.
    func pack(_ request: Request) throws -> ServedPack {
        guard let id = request.uri.queryParameters["pack"].map(String.init) else { return packs[0] }
        guard let pack = packs.first(where: { $0.id == id }) else {
            throw Problem.unknownPack(id, known: packs.map(\.id))
        }
        return pack
    }

    /// `?profile=`; 404 for one the pack does not define.
    func profile(_ request: Request, pack: ServedPack) throws -> String? {
        guard let profile = request.uri.queryParameters["profile"].map(String.init) else { return nil }
        guard pack.ruleSet.profiles.contains(where: { $0.id == profile }) else {
            throw Problem.unknownProfile(profile, known: pack.ruleSet.profiles.map(\.id))
        }
        return profile
    }

    /// The application in the request: its body, or the form field `file`.
    func upload(_ request: Request) async throws -> Upload {
        try await Upload(request, maximumBytes: options.maximumBodyBytes, timeout: options.bodyTimeout)
    }
}

extension Response {
    /// A JSON body.
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A text body of media type `type`; `cache` lets clients keep it an hour.
    static func text(_ text: String, type: String, cache: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: type]
        if cache { headers[.cacheControl] = "max-age=3600" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
