import Foundation
import S3CheckValues
import SafeXML

/// Reads a rule pack and everything it includes into one ``RuleSet``.
///
/// Every problem is collected rather than stopping at the first, so that `s3check lint` can
/// list them all; loading fails when there is any.
public struct RulePackLoader: Sendable {
    public let files: RuleFiles
    /// The check kinds a rule may use; the engine gives its registry.
    public let checkKinds: [any RuleCheck.Type]

    public init(files: RuleFiles, checkKinds: [any RuleCheck.Type]) {
        self.files = files
        self.checkKinds = checkKinds
    }

    /// Reads the pack at `path` (a path below `Rules/` for shipped files) and everything it
    /// includes; expressions are compiled by the engine, not here.
    public func read(_ path: String) throws(RulePackError) -> RuleSet {
        var state = LoadState()
        load(path, includedFrom: nil, into: &state)
        guard state.problems.isEmpty, !state.packs.isEmpty else {
            throw RulePackError(problems: state.problems)
        }
        return RuleSet(
            packs: state.packs,
            rules: state.rules,
            parameters: state.parameters,
            codeLists: state.codeLists,
            profiles: state.profiles,
            strategy: state.strategy
        )
    }

    private struct LoadState {
        var stack: [String] = []
        var loaded: Set<String> = []
        var problems: [RuleProblem] = []
        var packs: [PackInfo] = []
        var rules: [Rule] = []
        var ruleIDs: [String: SourceLocation] = [:]
        var parameters: [Parameter] = []
        var codeLists: [String: CodeList] = [:]
        var profiles: [Profile] = []
        var strategy: Strategy?
    }

    private func load(_ path: String, includedFrom include: SourceLocation?, into state: inout LoadState) {
        let shown = files.displayPath(path)
        let reportAt = include ?? SourceLocation(file: shown, line: 1, column: 1)
        if state.stack.contains(path) {
            let cycle = (state.stack + [path]).map(files.displayPath).joined(separator: " → ")
            state.problems.append(
                RuleProblem(
                    file: reportAt.file,
                    line: reportAt.line,
                    message: Catalog.text("pack.circular-include", ["cycle": "\(cycle)"])
                )
            )
            return
        }
        guard !state.loaded.contains(path) else { return }
        state.loaded.insert(path)
        guard let (root, data) = readValidated(path, root: "rulePack", reportAt: reportAt, problems: &state.problems)
        else { return }

        state.stack.append(path)
        defer { state.stack.removeLast() }
        let packID = root.attribute("id") ?? ""
        let reader = ElementReader(file: shown)

        for include in root.children("include") {
            let href = include.attribute("href") ?? ""
            load(
                files.resolve(href, relativeTo: path),
                includedFrom: SourceLocation(file: shown, line: include.line, column: 1),
                into: &state
            )
        }

        let info = PackInfo(
            id: packID,
            version: root.attribute("version") ?? "",
            title: reader.text(root, "title", problems: &state.problems),
            file: shown,
            path: path,
            sha256: Digest.sha256(data),
            validFrom: CalendarDate(root.attribute("validFrom") ?? "") ?? CalendarDate("2021-01-01")!,
            validTo: root.attribute("validTo").flatMap(CalendarDate.init)
        )
        // The pack the user named comes first; included packs follow in include order.
        if state.stack.count == 1 { state.packs.insert(info, at: 0) } else { state.packs.append(info) }

        for element in root.children("profile")
        where !state.profiles.contains(where: { $0.id == element.attribute("id") }) {
            state.profiles.append(
                Profile(
                    id: element.attribute("id") ?? "",
                    title: reader.text(element, "title", problems: &state.problems),
                    isDefault: element.attribute("default") == "true" || element.attribute("default") == "1"
                )
            )
        }
        for element in root.children("codeList") {
            loadCodeList(element, packPath: path, reader: reader, into: &state)
        }
        for element in root.children("strategy") {
            loadStrategy(element, packPath: path, reader: reader, into: &state)
        }
        for element in root.children("parameter") {
            addParameter(element, packID: packID, reader: reader, into: &state)
        }
        for group in root.children("group") {
            let ruleGroup = RuleGroup(
                id: group.attribute("id") ?? "",
                title: reader.text(group, "title", problems: &state.problems)
            )
            for element in group.children("rule") {
                addRule(element, group: ruleGroup, packID: packID, reader: reader, into: &state)
            }
        }
    }

