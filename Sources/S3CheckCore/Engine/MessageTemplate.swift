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
    /// that a typo is visible rather than silently empty.
    static func fill(_ template: String, with values: [NamedValue]) -> String {
        var result = template
        for value in values {
            result = result.replacingOccurrences(of: "{\(value.name)}", with: value.value)
        }
        return result
    }
}
