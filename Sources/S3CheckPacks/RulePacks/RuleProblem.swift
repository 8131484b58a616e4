import S3CheckValues

/// Something wrong in a rule pack, reported with the file, line and rule.
public struct RuleProblem: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    /// The rule (or parameter) the problem is in, when there is one.
    public var ruleID: String?
    public var message: LocalizedText

    public init(file: String, line: Int, ruleID: String? = nil, message: LocalizedText) {
        self.file = file
        self.line = line
        self.ruleID = ruleID
        self.message = message
    }

    /// `file:line: [RULE] message`, the form compilers and editors understand.
    public func formatted(in language: Language) -> String {
        let rule = ruleID.map { "[\($0)] " } ?? ""
        return "\(file):\(line): \(rule)\(message[language])"
    }
}

/// A rule pack could not be loaded; every problem found, in file order.
public struct RulePackError: Error, Sendable {
    public var problems: [RuleProblem]

    public init(problems: [RuleProblem]) {
        self.problems = problems
    }
}
