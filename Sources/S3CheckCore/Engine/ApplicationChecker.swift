import Foundation
import SafeXML

/// Checks applications against a rule set: format, schema, then every selected rule.
///
/// A checker compiles its expressions once and is then used for many applications on one
/// thread; create one per worker.
public final class ApplicationChecker {
    /// What to check and how much input to accept.
    public struct Options: Sendable {
        /// The profile whose rules run; nil for the pack's default.
        public var profile: String?
        public var limits: XMLDocument.Limits
        /// Whether expressions Swift can evaluate skip libxml2's XPath machine; tests and the
        /// instruction-count benchmark turn it off to compare the two.
        public var evaluatesNatively = true

        public init(profile: String? = nil, limits: XMLDocument.Limits = XMLDocument.Limits()) {
            self.profile = profile
            self.limits = limits
        }
    }

    let compiled: CompiledRules
    private let scorer: AlignmentScorer?
    private let options: Options
    private let schemas = Schemas.shared
    private let parameters: ParameterCache

    public init(ruleSet: RuleSet, options: Options = Options()) throws(RulePackError) {
        self.options = options
        // The loader already checked every name in the pack; only the expressions are compiled.
        compiled = try CompiledRules(ruleSet, rules: ruleSet.rules(in: options.profile), checkingNames: false)
        compiled.context.evaluatesNatively = options.evaluatesNatively
        scorer = ruleSet.scorer
        parameters = ParameterCache(ruleSet.parameters)
    }

