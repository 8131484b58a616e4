import S3CheckEngine
import S3CheckPacks
import S3CheckValues

/// How well a strategy's conclusions agree with the areas people gave the same applications:
/// per-area precision, recall and F1, macro-F1, the confusion matrix and every disagreement.
///
/// Classes are the strategy's areas and ``LabelFile/noArea``; an application's concluded class
/// is ``S3Conclusion/area`` (the best supported area, even when the conclusion supports more
/// than one), or `none` when the evidence supports no area. A class that is neither labelled nor
/// concluded is not measured and left out of macro-F1, as scikit-learn does by default; within a
/// measured class, precision of a class never concluded and recall of a class never labelled
/// count as 0 (`zero_division=0`).
public struct Calibration: Sendable {
    /// One labelled application and what s3check concluded.
    public struct Item: Sendable {
        public var file: String
        public var label: String
        public var concluded: String
        public var alignment: S3Alignment
        /// Other areas the labeller said the project substantially touches.
        public var secondary: [String]
        /// `high`, `medium` or `low`; nil when the labels do not say.
        public var confidence: String?

        public init(
            file: String, label: String, alignment: S3Alignment, secondary: [String] = [], confidence: String? = nil
        ) {
            self.file = file
            self.label = label
            self.alignment = alignment
            self.secondary = secondary
            self.confidence = confidence
            concluded = alignment.conclusion.area ?? LabelFile.noArea
        }

        /// The conclusion is the label or one of the secondary areas.
        public var agreesLeniently: Bool {
            concluded == label || secondary.contains(concluded)
        }
    }

    /// Precision, recall and F1 of one class.
    public struct ClassFigures: Sendable {
        public var id: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// How many applications carry this label.
        public var labelled: Int
        /// How many s3check concluded to be this class.
        public var concluded: Int
        /// Whether the class occurs at all, as a label or a conclusion.
        public var measured: Bool { labelled + concluded > 0 }
    }

    /// The strategy's area ids, then `none`.
    public let classes: [String]
    public let items: [Item]
    public let figures: [ClassFigures]
    /// The unweighted mean of the F1 of every measured class.
    public let macroF1: Double
    /// The share of applications whose conclusion is their label, 0–1.
    public let accuracy: Double
    /// `confusion[label][concluded]`, indexed as ``classes``.
    public let confusion: [[Int]]
    /// The share whose conclusion is their label or a secondary area, 0–1.
    public let lenientAccuracy: Double
    /// The same over the labels given with high confidence; nil when no label says its confidence.
    public let lenientHigh: Double?
    /// How many labels were given with high confidence.
    public let highCount: Int

    public init(areas: [String], items: [Item]) {
        classes = areas + [LabelFile.noArea]
        self.items = items
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var confusion = Array(repeating: Array(repeating: 0, count: classes.count), count: classes.count)
        for item in items {
            guard let row = index[item.label], let column = index[item.concluded] else { continue }
            confusion[row][column] += 1
        }
        self.confusion = confusion
        figures = classes.enumerated().map { position, id in
            let hits = confusion[position][position]
            let labelled = confusion[position].reduce(0, +)
            let concluded = confusion.reduce(0) { $0 + $1[position] }
            let precision = concluded > 0 ? Double(hits) / Double(concluded) : 0
            let recall = labelled > 0 ? Double(hits) / Double(labelled) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            return ClassFigures(
                id: id, precision: precision, recall: recall, f1: f1, labelled: labelled, concluded: concluded)
        }
        let measured = figures.filter(\.measured)
        macroF1 = measured.isEmpty ? 0 : measured.reduce(0) { $0 + $1.f1 } / Double(measured.count)
        let agreed = items.filter { $0.label == $0.concluded }.count
        accuracy = items.isEmpty ? 0 : Double(agreed) / Double(items.count)
        lenientAccuracy = items.isEmpty ? 0 : Double(items.filter(\.agreesLeniently).count) / Double(items.count)
        let high = items.filter { $0.confidence == "high" }
        highCount = high.count
        lenientHigh = high.isEmpty ? nil : Double(high.filter(\.agreesLeniently).count) / Double(high.count)
    }

    /// The applications whose conclusion is not their label, in input order.
    public var disagreements: [Item] {
        items.filter { $0.label != $0.concluded }
    }
}
