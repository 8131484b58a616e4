internal import CLibXML2
import Foundation

/// The XPath 1.0 core functions of ``NativeExpression``, as libxml2 2.9 computes them.
extension NativeExpression {
    static func call(_ function: CoreFunction, _ arguments: [Term], at node: xmlNodePtr, in environment: Environment)
        throws(Failure) -> Value
    {
        func argument(_ index: Int) throws(Failure) -> Value {
            try evaluate(arguments[index], at: node, in: environment)
        }
        // The functions that take an optional string default to the context node's value.
        func text(_ index: Int) throws(Failure) -> String {
            index < arguments.count ? try argument(index).string : NodeText.string(of: node)
        }
        switch function {
        case .string: return .string(try text(0))
        case .number:
            // Without an argument libxml2 converts the node's raw content, where none (a
            // processing instruction without data) is 0, not NaN.
            guard arguments.isEmpty else { return .number(try argument(0).number) }
            return .number(NodeText.hasContent(node) ? NodeText.number(of: node) : 0)
        case .boolean: return .boolean(try argument(0).boolean)
        case .not: return .boolean(!(try argument(0).boolean))
        case .true: return .boolean(true)
        case .false: return .boolean(false)
        case .count:
            guard case .nodes(let nodes) = try argument(0) else { throw Failure(reason: "count() takes a node-set") }
            return .number(Double(nodes.count))
        case .sum:
            guard case .nodes(let nodes) = try argument(0) else { throw Failure(reason: "sum() takes a node-set") }
            // Added in document order, as libxml2 adds them, so the total is the same to the bit.
            return .number(nodes.reduce(0) { $0 + NodeText.number(of: $1) })
        case .floor: return .number(Foundation.floor(try argument(0).number))
        case .ceiling: return .number(Foundation.ceil(try argument(0).number))
        case .round: return .number(Self.round(try argument(0).number))
        case .concat:
            var result = ""
            for index in arguments.indices { result += try argument(index).string }
            return .string(result)
        case .startsWith:
            let (whole, prefix) = (try argument(0).string, try argument(1).string)
            return .boolean(whole.utf8.starts(with: prefix.utf8))
        case .contains:
            let (whole, part) = (try argument(0).string, try argument(1).string)
            return .boolean(Self.bytes(of: whole, contain: part))
        case .substring:
            let whole = try argument(0).string
            let start = try argument(1).number
            let length = arguments.count == 3 ? try argument(2).number : nil
            return .string(Self.substring(of: whole, from: start, length: length))
        case .normalizeSpace:
            return .string(Self.normalizingSpace(try text(0)))
        case .stringLength:
            return .number(Double(try text(0).unicodeScalars.count))
        case .translate:
            let (whole, from, to) = (try argument(0).string, try argument(1).string, try argument(2).string)
            return .string(Self.translate(whole, from: Array(from.unicodeScalars), to: Array(to.unicodeScalars)))
        }
    }

    /// XPath 1.0's `round()` (4.4): the nearest integer, halves up; NaN and infinities as they
    /// are, and a negative number that rounds to zero gives negative zero.
    static func round(_ number: Double) -> Double {
        guard number.isFinite else { return number }
        let down = Foundation.floor(number)
        let rounded = number - down >= 0.5 ? down + 1 : down
        return rounded == 0 && number.sign == .minus ? -0.0 : rounded
    }

    /// XPath 1.0's `substring()` (4.2): the characters at positions p, counted from 1, with
    /// round(start) ≤ p < round(start) + round(length), rounded half up. In doubles, as the
    /// specification reads, so that NaN and infinite bounds select what it says they select.
    static func substring(of whole: String, from start: Double, length: Double?) -> String {
        func rounded(_ value: Double) -> Double {
            guard value.isFinite else { return value }
            let down = Foundation.floor(value)
            return value - down >= 0.5 ? down + 1 : down
        }
        let first = rounded(start)
        let end = length.map { first + rounded($0) } ?? .infinity
        guard first < end else { return "" }
        var result = String.UnicodeScalarView()
        for (offset, scalar) in whole.unicodeScalars.enumerated() {
            let position = Double(offset + 1)
            if position >= end { break }
            if position >= first { result.append(scalar) }
        }
        return String(result)
    }

    /// Leading and trailing white space removed, inner runs made one space.
    static func normalizingSpace(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Each character of `from` replaced by the one at the same place in `to`, or removed when
    /// `to` is shorter; the first occurrence in `from` counts.
    static func translate(_ text: String, from: [Unicode.Scalar], to: [Unicode.Scalar]) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard let index = from.firstIndex(of: scalar) else {
                result.append(scalar)
                continue
            }
            if index < to.count { result.append(to[index]) }
        }
        return String(result)
    }

    static func bytes(of whole: String, contain part: String) -> Bool {
        let haystack = Array(whole.utf8)
        let needle = Array(part.utf8)
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}
