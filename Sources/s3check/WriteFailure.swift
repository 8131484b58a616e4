import Foundation
import S3CheckCore

/// Why a report could not be written, in the user's language, instead of Foundation's English
/// error text.
enum WriteFailure {
    /// A message for `error` when it is a failure to write; nil for any other error.
    static func message(for error: any Error, language: Language) -> String? {
        if let output = error as? OutputFile.OutputError {
            return LocalizedText(
                sv:
                    "Kan inte skriva \(output.path): mappen går inte att skapa eller är skrivskyddad. Välj en annan plats.",
                en:
                    "Cannot write \(output.path): its folder cannot be created or is not writable. Choose another place."
            )[language]
        }
        guard let code = posixCode(of: error as NSError) else { return nil }
        let reason: LocalizedText =
            switch code {
            case ENOSPC, EDQUOT:
                LocalizedText(
                    sv: "disken (eller kvoten) är full; frigör utrymme eller skriv rapporten någon annanstans",
                    en: "the disk (or quota) is full; free some space or write the report elsewhere")
            case EACCES, EPERM, EROFS:
                LocalizedText(
                    sv: "platsen är skrivskyddad; välj en annan med --output, --format FORMAT=FIL eller --output-dir",
                    en: "the place is read-only; choose another with --output, --format FORMAT=FILE or --output-dir")
            default:
                LocalizedText(
                    sv: "systemet svarade \(String(cString: strerror(code))) (fel \(code))",
                    en: "the system answered \(String(cString: strerror(code))) (error \(code))")
            }
        return LocalizedText(
            sv: "Kan inte skriva rapporten: \(reason.sv). Tidigare rapporter är orörda.",
            en: "Cannot write the report: \(reason.en). Earlier reports are untouched.")[language]
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
