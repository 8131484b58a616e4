import Foundation
import S3CheckCore
import S3CheckRun

/// The report formats the service offers and the media type each is asked for by.
enum Negotiation {
    /// Each media type a report is offered as, in the formats' order of preference.
    static let offered: [(mediaType: String, format: ReportFormat)] = ReportFormat.served.flatMap { format in
        ([format.mediaType] + format.otherMediaTypes).map { ($0, format) }
    }

    /// The format `accept` prefers, by quality and then by the service's order; JSON when the
    /// header is missing; nil when nothing offered is acceptable.
    static func format(accept: String?) -> ReportFormat? {
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return .json }
        var best: (quality: Double, rank: Int, format: ReportFormat)?
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first, !type.isEmpty else { continue }
            let quality =
                parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            guard quality > 0 else { continue }
            for (rank, offer) in offered.enumerated() where matches(type, offer.mediaType) {
                if best == nil || quality > best!.quality || (quality == best!.quality && rank < best!.rank) {
                    best = (quality, rank, offer.format)
                }
            }
        }
        return best?.format
    }

    /// Whether `accept` admits `type` (no header admits everything).
    static func accepts(_ accept: String?, _ type: String) -> Bool {
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return true }
        return accept.split(separator: ",").contains { range in
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0 && matches(parts.first ?? "", type)
        }
    }

    private static func matches(_ range: String, _ type: String) -> Bool {
        if range == "*/*" || range == type { return true }
        if range.hasSuffix("/*") { return type.hasPrefix(range.dropLast()) }
        return false
    }

    /// The language asked for: `lang` when given, else the first of `Accept-Language` that
    /// s3check speaks, else Swedish (the funding office's language).
    static func language(query: String?, acceptLanguage: String?) -> Language? {
        if let query { return Language(rawValue: query) }
        // RFC 9110 §12.5.4: the range with the highest quality wins; equal qualities keep
        // the client's order; q=0 means "not this language".
        var best: (language: Language, quality: Double)?
        for range in (acceptLanguage ?? "").split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            let language: Language? = parts[0].hasPrefix("sv") ? .sv : parts[0].hasPrefix("en") ? .en : nil
            if let language, quality > 0, quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language ?? .sv
    }
}

/// A `Content-Type` value read once (RFC 9110 §8.3.1): the type in lower case and the
/// parameters by lower-case name, a quoted value unquoted. The one reader of the header's
/// parameters (`boundary`, `charset`).
struct MediaType {
    var type: String
    var parameters: [String: String] = [:]

    init(_ value: String) {
        let pieces = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        type = pieces.first?.lowercased() ?? ""
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            var parameterValue = String(piece[piece.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            if parameterValue.hasPrefix("\""), parameterValue.hasSuffix("\""), parameterValue.count >= 2 {
                parameterValue = String(parameterValue.dropFirst().dropLast())
            }
            let name = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            if parameters[name] == nil { parameters[name] = parameterValue }
        }
    }
}
