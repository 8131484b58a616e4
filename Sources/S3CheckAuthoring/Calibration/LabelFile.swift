import Foundation
import S3CheckEngine
import S3CheckPacks
import S3CheckValues
import SwiftCSV

/// The areas people gave a set of applications, read from a CSV file, to measure the S3
/// conclusion against.
///
/// The file has a header row with the columns `file` and `area`, in Swedish `fil` and `område`
/// (others are ignored); the delimiter may be a comma, a semicolon (as Swedish spreadsheets
/// export) or a tab. `file` is the application's path relative to the folder being calibrated;
/// `area` is an area id of the strategy or `none` when the application fits no area. Two
/// optional columns make the lenient figures possible: `secondary` (`sekundär`), other areas the
/// project substantially touches, separated by spaces or `|`, and `confidence` (`säkerhet`):
/// `high`, `medium` or `low` (`hög`, `medel`, `låg`).
public struct LabelFile: Sendable {
    /// One labelled application.
    public struct Label: Sendable, Hashable {
        public var file: String
        public var area: String
        /// The row's line in the file (the header is line 1).
        public var line: Int
        /// Other areas the project substantially touches; a conclusion naming one of them is
        /// lenient agreement.
        public var secondary: [String] = []
        /// How sure the labeller was: `high`, `medium` or `low`; nil when the file does not say.
        public var confidence: String? = nil

        public init(file: String, area: String, line: Int, secondary: [String] = [], confidence: String? = nil) {
            self.file = file
            self.area = area
            self.line = line
            self.secondary = secondary
            self.confidence = confidence
        }
    }

    /// Column names as people write them, in English and Swedish, to the column they mean.
    static let columnNames: [String: String] = [
        "file": "file", "fil": "file", "area": "area", "område": "area", "omrade": "area",
        "secondary": "secondary", "sekundär": "secondary", "sekundar": "secondary",
        "confidence": "confidence", "säkerhet": "confidence", "sakerhet": "confidence",
    ]

    /// Confidence words, in English and Swedish, to the English ones.
    static let confidenceNames: [String: String] = [
        "high": "high", "hög": "high", "medium": "medium", "medel": "medium", "low": "low", "låg": "low",
    ]

    /// The label that says an application fits no area.
    public static let noArea = "none"

    public var labels: [Label]
    /// Rows that could not be used, each with its line.
    public var problems: [RuleProblem]

    /// Reads `text`, the content of `file`; area ids must be among `areas` or ``noArea``.
    public init(text: String, file: String, areas: [String]) {
        labels = []
        problems = []
        func problem(_ line: Int, _ message: LocalizedText) {
            problems.append(RuleProblem(file: file, line: line, ruleID: nil, message: message))
        }
        let table: CSV<Named>
        do {
            table = try CSV<Named>(string: text, loadColumns: false)
        } catch {
            problem(1, Catalog.text("labels.the-file-is-not-readable-csv", ["error": "\(error)"]))
            return
        }
        // Column names in any case, as spreadsheets write them, in English or Swedish.
        var columns: [String: String] = [:]
        for name in table.header {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased().precomposedStringWithCanonicalMapping
            if let meaning = Self.columnNames[key], columns[meaning] == nil { columns[meaning] = name }
        }
        guard let fileColumn = columns["file"], let areaColumn = columns["area"] else {
            problem(
                1, Catalog.text("labels.the-first-row-must-name-the"))
            return
        }
        let known = Set(areas + [Self.noArea])
        let list = (areas + [Self.noArea]).joined(separator: ", ")
        var seen: [String: Int] = [:]
        // Every problem of every row, so that one run shows all there is to correct.
        for (index, row) in table.rows.enumerated() {
            let line = index + 2
            let path = (row[fileColumn] ?? "").trimmingCharacters(in: .whitespaces)
            let area = (row[areaColumn] ?? "").trimmingCharacters(in: .whitespaces)
            let secondary =
                columns["secondary"].map { column in
                    (row[column] ?? "").split(whereSeparator: { $0 == " " || $0 == "|" }).map(String.init)
                } ?? []
            let confidenceText = columns["confidence"].map { (row[$0] ?? "").trimmingCharacters(in: .whitespaces) }
            var usable = true
            if path.isEmpty {
                problem(line, Catalog.text("labels.the-column-file-is-empty"))
                usable = false
            } else if let first = seen[Self.normalised(path)] {
                problem(
                    line, Catalog.text("labels.is-already-labelled-on-line", ["path": "\(path)", "first": "\(first)"]))
                usable = false
            }
            if !known.contains(area) {
                problem(line, Catalog.text("labels.the-area-is-not-in-the", ["area": "\(area)", "list": "\(list)"]))
                usable = false
            }
            for other in secondary where !known.contains(other) {
                problem(line, Catalog.text("labels.the-area-is-not-in-the", ["area": "\(other)", "list": "\(list)"]))
                usable = false
            }
            var confidence: String?
            if let confidenceText, !confidenceText.isEmpty {
                confidence = Self.confidenceNames[confidenceText.lowercased()]
                if confidence == nil {
                    problem(line, Catalog.text("s3fit.the-confidence-is-not-one-of", ["value": "\(confidenceText)"]))
                    usable = false
                }
            }
            if !path.isEmpty, seen[Self.normalised(path)] == nil { seen[Self.normalised(path)] = line }
            if usable {
                labels.append(
                    Label(file: path, area: area, line: line, secondary: secondary, confidence: confidence))
            }
        }
    }

    /// The path as a key for finding the same file labelled twice (`./a.xml` is `a.xml`).
    static func normalised(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: "/")).standardizedFileURL.path
    }
}
