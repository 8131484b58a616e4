import S3CheckPacks
import S3CheckValues
import SafeXML

/// Reads a parsed application once, before the schema's verdict and before any rule: every
/// typed value (decimal, date, year) as the schema types it, and every field still holding a
/// template's placeholder.
///
/// The schema accepts lexical forms that XPath 1.0 cannot read: `+2058000` and `007` are valid
/// `xs:decimal`s, but `number('+2058000')` is NaN, so a rule would see no amount and give a
/// wrong verdict. Each decimal is parsed here, once, into an ``ExactDecimal`` that the checks
/// and the facts read; a value not already canonical is also rewritten, in the in-memory
/// document only, so that XPath expressions read the same number. A value that does not fit
/// exactly (too many digits) or a date the rules cannot read (XML Schema allows years beyond
/// 9999 and before 1) is not guessed at: the application cannot be assessed, and a finding names
/// the field. Nothing the user gave is changed on disk.
struct ApplicationReader {
    let types: ValueTypes

    /// What the walk found.
    struct Reading {
        var values = ApplicationValues()
        /// Fields still holding a placeholder, in document order.
        var unfilled: [Placeholders.Unfilled] = []
        /// Values of a type the rules read that do not fit, with the reason and the fix.
        var unreadable: [(node: XMLNode, reason: LocalizedText, hint: LocalizedText)] = []
    }

    func read(_ root: XMLNode) -> Reading {
        var reading = Reading()
        // Names are interned per document, so a name's kind is looked up by its address after
        // the first time: no string is made for the hundreds of nodes an application has.
        var elementKinds = NameTable<ValueTypes.Kind?>()
        var attributeKinds = NameTable<ValueTypes.Kind?>()
        func kind(of node: XMLNode, isAttribute: Bool) -> ValueTypes.Kind? {
            let name = node.nameIdentity
            if isAttribute {
                if let known = attributeKinds[name] { return known }
                let found = types.attributes[node.localName]
                attributeKinds[name] = found
                return found
            }
            if let known = elementKinds[name] { return known }
            let found = types.elements[node.localName]
            elementKinds[name] = found
            return found
        }
        func visit(_ element: XMLNode) {
            element.forEachAttribute { attribute in
                take(attribute, kind: kind(of: attribute, isAttribute: true), into: &reading)
            }
            var isLeaf = true
            element.forEachChildElement { child in
                isLeaf = false
                visit(child)
            }
            // Only leaves hold values (the schema has no mixed content).
            if isLeaf {
                take(element, kind: kind(of: element, isAttribute: false), into: &reading)
            }
        }
        visit(root)
        return reading
    }

    /// Reads one attribute or leaf element: a placeholder, or a typed value.
    private func take(_ node: XMLNode, kind: ValueTypes.Kind?, into reading: inout Reading) {
        node.withStringValueBytes { bytes in
            // Only a text that starts with "[" can be a placeholder: most values are not copied.
            if let first = bytes.first(where: { !$0.isXMLWhitespace }), first == UInt8(ascii: "["),
                let instruction = Placeholders.instruction(String(decoding: bytes, as: UTF8.self))
            {
                reading.unfilled.append(Placeholders.Unfilled(node: node, instruction: instruction))
                return
            }
            guard let kind else { return }
            // xs:date and xs:gYear collapse whitespace, which libxml2's validator does not do:
            // a pretty-printed `<startDate> 2026-09-01 </startDate>` is trimmed before it.
            if kind != .decimal, let trimmed = Self.trimmed(bytes) {
                node.setStringValue(trimmed)
                return take(node, kind: kind, into: &reading)
            }
            switch kind {
            case .decimal:
                switch ExactDecimal.parse(bytes, as: .schema) {
                case .success(let value):
                    reading.values.set(value, for: node)
                    if !ExactDecimal.isCanonical(bytes) { node.setStringValue(value.description) }
                case .failure(.notANumber):
                    // Not a decimal at all: the schema names it.
                    break
                case .failure(let failure):
                    reading.unreadable.append(
                        (node, Self.doesNotFit(bytes, failure), Catalog.text("value.write-fewer-digits")))
                }
            case .date:
                if CalendarDate(bytes: bytes) == nil {
                    reading.unreadable.append(
                        (
                            node, Self.outOfRange(bytes, kind: kind),
                            Catalog.text("checker.write-the-year-in-four-digits")
                        ))
                }
            case .year:
                if !CalendarDate.isReadableYear(bytes) {
                    reading.unreadable.append(
                        (
                            node, Self.outOfRange(bytes, kind: kind),
                            Catalog.text("checker.write-the-year-in-four-digits")
                        ))
                } else if bytes.count == 4, bytes.allSatisfy({ (0x30...0x39).contains($0) }) {
                    // A plain year is also a number: a range over every cost line's year then
                    // reads it here instead of copying each into a string. (With a time zone,
                    // "2026Z", XPath reads no number, so that value is left to XPath.)
                    let year = bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                    reading.values.set(ExactDecimal(year), for: node)
                }
            }
        }
    }

