import Foundation
import S3CheckCore

extension Language {
    /// `value` with `decimals` decimals and this language's decimal separator: `122,9` in
    /// Swedish, `122.9` in English. For text people read; machine formats keep the point.
    func decimal(_ value: Double, decimals: Int = 1) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return self == .sv ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
