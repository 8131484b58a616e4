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
