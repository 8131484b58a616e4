import S3CheckPacks
import S3CheckValues
import SafeXML

extension SourceLocation {
    /// Where `node` starts in `file`, found once in the source text (see `XMLNode.position`).
    init(file: String, at node: XMLNode) {
        let position = node.position
        self.init(file: file, line: position.line, column: position.column)
    }
}
