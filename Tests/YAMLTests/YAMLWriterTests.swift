import TestSupport
import Testing

@testable import YAML

@Suite("YAMLWriter")
struct YAMLWriterTests {
    // MARK: - A whole document

    @Test func writesOpenAPITreeWithCloudFormationTagsExactly() {
        let integration: Node = [
            "type": "aws_proxy",
            "httpMethod": "POST",
            "uri": Node(
                scalar: Scalar(
                    text: "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations",
                    kind: .string),
                tag: "!Sub"),
            "credentials": Node(scalar: Scalar(text: "Role.Arn", kind: .string), tag: "!GetAtt"),
            "requestTemplates": Node.sequence(
                ["${A}-x", ["A": Node(scalar: Scalar(text: "B", kind: .string), tag: "!Ref")]], tag: "!Sub"),
            "cacheKeyParameters": Node.sequence([], tag: "!Split"),
            "passthroughBehavior": .null(),
            "contentHandling": Node(scalar: Scalar(text: "True", kind: .bool)),
        ]
        var responses = Mapping()
        responses.append(key: .int(200), value: ["description": "OK", "content": [:]])
        responses.append(key: "404", value: ["description": "not found: no pet has this id"])
        let tree: Node = [
            "openapi": "3.0.3",
            "info": [
                "title": "Pets",
                "version": "1.0",
                "description": "A pet store.\n\nSecond paragraph.\n",
            ],
            "paths": [
                "/pets/{id}": [
                    "get": [
                        "tags": ["pets"],
                        "parameters": [
                            [
                                "name": "id",
                                "in": "path",
                                "required": true,
                                "schema": ["type": "integer", "minimum": 1, "maximum": .number("1.5e3")],
                            ]
                        ],
                        "responses": .mapping(responses),
                        "security": [],
                        "x-amazon-apigateway-integration": integration,
                    ]
                ]
            ],
        ]
        let expected = """
            openapi: "3.0.3"
            info:
              title: Pets
              version: "1.0"
              description: |
                A pet store.

                Second paragraph.
            paths:
              /pets/{id}:
                get:
                  tags:
                    - pets
                  parameters:
                    - name: id
                      in: path
                      required: true
                      schema:
                        type: integer
                        minimum: 1
                        maximum: 1.5e+3
                  responses:
                    200:
                      description: OK
                      content: {}
                    "404":
                      description: "not found: no pet has this id"
                  security: []
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
                    credentials: !GetAtt Role.Arn
                    requestTemplates: !Sub
                      - ${A}-x
                      - A: !Ref B
                    cacheKeyParameters: !Split []
                    passthroughBehavior: null
                    contentHandling: true

            """
        #expect(YAMLWriter.write(tree) == expected)
    }

    // MARK: - Choosing a string's style

