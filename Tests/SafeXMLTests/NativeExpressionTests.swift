import Foundation
import S3CheckTestSupport
import SafeXML
import Testing
import XPathOracle

/// The rule language is evaluated in Swift alone; libxml2's XPath is the oracle it must agree
/// with, from every node of a document built to hit XPath's corner cases.
@Suite("The rule language's evaluator")
struct NativeExpressionTests {
    private let document = """
        <r xmlns="urn:t" xmlns:o="urn:o" code="r">
          <line kind="staff" basis="direct" amount="10"/>
          <line kind="staff" amount="20" o:kind="indirect"/>
          <line kind='indirect' basis="direct" amount="30"><note lang="sv">x</note></line>
          <o:line kind="staff" amount="40"/>
          <group><line kind="staff" amount="50"/></group>
          <line kind="" amount="&#x34;&amp;2"/>
          <plain xmlns=""><line kind="staff"/></plain>
          <v a=" 1.5 " b="1.5"/><v a="-0.1" b="x"/><v a="0.2"/><v a="1e3"/><v a="."/><v a=""/>
          <text>  Grön   omställning\tför  <b>alla</b> städer  </text>
          <id>556677-8899</id><id> 16 5566778899 </id><flag>true</flag><flag>0</flag>
          <!-- a comment --><?note 42?><?empty?>
          <n a="\u{E9}" b="e\u{301}"/><big v="0.1"/><big v="0.2"/><big v="0.3"/>
        </r>
        """

    private static let namespaces = ["t": "urn:t", "o": "urn:o", "f": "urn:f"]

    private static let functions = [
        XPathFunction(namespaceURI: "urn:f", name: "upper", arity: 1...1) {
            .string($0[0].string.uppercased())
        },
        XPathFunction(namespaceURI: "urn:f", name: "first", arity: 1...1) {
            .nodes(Array($0[0].nodes.prefix(1)))
        },
        XPathFunction(namespaceURI: "urn:f", name: "fail", arity: 0...1) { _ in
            throw FunctionFailure()
        },
        XPathFunction(namespaceURI: "urn:f", name: "reversed", arity: 1...1) {
            .nodes($0[0].nodes.reversed())
        },
        XPathFunction(namespaceURI: "urn:f", name: "twice", arity: 1...1) { .nodes($0[0].nodes + $0[0].nodes) },
    ]

    private static var variables: [String: XPathValue] {
        [
            "n": .number(20), "s": .string("staff"), "empty": .string(""), "yes": .boolean(true),
            "nul": .string("a\u{0}b"),
        ]
    }

    /// A context with variables of every type and Swift functions, as rules use them.
    private static func context() -> XPathContext {
        let xpath = XPathContext(namespaces: namespaces, functions: functions)
        xpath.variables = variables
        return xpath
    }

    /// libxml2 with the same namespaces, functions and variables.
    private static func oracle() -> LibXML2XPath {
        let oracle = LibXML2XPath(namespaces: namespaces, functions: functions)
        oracle.variables = variables
        return oracle
    }

    private struct FunctionFailure: Error, CustomStringConvertible {
        var description: String { "deliberate failure" }
    }

    /// Every node of the document, and the root, as context nodes.
    private func everyNode(_ root: XMLNode, _ oracle: LibXML2XPath) throws -> [XMLNode] {
        try oracle.evaluate("//node() | //@*", at: root).nodes + [root]
    }

    /// How many evaluations gave a value, and what they selected; every outcome must equal
    /// libxml2's, a failure included.
    @discardableResult
    private func agree(_ source: String, on text: String? = nil) throws -> (answered: Int, selected: Int) {
        let parsed = try XMLDocument.parse(Data((text ?? document).utf8), name: "t.xml")
        let root = try #require(parsed.root)
        let xpath = Self.context()
        let oracle = Self.oracle()
        let nodes = try everyNode(root, oracle)
        var shared = Self.variables
        shared["set"] = .nodes(try oracle.evaluate("//t:line/@amount", at: root).nodes)
        // Node-sets from Swift in reverse order and with a node twice: libxml2 sorts and dedups.
        let big = try oracle.evaluate("//t:big/@v", at: root).nodes
        shared["reversed"] = .nodes(big.reversed())
        shared["twice"] = .nodes(big + big.prefix(1))
        xpath.variables = shared
        oracle.variables = shared
        let expression = try xpath.compile(source)
        var answered = 0
        var selected = 0
        for node in nodes {
            let agreement = EvaluationAgreement(expression, at: node, in: xpath, oracle: oracle)
            #expect(agreement.native == agreement.reference, "\(source) at \(node.path)")
            guard let reference = agreement.referenceValue else { continue }
            answered += 1
            selected += reference.nodes.count + (reference.boolean ? 1 : 0)
        }
        #expect(answered > 0, "\(source) always failed")
        return (answered, selected)
    }