    /// Reads, parses and schema-validates a rule file; nil (with problems) when any step fails.
    private func readValidated(
        _ path: String,
        root expectedRoot: String,
        schema: XMLSchema = Schemas.shared.rules,
        reportAt: SourceLocation,
        problems: inout [RuleProblem]
    ) -> (XMLNode, Data)? {
        let shown = files.displayPath(path)
        let data: Data
        do {
            data = try files.read(path)
        } catch {
            problems.append(
                RuleProblem(
                    file: reportAt.file,
                    line: reportAt.line,
                    message: LocalizedText(
                        sv:
                            "Regelfilen \(shown) kan inte läsas (\(error.reason == "not found" ? "finns inte" : "ej läsbar")).",
                        en: "The rule file \(shown) cannot be read (\(error.reason))."
                    )
                )
            )
            return nil
        }
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(data, name: shown)
        } catch {
            problems.append(contentsOf: Self.problems(from: error, file: shown))
            return nil
        }
        let violations = schema.validate(document)
        guard violations.isEmpty, let root = document.root else {
            problems.append(
                contentsOf: violations.map {
                    RuleProblem(
                        file: shown,
                        line: $0.line ?? 1,
                        message: Catalog.text(
                            "pack.does-not-follow-the-schema", ["message": "\(Schemas.plain($0.message))"])
                    )
                }
            )
            return nil
        }
        guard root.localName == expectedRoot else {
            problems.append(
                RuleProblem(
                    file: shown,
                    line: root.line,
                    message: Catalog.text(
                        "pack.expected-but-the-file-starts-with",
                        ["expectedRoot": "\(expectedRoot)", "localName": "\(root.localName)"])
                )
            )
            return nil
        }
        return (root, data)
    }

    private func loadCodeList(_ element: XMLNode, packPath: String, reader: ElementReader, into state: inout LoadState)
    {
        let id = element.attribute("id") ?? ""
        let href = element.attribute("href") ?? ""
        let path = files.resolve(href, relativeTo: packPath)
        guard state.codeLists[id] == nil else {
            state.problems.append(
                reader.problem(element, id, Catalog.text("pack.code-list-is-defined-twice", ["id": "\(id)"]))
            )
            return
        }
        let at = SourceLocation(file: reader.file, line: element.line, column: 1)
        guard let (root, _) = readValidated(path, root: "codeList", reportAt: at, problems: &state.problems) else {
            return
        }
        var codes: [String: String] = [:]
        for code in root.children("code") {
            codes[code.attribute("value") ?? ""] = code.stringValue.trimmingXMLWhitespace()
        }
        let listReader = ElementReader(file: files.displayPath(path))
        state.codeLists[id] = CodeList(
            id: id,
            title: listReader.text(root, "title", problems: &state.problems),
            codes: codes,
            source: ElementReader.legal(root.children("source")),
            file: files.displayPath(path)
        )
    }

    private func loadStrategy(_ element: XMLNode, packPath: String, reader: ElementReader, into state: inout LoadState)
    {
        let path = files.resolve(element.attribute("href") ?? "", relativeTo: packPath)
        let at = SourceLocation(file: reader.file, line: element.line, column: 1)
        guard
            let (root, data) = readValidated(
                path,
                root: "strategy",
                schema: Schemas.shared.strategy,
                reportAt: at,
                problems: &state.problems
            )
        else { return }
        // Read by the strategy module, which also reads a strategy named on its own (--strategy).
        let strategy = Strategy(
            reading: root, file: files.displayPath(path), sha256: Digest.sha256(data), problems: &state.problems)
        if state.strategy != nil {
            state.problems.append(
                reader.problem(element, "", Catalog.text("pack.only-one-strategy-may-be-given")))
        }
        state.strategy = strategy
    }

    private func addParameter(_ element: XMLNode, packID: String, reader: ElementReader, into state: inout LoadState) {
        let id = element.attribute("id") ?? ""
        let kind = Parameter.Kind(rawValue: element.attribute("type") ?? "") ?? .string
        var values: [Parameter.DatedValue] = []
        for value in element.children("value") {
            let text = value.stringValue.trimmingXMLWhitespace()
            let from = CalendarDate(value.attribute("from") ?? "") ?? CalendarDate("2021-01-01")!
            if kind == .number, XPathValue.parseNumber(text).isNaN {
                state.problems.append(
                    reader.problem(
                        value, id, Catalog.text("pack.the-value-is-not-a-number", ["text": "\(text)"]))
                )
            }
            if kind == .date, CalendarDate(text) == nil {
                state.problems.append(
                    reader.problem(
                        value, id, Catalog.text("pack.the-value-is-not-a-date", ["text": "\(text)"])))
            }
            values.append(Parameter.DatedValue(from: from, value: text))
        }
        let parameter = Parameter(
            id: id,
            kind: kind,
            unit: element.attribute("unit"),
            title: reader.text(element, "title", problems: &state.problems),
            legal: ElementReader.legal(element.children("legal")),
            values: values.sorted { $0.from < $1.from },
            origin: SourceLocation(file: reader.file, line: element.line, column: 1),
            packID: packID
        )
        let overrides = element.attribute("override") == "true" || element.attribute("override") == "1"
        if let index = state.parameters.firstIndex(where: { $0.id == id }) {
            if overrides {
                state.parameters[index] = parameter
            } else {
                let first = state.parameters[index].origin
                state.problems.append(
                    reader.problem(
                        element,
                        id,
                        Catalog.text(
                            "pack.parameter-is-already-defined-write-override",
                            ["id": "\(id)", "file": "\(first.file)", "line": "\(first.line)"])
                    )
                )
            }
        } else if overrides {
            state.problems.append(
                reader.problem(
                    element, id, Catalog.text("pack.parameter-overrides-no-included-parameter", ["id": "\(id)"])))
        } else {
            state.parameters.append(parameter)
        }
    }

    private func addRule(
        _ element: XMLNode, group: RuleGroup, packID: String, reader: ElementReader, into state: inout LoadState
    ) {
        let id = element.attribute("id") ?? ""
        let origin = SourceLocation(file: reader.file, line: element.line, column: 1)
        if let first = state.ruleIDs[id] {
            state.problems.append(
                reader.problem(
                    element,
                    id,
                    Catalog.text(
                        "pack.rule-id-is-already-used",
                        ["id": "\(id)", "file": "\(first.file)", "line": "\(first.line)"])
                )
            )
            return
        }
        state.ruleIDs[id] = origin
        guard let check = reader.check(in: element, id: id, kinds: checkKinds, problems: &state.problems) else {
            return
        }
        for list in check.codeLists where state.codeLists[list] == nil {
            state.problems.append(
                reader.problem(
                    element, id, Catalog.text("pack.code-list-is-not-defined-in", ["list": "\(list)"])))
        }
        let profiles = element.attribute("profiles").map { Set($0.split(separator: " ").map(String.init)) }
        for profile in profiles ?? [] where !state.profiles.contains(where: { $0.id == profile }) {
            state.problems.append(
                reader.problem(
                    element, id, Catalog.text("pack.profile-is-not-defined", ["profile": "\(profile)"])))
        }
        state.rules.append(
            Rule(
                id: id,
                severity: Severity(rawValue: element.attribute("severity") ?? "") ?? .error,
                profiles: profiles,
                group: group,
                title: reader.text(element, "title", ruleID: id, problems: &state.problems),
                legal: ElementReader.legal(element.children("legal"))
                    ?? LegalReference(reference: "", url: "", verified: false),
                applicability: element.child("when")?.attribute("test"),
                lets: element.children("let").map {
                    NamedExpression(name: $0.attribute("name") ?? "", expression: $0.attribute("value") ?? "")
                },
                check: check,
                role: element.attribute("role").flatMap(Rule.Role.init(rawValue:)),
                message: reader.text(element, "message", ruleID: id, problems: &state.problems),
                hint: element.children("hint").isEmpty
                    ? nil : reader.text(element, "hint", ruleID: id, problems: &state.problems),
                origin: origin,
                packID: packID
            )
        )
    }

    static func problems(from error: XMLDocument.ReadError, file: String) -> [RuleProblem] {
        ReadErrorDescription.findings(for: error, file: file).map {
            RuleProblem(file: file, line: $0.location?.line ?? 1, message: $0.message)
        }
    }
}
