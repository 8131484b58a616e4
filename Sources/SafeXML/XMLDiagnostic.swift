/// One message from libxml2 about a document, schema or expression, with its position.
public struct XMLDiagnostic: Sendable, Hashable {
    /// How serious libxml2 considers the problem.
    public enum Level: Sendable, Hashable {
        case warning
        case error
        case fatal
    }

    /// The kind of problem, so that callers can word it themselves.
    public enum Category: Sendable, Hashable {
        /// The text is not well-formed XML (or not decodable).
        case syntax
        /// The document does not match an XSD.
        case schema
        /// An XPath expression failed to compile or evaluate.
        case xpath
        /// Anything else libxml2 reported.
        case other
    }

    public var level: Level
    public var category: Category
    /// libxml2's numeric error code (`xmlParserErrors`).
    public var code: Int
    /// libxml2's own English text, trimmed; callers translate the common cases.
    public var message: String
    /// 1-based line, or nil when libxml2 gave none.
    public var line: Int?
    /// 1-based column, or nil when libxml2 gave none.
    public var column: Int?
    /// The element or attribute the message is about, when libxml2 named one.
    public var node: NodeReference?

    public init(
        level: Level,
        category: Category,
        code: Int,
        message: String,
        line: Int?,
        column: Int?,
        node: NodeReference? = nil
    ) {
        self.level = level
        self.category = category
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.node = node
    }
}

/// A detached description of a node: enough to locate and name it after the document is gone.
public struct NodeReference: Sendable, Hashable {
    /// The local name of the element or attribute.
    public var localName: String
    /// The slash-separated path from the root, with positions where siblings share a name.
    public var path: String
    /// The 1-based line of the node in its source.
    public var line: Int
    /// The local names from the root to this node, for looking up human labels.
    public var names: [String]

    public init(localName: String, path: String, line: Int, names: [String]) {
        self.localName = localName
        self.path = path
        self.line = line
        self.names = names
    }
}
