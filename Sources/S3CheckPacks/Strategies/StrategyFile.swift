import Foundation
import S3CheckValues
import SafeXML

/// Reading a strategy file on its own (`--strategy`, a fitted strategy) and writing a fitted one.
///
/// The rule-pack loader reads a pack's `<strategy href>` through the same ``Strategy/init(reading:file:sha256:problems:)``,
/// so that a strategy means the same whichever way it is named.
extension Strategy {
    /// The strategy in the validated document whose root is `root`; problems (a missing
    /// language, a shared group naming an unknown area) are appended to `problems`.
    init(reading root: XMLNode, file: String, sha256: String, problems: inout [RuleProblem]) {
        let reader = ElementReader(file: file)
        let terms = { (parent: XMLNode) in
            parent.children("term").map {
                Strategy.Term(
                    text: $0.stringValue.trimmingXMLWhitespace(),
                    weight: Double($0.attribute("weight") ?? "1") ?? 1,
                    match: Strategy.Match(rawValue: $0.attribute("match") ?? "auto") ?? .auto,
                    language: $0.attribute("lang").flatMap(Language.init(rawValue:))
                )
            }
        }
        var areas: [Strategy.Area] = []
        for area in root.children("area") {
            let codes = { (name: String, attribute: String) in
                area.children(name).map {
                    Strategy.WeightedCode(
                        code: $0.attribute(attribute) ?? "", weight: Double($0.attribute("weight") ?? "1") ?? 1)
                }
            }
            areas.append(
                Strategy.Area(
                    id: area.attribute("id") ?? "",
                    name: reader.text(area, "name", problems: &problems),
                    description: reader.text(area, "description", problems: &problems),
                    terms: terms(area),
                    nacePrefixes: codes("nace", "prefix"),
                    interventionFields: codes("interventionField", "code"),
                    researchFields: codes("researchField", "code"),
                    threshold: area.attribute("threshold").flatMap(Double.init)
                )
            )
        }
        var shared: [Strategy.SharedTerms] = []
        for group in root.children("shared") {
            let ids = (group.attribute("areas") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
            let indexes = ids.compactMap { id in areas.firstIndex { $0.id == id } }
            for id in ids where !areas.contains(where: { $0.id == id }) {
                problems.append(
                    reader.problem(group, "", Catalog.text("pack.shared-names-the-area-which-the", ["id": "\(id)"])))
            }
            shared.append(Strategy.SharedTerms(areas: Array(Set(indexes)).sorted(), terms: terms(group)))
        }
        let rule = root.child("conclusion")
        let defaults = Strategy.ConclusionRule()
        self.init(
            id: root.attribute("id") ?? "",
            version: root.attribute("version") ?? "",
            title: reader.text(root, "title", problems: &problems),
            areas: areas,
            shared: shared,
            conclusion: Strategy.ConclusionRule(
                supportedScore: rule?.attribute("supportedScore").flatMap(Double.init) ?? defaults.supportedScore,
                clearMargin: rule?.attribute("clearMargin").flatMap(Double.init) ?? defaults.clearMargin,
                minimumWords: rule?.attribute("minimumWords").flatMap { Int($0) } ?? defaults.minimumWords,
                weakScore: rule?.attribute("weakScore").flatMap(Double.init)
            ),
            file: file,
            sha256: sha256
        )
    }

    /// Reads and validates the strategy file at `path` on disk; every problem is in the error.
    public static func load(file path: String) throws(RulePackError) -> Strategy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RulePackError(problems: [
                RuleProblem(file: path, line: 1, message: Catalog.text("s3fit.the-strategy-cannot-be-read"))
            ])
        }
        return try parse(data, file: path)
    }

    /// The strategy in `data`, validated against the strategy schema; `file` names it in problems.
    public static func parse(_ data: Data, file: String) throws(RulePackError) -> Strategy {
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(data, name: file)
        } catch {
            throw RulePackError(
                problems: ReadErrorDescription.findings(for: error, file: file).map {
                    RuleProblem(file: file, line: $0.location?.line ?? 1, message: $0.message)
                })
        }
        let violations = Schemas.shared.strategy.validate(document)
        guard violations.isEmpty, let root = document.root, root.localName == "strategy" else {
            throw RulePackError(
                problems: violations.map {
                    RuleProblem(
                        file: file, line: $0.line ?? 1,
                        message: Catalog.text(
                            "pack.does-not-follow-the-schema", ["message": "\(Schemas.plain($0.message))"]))
                })
        }
        var problems: [RuleProblem] = []
        let strategy = Strategy(reading: root, file: file, sha256: Digest.sha256(data), problems: &problems)
        guard problems.isEmpty else { throw RulePackError(problems: problems) }
        return strategy
    }

    /// The strategy document `original` with this strategy's fitted numbers written into it:
    /// every term's weight (terms in the same order as read), every area's threshold and the
    /// conclusion's thresholds, and `comment` after the XML declaration. Everything else (names,
    /// sources, codes, other comments) stays as it was, so the file diffs cleanly against the
    /// original. Nil when `original` is not this strategy's document.
    public func document(fittedFrom original: Data, comment: String) -> Data? {
        guard let document = try? XMLDocument.parse(original, name: file), let root = document.root else {
            return nil
        }
        let areaNodes = root.children("area")
        let sharedNodes = root.children("shared")
        guard areaNodes.count == areas.count, sharedNodes.count == shared.count else { return nil }
        func write(_ terms: [Term], into parent: XMLNode) -> Bool {
            let nodes = parent.children("term")
            guard nodes.count == terms.count else { return false }
            for (node, term) in zip(nodes, terms) {
                node.setAttribute("weight", to: Self.number(term.weight))
            }
            return true
        }
        for (node, area) in zip(areaNodes, areas) {
            guard node.attribute("id") == area.id, write(area.terms, into: node) else { return nil }
            if let threshold = area.threshold { node.setAttribute("threshold", to: Self.number(threshold)) }
        }
        for (node, group) in zip(sharedNodes, shared) {
            guard write(group.terms, into: node) else { return nil }
        }
        if let rule = root.child("conclusion") {
            rule.setAttribute("supportedScore", to: Self.number(conclusion.supportedScore))
            rule.setAttribute("clearMargin", to: Self.number(conclusion.clearMargin))
            if let weak = conclusion.weakScore { rule.setAttribute("weakScore", to: Self.number(weak)) }
        }
        root.setAttribute("id", to: id)
        root.setAttribute("version", to: version)
        var text = String(decoding: document.serialized(), as: UTF8.self)
        // An XML comment may not contain "--"; the comment is ours, but file names are not.
        let safe = comment.replacingOccurrences(of: "--", with: "- -")
        if let declarationEnd = text.range(of: "?>\n") {
            text.insert(contentsOf: "<!--\n\(safe)\n-->\n", at: declarationEnd.upperBound)
        } else {
            text = "<!--\n\(safe)\n-->\n" + text
        }
        return Data(text.utf8)
    }

    /// A weight or threshold as the file writes it: at most two decimals, no trailing zeros.
    package static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

extension RuleSet {
    /// The same rules with `strategy` instead of the pack's own (`--strategy FILE`).
    public func replacingStrategy(with strategy: Strategy) -> RuleSet {
        RuleSet(
            packs: packs, rules: rules, parameters: parameters, codeLists: codeLists, profiles: profiles,
            strategy: strategy)
    }
}