    @Test(
        "Paths give libxml2's nodes, in its order",
        arguments: [
            "t:line", "t:line[@kind = 'staff']", "t:line[@kind='staff' and @basis = \"direct\"]",
            "t:line[@basis][@kind = 'indirect']", "t:line/@amount", "t:line[@kind = 'staff']/@amount",
            "t:group/t:line", "o:line", "t:line[@kind = '']", "t:line[@amount = '4&2']", "..", "../..", "../t:line",
            ".", "@kind", "t:line/t:note[@lang = 'sv']", "plain/line", "t:plain", "t:line[ @kind = 'staff' ]",
            "t:line[@kind = 'indirect']/t:note", "t:group/o:line", "o:line/t:line", "t:plain/line", "plain/t:line",
            "t:line[@kind = $s]", "t:line[@amount = $n]/@kind", "t:line[@kind = $s and @amount = $empty]",
            "sum(../t:line[@kind = $s]/@amount)", "t:line[@kind = $yes]", "t:line[@kind = $set]",
            "t:line[@kind = 'a' or @kind = 'indirect']", "t:line[t:note]",
            "t:line[@kind != 'staff']", "t:line[@amount > 15]", "t:line[@amount = $n]", "t:line[not(@basis)]",
            "t:line[@kind = 'staff'][@amount >= 20]", "t:v[@a = @b]", "t:line[f:upper(@kind) = 'STAFF']",
            "@kind | @amount", "@amount | @kind", "t:line/@amount | t:v/@a", "t:v/@b | t:line | t:group/t:line",
            "t:line | t:line[@kind = 'staff']", "t:group | ..", "sum(t:line/@amount | t:v/@a)", "$set | t:line",
            "t:line[1]", "t:line[2]/@amount", "t:line[@kind = 'staff'][2]", "t:line[2][@kind = 'staff']",
            "t:line[$n div 10]", "t:line[count(t:note)]", "t:line[1 and @kind]", "t:line[0]", "t:line[1.5]",
            "t:line[-1]", "t:line[number(@amount) div 10]", "t:v[$empty]", "t:v[1][@a][1]", "../t:line[3]/t:note",
            "t:line[f:upper(@kind) = 'STAFF'][1]", "/t:r/t:line[@kind = 'staff']", "/t:r",
            "/t:r/t:group/t:line/@amount",
            "*", "*/t:line", "t:group/*", "*[@kind = 'staff']", "*[2]", "t:r/*", "/*", "/*/*[1]", "plain/*",
            "t:line[. != '']", "t:line[. = '']", "t:id[. = '556677-8899']",
            "t:flag[. != 'true']", "t:text[. = 'x'] | t:v[. = '']",
        ]
    )
    func paths(_ source: String) throws {
        try agree(source)
    }

    @Test(
        "Comparisons follow XPath's node-set rules as libxml2 applies them",
        arguments: [
            "t:line/@amount = 20", "t:line/@amount != 20", "t:line/@amount = '20'", "t:line/@amount != '20'",
            "t:line/@kind = t:line/@basis", "t:line/@kind != t:line/@basis", "t:line/@amount < t:v/@a",
            "t:v/@a >= t:line/@amount", "t:none = 1", "t:none != 1", "t:none = ''", "t:none = t:line",
            "t:line = true()", "t:none = false()", "t:line != false()", "t:line < true()", "true() > t:none",
            "t:v/@a = 1.5", "t:v/@a != 1.5", "t:v/@a < 1", "t:v/@a > '0'", "'2' > t:v/@a", "1 < 2", "'10' = 10",
            "'abc' = 'abc'", "true() = 'x'", "0 = false()", "'' = false()", "$s = 'staff'", "$n = '20'",
            "$n >= t:line/@amount", "$yes = 1", "@kind = 'staff'", "t:flag = 'true'", "t:flag = 1",
            "t:line/@amount = t:v/@a", "number('x') = number('x')", "number('x') != number('x')",
            "$set = 10", "$set > 45", "$set = t:line/@amount",
        ]
    )
    func comparisons(_ source: String) throws {
        try agree(source)
    }

