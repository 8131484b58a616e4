import Foundation
import S3CheckCore

/// Renders a run as JSON, as described by `docs/report.schema.json`.
///
/// Texts carry both languages so that one report serves every reader; keys are sorted so that
/// the same run gives the same bytes.
public struct JSONReporter: StreamingReporter {
    public let context: RunContext

    public init(context: RunContext) {
        self.context = context
    }

    public func opening(_ tally: RunTally) throws -> String {
        // An empty list is written whole by the closing.
        guard context.fileCount > 0 else { return "" }
        // With sorted keys `applications` comes first: the document opens with its list, and
        // each application is written into it as it is checked.
        return "{\n  \"applications\" : [\n"
    }

    public func section(for application: ApplicationReport, at position: Int) throws -> ReportSection {
        ReportSection((position > 0 ? ",\n    " : "    ") + (try Self.json(of: application, depth: 2)))
    }

    /// One application as the report's JSON, `depth` levels deep (see `docs/report.schema.json`).
    static func json(of report: ApplicationReport, depth: Int = 0) throws -> String {
        var json = PrettyJSON(baseDepth: depth)
        json.object { json in
            if let alignment = report.alignment {
                json.key("alignment")
                write(alignment, into: &json)
            }
            json.key("counts")
            json.object { json in
                for severity in Severity.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
                    json.member(severity.rawValue, report.count(severity))
                }
            }
            if let facts = report.facts {
                json.key("facts")
                write(facts, into: &json)
            }
            json.member("file", report.file)
            json.key("findings")
            json.array(report.findings) { json, finding in write(finding, into: &json) }
            if let identity = report.identity {
                json.key("identity")
                json.object { json in
                    json.member("applicant", identity.applicant)
                    json.member("call", identity.call)
                    json.member("organisationNumber", identity.organisationNumber)
                    json.member("submissionDate", identity.submissionDate)
                    json.member("title", identity.title)
                }
            }
            json.key("results")
            json.array(report.results) { json, result in
                json.object { json in
                    json.member("outcome", result.outcome.rawValue)
                    json.member("ruleId", result.ruleID)
                }
            }
            json.member("sha256", report.sha256)
            json.member("verdict", report.verdict.rawValue)
            json.key("verdictLabel")
            write(report.verdict.label, into: &json)
        }
        guard !json.hasNonFiniteNumber else {
            throw EncodingError.invalidValue(
                report.file,
                .init(
                    codingPath: [],
                    debugDescription:
                        "\(report.file): a score is not a finite number / \(report.file): en poäng är inte ett ändligt tal"
                ))
        }
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// What the application is; amounts as exact decimal strings in `currency` ("5145000.15").
    private static func write(_ facts: ApplicationFacts, into json: inout PrettyJSON) {
        let decimal = { (value: ExactDecimal) in value.description }
        json.object { json in
            json.key("cofinancing")
            json.array(facts.cofinancing) { json, part in
                json.object { json in
                    json.member("amount", decimal(part.amount))
                    json.member("funder", part.funder)
                    json.member("kind", part.kind)
                }
            }
            json.key("costs")
            json.array(facts.costs) { json, cell in
                json.object { json in
                    json.member("amount", decimal(cell.amount))
                    json.member("category", cell.category)
                    json.member("year", cell.year)
                }
            }
            json.member("currency", facts.currency)
            json.member("erdf", decimal(facts.erdf))
            json.key("municipalities")
            json.array(facts.municipalities) { json, name in json.string(name) }
            json.key("partners")
            json.array(facts.partners) { json, partner in
                json.object { json in
                    json.member("identifier", partner.identifier)
                    json.member("kind", partner.kind)
                    json.member("name", partner.name)
                    json.member("role", partner.role)
                    json.member("sizeClass", partner.sizeClass)
                }
            }
            json.member("projectEnd", facts.projectEnd)
            json.member("projectStart", facts.projectStart)
            json.member("specificObjective", facts.specificObjective)
            if let aid = facts.stateAid {
                json.key("stateAid")
                json.object { json in
                    json.member("aidIntensity", aid.aidIntensity.map(decimal))
                    json.member("article", aid.article)
                    json.member("basis", aid.basis)
                    json.member("researchCategory", aid.researchCategory)
                }
            }
            json.member("totalCosts", decimal(facts.totalCosts))
        }
    }

    private static func write(_ text: LocalizedText, into json: inout PrettyJSON) {
        json.object { json in
            json.member("en", text.en)
            json.member("sv", text.sv)
        }
    }

