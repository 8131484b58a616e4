import Foundation
import HTTPTypes
import Hummingbird
import S3CheckCore
import S3CheckReports

/// What a rule author or an applicant reads before checking: the rule catalogue, one rule
/// explained, a new application to fill in, and the schemas.
struct RuleRoutes: Sendable {
    let service: ServiceState

    var collection: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.getAndHead("rules") { request, _ in try rules(request) }
        // Path parameters arrive as sent: `EU%2DCOF%2D001` is EU-COF-001 (RFC 3986 §2.1).
        routes.getAndHead("rules/{id}") { request, context in
            try explain(request, id: Self.decoded(context.parameters.get("id")))
        }
        routes.getAndHead("template") { request, _ in try template(request) }
        routes.getAndHead("schema/{name}") { _, context in
            try schema(Self.decoded(context.parameters.get("name")))
        }
        return routes
    }

    func rules(_ request: Request) throws -> Response {
        let language = try service.language(request)
        let pack = try service.pack(request)
        let catalogue = RuleCatalogue(ruleSet: pack.ruleSet, language: language)
        var response: Response
        switch Negotiation.catalogueFormat(accept: request.headers[.accept]) {
        case .markdown: response = .text(catalogue.markdown(), type: "text/markdown; charset=utf-8")
        case .text: response = .text(catalogue.text(), type: "text/plain; charset=utf-8")
        case .json: response = .json(try catalogue.json())
        case nil:
            throw Problem.notAcceptable(offered: ["application/json", "text/markdown", "text/plain"])
        }
        response.headers[.contentLanguage] = language.rawValue
        response.headers[.vary] = "Accept, Accept-Language"
        return response
    }

    func explain(_ request: Request, id: String) throws -> Response {
        let language = try service.language(request)
        let pack = try service.pack(request)
        guard let rule = pack.ruleSet.rules.first(where: { $0.id.caseInsensitiveCompare(id) == .orderedSame }) else {
            throw Problem.unknownRule(id)
        }
        let text = RuleExplanation(rule: rule, ruleSet: pack.ruleSet, language: language).text()
        return .text(text, type: "text/plain; charset=utf-8")
    }

    /// One of the XSDs (`application-1.xsd`, `rules-1.xsd`, `strategy-1.xsd`), for the editor
    /// beside a downloaded template, as `s3check schema` writes them.
    func schema(_ name: String) throws -> Response {
        guard let schema = ApplicationTemplate.schemas.first(where: { $0.name == name }) else {
            throw Problem.notFound
        }
        var response = Response.text(
            String(decoding: schema.bytes, as: UTF8.self), type: "application/xml; charset=utf-8")
        response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }

    /// A new application to fill in, as `s3check new` prints it, pointing to this service's page.
    func template(_ request: Request) throws -> Response {
        let language = try service.language(request)
        let pack = try service.pack(request)
        let page = (request.head.authority ?? "").isEmpty ? "/" : "\(request.head.authority ?? "")/"
        var response = Response.text(
            ApplicationTemplate.text(language: language, ruleSet: pack.ruleSet, front: .service(page: page)),
            type: "application/xml; charset=utf-8")
        let name = language == .sv ? "ansokan.xml" : "application.xml"
        response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        response.headers[.contentLanguage] = language.rawValue
        return response
    }

    /// A path parameter with its percent-encoding decoded; as sent when it is not valid.
    static func decoded(_ parameter: String?) -> String {
        guard let parameter else { return "" }
        return parameter.removingPercentEncoding ?? parameter
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
