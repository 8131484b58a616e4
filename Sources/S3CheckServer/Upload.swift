import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import S3CheckCore

/// An application as received: its bytes and the name its report gives it.
struct Upload: Sendable {
    var data: Data
    var name: String
    /// The form's short text fields (`lang`, `profile`, `pack`) when the application came in a form.
    var fields: [String: String] = [:]
    /// The `charset` of the body's `Content-Type`, which overrides the XML declaration.
    var encoding: String? = nil

    /// The media types an application may be sent as.
    static let mediaTypes = ["application/xml", "text/xml", "multipart/form-data"]

    init(data: Data, name: String, fields: [String: String] = [:], encoding: String? = nil) {
        self.data = data
        self.name = name
        self.fields = fields
        self.encoding = encoding
    }

    /// The application in the body, or in the form field `file`; 413, 415, 408 or 400 otherwise.
    init(_ request: Request, maximumBytes: Int, timeout: Duration) async throws {
        let contentType = request.headers[.contentType] ?? ""
        let mediaType = MediaType(contentType).type
        guard Self.mediaTypes.contains(mediaType) || mediaType.hasSuffix("+xml") else {
            throw Problem.mediaType(request.headers[.contentType], accepted: Self.mediaTypes)
        }
        let body = try await Self.body(request, maximumBytes: maximumBytes, timeout: timeout)
        guard mediaType == "multipart/form-data" else {
            self.init(data: Data(body), name: "application.xml", encoding: try Self.charset(contentType))
            return
        }
        guard let boundary = FormData.boundary(contentType: contentType),
            let form = FormData(body, boundary: boundary), let file = form.part("file"),
            // What a browser sends when no file was chosen; an empty file is checked like any other.
            !(file.body.isEmpty && (file.filename ?? "").isEmpty)
        else { throw Problem.missingFile }
        var fields: [String: String] = [:]
        for part in form.parts where part.name != "file" && part.body.count <= 64 {
            fields[part.name] = String(decoding: part.body, as: UTF8.self)
        }
        self.init(data: Data(file.body), name: Self.reportName(file.filename), fields: fields)
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

    /// The whole body, refused with 413 as soon as it is known to exceed the limit, and with
    /// 408 when it has not all arrived within `timeout`.
    static func body(_ request: Request, maximumBytes limit: Int, timeout: Duration) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw Problem.tooLarge(limit: limit)
        }
        do {
            var buffer = try await collect(request.body, upTo: limit, within: timeout)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Problem.tooLarge(limit: limit)
        } catch is NIOTooManyBytesError {
            // A chunked body has no Content-Length: it is found too large while it is read.
            throw Problem.tooLarge(limit: limit)
        }
    }

    private static func collect(_ body: RequestBody, upTo limit: Int, within timeout: Duration) async throws
        -> ByteBuffer
    {
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
}
