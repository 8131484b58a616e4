import Foundation
import SwiftCSV

/// The areas people gave a set of applications, read from a CSV file, to measure the S3
/// conclusion against.
///
/// The file has a header row with the columns `file` and `area` (others are ignored); the
/// delimiter may be a comma, a semicolon (as Swedish spreadsheets export) or a tab. `file` is the
/// application's path relative to the folder being calibrated; `area` is an area id of the
/// strategy or `none` when the application fits no area.
public struct LabelFile: Sendable {
    /// One labelled application.
    public struct Label: Sendable, Hashable {
        public var file: String
        public var area: String
        /// The row's line in the file (the header is line 1).
        public var line: Int
    }

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
        // Column names in any case, as spreadsheets write them.
        let columns = Dictionary(table.header.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        guard let fileColumn = columns["file"], let areaColumn = columns["area"] else {
            problem(
                1, Catalog.text("labels.the-first-row-must-name-the"))
            return
        }
        let known = Set(areas + [Self.noArea])
        var seen: [String: Int] = [:]
        for (index, row) in table.rows.enumerated() {
            let line = index + 2
            let path = (row[fileColumn] ?? "").trimmingCharacters(in: .whitespaces)
            let area = (row[areaColumn] ?? "").trimmingCharacters(in: .whitespaces)
            if path.isEmpty {
                problem(line, Catalog.text("labels.the-column-file-is-empty"))
            } else if !known.contains(area) {
                let list = (areas + [Self.noArea]).joined(separator: ", ")
                problem(
                    line, Catalog.text("labels.the-area-is-not-in-the", ["area": "\(area)", "list": "\(list)"]))
            } else if let first = seen[Self.normalised(path)] {
                problem(
                    line, Catalog.text("labels.is-already-labelled-on-line", ["path": "\(path)", "first": "\(first)"]))
            } else {
                seen[Self.normalised(path)] = line
                labels.append(Label(file: path, area: area, line: line))
            }
        }
    }

    /// The path as a key for finding the same file labelled twice (`./a.xml` is `a.xml`).
    static func normalised(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: "/")).standardizedFileURL.path
    }
}
