import Foundation
import S3CheckCore

/// Why a report could not be written, in the user's language, instead of Foundation's English
/// error text.
enum WriteFailure {
    /// A message for `error` when it is a failure to write; nil for any other error.
    static func message(for error: any Error, language: Language) -> String? {
        if let output = error as? OutputFile.OutputError {
            return Catalog.text("cli.cannot-write-its-folder-cannot-be", ["path": "\(output.path)"])[language]
        }
        guard let code = posixCode(of: error as NSError) else { return nil }
        let reason: LocalizedText =
            switch code {
            case ENOSPC, EDQUOT:
                Catalog.text("cli.the-disk-or-quota-is-full")
            case EACCES, EPERM, EROFS:
                Catalog.text("cli.the-place-is-read-only-choose")
            default:
                Catalog.text(
                    "cli.the-system-answered-error", ["reason": String(cString: strerror(code)), "code": "\(code)"])
            }
        return Catalog.text("cli.cannot-write-the-report-earlier-reports", language, ["reason": reason[language]])
    }

    /// The POSIX error code under a Foundation error, if any.
    private static func posixCode(of error: NSError) -> Int32? {
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(of: underlying) }
        if error.domain == NSCocoaErrorDomain, error.code == NSFileWriteOutOfSpaceError { return ENOSPC }
        if error.domain == NSCocoaErrorDomain, error.code == NSFileWriteNoPermissionError { return EACCES }
        return nil
    }
}