    /// Strings and how they are written on one line: plain only where both a YAML 1.2 and a
    /// YAML 1.1 reader (PyYAML, CloudFormation tooling) would read the same string back.
    static let oneLineStrings: [(String, String)] = [
        ("plain words", "plain words"),
        ("/pets/{id}", "/pets/{id}"),
        ("https://example.com/a#b", "https://example.com/a#b"),
        ("a:b", "a:b"),
        ("x-amazon-apigateway-integration", "x-amazon-apigateway-integration"),
        ("é", "é"),
        ("👍", "👍"),
        ("a\"b\\c", "a\"b\\c"),
        ("-x", "-x"),
        ("?x", "?x"),
        (":x", ":x"),
        ("o", "o"),
        ("NaN", "NaN"),
        ("${A}-x", "${A}-x"),
        ("'*'", "\"'*'\""),
        ("yes", "\"yes\""),
        ("Yes", "\"Yes\""),
        ("YES", "\"YES\""),
        ("no", "\"no\""),
        ("NO", "\"NO\""),
        ("on", "\"on\""),
        ("On", "\"On\""),
        ("off", "\"off\""),
        ("OFF", "\"OFF\""),
        ("y", "\"y\""),
        ("Y", "\"Y\""),
        ("n", "\"n\""),
        ("N", "\"N\""),
        ("null", "\"null\""),
        ("Null", "\"Null\""),
        ("~", "\"~\""),
        ("true", "\"true\""),
        ("False", "\"False\""),
        ("=", "\"=\""),
        ("<<", "\"<<\""),
        ("0x1F", "\"0x1F\""),
        ("0o17", "\"0o17\""),
        ("0777", "\"0777\""),
        ("1_000", "\"1_000\""),
        ("12:30", "\"12:30\""),
        ("1e3", "\"1e3\""),
        ("3.0", "\"3.0\""),
        ("200", "\"200\""),
        (".5", "\".5\""),
        ("._5", "\"._5\""),
        (".inf", "\".inf\""),
        ("-.inf", "\"-.inf\""),
        ("+.5", "\"+.5\""),
        ("+1", "\"+1\""),
        ("-1", "\"-1\""),
        ("2024-01-01", "\"2024-01-01\""),
        ("---", "\"---\""),
        ("--- x", "\"--- x\""),
        ("...", "\"...\""),
        (":", "\":\""),
        ("-", "\"-\""),
        ("?", "\"?\""),
        ("#", "\"#\""),
        ("a: b", "\"a: b\""),
        ("a #b", "\"a #b\""),
        ("- x", "\"- x\""),
        ("? x", "\"? x\""),
        ("x:", "\"x:\""),
        (" leading", "\" leading\""),
        ("trailing ", "\"trailing \""),
        ("", "\"\""),
        ("@at", "\"@at\""),
        ("`tick", "\"`tick\""),
        ("%pct", "\"%pct\""),
        ("!bang", "\"!bang\""),
        ("&amp", "\"&amp\""),
        ("*star", "\"*star\""),
        ("{x}", "\"{x}\""),
        ("[x]", "\"[x]\""),
        (",x", "\",x\""),
        ("|x", "\"|x\""),
        (">x", "\">x\""),
        ("\"q\"", "\"\\\"q\\\"\""),
        ("tab\there", "\"tab\\there\""),
        ("\u{0}", "\"\\0\""),
        ("\u{1}", "\"\\x01\""),
        ("\u{7}", "\"\\a\""),
        ("\u{8}\u{B}\u{C}", "\"\\b\\v\\f\""),
        ("a\rb", "\"a\\rb\""),
        ("\u{1B}[0m", "\"\\e[0m\""),
        ("\u{1F}", "\"\\x1F\""),
        ("\u{7F}", "\"\\x7F\""),
        ("\u{80}", "\"\\x80\""),
        ("a\u{85}b", "\"a\\Nb\""),
        ("\u{9F}", "\"\\x9F\""),
        ("\u{A0}nbsp", "\u{A0}nbsp"),
        ("\u{2028}", "\"\\L\""),
        ("\u{2029}", "\"\\P\""),
        ("\u{FEFF}bom", "\"\\uFEFFbom\""),
        ("\u{FFFE}", "\"\\uFFFE\""),
        ("\u{FFFF}", "\"\\uFFFF\""),
        ("é\u{2028}👍", "\"é\\L👍\""),
    ]

    @Test(arguments: oneLineStrings)
    func writesOneLineStringValue(_ text: String, _ expected: String) {
        #expect(YAMLWriter.write(.string(text)) == expected + "\n")
        #expect(YAMLWriter.write(["k": .string(text)]) == "k: \(expected)\n")
        #expect(YAMLWriter.write([.string(text)]) == "- \(expected)\n")
    }

    @Test(arguments: oneLineStrings)
    func writesOneLineStringKey(_ text: String, _ expected: String) {
        #expect(YAMLWriter.write([text: 1]) == "\(expected): 1\n")
    }

    // MARK: - Multi-line strings

