import SafeXML

/// Turns libxml2's reasons for refusing a document into findings a person can act on.
///
/// The common cases are worded in Swedish and English; libxml2's own English text follows as a
/// detail. Messages that suggest unsafe parser options are never passed on.
package enum ReadErrorDescription {
    package static func findings(for error: XMLDocument.ReadError, file: String) -> [Finding] {
        switch error {
        case .tooLarge(let bytes, let limit):
            return [
                finding(
                    .tooLarge,
                    at: SourceLocation(file: file, line: 1, column: 1),
                    message: Catalog.text(
                        "read.the-file-is-bytes-more-than", ["bytes": "\(bytes)", "limit": "\(limit)"]),
                    hint: Catalog.text("read.check-that-this-is-the-right")
                )
            ]
        case .doctypeNotAllowed(let line):
            return [
                finding(
                    .doctype,
                    at: SourceLocation(file: file, line: line, column: 1),
                    message: Catalog.text("read.the-file-contains-a-doctype-declaration"),
                    hint: Catalog.text("read.remove-doctype-an-application-needs-no")
                )
            ]
        case .malformed(let diagnostics):
            // The first fatal error is the cause; later ones are usually its consequences.
            let first = diagnostics.first { $0.level == .fatal } ?? diagnostics.first
            guard let first else {
                return [
                    finding(
                        .xml,
                        at: SourceLocation(file: file, line: 1, column: 1),
                        message: Catalog.text("read.the-file-could-not-be-read"),
                        hint: nil
                    )
                ]
            }
            let location = SourceLocation(file: file, line: first.line ?? 1, column: first.column ?? 1)
            let (message, hint) = describe(first)
            return [finding(.xml, at: location, message: message, hint: hint)]
        }
    }

    private static func finding(
        _ check: InputCheck, at location: SourceLocation, message: LocalizedText, hint: LocalizedText?
    ) -> Finding {
        Finding(
            ruleID: check.id,
            severity: .error,
            title: check.title,
            message: message,
            hint: hint,
            location: location,
            blocksAssessment: true
        )
    }

    private static func describe(_ diagnostic: XMLDiagnostic) -> (LocalizedText, LocalizedText) {
        let wellFormedHint = Catalog.text("read.open-the-file-in-an-xml")
        // libxml2's text may span lines ("… indicate encoding !\nBytes: …"): one line keeps the
        // `file:line:col: message` form.
        let oneLine = diagnostic.message.split(whereSeparator: \.isNewline).joined(separator: " ")
        let detail = diagnostic.message.contains("XML_PARSE_HUGE") ? "" : " (libxml2: \(oneLine))"
        switch diagnostic.code {
        case 4 where diagnostic.message.contains("Start tag expected"):
            // libxml2 gives non-XML content the code of an empty document; say what it is not.
            return (
                Catalog.text("read.the-file-is-not-xml-it"),
                Catalog.text("read.give-the-application-s-xml-file")
            )
        case 4:
            return (
                Catalog.text("read.the-file-is-empty"),
                Catalog.text("read.save-the-application-again-from-the")
            )
        case 9, 32, 81:
            return (
                Catalog.text("read.the-file-contains-characters-that-are", ["detail": "\(detail)"]),
                Catalog.text("read.save-the-file-as-utf-8")
            )
        case 26, 89:
            return (
                Catalog.text("read.the-file-uses-an-entity-name", ["detail": "\(detail)"]),
                Catalog.text("read.write-the-character-directly-or-use")
            )
        case 76, 77, 5, 85:
            return (
                Catalog.text("read.the-xml-structure-is-broken-an", ["detail": "\(detail)"]),
                wellFormedHint
            )
        case 1 where diagnostic.message.contains("depth"):
            return (
                Catalog.text("read.elements-are-nested-deeper-than-the"),
                Catalog.text("read.an-application-is-only-a-few")
            )
        default:
            return (
                Catalog.text("read.the-file-is-not-well-formed", ["detail": "\(detail)"]),
                wellFormedHint
            )
        }
    }
}
