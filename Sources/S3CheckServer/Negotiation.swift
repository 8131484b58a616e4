import Foundation
import S3CheckCore
import S3CheckRun

/// The report formats the service offers and the media type each is asked for by.
enum Negotiation {
    /// In order of preference when a client accepts anything: JSON first.
    static let offered: [(mediaType: String, format: ReportFormat)] = [
        ("application/json", .json),
        ("text/html", .html),
        ("application/sarif+json", .sarif),
        ("application/xml", .junit),
        ("application/junit+xml", .junit),
        ("text/markdown", .markdown),
        ("text/plain", .text),
    ]

    /// The media type a report in `format` is sent as.
    static func mediaType(of format: ReportFormat) -> String {
        let type = offered.first { $0.format == format }?.mediaType ?? "application/octet-stream"
        return type.hasPrefix("text/") || type.hasSuffix("json") ? type + "; charset=utf-8" : type
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

/// The parts of a `multipart/form-data` body (RFC 7578) that the upload form sends.
struct FormData {
    struct Part {
        var name: String
        var filename: String?
        var body: [UInt8]
    }

    var parts: [Part] = []

    func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    func text(_ name: String) -> String? { part(name).map { String(decoding: $0.body, as: UTF8.self) } }

    /// The boundary of a `multipart/form-data` content type, or nil for any other type.
    static func boundary(contentType: String) -> String? {
        let value = MediaType(contentType)
        guard value.type == "multipart/form-data", let boundary = value.parameters["boundary"], !boundary.isEmpty
        else { return nil }
        return boundary
    }

    /// Splits `body` at `boundary`; nil when it is not a well-formed form.
    init?(_ body: [UInt8], boundary: String) {
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var index = 0
        while let found = Self.find(delimiter, in: body, from: index) {
            index = found + 1
            // A delimiter starts a line and is followed by CRLF, or by `--` when it closes the
            // form (RFC 2046); the same bytes inside a file are content.
            let startsLine = found == 0 || (found >= 2 && body[found - 2] == 13 && body[found - 1] == 10)
            let after = found + delimiter.count
            let endsLine =
                after + 1 < body.count
                && ((body[after] == 13 && body[after + 1] == 10) || (body[after] == 45 && body[after + 1] == 45))
            guard startsLine, endsLine else { continue }
            positions.append(found)
            index = after
        }
        guard positions.count >= 2 else { return nil }
        for (start, end) in zip(positions, positions.dropFirst()) {
            var partStart = start + delimiter.count
            // Each delimiter line ends with CRLF; the body of a part ends with CRLF before the next.
            guard partStart + 2 <= end, body[partStart] == 13, body[partStart + 1] == 10 else { return nil }
            partStart += 2
            guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: partStart), headerEnd < end
            else { return nil }
            let headers = String(decoding: body[partStart..<headerEnd], as: UTF8.self)
            var bodyEnd = end
            if bodyEnd - 2 >= headerEnd + 4, body[bodyEnd - 2] == 13, body[bodyEnd - 1] == 10 { bodyEnd -= 2 }
            guard let disposition = Self.disposition(headers), let name = disposition["name"] else { return nil }
            parts.append(
                Part(name: name, filename: disposition["filename"], body: Array(body[(headerEnd + 4)..<bodyEnd])))
        }
    }

    private static func disposition(_ headers: String) -> [String: String]? {
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == "content-disposition" else { continue }
            var values: [String: String] = [:]
            for item in pair[1].split(separator: ";").dropFirst() {
                let keyValue = item.split(separator: "=", maxSplits: 1)
                guard keyValue.count == 2 else { continue }
                var value = keyValue[1].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                }
                values[keyValue[0].trimmingCharacters(in: .whitespaces).lowercased()] = value
            }
            return values
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        var index = start
        let first = needle[0]
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
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
