import Foundation

/// Fills `{name}` placeholders in rule messages with the values a check found.
enum MessageTemplate {
    /// The names inside `{…}`.
    static func placeholders(in template: String) -> [String] {
        // Braces are ASCII, so scanning bytes finds the same names as scanning characters.
        var names: [String] = []
        var start: String.Index?
        let bytes = template.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "{") {
                start = bytes.index(after: index)
            } else if byte == UInt8(ascii: "}"), let open = start {
                if open != index { names.append(String(template[open..<index])) }
                start = nil
            }
            index = bytes.index(after: index)
        }
        return names
    }

    /// The template with every known placeholder replaced; unknown ones stay as written so
    /// that a typo is visible rather than silently empty. The first value of a name wins.
    static func fill(_ template: String, with values: [NamedValue]) -> String {
        guard template.contains("{") else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = rest[rest.index(after: open)..<close]
            if let value = values.first(where: { $0.name == name }) {
                result += value.value
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
