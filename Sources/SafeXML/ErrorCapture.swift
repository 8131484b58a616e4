internal import CLibXML2
import Foundation

/// Collects libxml2's structured errors raised on this thread while `body` runs.
///
/// libxml2 keeps its error handler per thread, so the handler is installed, the work runs
/// synchronously, and the previous handler is restored; nothing may suspend in between.
final class ErrorCapture {
    private(set) var diagnostics: [XMLDiagnostic] = []

    static func collecting<T>(_ body: () throws -> T) rethrows -> (T, [XMLDiagnostic]) {
        _ = XMLLibrary.ready
        // The generic handler is per thread too; worker threads start with libxml2's default.
        s3_silenceGenericErrors()
        let capture = ErrorCapture()
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        let unmanaged = Unmanaged.passRetained(capture)
        xmlSetStructuredErrorFunc(unmanaged.toOpaque(), captureStructuredError)
        defer {
            xmlSetStructuredErrorFunc(previousContext, previousHandler)
            unmanaged.release()
        }
        let value = try body()
        return (value, capture.diagnostics)
    }

    fileprivate func record(_ error: xmlErrorPtr) {
        let raw = error.pointee
        let text = raw.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        let level: XMLDiagnostic.Level =
            switch raw.level {
            case XML_ERR_WARNING: .warning
            case XML_ERR_FATAL: .fatal
            default: .error
            }
        let category: XMLDiagnostic.Category =
            switch xmlErrorDomain(UInt32(raw.domain)) {
            case XML_FROM_PARSER, XML_FROM_IO, XML_FROM_NAMESPACE, XML_FROM_I18N: .syntax
            case XML_FROM_SCHEMASV, XML_FROM_SCHEMASP: .schema
            case XML_FROM_XPATH: .xpath
            default: .other
            }
        var node: NodeReference?
        if let pointer = raw.node {
            node = NodeReference(pointer.assumingMemoryBound(to: xmlNode.self))
        }
        diagnostics.append(
            XMLDiagnostic(
                level: level,
                category: category,
                code: Int(raw.code),
                message: text.trimmingCharacters(in: .whitespacesAndNewlines),
                line: raw.line > 0 ? Int(raw.line) : node?.line,
                column: raw.int2 > 0 ? Int(raw.int2) : nil,
                node: node
            )
        )
    }
}

private func captureStructuredError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context, let error else { return }
    Unmanaged<ErrorCapture>.fromOpaque(context).takeUnretainedValue().record(error)
}
