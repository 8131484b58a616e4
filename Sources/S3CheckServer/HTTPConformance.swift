import CompressNIO
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes
import S3CheckCore

/// Answers `Expect: 100-continue` with an interim `100 Continue`, so that curl (which asks for
/// it above 1 MiB) sends its body at once instead of waiting a second, and other clients do not
/// wait for ever. Hummingbird has no handler for it; this one sits in the channel after the
/// HTTP/1 codec, where requests are `HTTPTypes` parts. A body declared larger than the limit
/// gets no 100: the 413 that follows is the answer (RFC 9110 §10.1.1).
final class ContinueHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private let maximumBodyBytes: Int

    init(maximumBodyBytes: Int) {
        self.maximumBodyBytes = maximumBodyBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let request) = unwrapInboundIn(data),
            request.headerFields[.expect]?.lowercased() == "100-continue",
            (request.headerFields[.contentLength].flatMap { Int($0) } ?? 0) <= maximumBodyBytes
        {
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        }
        context.fireChannelRead(data)
    }
}

/// What HTTP asks of every request before a route sees it, in one place: a `Host` (RFC 9112
/// §3.2), an `Expect` the server can meet (RFC 9110 §10.1.1), a body in a content coding it can
/// decode (RFC 9110 §8.4: gzip and deflate are decoded, anything else is 415 with
/// `Accept-Encoding`), and HEAD answered wherever GET is (RFC 9110 §9.3.2).
struct HTTPConformance<Context: RequestContext>: RouterMiddleware {
    let maximumBodyBytes: Int

    /// The content codings a request body may come in.
    static var acceptedEncodings: String { "gzip, deflate" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        try checkHost(request)
        if let expect = request.headers[.expect], expect.lowercased() != "100-continue" {
            throw Problem.expectationFailed(expect)
        }
        var request = request
        if let coding = request.headers[.contentEncoding]?.trimmingCharacters(in: .whitespaces).lowercased(),
            !coding.isEmpty, coding != "identity"
        {
            request = try await decoded(request, coding: coding)
        }
        guard request.method == .head else { return try await next(request, context) }
        // HEAD is GET without the body (every GET route is registered for HEAD with the same
        // handler): the same status and headers, Content-Length included.
        var response = try await next(request, context)
        // The length GET's body would have, and no body written.
        response.body = ResponseBody(contentLength: response.body.contentLength) { _ in }
        return response
    }

    /// A request without `Host`, or with more than one, is refused. The health checks are
    /// spared a missing one: a load balancer's HTTP/1.0 probe may send none, and HTTP/1.0 does
    /// not require it (the version is not visible past the HTTP/1 codec).
    private func checkHost(_ request: Request) throws {
        // The HTTP/1 codec moves the first Host into the authority; a second stays a field.
        let duplicate = request.headers.contains { $0.name.canonicalName == "host" }
        let missing = request.head.authority == nil && !request.uri.path.hasPrefix("/health/")
        guard duplicate || missing else { return }
        throw Problem.badHost(duplicate: duplicate)
    }

    /// The request with its body decoded, and `Content-Encoding` gone; 415 for a coding the
    /// service does not decode, 413 when the decoded body exceeds the limit, 400 when it is not
    /// what its coding says.
    private func decoded(_ request: Request, coding: String) async throws -> Request {
        let algorithm: CompressionAlgorithm
        switch coding {
        case "gzip", "x-gzip": algorithm = .gzip()
        case "deflate": algorithm = .zlib()
        default:
            throw Problem.unsupportedEncoding(coding, accepted: Self.acceptedEncodings)
        }
        var body = try await request.body.collect(upTo: maximumBodyBytes)
        let plain: ByteBuffer
        do {
            plain = try body.decompress(with: algorithm, maxSize: maximumBodyBytes)
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw Problem.tooLarge(limit: maximumBodyBytes)
        } catch {
            throw Problem.undecodableBody(coding)
        }
        var head = request.head
        head.headerFields[.contentEncoding] = nil
        head.headerFields[.contentLength] = String(plain.readableBytes)
        return Request(head: head, body: RequestBody(buffer: plain))
    }
}

extension RouterMethods {
    /// Registers `handler` for GET and for HEAD, whose answer ``HTTPConformance`` sends without
    /// its body (RFC 9110 §9.3.2: a server that serves GET must serve HEAD).
    @discardableResult
    func getAndHead(
        _ path: RouterPath,
        use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        get(path, use: handler)
        head(path, use: handler)
        return self
    }
}