    @Test(
        "Arithmetic, logic and the core functions give libxml2's values",
        arguments: [
            "1 + 2 * 3 - 4 div 8", "7 mod 3", "-7 mod 3", "7 mod -3", "1 div 0", "-1 div 0", "0 div 0", "- - 3",
            "-t:line/@amount", "t:line/@amount * 2", "sum(t:line/@amount)", "sum(t:v/@a)", "sum(t:none)",
            "sum(../t:line/@amount)", "sum(@amount)", "sum(t:group)", "count(t:line)", "count(t:line/@amount)",
            "count(t:none)", "$n * (t:line/@kind = 'staff') + 1", "number(t:v/@a)", "number()", "number(t:text)",
            "number(true())", "number('  -12.50 ')", "number('1e3')", "number('+1')", "number('')", "string()",
            "string(t:line/@amount)", "string(../..)", "string-length(..)", "string(1 div 3)", "string(0.1 + 0.2)",
            "string(1000000000000000000000)",
            "string(-0)",
            "string(123456789012)", "string(0.000001)", "string(0 div 0)", "string(1 div 0)", "string(true())",
            "boolean(t:none)", "boolean('')", "boolean(0 div 0)", "not(t:line)", "true() and $yes",
            "false() or 0", "t:none or t:line", "concat('a', @kind, 1, true())", "concat(t:id, '|', $n)",
            "substring('12345', 2, 3)", "substring('12345', 1.5, 2.6)", "substring('12345', 0, 3)",
            "substring('12345', -3, 5)", "substring('12345', 2)", "substring('åäö-x', 2, 2)", "substring('12345', 7)",
            "substring(t:id, 1, 6)", "substring('12345', 0.5)", "substring('12345', 2.5, -1)",
            "starts-with(t:id, '5566')", "starts-with('abc', '')", "contains(t:text, 'omställning')",
            "contains('abc', '')", "contains('ab', 'abc')", "normalize-space(t:text)", "normalize-space()",
            "normalize-space('  a \t\n b  ')", "string-length(t:text)", "string-length()", "string-length('åäö')",
            "translate(t:id, '-', '')", "translate('abcabc', 'abca', 'AB')", "translate('Grön', 'ö', 'o')",
            "round(2.5)", "round(-2.5)", "round(-0.3)", "round(0.49999999999999994)", "round(1 div 0)",
            "round(0 div 0)", "round(-1.5)", "round(t:v/@a)", "round(123456789.5)", "floor(2.5)", "floor(-2.5)",
            "ceiling(2.1)", "ceiling(-2.1)", "floor(t:v/@a)",
            "substring(t:id, string-length(t:id) - 3)", "substring('12345', 0 div 0, 3)",
            "substring('12345', 1, 0 div 0)", "substring('12345', -42, 1 div 0)",
            "substring('12345', -1 div 0, 1 div 0)",
            "substring('12345', 1 div 0)", "substring('12345', -1 div 0)", "substring('12345', 2, 1 div 0)",
            "f:upper(t:line/@kind)", "f:upper(concat(@kind, '-x'))",
            "count(f:first(t:line))", "f:first(t:line) = 10", "$empty = ''", "string($set)", "-t:none",
        ]
    )
    func values(_ source: String) throws {
        try agree(source)
    }

    @Test(
        "Node-sets and strings from Swift, number literals and Unicode compare as in libxml2",
        arguments: [
            "$reversed", "string($reversed)", "number($reversed)", "sum($reversed)", "count($twice)", "sum($twice)",
            "string(f:reversed(../t:line/@amount))", "count(f:twice(t:line))", "sum(f:reversed(t:big/@v))",
            "f:reversed(t:line)", "string-length($nul)", "$nul = 'a'", "concat($nul, 'x')", "substring($nul, 1)",
            "4.597", "2.47", "99999999999999999999", "0.123456789012345678901234", "5.", ".5", "1.5 * 3",
            "'\u{E9}' = 'e\u{301}'", "t:n/@a = t:n/@b", "t:n/@a != t:n/@b", "string(t:n/@a) = string(t:n/@b)",
            "number()", ". = ../t:line[@kind = '']/@kind", ". != ../t:line[@kind = '']/@kind", "../t:line = .",
            "t:line[@amount = $n] | $reversed",
        ]
    )
    func valuesFromOutside(_ source: String) throws {
        try agree(source)
    }

    @Test(
        "A predicate that fails in libxml2 fails natively too, in libxml2's order",
        arguments: [
            "t:line[f:fail()][@kind = 'zzz']", "t:line[f:fail() and @kind = 'zzz']", "t:line[$unbound][@kind = 'zzz']",
            "t:line[@kind = $unbound][@kind = 'zzz']", "t:line[$unbound and @kind = 'zzz']",
            "t:line[@kind = 'zzz'][f:fail()]", "t:line[@kind = 'zzz' and $unbound]",
        ]
    )
    func errorsInOrder(_ source: String) throws {
        let parsed = try XMLDocument.parse(Data(document.utf8), name: "t.xml")
        let root = try #require(parsed.root)
        let xpath = Self.context()
        let agreement = EvaluationAgreement(try xpath.compile(source), at: root, in: xpath, oracle: Self.oracle())
        #expect(agreement.native == agreement.reference, "\(source)")
    }

