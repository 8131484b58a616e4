import Foundation
import S3CheckPacks
import S3CheckValues

/// Finds the function calls and variables in an XPath 1.0 expression without evaluating it.
///
/// libxml2 resolves functions only when a call is reached, so a misspelt function in a branch
/// that the examples never take would otherwise pass load; scanning the text catches it.
package enum ExpressionScanner {
    static let coreFunctions: Set<String> = [
        "last", "position", "count", "id", "local-name", "namespace-uri", "name", "string", "concat",
        "starts-with", "contains", "substring-before", "substring-after", "substring", "string-length",
        "normalize-space", "translate", "boolean", "not", "true", "false", "lang", "number", "sum",
        "floor", "ceiling", "round",
    ]
    private static let nodeTests: Set<String> = ["node", "text", "comment", "processing-instruction"]
    private static let operators: Set<String> = ["and", "or", "div", "mod"]

    /// Names followed by `(` that are function calls, as written (`s3:luhn`, `count`).
    static func functionCalls(in expression: String) -> [String] {
        tokens(in: expression).compactMap { token in
            guard case .name(let name, let followedByParenthesis, _, _) = token, followedByParenthesis,
                !nodeTests.contains(name), !operators.contains(name)
            else { return nil }
            return name
        }
    }

    /// `X` when the whole expression is `sum(X)`: the range, sum and ratio checks then add X's
    /// nodes in decimal instead of letting XPath add them in binary.
    static func sumArgument(of expression: String) -> String? {
        let trimmed = expression.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("sum"), trimmed.hasSuffix(")") else { return nil }
        let afterName = trimmed.dropFirst(3).drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        guard afterName.first == "(" else { return nil }
        let inner = afterName.dropFirst().dropLast()
        // The outer parentheses must enclose the whole argument: "sum(a) + sum(b)" is not one sum.
        var depth = 0
        var quote: Character?
        for character in inner {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
                if depth < 0 { return nil }
            }
        }
        return depth == 0 && quote == nil ? String(inner) : nil
    }

    /// Names after `$`.
    package static func variables(in expression: String) -> [String] {
        tokens(in: expression).compactMap {
            if case .variable(let name) = $0 { return name }
            return nil
        }
    }

    /// Functions that neither XPath 1.0 nor s3check defines.
    static func unknownFunctions(in expression: String) -> [String] {
        functionCalls(in: expression).filter { name in
            if name.hasPrefix("s3:") { return !ExtensionFunctions.names.contains(String(name.dropFirst(3))) }
            return !coreFunctions.contains(name)
        }
    }

    /// The element and attribute names an expression's location steps use, as written
    /// (`a:costLine`, `amount` after `@`), without functions, operators, axes and node tests.
    package static func stepNames(in expression: String) -> [(name: String, isAttribute: Bool)] {
        tokens(in: expression).compactMap { token in
            guard case .name(let name, let followedByParenthesis, let afterAt, let beforeAxis) = token,
                !followedByParenthesis, !beforeAxis, !operators.contains(name) || afterAt
            else { return nil }
            return (name, afterAt)
        }
    }

    /// Whether the expression's value cannot be a node-set: it starts with a number, a string,
    /// a minus, or a call of a function that returns no nodes (every XPath 1.0 function but id).
    package static func cannotSelectNodes(_ expression: String) -> Bool {
        let trimmed = expression.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "(" }
        guard let first = trimmed.first else { return true }
        if first.isNumber || first == "'" || first == "\"" || first == "-" || first == "$" { return first != "$" }
        guard case .name(let name, true, false, _)? = tokens(in: String(trimmed)).first else { return false }
        return name != "id"
    }

    private enum Token {
        case name(String, followedByParenthesis: Bool, afterAt: Bool, beforeAxis: Bool)
        case variable(String)
    }

    /// XPath name characters, looked at as UTF-8 bytes: any byte of a multi-byte letter counts.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
            || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
    }

    private static func tokens(in expression: String) -> [Token] {
        var result: [Token] = []
        let bytes = Array(expression.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x27 || byte == 0x22 {
                // A string literal: skip to its closing quote.
                index += 1
                while index < bytes.count, bytes[index] != byte { index += 1 }
                index += 1
            } else if byte == 0x24 || isNameStart(byte) {
                let isVariable = byte == 0x24
                let start = isVariable ? index + 1 : index
                var end = start
                while end < bytes.count, isNameByte(bytes[end]) {
                    // "::" separates an axis from its node test; it is not part of a name.
                    if bytes[end] == 0x3A, end + 1 < bytes.count, bytes[end + 1] == 0x3A { break }
                    end += 1
                }
                let name = String(decoding: bytes[start..<end], as: UTF8.self)
                var next = end
                while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 || bytes[next] == 0x0A {
                    next += 1
                }
                let parenthesis = next < bytes.count && bytes[next] == 0x28
                let axis = end + 1 < bytes.count && bytes[end] == 0x3A && bytes[end + 1] == 0x3A
                var previous = index - 1
                while previous >= 0, bytes[previous] == 0x20 || bytes[previous] == 0x09 { previous -= 1 }
                let afterAt = previous >= 0 && bytes[previous] == 0x40
                result.append(
                    isVariable
                        ? .variable(name)
                        : .name(name, followedByParenthesis: parenthesis, afterAt: afterAt, beforeAxis: axis))
                index = max(end, index + 1)
            } else {
                index += 1
            }
        }
        return result
    }
}