    private static func write(_ alignment: S3Alignment, into json: inout PrettyJSON) {
        json.object { json in
            json.key("areas")
            json.array(alignment.areas) { json, area in
                json.object { json in
                    json.key("evidence")
                    json.array(area.evidence) { json, evidence in
                        json.object { json in
                            json.member("count", evidence.count)
                            json.member("field", evidence.field)
                            json.member("kind", evidence.kind.rawValue)
                            json.member("line", evidence.line)
                            json.member("matched", evidence.matched)
                            json.member("points", evidence.points)
                            json.member("portion", evidence.portion)
                            json.member("weight", evidence.weight)
                        }
                    }
                    json.member("id", area.id)
                    json.key("name")
                    write(area.name, into: &json)
                    json.member("score", area.score)
                    json.member("share", area.share)
                    json.member("textScore", area.textScore)
                }
            }
            json.key("conclusion")
            write(alignment.conclusion, into: &json)
            json.key("declared")
            json.array(alignment.declared) { json, area in json.string(area) }
            json.member("strategyID", alignment.strategyID)
            json.member("words", alignment.words)
        }
    }

    private static func write(_ conclusion: S3Conclusion, into json: inout PrettyJSON) {
        json.object { json in
            json.member("best", conclusion.best)
            json.member("bestScore", conclusion.bestScore)
            json.member("clear", conclusion.clear)
            json.member("clearMargin", conclusion.clearMargin)
            json.member("margin", conclusion.margin)
            json.member("runnerUpScore", conclusion.runnerUpScore)
            json.key("supported")
            json.array(conclusion.supported) { json, area in json.string(area) }
            json.member("threshold", conclusion.threshold)
        }
    }

    private static func write(_ finding: Finding, into json: inout PrettyJSON) {
        /// The first value of each name, as a dictionary would keep it.
        func dictionary(_ values: [NamedValue]) -> [String: String] {
            Dictionary(values.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        json.object { json in
            json.member("blocksAssessment", finding.blocksAssessment)
            if let field = finding.field {
                json.key("field")
                json.object { json in
                    json.key("label")
                    write(field.label, into: &json)
                    json.member("path", field.path)
                }
            }
            if let hint = finding.hint {
                json.key("hint")
                write(hint, into: &json)
            }
            if let legal = finding.legal {
                json.key("legal")
                json.object { json in
                    json.member("reference", legal.reference)
                    if let english = legal.english { json.member("referenceEn", english) }
                    json.member("url", legal.url)
                    json.member("verified", legal.verified)
                }
            }
            if let location = finding.location {
                json.key("location")
                json.object { json in
                    json.member("column", location.column)
                    json.member("file", location.file)
                    json.member("line", location.line)
                }
            }
            json.key("message")
            write(finding.message, into: &json)
            json.member("parameters", dictionary(finding.parameters))
            json.member("ruleId", finding.ruleID)
            json.member("severity", finding.severity.rawValue)
            json.key("title")
            write(finding.title, into: &json)
            json.member("values", dictionary(finding.values))
        }
    }

    public func closing(_ tally: RunTally) throws -> String {
        if context.fileCount == 0 {
            var json = PrettyJSON()
            json.object { json in
                json.key("applications")
                json.array([String]()) { _, _ in }
                writeRun(tally, into: &json)
            }
            return String(decoding: json.bytes, as: UTF8.self) + "\n"
        }
        // The members after the list, in the document whose list the sections filled.
        var json = PrettyJSON(continuingObject: true)
        writeRun(tally, into: &json)
        json.closeObject()
        return "\n  ]" + String(decoding: json.bytes, as: UTF8.self) + "\n"
    }

    /// The document's members after `applications`, keys sorted: what the run was checked
    /// against and its totals.
    private func writeRun(_ tally: RunTally, into json: inout PrettyJSON) {
        json.member("language", context.language.rawValue)
        json.member("profile", context.profile)
        json.key("rulePacks")
        json.array(context.packs) { json, pack in
            json.object { json in
                json.member("file", pack.file)
                json.member("id", pack.id)
                json.member("sha256", pack.sha256)
                json.key("title")
                json.object { json in
                    json.member("en", pack.title.en)
                    json.member("sv", pack.title.sv)
                }
                json.member("version", pack.version)
            }
        }
        json.member("schemaVersion", "1.0")
        json.key("summary")
        json.object { json in
            json.member("cannotBeAssessed", tally.count(.cannotBeAssessed))
            json.member("eligible", tally.count(.eligible))
            json.member("eligibleWithRemarks", tally.count(.eligibleWithRemarks))
            json.member("notEligible", tally.count(.notEligible))
            json.member("total", tally.applications.count)
        }
        json.key("tool")
        json.object { json in
            json.member("name", ToolInfo.name)
            json.member("version", ToolInfo.version)
        }
    }
}
