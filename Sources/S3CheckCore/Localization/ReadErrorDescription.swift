import SafeXML

/// Turns libxml2's reasons for refusing a document into findings a person can act on.
///
/// The common cases are worded in Swedish and English; libxml2's own English text follows as a
/// detail. Messages that suggest unsafe parser options are never passed on.
enum ReadErrorDescription {
    static func findings(for error: XMLDocument.ReadError, file: String) -> [Finding] {
        switch error {
        case .tooLarge(let bytes, let limit):
            return [
                finding(
                    "S3C-TOO-LARGE",
                    at: SourceLocation(file: file, line: 1, column: 1),
                    message: LocalizedText(
                        sv: "Filen är \(bytes) byte, större än gränsen \(limit) byte.",
                        en: "The file is \(bytes) bytes, more than the limit of \(limit) bytes."
                    ),
                    hint: LocalizedText(
                        sv: "Kontrollera att det är rätt fil; höj gränsen med --max-size om den är avsiktligt stor.",
                        en:
                            "Check that this is the right file; raise the limit with --max-size if it is meant to be this large."
                    )
                )
            ]
        case .doctypeNotAllowed(let line):
            return [
                finding(
                    "S3C-DOCTYPE",
                    at: SourceLocation(file: file, line: line, column: 1),
                    message: LocalizedText(
                        sv: "Filen innehåller en DOCTYPE-deklaration, vilket inte är tillåtet i en ansökan.",
                        en: "The file contains a DOCTYPE declaration, which an application may not have."
                    ),
                    hint: LocalizedText(
                        sv: "Ta bort <!DOCTYPE …>; en ansökan behöver ingen DTD eller entiteter.",
                        en: "Remove <!DOCTYPE …>; an application needs no DTD or entities."
                    )
                )
            ]
        case .malformed(let diagnostics):
            // The first fatal error is the cause; later ones are usually its consequences.
            let first = diagnostics.first { $0.level == .fatal } ?? diagnostics.first
            guard let first else {
                return [
                    finding(
                        "S3C-XML",
                        at: SourceLocation(file: file, line: 1, column: 1),
                        message: LocalizedText(
                            sv: "Filen kunde inte läsas som XML.", en: "The file could not be read as XML."),
                        hint: nil
                    )
                ]
            }
            let location = SourceLocation(file: file, line: first.line ?? 1, column: first.column ?? 1)
            let (message, hint) = describe(first)
            return [finding("S3C-XML", at: location, message: message, hint: hint)]
        }
    }

    private static func finding(_ id: String, at location: SourceLocation, message: LocalizedText, hint: LocalizedText?)
        -> Finding
    {
        Finding(
            ruleID: id,
            severity: .error,
            title: LocalizedText(sv: "Filen kan inte läsas", en: "The file cannot be read"),
            message: message,
            hint: hint,
            location: location,
            blocksAssessment: true
        )
    }

    private static func describe(_ diagnostic: XMLDiagnostic) -> (LocalizedText, LocalizedText) {
        let wellFormedHint = LocalizedText(
            sv: "Öppna filen i en XML-redigerare och rätta raden; den måste vara välformad XML i UTF-8.",
            en: "Open the file in an XML editor and fix the line; it must be well-formed XML in UTF-8."
        )
        let detail = diagnostic.message.contains("XML_PARSE_HUGE") ? "" : " (libxml2: \(diagnostic.message))"
        switch diagnostic.code {
        case 4 where diagnostic.message.contains("Start tag expected"):
            // libxml2 gives non-XML content the code of an empty document; say what it is not.
            return (
                LocalizedText(
                    sv:
                        "Filen är inte XML: den börjar inte med ett XML-element (den kan vara text, JSON, PDF eller ett Word-dokument).",
                    en:
                        "The file is not XML: it does not start with an XML element (it may be text, JSON, PDF or a Word document)."
                ),
                LocalizedText(
                    sv:
                        "Ange ansökans XML-fil som den sparas från e-tjänsten eller redigeraren; en fil vars namn börjar med ~$ är en låsfil från Word och kan tas bort.",
                    en:
                        "Give the application's XML file as saved from the e-service or editor; a file whose name starts with ~$ is a Word lock file and can be removed."
                )
            )
        case 4:
            return (
                LocalizedText(sv: "Filen är tom.", en: "The file is empty."),
                LocalizedText(
                    sv: "Spara ansökan igen från e-tjänsten eller redigeraren.",
                    en: "Save the application again from the e-service or editor.")
            )
        case 9, 32, 81:
            return (
                LocalizedText(
                    sv: "Filen innehåller tecken som inte är giltig UTF-8 eller XML.\(detail)",
                    en: "The file contains characters that are not valid UTF-8 or XML.\(detail)"),
                LocalizedText(
                    sv: "Spara filen som UTF-8 (eller UTF-16 med byte-order-mark).",
                    en: "Save the file as UTF-8 (or UTF-16 with a byte-order mark).")
            )
        case 26, 89:
            return (
                LocalizedText(
                    sv: "Filen använder en entitet (&namn;) som inte är tillåten.\(detail)",
                    en: "The file uses an entity (&name;) that is not allowed.\(detail)"),
                LocalizedText(
                    sv: "Skriv ut tecknet direkt eller använd &amp; &lt; &gt; &quot; &apos;.",
                    en: "Write the character directly or use &amp; &lt; &gt; &quot; &apos;.")
            )
        case 76, 77, 5, 85:
            return (
                LocalizedText(
                    sv:
                        "XML-strukturen är trasig: ett element avslutas fel eller inte alls (filen kan vara avkortad).\(detail)",
                    en:
                        "The XML structure is broken: an element is closed wrongly or not at all (the file may be truncated).\(detail)"
                ),
                wellFormedHint
            )
        case 1 where diagnostic.message.contains("depth"):
            return (
                LocalizedText(
                    sv: "Elementen är nästlade djupare än de 256 nivåer som tillåts.",
                    en: "Elements are nested deeper than the 256 levels allowed."),
                LocalizedText(
                    sv: "En ansökan är bara några nivåer djup; filen är troligen skadad eller fientlig.",
                    en: "An application is only a few levels deep; the file is probably damaged or hostile.")
            )
        default:
            return (
                LocalizedText(
                    sv: "Filen är inte välformad XML.\(detail)", en: "The file is not well-formed XML.\(detail)"),
                wellFormedHint
            )
        }
    }
}
