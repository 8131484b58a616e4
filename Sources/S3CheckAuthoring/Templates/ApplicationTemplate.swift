import Foundation
import S3CheckEngine
import S3CheckPacks
import S3CheckRules
import S3CheckValues

/// A new, empty application to fill in, as `s3check new` writes it.
///
/// Every field an application needs is present, each with a `[fyll i: …]` / `[fill in: …]`
/// placeholder that says what to write; checking the file lists the fields still to fill in.
/// The root names the application schema by `xsi:schemaLocation` (`application-1.xsd`, beside
/// the file), so that an XML editor offers completion and validation.
public enum ApplicationTemplate {
    /// The file name the template's `xsi:schemaLocation` expects beside it.
    public static let schemaFileName = "application-1.xsd"

    /// The template in `language` for `ruleSet`'s call: the call id is the pack's `callId`
    /// parameter in force on `date` when it has one, otherwise a placeholder.
    /// How the reader of a template checks it: on the command line, or on the service's page.
    public enum Front: Sendable {
        case commandLine
        /// The upload page, at this address.
        case service(page: String)
    }

    public static func text(
        language: Language, ruleSet: RuleSet, front: Front = .commandLine, on date: Date = Date()
    ) -> String {
        let bytes = ShippedRules.files["templates/application.\(language.rawValue).xml"] ?? []
        let template = String(decoding: bytes, as: UTF8.self)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let today = CalendarDate(
            String(format: "%04d-%02d-%02d", parts.year ?? 2021, parts.month ?? 1, parts.day ?? 1))
        let callID = today.flatMap { ruleSet.parameter("callId")?.value(on: $0) }
        let placeholder =
            language == .sv
            ? "[fyll i: utlysningens diarienummer, som utlysningstexten anger]"
            : "[fill in: the call's reference number, as the call text gives it]"
        let checkWith =
            switch front {
            case .commandLine: Catalog.text("template.check-with-command", language)
            case .service(let page): Catalog.text("template.check-with-page", language, ["page": page])
            }
        // The instruction goes into an XML comment, where "--" may not stand.
        return template.replacingOccurrences(of: "{callId}", with: callID.map(Self.attributeEscaped) ?? placeholder)
            .replacingOccurrences(of: "{checkWith}", with: checkWith.replacingOccurrences(of: "--", with: "- -"))
    }

    /// The shipped XSDs by file name, for `s3check schema` and for the editor beside a template.
    public static var schemas: [(name: String, bytes: [UInt8])] {
        [Schemas.applicationSchemaPath, Schemas.rulesSchemaPath, Schemas.strategySchemaPath].map { path in
            (String(path.split(separator: "/").last ?? Substring(path)), ShippedRules.files[path] ?? [])
        }
    }

    private static func attributeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }
}