    /// Multi-line values under a key `d` that is followed by `e: 1`, so that no value is
    /// the last thing in the document.
    static let multiLineStrings: [(String, String)] = [
        ("a\nb\n", "d: |\n  a\n  b\n"),
        ("a\nb", "d: |-\n  a\n  b\n"),
        ("a\nb\n\n", "d: |+\n  a\n  b\n\n"),
        ("a\n\n\n", "d: |+\n  a\n\n\n"),
        ("a\n\nb\n", "d: |\n  a\n\n  b\n"),
        ("a\n\n\nb", "d: |-\n  a\n\n\n  b\n"),
        ("a\n  indented\n", "d: |\n  a\n    indented\n"),
        ("a\n\tb\n", "d: |\n  a\n  \tb\n"),
        ("# not a comment\n--- x\n", "d: |\n  # not a comment\n  --- x\n"),
        ("key: value\n- item", "d: |-\n  key: value\n  - item\n"),
        ("a \nb", "d: \"a \\nb\"\n"),
        ("a\n \nb", "d: \"a\\n \\nb\"\n"),
        ("a\nb ", "d: \"a\\nb \"\n"),
        ("a\t\nb", "d: \"a\\t\\nb\"\n"),
        (" a\nb", "d: \" a\\nb\"\n"),
        ("\ta\nb", "d: \"\\ta\\nb\"\n"),
        ("\na", "d: \"\\na\"\n"),
        ("\n", "d: \"\\n\"\n"),
        ("\n\n", "d: \"\\n\\n\"\n"),
        ("a\r\nb", "d: \"a\\r\\nb\"\n"),
        ("a\n\u{7}", "d: \"a\\n\\a\"\n"),
        ("a\n\u{2028}", "d: \"a\\n\\L\"\n"),
    ]

    @Test(arguments: multiLineStrings)
    func writesMultiLineString(_ text: String, _ expected: String) {
        #expect(YAMLWriter.write(["d": .string(text), "e": 1]) == expected + "e: 1\n")
    }

