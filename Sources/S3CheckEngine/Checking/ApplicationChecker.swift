import Foundation
import S3CheckPacks
import S3CheckValues
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

    /// The checker for each call with a pack of its own, by call reference.
    private let callCheckers: [String: ApplicationChecker]

    public convenience init(ruleSet: RuleSet, options: Options = Options()) throws(RulePackError) {
        try self.init(packs: PackChoice(base: ruleSet), options: options)
    }

    /// A checker that checks an application to a call in `packs.calls` against that call's
    /// pack, and every other application against `packs.base`. Compiles every pack now.
    public init(packs: PackChoice, options: Options = Options()) throws(RulePackError) {
        self.options = options
        let ruleSet = packs.base
        // The loader already checked every name in the pack; only the expressions are compiled.
        compiled = try CompiledRules(ruleSet, rules: ruleSet.rules(in: options.profile), checkingNames: false)
        scorer = ruleSet.strategy.map(AlignmentScorer.shared(for:))
        parameters = ParameterCache(ruleSet.parameters)
        var callCheckers: [String: ApplicationChecker] = [:]
        for (call, callSet) in packs.callSets {
            callCheckers[call] = try ApplicationChecker(ruleSet: callSet, options: options)
        }
        self.callCheckers = callCheckers
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

    /// Whether an application may come in the character encoding `name` (an HTTP charset).
    public static func canRead(encoding name: String) -> Bool {
        XMLDocument.canRead(encoding: name)
    }

    /// Checks an application held in memory; `file` is how findings name it. `encoding`, when
    /// given (an HTTP charset), overrides the document's own declaration.
    public func check(_ data: Data, file: String, encoding: String? = nil) -> ApplicationReport {
        let digest = Digest.sha256(data)
        let document: XMLDocument
        let root: XMLNode
        switch read(data, file: file, encoding: encoding) {
        case .success(let application): (document, root) = application
        case .failure(let failure): return blocked(file, digest, failure.findings)
        }
        if !callCheckers.isEmpty, let call = Self.callReference(of: root), let checker = callCheckers[call] {
            return checker.assess(document, root: root, file: file, digest: digest)
        }
        return assess(document, root: root, file: file, digest: digest)
    }

    /// The call the application names, as written (schema validity is checked after this).
    private static func callReference(of root: XMLNode) -> String? {
        root.child("call")?.attribute("id")?.trimmingXMLWhitespace()
    }

    /// Checks a parsed application against this checker's own pack.
    private func assess(_ document: XMLDocument, root: XMLNode, file: String, digest: String) -> ApplicationReport {
        // One walk reads every typed value and placeholder before anything else looks. A field
        // still holding a template's placeholder is reported as left to fill in, and the
        // schema's complaint about that same field (not a date, not a number) is dropped.
        let reading = ApplicationReader(types: schemas.valueTypes).read(root)
        let unfilled = reading.unfilled
        let unfilledPaths = Set(unfilled.map { $0.node.path })
        let violations = schemas.application.validate(document).filter { violation in
            guard !SchemaViolationDescription.followsAnother(violation) else { return false }
            guard let node = violation.node else { return true }
            if unfilledPaths.contains(node.path) { return false }
            // An attribute's violation names the element as its node and the attribute in the text.
            guard let attribute = SchemaViolationDescription.attribute(in: Schemas.plain(violation.message)) else {
                return true
            }
            return !unfilledPaths.contains(node.path + "/@" + attribute)
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
        // Rules see exact numbers; a value they cannot read exactly stops the assessment.
        let unreadable = reading.unreadable.map { item in
            unreadableValue(item.node, reason: item.reason, hint: item.hint, file: file)
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
            parameters: parameters.values(on: submission),
            values: reading.values
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
            facts: FactsReader.facts(of: root, values: reading.values)
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
    private func read(_ data: Data, file: String, encoding: String? = nil)
        -> Result<(XMLDocument, XMLNode), AlignmentFailure>
    {
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(data, name: file, limits: options.limits, encoding: encoding)
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
            ruleID: InputCheck.io.id,
            severity: .error,
            title: InputCheck.io.title,
            message: exists
                ? Catalog.text("checker.the-file-exists-but-cannot-be")
                : Catalog.text("checker.the-file-does-not-exist"),
            hint: exists
                ? Catalog.text("checker.check-the-file-s-permissions")
                : Catalog.text("checker.check-the-path"),
            location: SourceLocation(file: file, line: 1, column: 1),
            blocksAssessment: true
        )
        return blocked(file, nil, [finding])
    }

    /// A wrong root element, namespace or format version, worded before the schema speaks.
    private func formatProblem(_ root: XMLNode, file: String) -> Finding? {
        var location: SourceLocation {
            SourceLocation(file: file, at: root)
        }
        if root.localName != "application" || root.namespaceURI != Namespaces.application {
            let found = "<\(root.localName)>" + (root.namespaceURI.map { " (\($0))" } ?? "")
            return Finding(
                ruleID: InputCheck.format.id,
                severity: .error,
                title: InputCheck.format.title,
                message: Catalog.text("checker.the-file-is-not-an-s3check", ["found": "\(found)"]),
                hint: Catalog.text(
                    "checker.an-application-starts-with-application-xmlns", ["application": "\(Namespaces.application)"]
                ),
                location: location,
                blocksAssessment: true
            )
        }
        let version = root.attribute("formatVersion") ?? ""
        if !version.isEmpty, !version.hasPrefix("1.") {
            return Finding(
                ruleID: InputCheck.version.id,
                severity: .error,
                title: InputCheck.version.title,
                message: Catalog.text("checker.format-version-is-not-supported-this", ["version": "\(version)"]),
                hint: Catalog.text("checker.export-the-application-in-format-1"),
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
            ruleID: InputCheck.packValidity.id,
            severity: .error,
            title: InputCheck.packValidity.title,
            message: Catalog.text(
                "checker.the-submission-date-is-outside-the",
                ["submission": "\(submission)", "from": "\(window.from)", "to": "\(to)"]),
            hint: Catalog.text("checker.check-the-submission-date-or-choose"),
            location: SourceLocation(file: file, at: node),
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
            ruleID: InputCheck.fillIn.id,
            severity: .error,
            title: InputCheck.fillIn.title,
            message: reference.label.map { label, language in
                Catalog.text("checker.is-not-filled-in", language, ["label": "\(label)"])
            },
            hint: Catalog.text("checker.fill-in", ["instruction": "\(instruction)"]),
            location: SourceLocation(file: file, at: field.node),
            field: reference,
            blocksAssessment: true
        )
    }

    private func unreadableValue(_ node: XMLNode, reason: LocalizedText, hint: LocalizedText, file: String) -> Finding {
        let field = FieldReference(path: node.path, label: schemas.fieldLabel(for: node.reference.names))
        return Finding(
            ruleID: InputCheck.value.id,
            severity: .error,
            title: InputCheck.value.title,
            message: field.label.map { label, language in "\(label): " + reason[language] },
            hint: hint,
            location: SourceLocation(file: file, at: node),
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