    @Test("Nodes of another document, through variables, are kept: each document's in its order")
    func otherDocument() throws {
        let parsed = try XMLDocument.parse(Data(document.utf8), name: "t.xml")
        let other = try XMLDocument.parse(Data("<o><v>0.1</v><v>0.2</v><v>0.3</v></o>".utf8), name: "o.xml")
        let root = try #require(parsed.root)
        let xpath = Self.context()
        let values = try xpath.evaluate(xpath.compile("v"), at: try #require(other.root)).nodes
        xpath.variables["o0"] = .nodes([values[0]])
        xpath.variables["o2"] = .nodes([values[2]])
        let union = try xpath.evaluate(xpath.compile("$o2 | t:line | $o0"), at: root).nodes
        #expect(union.count == 6)
        #expect(union.filter { $0.document === other }.map(\.stringValue) == ["0.1", "0.3"])
        #expect(union.filter { $0.document === parsed }.map(\.path) == [1, 2, 3, 5].map { "/r/line[\($0)]" })
        let sum = try xpath.evaluate(xpath.compile("sum(t:big/@v | $o2 | $o0)"), at: root).number
        #expect(abs(sum - 1.0) < 1e-9)
    }

    @Test("A long chain of operators or deep nesting is refused, not recursed through once per level")
    func longChainsAndDeepNesting() throws {
        let xpath = Self.context()
        for separator in [" + ", " or ", " | ", " = "] {
            let source = Array(repeating: "1", count: 4000).joined(separator: separator).replacingOccurrences(
                of: "1 | 1", with: "t:line | t:line")
            #expect(throws: XPathError.self, "\(separator)") { try xpath.compile(source) }
        }
        _ = try xpath.compile(Array(repeating: "1", count: 100).joined(separator: " + "))
        _ = try xpath.compile(String(repeating: "- ", count: 20) + "1")
        _ = try xpath.compile(String(repeating: "(", count: 20) + "1" + String(repeating: ")", count: 20))
        let deep = String(repeating: "(", count: 1000) + "1" + String(repeating: ")", count: 1000)
        #expect(throws: XPathError.self) { try xpath.compile(deep) }
        #expect(throws: XPathError.self) { try xpath.compile(String(repeating: "- ", count: 1000) + "1") }
    }

    @Test("The agreements are not between empty results")
    func selectsSomething() throws {
        #expect(try agree("t:line[@kind = 'staff']/@amount").selected > 0)
        #expect(try agree("t:line[@kind = 'staff' and @basis = 'direct']").selected > 0)
        #expect(try agree("../t:line").selected > 0)
        #expect(try agree("sum(t:line[@kind = 'staff']/@amount) > 0").selected > 0)
        #expect(try agree("t:line[@amount > $n]").selected > 0)
    }

    @Test("A failing function's message and an unbound variable's name reach the author")
    func failures() throws {
        let parsed = try XMLDocument.parse(Data(document.utf8), name: "t.xml")
        let root = try #require(parsed.root)
        let xpath = Self.context()
        #expect {
            try xpath.evaluate(xpath.compile("f:fail() or true()"), at: root)
        } throws: { error in
            (error as? XPathError)?.reason == "fail(): deliberate failure"
        }
        // Short-circuiting skips the call.
        #expect(try xpath.evaluate(xpath.compile("true() or f:fail()"), at: root).boolean)
        #expect {
            try xpath.evaluate(xpath.compile("$unbound = 1"), at: root)
        } throws: { error in
            (error as? XPathError)?.reason == "undefined variable $unbound"
        }
        #expect {
            try xpath.evaluate(xpath.compile("count($s)"), at: root)
        } throws: { error in
            (error as? XPathError)?.reason == "count() takes a node-set"
        }
    }

    @Test(
        "Anything outside the rule language is refused when compiled, saying what the language is",
        arguments: [
            "//t:line", "(t:line | t:group)[1]", "@*", "t:*", "unknown:line", "./t:line", "t:line/..",
            "t:line/text()", "t:ligne·x", "sum(t:line, 2)", "count()", "round()", "(t:line)[1]", "/", "self::t:r",
            "child::t:line", "$o:x", "f:first(t:line)/@amount", "1e3", "f:nonexistent(1)", "f:upper()",
            "t:line[last()]", "id('x')", "namespace::*", "t:line[position() = 2]",
        ]
    )
    func outsideTheLanguage(_ source: String) throws {
        let xpath = Self.context()
        #expect {
            try xpath.compile(source)
        } throws: { error in
            (error as? XPathError)?.reason.contains("is not in the rule language") == true
        }
    }
}
