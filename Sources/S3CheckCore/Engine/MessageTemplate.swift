import Foundation

/// Fills `{name}` placeholders in rule messages with the values a check found.
enum MessageTemplate {
    /// The names inside `{…}`.
    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in template {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                if !name.isEmpty { names.append(name) }
                current = nil
            } else if current != nil {
                current?.append(character)
            }
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
