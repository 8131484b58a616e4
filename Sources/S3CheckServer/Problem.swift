import Foundation
import HTTPTypes
import Hummingbird
import S3CheckCore
import S3CheckReports

/// An error answered with an RFC 9457 `application/problem+json` body, worded in Swedish and
/// English: the requested language in `title` and `detail`, both languages under `texts`.
struct Problem: Error, Sendable {
    var status: HTTPResponse.Status
    /// The last part of the `type` URI, which clients can switch on.
    var kind: String
    var title: LocalizedText
    var detail: LocalizedText
    var headers: HTTPFields = [:]

    /// The RFC 9457 members, and `lang` and `texts` (both languages) as extension members.
    private struct Body: Encodable {
        struct Texts: Encodable {
            var title: String
            var detail: String
        }
        var type: String
        var title: String
        var status: Int
        var detail: String
        var lang: String
        var texts: [String: Texts]
    }

    func response(language: Language) -> Response {
        let body = Body(
            type: "https://s3check.invalid/problems/\(kind)",
            title: title[language],
            status: status.code,
            detail: detail[language],
            lang: language.rawValue,
            texts: Dictionary(
                uniqueKeysWithValues: Language.allCases.map {
                    ($0.rawValue, Body.Texts(title: title[$0], detail: detail[$0]))
                })
        )
        let data = (try? JSONText.encode(body)) ?? Data("{}".utf8)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        fields[.contentLanguage] = language.rawValue
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Hummingbird turns a thrown `Problem` into its answer wherever it is thrown, in the language
/// the request asks for (`?lang=`, then `Accept-Language`; English otherwise).
extension Problem: HTTPResponseError {
    func response(from request: Request, context: some RequestContext) throws -> Response {
        response(language: Self.language(of: request))
    }

    static func language(of request: Request) -> Language {
        Negotiation.language(
            query: request.uri.queryParameters["lang"].map(String.init),
            acceptLanguage: request.headers[.acceptLanguage]) ?? .en
    }
}

extension Problem {
    /// The body did not arrive in time; the connection is closed.
    static var requestTimeout: Problem {
        Problem(
            status: .requestTimeout, kind: "timeout",
            title: Catalog.text("problem.timeout-title"),
            detail: Catalog.text("problem.timeout-detail"),
            headers: [.connection: "close"])
    }

    static func tooLarge(limit: Int) -> Problem {
        Problem(
            status: .contentTooLarge, kind: "too-large",
            title: Catalog.text("problem.the-application-is-too-large"),
            detail: Catalog.text("problem.the-request-may-be-at-most") { language in
                ["limit": NumberText.integer(limit, language)]
            },
            // The rest of the body is not read: the connection cannot carry another request.
            headers: [.connection: "close"])
    }

    /// A request without `Host`, or with two.
    static func badHost(duplicate: Bool) -> Problem {
        Problem(
            status: .badRequest, kind: "host",
            title: Catalog.text("problem.bad-host-title"),
            detail: Catalog.text(duplicate ? "problem.two-hosts" : "problem.no-host"))
    }

    /// An `Expect` other than `100-continue`.
    static func expectationFailed(_ expect: String) -> Problem {
        Problem(
            status: .expectationFailed, kind: "expectation",
            title: Catalog.text("problem.expectation-title"),
            detail: Catalog.text("problem.expectation-detail", ["shown": VisibleText.escaping(expect)]))
    }

    /// A body in a content coding the service does not decode.
    static func unsupportedEncoding(_ coding: String, accepted: String) -> Problem {
        Problem(
            status: .unsupportedMediaType, kind: "content-encoding",
            title: Catalog.text("problem.encoding-title"),
            detail: Catalog.text(
                "problem.encoding-detail", ["shown": VisibleText.escaping(coding), "list": accepted]),
            headers: [.acceptEncoding: accepted])
    }

    /// A `charset` the service cannot read.
    static func unsupportedCharset(_ charset: String) -> Problem {
        Problem(
            status: .unsupportedMediaType, kind: "charset",
            title: Catalog.text("problem.charset-title"),
            detail: Catalog.text("problem.charset-detail", ["shown": VisibleText.escaping(charset)]))
    }

    /// A body that is not what its `Content-Encoding` says.
    static func undecodableBody(_ coding: String) -> Problem {
        Problem(
            status: .badRequest, kind: "content-encoding",
            title: Catalog.text("problem.undecodable-title"),
            detail: Catalog.text("problem.undecodable-detail", ["shown": VisibleText.escaping(coding)]))
    }

    static func mediaType(_ found: String?, accepted: [String]) -> Problem {
        let list = accepted.joined(separator: ", ")
        let detail =
            found.map { Catalog.text("problem.the-content-type-is-not-accepted", ["shown": $0, "list": list]) }
            ?? Catalog.text("problem.no-content-type", ["list": list])
        return Problem(
            status: .unsupportedMediaType, kind: "media-type",
            title: Catalog.text("problem.unsupported-media-type"), detail: detail, headers: [.accept: list])
    }

    static func notAcceptable(offered: [String]) -> Problem {
        let list = offered.joined(separator: ", ")
        return Problem(
            status: .notAcceptable, kind: "not-acceptable",
            title: Catalog.text("problem.no-such-format"),
            detail: Catalog.text("problem.the-accept-header-asks-for-none", ["list": "\(list)"]))
    }

    static func unknownPack(_ pack: String, known: [String]) -> Problem {
        let list = known.joined(separator: ", ")
        return Problem(
            status: .notFound, kind: "unknown-pack",
            title: Catalog.text("problem.no-such-rule-pack"),
            detail: Catalog.text("problem.the-rule-pack-is-not-served", ["pack": "\(pack)", "list": "\(list)"]))
    }

    static func unknownProfile(_ profile: String, known: [String]) -> Problem {
        let list = known.joined(separator: ", ")
        return Problem(
            status: .notFound, kind: "unknown-profile",
            title: Catalog.text("problem.no-such-profile"),
            detail: Catalog.text("problem.the-profile-is-not-in-the", ["profile": "\(profile)", "list": "\(list)"]))
    }

    static func unknownRule(_ rule: String) -> Problem {
        Problem(
            status: .notFound, kind: "unknown-rule",
            title: Catalog.text("problem.no-such-rule"),
            detail: Catalog.text("problem.there-is-no-rule-api-v1", ["rule": "\(rule)"]))
    }

    static func badParameter(_ name: String, _ value: String, allowed: [String]) -> Problem {
        let list = allowed.joined(separator: ", ")
        return Problem(
            status: .badRequest, kind: "bad-parameter",
            title: Catalog.text("problem.invalid-parameter"),
            detail: Catalog.text(
                "problem.the-parameter-cannot-be-allowed", ["name": "\(name)", "value": "\(value)", "list": "\(list)"]))
    }

    static let missingFile = Problem(
        status: .badRequest, kind: "missing-application",
        title: Catalog.text("problem.no-application"),
        detail: Catalog.text("problem.the-request-holds-no-application-send"))

    static let busy = Problem(
        status: .serviceUnavailable, kind: "busy",
        title: Catalog.text("problem.the-service-is-busy"),
        detail: Catalog.text("problem.every-worker-is-busy-try-again"),
        // Closing the connection after a refusal frees its slot for a waiting connection (a
        // health probe) and makes a retrying client reconnect, which paces it: kept alive,
        // 256 clients took every slot and were refused 5 000 times a second.
        headers: [.retryAfter: "1", .connection: "close"])

    static func methodNotAllowed(_ allowed: String) -> Problem {
        Problem(
            status: .methodNotAllowed, kind: "method",
            title: Catalog.text("problem.method-not-allowed"),
            detail: Catalog.text("problem.this-address-only-takes", ["allowed": "\(allowed)"]),
            headers: [.allow: allowed])
    }

    static let notFound = Problem(
        status: .notFound, kind: "not-found",
        title: Catalog.text("problem.not-found"),
        detail: Catalog.text("problem.there-is-nothing-at-this-address"))

    static let internalError = Problem(
        status: .internalServerError, kind: "internal",
        title: Catalog.text("problem.internal-error"),
        detail: Catalog.text("problem.the-check-could-not-be-made"))
}