    @Test func indentsLiteralBlockUnderItsOwner() {
        #expect(YAMLWriter.write(.string("a\nb\n")) == "|\n  a\n  b\n")
        #expect(YAMLWriter.write(["a\nb\n", "c"]) == "- |\n  a\n  b\n- c\n")
        #expect(YAMLWriter.write([["k": 1, "d": "x\ny"], 2]) == "- k: 1\n  d: |-\n    x\n    y\n- 2\n")
        #expect(
            YAMLWriter.write(["d": Node(scalar: Scalar(text: "x\ny\n", kind: .string), tag: "!Sub")])
                == "d: !Sub |\n  x\n  y\n")
    }

    /// `|+` keeps its trailing empty lines, so as the document's last value it would end the
    /// file with several newlines; there it is double-quoted instead.
    @Test func quotesKeptBreaksAtEndOfDocument() {
        #expect(YAMLWriter.write(["d": "a\n\n"]) == "d: \"a\\n\\n\"\n")
        #expect(YAMLWriter.write(["d": ["a\n\n"]]) == "d:\n  - \"a\\n\\n\"\n")
        #expect(YAMLWriter.write(["d": ["a\n\n", 1]]) == "d:\n  - |+\n    a\n\n  - 1\n")
        #expect(YAMLWriter.write(.string("a\n\n")) == "\"a\\n\\n\"\n")
    }

    @Test func neverFoldsLongLines() {
        let long = String(repeating: "word ", count: 400) + "end"
        #expect(YAMLWriter.write(["d": .string(long)]) == "d: \(long)\n")
        let quoted = String(repeating: "a: b ", count: 400)
        #expect(YAMLWriter.write(["d": .string(quoted)]) == "d: \"\(quoted)\"\n")
    }

    // MARK: - Keys

    @Test func writesKeysByKind() {
        var m = Mapping()
        m.append(key: .int(200), value: "int")
        m.append(key: "201", value: "string")
        m.append(key: .bool(true), value: "bool")
        m.append(key: .null(), value: "null")
        m.append(key: .number("1.5"), value: "float")
        m.append(key: "a\nb", value: "line break")
        m.append(key: Node(scalar: Scalar(text: "Name", kind: .string), tag: "!Ref"), value: "tagged")
        m.append(key: "", value: "empty")
        let expected = """
            200: int
            "201": string
            true: bool
            null: "null"
            1.5: float
            "a\\nb": line break
            !Ref Name: tagged
            "": empty

            """
        #expect(YAMLWriter.write(.mapping(m)) == expected)
    }

    /// YAML allows an implicit key of at most 1024 characters; a longer one must be explicit.
    @Test func usesExplicitKeyBeyondSimpleKeyLimit() {
        let fits = String(repeating: "k", count: 1024)
        let tooLong = String(repeating: "k", count: 1025)
        #expect(YAMLWriter.write([fits: 1]) == "\(fits): 1\n")
        #expect(YAMLWriter.write([tooLong: 1]) == "? \(tooLong)\n: 1\n")
        let quotedTooLong = String(repeating: "k", count: 1023) + " "
        #expect(YAMLWriter.write([quotedTooLong: 1]) == "? \"\(quotedTooLong)\"\n: 1\n")
        #expect(
            YAMLWriter.write([["a": 1, tooLong: ["b": [2]]]])
                == "- a: 1\n  ? \(tooLong)\n  :\n    b:\n      - 2\n")
    }

    // MARK: - Collections and scalars

    @Test func writesEmptyCollectionsInFlowStyle() {
        #expect(YAMLWriter.write([:]) == "{}\n")
        #expect(YAMLWriter.write([]) == "[]\n")
        #expect(YAMLWriter.write(.sequence([], tag: "!Tag")) == "!Tag []\n")
        #expect(YAMLWriter.write(.mapping(Mapping(), tag: "!Tag")) == "!Tag {}\n")
        #expect(YAMLWriter.write(["a": [], "b": [:], "c": [[], [:]]]) == "a: []\nb: {}\nc:\n  - []\n  - {}\n")
    }

    @Test func nestsSequencesAndMappings() {
        #expect(YAMLWriter.write([[1, 2], [], [[3]]]) == "- - 1\n  - 2\n- []\n- - - 3\n")
        #expect(YAMLWriter.write([["a": 1, "b": ["c": 2]]]) == "- a: 1\n  b:\n    c: 2\n")
        #expect(YAMLWriter.write(["a": ["b": ["c": [1]]]]) == "a:\n  b:\n    c:\n      - 1\n")
        #expect(YAMLWriter.write([[["a": 1, "b": 2]]]) == "- - a: 1\n    b: 2\n")
    }

    @Test func writesTaggedCollectionsBelowTheirTag() {
        #expect(YAMLWriter.write(.sequence(["a"], tag: "!Sub")) == "!Sub\n- a\n")
        #expect(YAMLWriter.write(.mapping(["a": 1], tag: "!T")) == "!T\na: 1\n")
        #expect(YAMLWriter.write([.sequence(["a", "b"], tag: "!Join")]) == "- !Join\n  - a\n  - b\n")
        #expect(YAMLWriter.write([.mapping(["a": 1, "b": 2], tag: "!T")]) == "- !T\n  a: 1\n  b: 2\n")
        #expect(YAMLWriter.write(["v": .mapping(["a": 1], tag: "!T")]) == "v: !T\n  a: 1\n")
    }

    @Test func writesScalarsByKind() {
        let scalars: Node = [
            .null(),
            Node(scalar: Scalar(text: "~", kind: .null)),
            Node(scalar: Scalar(text: "TRUE", kind: .bool)),
            Node(scalar: Scalar(text: "False", kind: .bool)),
            .number("0x1F"),
            .number("-7"),
            .number("1e3"),
            .number("-.inf"),
            .number(".nan"),
            Node(scalar: Scalar(text: "null", kind: .null), tag: "!Ref"),
        ]
        #expect(
            YAMLWriter.write(scalars)
                == "- null\n- null\n- true\n- false\n- 31\n- -7\n- 1.0e+3\n- -.inf\n- .nan\n- !Ref null\n")
        #expect(YAMLWriter.write(7) == "7\n")
        #expect(YAMLWriter.write(.null()) == "null\n")
    }

    // MARK: - Tags

    static let tags: [(String, String)] = [
        ("!Ref", "!Ref"),
        ("!GetAtt", "!GetAtt"),
        ("!", "!"),
        ("!a/b.c-d_e~f", "!a/b.c-d_e~f"),
        ("tag:yaml.org,2002:str", "!!str"),
        ("tag:yaml.org,2002:binary", "!!binary"),
        ("tag:example.com,2000:app/foo", "!<tag:example.com,2000:app/foo>"),
        ("!a b", "!<!a%20b>"),
        ("!a!b", "!<!a!b>"),
        ("!a,b", "!<!a,b>"),
        ("!café", "!<!caf%C3%A9>"),
        ("!50%", "!<!50%25>"),
        ("!a#b", "!<!a%23b>"),
        ("!{x}", "!<!%7Bx%7D>"),
    ]

    @Test(arguments: tags)
    func writesTag(_ tag: String, _ expected: String) {
        #expect(YAMLWriter.write(Node(scalar: Scalar(text: "x", kind: .string), tag: tag)) == "\(expected) x\n")
    }

    // MARK: - Properties of every output

    @Test(arguments: 0..<40)
    func outputHasNoTrailingSpacesAndOneFinalNewline(seed: Int) {
        var generator = TreeGenerator(seed: UInt64(seed))
        let text = YAMLWriter.write(generator.document())
        #expect(text.hasSuffix("\n"))
        #expect(!text.hasSuffix("\n\n"))
        #expect(!text.utf8.contains(0x0D))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            #expect(line.last != " " && line.last != "\t", "trailing blank in \(line)")
        }
    }

    /// The contract the whole project leans on: what the writer prints, the reader reads back
    /// as the same tree (same kinds, same strings, same tags, same key order).
    @Test(arguments: 0..<200)
    func readerReadsBackWhatWriterWrote(seed: Int) throws {
        var generator = TreeGenerator(seed: UInt64(seed))
        let tree = generator.document()
        let text = YAMLWriter.write(tree)
        let read = try YAMLReader.read(Array(text.utf8), file: "t.yaml")
        #expect(read == tree, "seed \(seed) wrote:\n\(text)")
    }

    @Test func readerReadsBackEveryTableString() throws {
        var keys = Mapping()
        var values: [Node] = []
        for (index, (text, _)) in Self.oneLineStrings.enumerated() {
            keys.append(key: .string(text), value: .int(index))
            values.append(.string(text))
        }
        for (text, _) in Self.multiLineStrings {
            values.append(.string(text))
        }
        let tree: Node = ["keys": .mapping(keys), "values": .sequence(values)]
        let text = YAMLWriter.write(tree)
        #expect(try YAMLReader.read(Array(text.utf8), file: "t.yaml") == tree, "wrote:\n\(text)")
    }
}


