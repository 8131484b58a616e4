import Foundation
import S3CheckCore

/// Renders a run as SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.
///
/// The driver lists every rule that ran (and the `S3C-…` input checks that fired) with its
/// legal basis as `helpUri`; results point at repository-relative files with line and column and
/// carry a fingerprint that survives unrelated edits (rule, file and field path).
public struct SARIFReporter {
    public var language: Language
    /// The folder file URIs are made relative to (normally the current directory).
    public var baseDirectory: String
    public var exitCode: Int32

    public init(language: Language, baseDirectory: String, exitCode: Int32) {
        self.language = language
        self.baseDirectory = baseDirectory
        self.exitCode = exitCode
    }

    public func render(_ run: RunReport) throws -> String {
        var descriptors: [[String: Any]] = []
        var indices: [String: Int] = [:]
        func add(id: String, title: LocalizedText, message: LocalizedText?, severity: Severity, legal: LegalReference?)
        {
            guard indices[id] == nil else { return }
            indices[id] = descriptors.count
            var help = title[language]
            if let legal, !legal.reference.isEmpty { help += "\n\(legal.reference) <\(legal.url)>" }
            var descriptor: [String: Any] = [
                "id": id,
                "name": Self.pascalCase(title.en),
                "shortDescription": ["text": title[language]],
                "fullDescription": ["text": message?[language] ?? title[language]],
                "help": [
                    "text": help,
                    "markdown": legal.map { "\(title[language])\n\n[\($0.reference)](\($0.url))" } ?? help,
                ],
                "defaultConfiguration": ["level": Self.level(severity)],
            ]
            if let legal, !legal.url.isEmpty { descriptor["helpUri"] = legal.url }
            descriptors.append(descriptor)
        }
        for rule in run.rules {
            add(id: rule.id, title: rule.title, message: rule.message, severity: rule.severity, legal: rule.legal)
        }
        for finding in run.applications.flatMap(\.findings) {
            add(
                id: finding.ruleID, title: finding.title, message: nil, severity: finding.severity, legal: finding.legal
            )
        }
        var results: [[String: Any]] = []
        for application in run.applications {
            for finding in application.findings {
                let uri = relativeURI(finding.location?.file ?? application.file)
                var location: [String: Any] = ["artifactLocation": ["uri": uri]]
                if let position = finding.location {
                    location["region"] = ["startLine": max(1, position.line), "startColumn": max(1, position.column)]
                }
                var result: [String: Any] = [
                    "ruleId": finding.ruleID,
                    "ruleIndex": indices[finding.ruleID] ?? 0,
                    "level": Self.level(finding.severity),
                    "message": ["text": finding.message[language]],
                    "locations": [["physicalLocation": location]],
                    "partialFingerprints": [
                        "s3check/v1": Fingerprint.of([finding.ruleID, uri, finding.field?.path ?? ""])
                    ],
                ]
                if let field = finding.field {
                    result["properties"] = ["field": field.label[language], "fieldPath": field.path]
                }
                results.append(result)
            }
        }
        let evaluationFailed = run.applications.contains { $0.results.contains { $0.outcome == .error } }
        let log: [String: Any] = [
            "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                [
                    "tool": [
                        "driver": [
                            "name": ToolInfo.name,
                            "version": ToolInfo.version,
                            "informationUri": ToolInfo.informationURI,
                            "rules": descriptors,
                        ]
                    ],
                    "invocations": [
                        [
                            "executionSuccessful": !evaluationFailed,
                            "exitCode": Int(exitCode),
                        ]
                    ],
                    "results": results,
                    "properties": ["s3check/alignment": alignmentProperties(run)],
                ]
            ],
        ]
        let data = try JSONSerialization.data(
            withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The smart-specialisation result of each application: declared, best, and every score.
    private func alignmentProperties(_ run: RunReport) -> [[String: Any]] {
        run.applications.compactMap { application in
            guard let alignment = application.alignment else { return nil }
            return [
                "file": relativeURI(application.file),
                "declared": alignment.declared,
                "best": alignment.best?.id ?? "",
                "scores": alignment.areas.map { ["area": $0.id, "score": $0.score, "share": $0.share] },
            ]
        }
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A path relative to the base directory, percent-encoded as a URI reference.
    func relativeURI(_ path: String) -> String {
        var relative = path
        let base = baseDirectory.hasSuffix("/") ? baseDirectory : baseDirectory + "/"
        if relative.hasPrefix(base) { relative = String(relative.dropFirst(base.count)) }
        if relative.hasPrefix("./") { relative = String(relative.dropFirst(2)) }
        return relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
    }

    /// "The project starts within …" → "TheProjectStartsWithin…", SARIF's convention for names.
    static func pascalCase(_ text: String) -> String {
        text.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
