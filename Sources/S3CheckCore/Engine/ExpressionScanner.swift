/// Finds the function calls and variables in an XPath 1.0 expression without evaluating it.
///
/// libxml2 resolves functions only when a call is reached, so a misspelt function in a branch
/// that the examples never take would otherwise pass load; scanning the text catches it.
enum ExpressionScanner {
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
            guard case .name(let name, let followedByParenthesis) = token, followedByParenthesis,
                !nodeTests.contains(name), !operators.contains(name)
            else { return nil }
            return name
        }
    }

    /// Names after `$`.
    static func variables(in expression: String) -> [String] {
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

    private enum Token {
        case name(String, followedByParenthesis: Bool)
        case variable(String)
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "-" || character == "_" || character == "."
            || character == ":"
    }

    private static func tokens(in expression: String) -> [Token] {
        var result: [Token] = []
        let characters = Array(expression)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "'" || character == "\"" {
                index += 1
                while index < characters.count, characters[index] != character { index += 1 }
                index += 1
            } else if character == "$" || character.isLetter || character == "_" {
                let isVariable = character == "$"
                let start = isVariable ? index + 1 : index
                var end = start
                while end < characters.count, isNameCharacter(characters[end]) {
                    // "::" separates an axis from its node test; it is not part of a name.
                    if characters[end] == ":", end + 1 < characters.count, characters[end + 1] == ":" { break }
                    end += 1
                }
                let name = String(characters[start..<end])
                var next = end
                while next < characters.count, characters[next].isWhitespace { next += 1 }
                let parenthesis = next < characters.count && characters[next] == "("
                result.append(isVariable ? .variable(name) : .name(name, followedByParenthesis: parenthesis))
                index = max(end, index + 1)
            } else {
                index += 1
            }
        }
        return result
    }
}