/// Builds random trees that stress the writer: awkward strings, numbers in several
/// spellings, CloudFormation tags on scalars and sequences, int keys and long keys.
struct TreeGenerator {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// Strings that need care, from the writer's tables and beyond.
    static let awkwardStrings: [String] =
        YAMLWriterTests.oneLineStrings.map(\.0) + YAMLWriterTests.multiLineStrings.map(\.0) + [
            "a\n\n", "x\ny\n\n\n", String(repeating: "long key ", count: 120), "Fn::GetAtt", "Ref",
        ]

    /// Characters that random strings are made of, weighted towards YAML's indicators.
    static let alphabet: [Character] = Array("ab Z09:#-?.,'\"\\{}[]!&*|>%@`~\n\t\r") + [
        "é", "👍", "\u{85}", "\u{2028}", "\u{FEFF}", "\u{0}", "\u{7F}", "\u{A0}",
    ]

    /// A document: mostly a mapping, as a spec is, sometimes a sequence or a scalar.
    mutating func document() -> Node {
        switch random.below(10) {
        case 0: return scalar()
        case 1: return sequence(depth: 0)
        default: return mapping(depth: 0)
        }
    }

    private mutating func node(depth: Int) -> Node {
        if depth >= 5 { return scalar() }
        switch random.below(10) {
        case 0...1: return mapping(depth: depth + 1)
        case 2...3: return sequence(depth: depth + 1)
        default: return scalar()
        }
    }

