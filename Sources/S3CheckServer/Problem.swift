import Foundation
import HTTPTypes
import Hummingbird
import S3CheckCore

/// An error answered with an RFC 9457 `application/problem+json` body, worded in Swedish and
/// English: the requested language in `title` and `detail`, both languages under `texts`.
struct Problem: Error, Sendable {
    var status: HTTPResponse.Status
    /// The last part of the `type` URI, which clients can switch on.
    var kind: String
    var title: LocalizedText
    var detail: LocalizedText
    var headers: HTTPFields = [:]

    func response(language: Language) -> Response {
        let body: [String: Any] = [
            "type": "https://s3check.invalid/problems/\(kind)",
            "title": title[language],
            "status": status.code,
            "detail": detail[language],
            "lang": language.rawValue,
            "texts": Dictionary(
                uniqueKeysWithValues: Language.allCases.map {
                    ($0.rawValue, ["title": title[$0], "detail": detail[$0]])
                }),
        ]
        let data =
            (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        fields[.contentLanguage] = language.rawValue
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Problem {
    static func tooLarge(limit: Int) -> Problem {
        Problem(
            status: .contentTooLarge, kind: "too-large",
            title: LocalizedText(sv: "Ansökan är för stor", en: "The application is too large"),
            detail: LocalizedText(
                sv: "Begäran får vara högst \(limit) byte.", en: "The request may be at most \(limit) bytes."))
    }

    static func mediaType(_ found: String?, accepted: [String]) -> Problem {
        let list = accepted.joined(separator: ", ")
        let shown = found ?? "-"
        return Problem(
            status: .unsupportedMediaType, kind: "media-type",
            title: LocalizedText(sv: "Fel medietyp", en: "Unsupported media type"),
            detail: LocalizedText(
                sv: "Innehållstypen \(shown) tas inte emot; skicka \(list).",
                en: "The content type \(shown) is not accepted; send \(list)."),
            headers: [.accept: list])
    }

    static func notAcceptable(offered: [String]) -> Problem {
        let list = offered.joined(separator: ", ")
        return Problem(
            status: .notAcceptable, kind: "not-acceptable",
            title: LocalizedText(sv: "Formatet finns inte", en: "No such format"),
            detail: LocalizedText(
                sv: "Accept-huvudet begär inget av de format som finns: \(list).",
                en: "The Accept header asks for none of the formats offered: \(list)."))
    }

    static func unknownPack(_ pack: String, known: [String]) -> Problem {
        let list = known.joined(separator: ", ")
        return Problem(
            status: .notFound, kind: "unknown-pack",
            title: LocalizedText(sv: "Regelpaketet finns inte", en: "No such rule pack"),
            detail: LocalizedText(
                sv: "Regelpaketet \"\(pack)\" finns inte i tjänsten (finns: \(list)).",
                en: "The rule pack \"\(pack)\" is not served here (available: \(list))."))
    }

    static func unknownProfile(_ profile: String, known: [String]) -> Problem {
        let list = known.joined(separator: ", ")
        return Problem(
            status: .notFound, kind: "unknown-profile",
            title: LocalizedText(sv: "Profilen finns inte", en: "No such profile"),
            detail: LocalizedText(
                sv: "Profilen \"\(profile)\" finns inte i regelpaketet (finns: \(list)).",
                en: "The profile \"\(profile)\" is not in the rule pack (available: \(list))."))
    }

    static func unknownRule(_ rule: String) -> Problem {
        Problem(
            status: .notFound, kind: "unknown-rule",
            title: LocalizedText(sv: "Regeln finns inte", en: "No such rule"),
            detail: LocalizedText(
                sv: "Regeln \(rule) finns inte; /api/v1/rules listar alla.",
                en: "There is no rule \(rule); /api/v1/rules lists them all."))
    }

    static func badParameter(_ name: String, _ value: String, allowed: [String]) -> Problem {
        let list = allowed.joined(separator: ", ")
        return Problem(
            status: .badRequest, kind: "bad-parameter",
            title: LocalizedText(sv: "Ogiltig parameter", en: "Invalid parameter"),
            detail: LocalizedText(
                sv: "Parametern \(name) kan inte vara \"\(value)\" (tillåtet: \(list)).",
                en: "The parameter \(name) cannot be \"\(value)\" (allowed: \(list))."))
    }

    static let missingFile = Problem(
        status: .badRequest, kind: "missing-application",
        title: LocalizedText(sv: "Ingen ansökan", en: "No application"),
        detail: LocalizedText(
            sv:
                "Begäran innehåller ingen ansökan: skicka XML-filen som innehåll, eller som fältet file i ett formulär.",
            en: "The request holds no application: send the XML file as the body, or as the form field file."))

    static let busy = Problem(
        status: .serviceUnavailable, kind: "busy",
        title: LocalizedText(sv: "Tjänsten är upptagen", en: "The service is busy"),
        detail: LocalizedText(
            sv: "Alla kontroller pågår redan; försök igen om en stund.",
            en: "Every worker is busy; try again in a moment."),
        headers: [.retryAfter: "1"])

    static func methodNotAllowed(_ allowed: String) -> Problem {
        Problem(
            status: .methodNotAllowed, kind: "method",
            title: LocalizedText(sv: "Metoden tillåts inte", en: "Method not allowed"),
            detail: LocalizedText(
                sv: "Adressen tar bara emot \(allowed).", en: "This address only takes \(allowed)."),
            headers: [.allow: allowed])
    }

    static let notFound = Problem(
        status: .notFound, kind: "not-found",
        title: LocalizedText(sv: "Sidan finns inte", en: "Not found"),
        detail: LocalizedText(sv: "Adressen finns inte i tjänsten.", en: "There is nothing at this address."))

    static let internalError = Problem(
        status: .internalServerError, kind: "internal",
        title: LocalizedText(sv: "Internt fel", en: "Internal error"),
        detail: LocalizedText(
            sv: "Kontrollen kunde inte göras; felet är loggat.", en: "The check could not be made; the error is logged."
        ))
}
