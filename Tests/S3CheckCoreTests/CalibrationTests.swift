import Foundation
import S3CheckCore
import Testing

@Suite("Calibration against labelled applications")
struct CalibrationTests {
    /// An alignment whose conclusion supports `area` (nil: none).
    private func alignment(supporting area: String?) throws -> S3Alignment {
        let supported = area.map { "[\"\($0)\"]" } ?? "[]"
        return try JSONDecoder().decode(
            S3Alignment.self,
            from: Data(
                """
                {"strategyID": "s", "declared": [], "words": 100, "areas": [], "conclusion": {"supported": \(supported),
                "bestScore": 0, "runnerUpScore": 0, "threshold": 3, "clearMargin": 2, "clear": true}}
                """.utf8))
    }

    @Test("Precision, recall, F1, macro-F1, accuracy and the confusion matrix, worked by hand")
    func figures() throws {
        let pairs: [(String, String?)] = [("a", "a"), ("a", "b"), ("b", "b"), ("none", nil), ("none", "a")]
        let items = try pairs.enumerated().map { index, pair in
            Calibration.Item(file: "\(index).xml", label: pair.0, alignment: try alignment(supporting: pair.1))
        }
        let calibration = Calibration(areas: ["a", "b", "c"], items: items)
        #expect(calibration.classes == ["a", "b", "c", "none"])
        #expect(calibration.confusion == [[1, 1, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0], [1, 0, 0, 1]])
        let byID = Dictionary(uniqueKeysWithValues: calibration.figures.map { ($0.id, $0) })
        #expect(byID["a"]?.precision == 0.5)
        #expect(byID["a"]?.recall == 0.5)
        #expect(abs((byID["b"]?.f1 ?? 0) - 2 / 3) < 1e-12)
        #expect(byID["c"]?.measured == false, "nobody labelled c and nothing was concluded c")
        #expect(byID["none"]?.precision == 1)
        #expect(byID["none"]?.recall == 0.5)
        // The mean over the three measured classes; c is left out.
        #expect(abs(calibration.macroF1 - (0.5 + 2 / 3 + 2 / 3) / 3) < 1e-12)
        #expect(calibration.accuracy == 0.6)
        #expect(calibration.disagreements.map(\.file) == ["1.xml", "4.xml"])
        #expect(calibration.disagreements.map(\.concluded) == ["b", "a"])
    }

    @Test("Labels are CSV with a header, comma, semicolon or tab separated")
    func delimiters() {
        for separator in [",", ";", "\t"] {
            let text = "file\(separator)area\na.xml\(separator)ikt\n\"b, c.xml\"\(separator)none\n"
            let file = LabelFile(text: text, file: "labels.csv", areas: ["ikt"])
            #expect(file.problems.isEmpty, "\(separator)")
            #expect(file.labels.map(\.file) == ["a.xml", "b, c.xml"], "\(separator)")
            #expect(file.labels.map(\.area) == ["ikt", "none"])
            #expect(file.labels.map(\.line) == [2, 3])
        }
    }

    @Test("Every unusable row is a problem with its line; nothing is guessed")
    func problems() {
        let file = LabelFile(
            text: "file,area\na.xml,ikt\nb.xml,IKT\n,none\na.xml,none\n", file: "labels.csv", areas: ["ikt"])
        #expect(file.labels.map(\.file) == ["a.xml"])
        #expect(file.problems.map(\.line) == [3, 4, 5])
        #expect(file.problems[0].formatted(in: .en).hasPrefix("labels.csv:3: The area \"IKT\" is not in the strategy"))
        #expect(file.problems[2].message.sv.contains("redan en etikett på rad 2"))
        let twice = LabelFile(text: "File,Area\na.xml,ikt\n./a.xml,none\n", file: "l.csv", areas: ["ikt"])
        #expect(twice.labels.count == 1, "column names in any case; ./a.xml is a.xml")
        #expect(twice.problems.map(\.line) == [3])
        let headerless = LabelFile(text: "a.xml,ikt\n", file: "l.csv", areas: ["ikt"])
        #expect(headerless.labels.isEmpty)
        #expect(headerless.problems.map(\.line) == [1])
    }
}