    private mutating func mapping(depth: Int) -> Node {
        var mapping = Mapping()
        var usedKeys: Set<String> = []
        for _ in 0..<random.below(6) {
            let key: Node
            if random.chance(15) {
                key = .int(random.below(600))
            } else {
                key = .string(string())
            }
            // Readers reject a duplicate key, and keys match by text whatever their kind.
            guard usedKeys.insert(key.text!).inserted else { continue }
            mapping.append(key: key, value: node(depth: depth))
        }
        return .mapping(mapping, tag: random.chance(5) ? "!Tag" : nil)
    }

    private mutating func sequence(depth: Int) -> Node {
        var items: [Node] = []
        for _ in 0..<random.below(5) {
            items.append(node(depth: depth))
        }
        return .sequence(items, tag: random.chance(15) ? tag() : nil)
    }

    private mutating func scalar() -> Node {
        switch random.below(20) {
        case 0...1: return .int(Int(truncatingIfNeeded: random.next()) >> random.below(64))
        case 2: return .number(["1.5", "-0.25", "1e3", ".5", "3.0", "0x1F", "0o17", "+7", ".inf", "-.Inf"][random.below(10)])
        case 3: return .bool(random.chance(50))
        case 4: return .null()
        case 5...6: return Node(scalar: Scalar(text: string(), kind: .string), tag: tag())
        default: return .string(string())
        }
    }

    private mutating func tag() -> String {
        ["!Ref", "!Sub", "!GetAtt"][random.below(3)]
    }

    private mutating func string() -> String {
        if random.chance(50) {
            return Self.awkwardStrings[random.below(Self.awkwardStrings.count)]
        }
        var s = ""
        for _ in 0..<random.below(12) {
            s.append(Self.alphabet[random.below(Self.alphabet.count)])
        }
        return s
    }
}

/// The writer remembers the style of long strings it has written by where their bytes are;
/// shared strings and equal copies must come out the same.
@Suite struct StyleCacheTests {
    static let texts = [
        "a plain description long enough to live on the heap",
        "a value with a colon: and a space, so quoted",
        "first line of a block\nsecond line of the block\n",
        "#set($origin = \"\")##\n#if($origin == \"x\")##\n#end##\n$input.body",
        "  leading spaces make it quoted though it is long",
    ]

    @Test func sharedStringsAreWrittenLikeCopies() {
        var shared = Mapping()
        var copied = Mapping()
        for round in 0..<600 {
            for (index, text) in Self.texts.enumerated() {
                let key = "k\(round)-\(index)"
                shared.append(key: .string(key), value: .string(text))
                // A fresh string each time, with its own storage.
                copied.append(key: .string(key), value: .string(String(decoding: Array(text.utf8), as: UTF8.self)))
            }
        }
        let fromShared = YAMLWriter.write(.mapping(shared))
        #expect(fromShared == YAMLWriter.write(.mapping(copied)))
        #expect(fromShared.contains("k599-2: |\n  first line of a block\n  second line of the block\n"))
        #expect(fromShared.contains("k599-1: \"a value with a colon: and a space, so quoted\"\n"))
    }
}

/// The style of a string is decided alike whether its bytes are looked at one by one or the
/// plain ASCII among them are passed over eight at a time.
@Suite struct StringStyleWordTests {
    /// Bytes that decide a style, mixed with plain text: runs of them land anywhere in a word.
    static let pieces: [String] = [
        "a", "abcdefgh", " ", "#", " #", ":", ": ", "\n", "\t", "\u{7F}", "\u{1}", "é", "\u{85}", "\u{A0}", "\u{2028}",
        "\u{FEFF}", "\u{FFFE}", "☕", "-", "?", "0", "y", "'", "\"", "  ", "\n\n",
    ]

    @Test func skippingPlainWordsDecidesAsEveryByteDoes() {
        var random = SplitMix64(seed: 0x57_7E_5C)
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<random.below(12) { text += Self.pieces[random.below(Self.pieces.count)] }
            var copy = text
            copy.withUTF8 { bytes in
                for isKey in [false, true] {
                    let fast = StringStyle.of(utf8: bytes, isKey: isKey)
                    let slow = StringStyle.of(utf8: bytes, isKey: isKey, skippingWords: false)
                    #expect(fast == slow, "\(text.debugDescription) as \(isKey ? "key" : "value")")
                }
            }
        }
    }
}