    /// Reads and checks the file at `path`; `path` is also how the report names it.
    public func check(fileAt path: String) -> ApplicationReport {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return unreadable(path)
        }
        return check(data, file: path)
    }

    /// Checks an application held in memory; `file` is how findings name it.
    public func check(_ data: Data, file: String) -> ApplicationReport {
        let digest = Digest.sha256(data)
        let document: XMLDocument
        let root: XMLNode
        switch read(data, file: file) {
        case .success(let application): (document, root) = application
        case .failure(let failure): return blocked(file, digest, failure.findings)
        }
        // A field still holding a template's placeholder is reported as left to fill in, and
        // the schema's complaint about that same field (not a date, not a number) is dropped.
        let unfilled = Placeholders.unfilled(in: root)
        let unfilledPaths = Set(unfilled.map { $0.node.path })
        let violations = schemas.application.validate(document).filter { violation in
            guard let node = violation.node else { return true }
            if unfilledPaths.contains(node.path) { return false }
            // An attribute's violation names the element as its node and the attribute in the text.
            let message = Schemas.plain(violation.message)
            guard let start = message.range(of: "attribute '"),
                let end = message[start.upperBound...].firstIndex(of: "'")
            else { return true }
            return !unfilledPaths.contains(node.path + "/@" + message[start.upperBound..<end])
        }
        guard violations.isEmpty, unfilled.isEmpty else {
            var findings = unfilled.map { unfilledField($0, file: file) }
            findings += violations.map {
                SchemaViolationDescription.finding(for: $0, file: file, schemas: schemas, source: document.source)
            }
            findings.sort {
                ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0)
            }
            return blocked(file, digest, findings, identity: Self.identity(of: root))
        }
        // Rules see canonical numbers; a date or year they cannot read stops the assessment.
        let unreadable = schemas.typedValues.normalise(root).map { node, reason in
            unreadableValue(node, reason: reason, file: file)
        }
        guard unreadable.isEmpty else {
            return blocked(file, digest, unreadable, identity: Self.identity(of: root))
        }
        let identity = Self.identity(of: root)
        // The schema and the typed reading guarantee a readable date here.
        let submission = CalendarDate(identity.submissionDate ?? "") ?? CalendarDate("2021-01-01")!
        if let problem = validityProblem(submission, root: root, file: file) {
            return blocked(file, digest, [problem], identity: identity)
        }
        let alignment = scorer?.score(root)
        compiled.alignment.value = alignment
        defer { compiled.alignment.value = nil }
        var evaluation = RuleEvaluation(
            compiled: compiled,
            schemas: schemas,
            file: file,
            parameters: parameters.values(on: submission)
        )
        let (findings, results) = evaluation.run(on: root)
        return ApplicationReport(
            file: file,
            sha256: digest,
            verdict: Self.verdict(findings: findings, results: results),
            findings: findings,
            results: results,
            identity: identity,
            alignment: alignment,
            facts: FactsReader.facts(of: root)
        )
    }

    /// Only the smart-specialisation scoring of the file at `path`, for calibration on past
    /// applications: the file must be a well-formed application, but it need not follow the
    /// schema or be dated within the packs' validity. On failure, the findings that say why.
    public func alignment(ofFileAt path: String) -> Result<S3Alignment, AlignmentFailure> {
        guard let scorer else {
            return .failure(AlignmentFailure(findings: []))
        }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
            return .failure(AlignmentFailure(findings: unreadable(path).findings))
        }
        return read(data, file: path).map { _, root in scorer.score(root) }
    }

    /// The parsed document and its root when `data` is a well-formed s3check application;
    /// otherwise the findings that say why not. Both checking and scoring start here.
    private func read(_ data: Data, file: String) -> Result<(XMLDocument, XMLNode), AlignmentFailure> {
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(data, name: file, limits: options.limits)
        } catch {
            return .failure(AlignmentFailure(findings: ReadErrorDescription.findings(for: error, file: file)))
        }
        guard let root = document.root else {
            return .failure(AlignmentFailure(findings: ReadErrorDescription.findings(for: .malformed([]), file: file)))
        }
        if let problem = formatProblem(root, file: file) {
            return .failure(AlignmentFailure(findings: [problem]))
        }
        return .success((document, root))
    }

    /// Why a file could not be read or scored: the findings a check would give it (empty when
    /// the pack has no strategy).
    public struct AlignmentFailure: Error, Sendable {
        public var findings: [Finding]
    }

    static func verdict(findings: [Finding], results: [RuleResult]) -> Verdict {
        if findings.contains(where: \.blocksAssessment) || results.contains(where: { $0.outcome == .error }) {
            return .cannotBeAssessed
        }
        if findings.contains(where: { $0.severity == .error }) { return .notEligible }
        if findings.contains(where: { $0.severity == .warning }) { return .eligibleWithRemarks }
        return .eligible
    }

    private func blocked(
        _ file: String,
        _ digest: String?,
        _ findings: [Finding],
        identity: ApplicationIdentity? = nil
    ) -> ApplicationReport {
        ApplicationReport(
            file: file,
            sha256: digest,
            verdict: .cannotBeAssessed,
            findings: findings,
            results: [],
            identity: identity
        )
    }

    private func unreadable(_ file: String) -> ApplicationReport {
        let exists = FileManager.default.fileExists(atPath: file)
        let finding = Finding(
            ruleID: "S3C-IO",
            severity: .error,
            title: LocalizedText(sv: "Filen kan inte läsas", en: "The file cannot be read"),
            message: exists
                ? LocalizedText(sv: "Filen finns men kan inte läsas.", en: "The file exists but cannot be read.")
                : LocalizedText(sv: "Filen finns inte.", en: "The file does not exist."),
            hint: exists
                ? LocalizedText(sv: "Kontrollera filens behörigheter.", en: "Check the file's permissions.")
                : LocalizedText(sv: "Kontrollera sökvägen.", en: "Check the path."),
            location: SourceLocation(file: file, line: 1, column: 1),
            blocksAssessment: true
        )
        return blocked(file, nil, [finding])
    }

    /// A wrong root element, namespace or format version, worded before the schema speaks.
    private func formatProblem(_ root: XMLNode, file: String) -> Finding? {
        var location: SourceLocation { SourceLocation(file: file, line: root.line, column: root.column) }
        if root.localName != "application" || root.namespaceURI != Namespaces.application {
            let found = "<\(root.localName)>" + (root.namespaceURI.map { " (\($0))" } ?? "")
            return Finding(
                ruleID: "S3C-FORMAT",
                severity: .error,
                title: LocalizedText(sv: "Inte en ansökan", en: "Not an application"),
                message: LocalizedText(
                    sv: "Filen är inte en s3check-ansökan: rotelementet är \(found).",
                    en: "The file is not an s3check application: the root element is \(found)."
                ),
                hint: LocalizedText(
                    sv:
                        "En ansökan börjar med <application xmlns=\"\(Namespaces.application)\" formatVersion=\"1.0\">.",
                    en:
                        "An application starts with <application xmlns=\"\(Namespaces.application)\" formatVersion=\"1.0\">."
                ),
                location: location,
                blocksAssessment: true
            )
        }
        let version = root.attribute("formatVersion") ?? ""
        if !version.isEmpty, !version.hasPrefix("1.") {
            return Finding(
                ruleID: "S3C-VERSION",
                severity: .error,
                title: LocalizedText(sv: "Okänd formatversion", en: "Unknown format version"),
                message: LocalizedText(
                    sv: "Formatversion \(version) stöds inte; den här versionen av s3check läser 1.x.",
                    en: "Format version \(version) is not supported; this version of s3check reads 1.x."
                ),
                hint: LocalizedText(
                    sv: "Exportera ansökan i format 1.x eller uppgradera s3check.",
                    en: "Export the application in format 1.x or upgrade s3check."
                ),
                location: location,
                blocksAssessment: true
            )
        }
        return nil
    }

    /// The packs cannot judge an application submitted outside their validity window.
    private func validityProblem(_ submission: CalendarDate, root: XMLNode, file: String) -> Finding? {
        let window = compiled.ruleSet.validity
        let inside = submission >= window.from && window.to.map { submission <= $0 } != false
        guard !inside else { return nil }
        let node = root.child("submissionDate") ?? root
        let to = window.to?.description ?? "…"
        return Finding(
            ruleID: "S3C-PACK-VALIDITY",
            severity: .error,
            title: LocalizedText(
                sv: "Regelpaketet gäller inte detta datum", en: "The rule pack does not cover this date"),
            message: LocalizedText(
                sv: "Inlämningsdatumet \(submission) ligger utanför regelpaketens giltighet \(window.from)–\(to).",
                en: "The submission date \(submission) is outside the rule packs' validity \(window.from)–\(to)."
            ),
            hint: LocalizedText(
                sv: "Kontrollera inlämningsdatumet eller välj regelpaketet för rätt period med --rules.",
                en: "Check the submission date or choose the pack for the right period with --rules."
            ),
            location: SourceLocation(file: file, line: node.line, column: node.column),
            field: FieldReference(path: node.path, label: schemas.fieldLabel(for: node.reference.names)),
            blocksAssessment: true
        )
    }

    /// A value the schema accepts but the rules cannot read.
    private func unfilledField(_ field: Placeholders.Unfilled, file: String) -> Finding {
        let reference = FieldReference(
            path: field.node.path, label: schemas.fieldLabel(for: field.node.reference.names))
        let instruction = VisibleText.escaping(field.instruction)
        return Finding(
            ruleID: "S3C-FILL-IN",
            severity: .error,
            title: LocalizedText(sv: "Fält att fylla i", en: "Field to fill in"),
            message: reference.label.map { label, language in
                language == .sv ? "«\(label)» är inte ifyllt." : "«\(label)» is not filled in."
            },
            hint: LocalizedText(sv: "Fyll i: \(instruction).", en: "Fill in: \(instruction)."),
            location: SourceLocation(file: file, line: field.node.line, column: field.node.column),
            field: reference,
            blocksAssessment: true
        )
    }

    private func unreadableValue(_ node: XMLNode, reason: LocalizedText, file: String) -> Finding {
        let field = FieldReference(path: node.path, label: schemas.fieldLabel(for: node.reference.names))
        return Finding(
            ruleID: "S3C-VALUE",
            severity: .error,
            title: LocalizedText(sv: "Ett värde som reglerna inte kan läsa", en: "A value the rules cannot read"),
            message: field.label.map { label, language in "\(label): " + reason[language] },
            hint: LocalizedText(
                sv: "Skriv året med fyra siffror, till exempel 2027-12-31 eller 2027.",
                en: "Write the year in four digits, for example 2027-12-31 or 2027."),
            location: SourceLocation(file: file, line: node.line, column: node.column),
            field: field,
            blocksAssessment: true
        )
    }

    private static func identity(of root: XMLNode) -> ApplicationIdentity {
        let partners = root.child("partners")?.childElements ?? []
        let lead = partners.first { $0.attribute("role") == "lead" } ?? partners.first
        // Shown in every report: invisible and direction-changing characters made visible.
        let shown = { (text: String?) in text.map { VisibleText.escaping($0.trimmingXMLWhitespace()) } }
        return ApplicationIdentity(
            title: shown(root.child("project")?.child("title")?.stringValue),
            applicant: shown(lead?.child("name")?.stringValue),
            organisationNumber: shown(
                (lead?.child("organisationNumber") ?? lead?.child("foreignIdentifier"))?.stringValue),
            call: shown(root.child("call")?.attribute("id")),
            submissionDate: shown(root.child("submissionDate")?.stringValue)
        )
    }
}
