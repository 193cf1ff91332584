import Diagnostics
import TestSupport
import Testing

@testable import YAML

/// The diagnostics writing `node` throws; none when it succeeds.
private func writeProblems(_ node: Node, file: String = "") -> [Diagnostic] {
    do {
        _ = try JSONWriter.write(node, file: file)
        return []
    } catch let error as DiagnosticError {
        return error.diagnostics
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}

@Suite struct JSONWriterTests {
    // MARK: - Layout

    @Test func writesTheFixedLayout() throws {
        let tree: Node = [
            "openapi": "3.0.3",
            "info": ["title": "Pets", "version": 1],
            "paths": [
                "/pets": [
                    "get": ["tags": ["pets", "read"], "deprecated": false, "x-empty": [:], "x-none": []],
                ],
            ],
            "servers": [["url": "https://a.example/v1"], .null(), .number("2.5")],
        ]
        let expected = """
            {
              "openapi": "3.0.3",
              "info": {
                "title": "Pets",
                "version": 1
              },
              "paths": {
                "/pets": {
                  "get": {
                    "tags": [
                      "pets",
                      "read"
                    ],
                    "deprecated": false,
                    "x-empty": {},
                    "x-none": []
                  }
                }
              },
              "servers": [
                {
                  "url": "https://a.example/v1"
                },
                null,
                2.5
              ]
            }

            """
        #expect(try JSONWriter.write(tree) == expected)
    }

    @Test(arguments: [
        (Node.mapping(Mapping()), "{}\n"), (Node.sequence([]), "[]\n"), (Node.string("x"), "\"x\"\n"),
        (Node.int(-3), "-3\n"), (Node.null(), "null\n"), (Node.sequence([[], [:]]), "[\n  [],\n  {}\n]\n"),
    ])
    func writesTopLevelValue(_ node: Node, _ expected: String) throws {
        #expect(try JSONWriter.write(node) == expected)
    }

    @Test func keepsTheTreesKeyOrder() throws {
        let node: Node = ["z": 1, "a": 2, "m": 3]
        #expect(try JSONWriter.write(node) == "{\n  \"z\": 1,\n  \"a\": 2,\n  \"m\": 3\n}\n")
    }

    @Test func writesScalarKeysByTheirText() throws {
        var mapping = Mapping()
        mapping.append(key: .int(200), value: "ok")
        mapping.append(key: .bool(true), value: "yes")
        mapping.append(key: .null(), value: "none")
        mapping.append(key: Node(scalar: Scalar(text: "0x1F", kind: .int)), value: "hex")
        let text = try JSONWriter.write(.mapping(mapping))
        #expect(text == "{\n  \"200\": \"ok\",\n  \"true\": \"yes\",\n  \"null\": \"none\",\n  \"0x1F\": \"hex\"\n}\n")
    }

    @Test(arguments: [("true", "true"), ("True", "true"), ("TRUE", "true"), ("false", "false"),
        ("False", "false"), ("FALSE", "false")])
    func writesBooleanInJSONSpelling(_ text: String, _ expected: String) throws {
        #expect(try JSONWriter.write(Node(scalar: Scalar(text: text, kind: .bool))) == expected + "\n")
    }

    @Test func writesNullOfAnySpelling() throws {
        for text in ["null", "~", "", "NULL"] {
            #expect(try JSONWriter.write(Node(scalar: Scalar(text: text, kind: .null))) == "null\n")
        }
    }

    // MARK: - Escaping

    @Test(arguments: [
        ("plain", #""plain""#), ("a\"b", #""a\"b""#), ("a\\b", #""a\\b""#), ("a/b", #""a/b""#),
        ("\u{8}", #""\b""#), ("\u{C}", #""\f""#), ("\n", #""\n""#), ("\r", #""\r""#), ("\t", #""\t""#),
        ("\u{0}", #""\u0000""#), ("\u{1}", #""\u0001""#), ("\u{1B}", #""\u001b""#), ("\u{1F}", #""\u001f""#),
        ("\u{7F}", #""\u007f""#), ("\u{2028}", #""\u2028""#), ("\u{2029}", #""\u2029""#),
        ("é", "\"é\""), ("👍", "\"👍\""), ("\u{2027}\u{202A}", "\"\u{2027}\u{202A}\""), ("\u{80}", "\"\u{80}\""),
        ("x\u{2028}y\u{1}z\"", #""x\u2028y\u0001z\"""#), ("", #""""#),
    ])
    func escapesString(_ text: String, _ expected: String) throws {
        #expect(try JSONWriter.write(.string(text)) == expected + "\n")
        // Keys are escaped the same way.
        #expect(try JSONWriter.write(.mapping([text: 1])) == "{\n  \(expected): 1\n}\n")
    }

    // MARK: - Numbers

    @Test(arguments: [
        ("0", "0"), ("-0", "-0"), ("42", "42"), ("-42", "-42"), ("+42", "42"), ("007", "7"), ("-007", "-7"),
        ("+0", "0"), ("000", "0"), ("0x1F", "31"), ("0xff", "255"), ("0o17", "15"), ("0x0", "0"),
        ("0x7FFFFFFFFFFFFFFF", "9223372036854775807"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
    ])
    func writesIntegerAsJSON(_ text: String, _ expected: String) throws {
        #expect(try JSONWriter.write(Node(scalar: Scalar(text: text, kind: .int))) == expected + "\n")
    }

    @Test(arguments: [
        ("1.5", "1.5"), ("-1.5", "-1.5"), ("+1.5", "1.5"), (".5", "0.5"), ("-.5", "-0.5"), ("+.5", "0.5"),
        ("1.", "1.0"), ("1.e3", "1.0e3"), ("1e3", "1e3"), ("1E3", "1e3"), ("1e+3", "1e+3"), ("1e-3", "1e-3"),
        (".5e-2", "0.5e-2"), ("007.5", "7.5"), ("00.5", "0.5"), ("0.0", "0.0"), ("3", "3.0"), ("-0.0", "-0.0"),
        ("1.25E+10", "1.25e+10"),
    ])
    func writesFloatAsJSON(_ text: String, _ expected: String) throws {
        #expect(try JSONWriter.write(Node(scalar: Scalar(text: text, kind: .float))) == expected + "\n")
        // What the writer produces is a JSON number that keeps its kind and value.
        let back = try JSONReader.read(Array((expected).utf8), file: "x.json")
        #expect(back == Node(scalar: Scalar(text: text, kind: .float)))
    }

    // MARK: - What JSON cannot say

    @Test(arguments: [".inf", "-.inf", "+.Inf", ".INF", ".nan", ".NaN"])
    func rejectsNonFiniteFloat(_ text: String) throws {
        let problems = writeProblems(Node(scalar: Scalar(text: text, kind: .float)))
        #expect(problems.map(\.code) == [ReadError.notRepresentableInJSON.id])
        #expect(problems.first?.message.hasPrefix("\(text) has no JSON form; ") == true, "\(problems)")
        #expect(problems.first?.location == nil)
    }

    @Test func rejectsIntegerTooLargeForInt() {
        let problems = writeProblems(Node(scalar: Scalar(text: "0x1FFFFFFFFFFFFFFFF", kind: .int)))
        #expect(problems.map(\.code) == [ReadError.notRepresentableInJSON.id])
    }

    @Test func rejectsTagAndReportsEveryProblemAtItsMark() throws {
        let tree: Node = .mapping([
            "a": Node(scalar: Scalar(text: "Name", kind: .string), tag: "!Ref", mark: Mark(line: 3, column: 6)),
            "b": [Node(scalar: Scalar(text: "-.inf", kind: .float), mark: Mark(line: 5, column: 9))],
            "c": .sequence(["x"], tag: "!GetAZs"),
        ])
        let problems = writeProblems(tree, file: "in.yaml")
        #expect(problems.map(\.code) == Array(repeating: ReadError.notRepresentableInJSON.id, count: 3))
        #expect(problems.map(\.location) == [
            Diagnostics.SourceLocation(file: "in.yaml", line: 3, column: 6),
            Diagnostics.SourceLocation(file: "in.yaml", line: 5, column: 9),
            nil,
        ])
        #expect(problems.first?.message.hasPrefix("tag !Ref has no JSON form; ") == true)
        #expect(problems.last?.message.hasPrefix("tag !GetAZs has no JSON form; ") == true)
    }

    @Test func rejectsCollectionKey() {
        var mapping = Mapping()
        mapping.append(key: ["a"], value: 1)
        #expect(writeProblems(.mapping(mapping)).map(\.code) == [ReadError.notRepresentableInJSON.id])
    }

    @Test func writesTreeAsDeepAsTheReaderAllows() throws {
        let depth = ReadLimits.default.maxDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let tree = try JSONReader.read(Array(text.utf8), file: "deep.json")
        let written = try JSONWriter.write(tree)
        #expect(written.hasPrefix("[\n  [\n    ["))
        #expect(written.hasSuffix("\n  ]\n]\n"))
        #expect(written.filter { $0 == "\n" }.count == 2 * depth - 1)
    }

    // MARK: - Round trip

    @Test(arguments: 0..<300)
    func readingWhatItWroteGivesTheSameTree(_ seed: Int) throws {
        var generator = JSONTreeGenerator(seed: UInt64(seed))
        let tree = generator.tree(depth: 0)
        let text = try JSONWriter.write(tree)
        let back = try JSONReader.read(Array(text.utf8), file: "round-trip.json")
        #expect(back == tree, "seed \(seed):\n\(text)")
        // Writing is a fixed point: what was read writes to the same text.
        #expect(try JSONWriter.write(back) == text)
    }

    @Test func generatorCoversEveryKindAndAwkwardString() {
        // Guards the property test against a generator that quietly stops producing cases.
        var kinds = Set<String>()
        var strings = Set<String>()
        func walk(_ node: Node) {
            switch node.content {
            case .scalar(let s):
                kinds.insert(s.kind.rawValue)
                if s.kind == .string { strings.insert(s.text) }
            case .sequence(let items):
                kinds.insert("sequence")
                items.forEach(walk)
            case .mapping(let m):
                kinds.insert("mapping")
                for entry in m.entries {
                    strings.insert(entry.key.text ?? "")
                    walk(entry.value)
                }
            }
        }
        for seed in 0..<300 {
            var generator = JSONTreeGenerator(seed: UInt64(seed))
            walk(generator.tree(depth: 0))
        }
        #expect(kinds == ["null", "bool", "int", "float", "string", "sequence", "mapping"])
        #expect(JSONTreeGenerator.awkward.allSatisfy(strings.contains))
    }
}


/// Builds random trees of the kinds JSON can hold, with the strings and number spellings
/// most likely to be mangled on the way out and back.
private struct JSONTreeGenerator {
    static let awkward = [
        "'*'", "yes", "no", "null", "~", "true", "0x1F", "1e3", "0o17", ".5", ":", "#", "- x", "? ", "&a", "*a",
        " leading", "trailing ", "", " ", "é", "👍", "\u{2028}", "\u{2029}", "a\"b\\c", "\n", "\t", "\r\n",
        "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{FEFF}", "/", "\\u0041", "{}", "[]", "\"", "a: b", "{\"k\": 1}",
    ]
    static let integers = [
        "0", "-0", "42", "-7", "+5", "007", "0x1F", "0o17", "9223372036854775807", "-9223372036854775808",
    ]
    static let floats = ["1.5", "-0.25", ".5", "-.5", "1.", "1.e3", "1e3", "1E-7", "+2.5", "6.02e23", "0.1", "-0.0"]
    static let booleans = ["true", "false", "True", "FALSE"]
    static let nulls = ["null", "~", "", "NULL"]
    /// One range per UTF-8 length, and both sides of the surrogate gap.
    static let scalarRanges: [ClosedRange<UInt32>] = [
        0x00...0x7F, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF, 0x10000...0x10FFFF,
    ]

    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func tree(depth: Int) -> Node {
        let choice = random.below(depth >= 4 ? 5 : 8)
        switch choice {
        case 0: return Node(scalar: Scalar(text: pick(Self.integers), kind: .int))
        case 1: return Node(scalar: Scalar(text: pick(Self.floats), kind: .float))
        case 2: return Node(scalar: Scalar(text: pick(Self.booleans), kind: .bool))
        case 3: return Node(scalar: Scalar(text: pick(Self.nulls), kind: .null))
        case 4: return .string(string())
        case 5: return .int(Int(bitPattern: UInt(truncatingIfNeeded: random.next())) >> random.below(64))
        case 6:
            return .sequence((0..<random.below(6)).map { _ in tree(depth: depth + 1) })
        default:
            var mapping = Mapping()
            var used = Set<String>()
            for _ in 0..<random.below(7) {
                let key = string()
                // A JSON object cannot hold the same key twice; the reader would rightly refuse it.
                guard used.insert(key).inserted else { continue }
                mapping.append(key: .string(key), value: tree(depth: depth + 1))
            }
            return .mapping(mapping)
        }
    }

    /// An awkward string, a random one, or several glued together.
    mutating func string() -> String {
        switch random.below(4) {
        case 0, 1:
            return pick(Self.awkward)
        case 2:
            return pick(Self.awkward) + pick(Self.awkward) + pick(Self.awkward)
        default:
            var s = ""
            for _ in 0..<random.below(12) {
                let range = Self.scalarRanges[random.below(Self.scalarRanges.count)]
                let value = range.lowerBound + UInt32(random.below(Int(range.upperBound - range.lowerBound) + 1))
                s.unicodeScalars.append(Unicode.Scalar(value)!)
            }
            return s
        }
    }

    mutating func pick(_ list: [String]) -> String { list[random.below(list.count)] }
}