    /// The text without the XML whitespace around it; nil when there is none to remove.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let first = bytes.first, let last = bytes.last, first.isXMLWhitespace || last.isXMLWhitespace else {
            return nil
        }
        return String(decoding: bytes, as: UTF8.self).trimmingXMLWhitespace()
    }

    private static func outOfRange(_ bytes: UnsafeBufferPointer<UInt8>, kind: ValueTypes.Kind) -> LocalizedText {
        let text = String(decoding: bytes, as: UTF8.self).trimmingXMLWhitespace()
        let what = kind == .date ? "value.the-date" : "value.the-year"
        return Catalog.text("value.outside-readable-years") { language in
            ["what": Catalog.text(what, language), "text": VisibleText.escaping(text)]
        }
    }

    private static func doesNotFit(_ bytes: UnsafeBufferPointer<UInt8>, _ failure: ExactDecimal.ParseFailure)
        -> LocalizedText
    {
        let text = VisibleText.escaping(String(decoding: bytes, as: UTF8.self).trimmingXMLWhitespace())
        switch failure {
        case .tooManyFractionDigits(let count):
            return Catalog.text(
                "value.too-many-fraction-digits",
                ["text": text, "count": "\(count)", "limit": "\(ExactDecimal.fractionDigits)"])
        case .tooManyWholeDigits(let count):
            return Catalog.text(
                "value.too-many-whole-digits",
                ["text": text, "count": "\(count)", "limit": "\(ExactDecimal.maximumWholeDigits)"])
        case .notANumber:
            return Catalog.text("value.not-a-number", ["text": text])
        }
    }
}

/// The typed values of one application, read once by ``ApplicationReader``, by node.
///
/// Each value's index (plus one) is left on its node (``XMLNode/mark``), so that the rules find
/// it from any node they select without hashing: a budget has hundreds of amounts, each read by
/// several rules. Only the walk over a freshly parsed document sets marks.
struct ApplicationValues {
    /// Each value with the node it was read from, which a look-up checks, so that a mark left by
    /// another walk over the same document can never find a wrong value.
    private var decimals: [(node: XMLNode.Identity, value: ExactDecimal)] = []

    mutating func set(_ value: ExactDecimal, for node: XMLNode) {
        decimals.append((node.identity, value))
        node.mark = decimals.count
    }

    /// The decimal the walk read for a typed field; nil for any other node.
    func decimal(of node: XMLNode) -> ExactDecimal? {
        let mark = node.mark
        guard mark > 0, mark <= decimals.count, decimals[mark - 1].node == node.identity else { return nil }
        return decimals[mark - 1].value
    }

    /// The decimal of an element's attribute, when the walk read one.
    func decimal(_ attribute: String, of element: XMLNode?) -> ExactDecimal? {
        element?.attributeNode(attribute).flatMap(decimal(of:))
    }
}
