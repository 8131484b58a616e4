import S3CheckPacks
import S3CheckValues
import SafeXML

/// The fields of an application still holding a template's `[fyll i: …]` / `[fill in: …]`.
///
/// `s3check new` writes every field with such a placeholder, whose text says what to write.
/// Checking the file lists each field still to fill in (``ApplicationReader`` finds them), in document order, by the field's name
/// (instead of a schema error per placeholder that is not a date or a number, one at a time).
enum Placeholders {
    /// The markers a placeholder starts with, in every language a template is written in.
    static let markers = ["[fyll i:", "[fill in:"]

    /// A field still to fill in and the template's instruction for it.
    struct Unfilled {
        var node: XMLNode
        var instruction: String
    }

    /// The instruction inside a placeholder, or nil when `text` is not one.
    static func instruction(_ text: String) -> String? {
        let trimmed = text.trimmingXMLWhitespace()
        guard trimmed.hasSuffix("]"),
            let marker = markers.first(where: { trimmed.lowercased().hasPrefix($0) })
        else { return nil }
        return String(trimmed.dropFirst(marker.count).dropLast()).trimmingXMLWhitespace()
    }
}
