import Diagnostics
import Testing

@testable import YAML

/// Reads a YAML string, failing the test with the diagnostics if it does not read.
func readYAML(_ text: String, limits: ReadLimits = .default) throws -> Node {
    try YAMLReader.read(Array(text.utf8), file: "t.yaml", limits: limits)
}

/// The diagnostics reading produces; an empty array when it reads fine.
func yamlProblems(_ bytes: [UInt8], limits: ReadLimits = .default) -> [Diagnostic] {
    do {
        _ = try YAMLReader.read(bytes, file: "t.yaml", limits: limits)
        return []
    } catch let error as DiagnosticError {
        return error.diagnostics
    } catch {
        return [.error(DiagnosticCode("TEST", .error, "a test's code"), "unexpected error \(error)")]
    }
}

func yamlProblems(_ text: String, limits: ReadLimits = .default) -> [Diagnostic] {
    yamlProblems(Array(text.utf8), limits: limits)
}

@Suite struct YAMLReaderTests {
    @Test func keepsKeysInSourceOrderWithMarks() throws {
        let node = try readYAML("openapi: 3.0.3\ninfo:\n  title: Pets\n  version: \"1\"\npaths: {}\n")
        let map = try #require(node.mapping)
        #expect(map.keys.compactMap(\.text) == ["openapi", "info", "paths"])
        #expect(node["info"]?["title"]?.mark == Mark(line: 3, column: 10))
        #expect(node["info"]?.mark == Mark(line: 3, column: 3))
        #expect(map.keys[2].mark == Mark(line: 5, column: 1))
        #expect(node["openapi"]?.string == "3.0.3")
        #expect(node["info"]?["version"]?.string == "1")
    }

    @Test(arguments: [
        ("~", ScalarKind.null), ("null", .null), ("Null", .null), ("NULL", .null), ("", .null),
        ("true", .bool), ("False", .bool), ("TRUE", .bool),
        ("yes", .string), ("no", .string), ("on", .string), ("off", .string), ("y", .string), ("nULL", .string),
        ("0", .int), ("-12", .int), ("+7", .int), ("0o17", .int), ("0x1F", .int), ("0x", .string), ("0o8", .string),
        ("1.5", .float), ("-.5", .float), ("1.", .float), ("1e3", .float), ("1E-3", .float), (".inf", .float),
        ("-.Inf", .float), (".NaN", .float), ("-.nan", .string), ("1e", .string), ("e3", .string), (".", .string),
        ("0777", .int), ("1_000", .string), ("2001-12-14", .string), ("1.0.0", .string), ("3.0.3", .string),
        ("+", .string), ("-", .string), ("12abc", .string), ("'*'", .string), ("~x", .string),
    ])
    func resolvesPlainScalarsByTheCoreSchema(text: String, kind: ScalarKind) {
        #expect(ScalarKind.resolve(plain: text) == kind)
    }

    @Test func quotedScalarsAreAlwaysStrings() throws {
        let node = try readYAML("a: \"3.0\"\nb: 'true'\nc: |\n  12\nd: 3.0\ne: !!str 12\nf: ! 12\n")
        #expect(node["a"]?.string == "3.0")
        #expect(node["b"]?.string == "true")
        #expect(node["c"]?.string == "12\n")
        #expect(node["d"]?.scalar?.kind == .float)
        #expect(node["e"]?.string == "12")
        #expect(node["f"]?.string == "12")
    }

    @Test func findsResponseKeysWhetherQuotedOrNot() throws {
        let node = try readYAML("responses:\n  200:\n    description: ok\n  \"404\":\n    description: missing\n")
        #expect(node["responses"]?["200"]?["description"]?.string == "ok")
        #expect(node["responses"]?["404"]?["description"]?.string == "missing")
        #expect(node["responses"]?.mapping?.keys[0].scalar?.kind == .int)
    }

    @Test func keepsCloudFormationShortFormTags() throws {
        let node = try readYAML("""
            A: !Ref Param
            B: !GetAtt Fn.Arn
            C: !Sub
              - "${X}-y"
              - X: !Ref Z
            D: !!int "12"
            """)
        #expect(node["A"]?.tag == "!Ref")
        #expect(node["A"]?.string == "Param")
        #expect(node["B"]?.tag == "!GetAtt")
        #expect(node["C"]?.tag == "!Sub")
        #expect(node["C"]?[1]?["X"]?.tag == "!Ref")
        #expect(node["D"]?.scalar?.kind == .int)
        #expect(node["D"]?.tag == nil)
    }

    @Test func rejectsValuesThatDoNotFitTheirCoreTag() {
        let problems = yamlProblems("a: !!int abc\n")
        #expect(problems.map(\.code) == ["YAML013"])
        #expect(problems.first?.location == SourceLocation(file: "t.yaml", line: 1, column: 4))
    }

    @Test func reportsEveryDuplicateKeyWithTheFirstPlace() {
        let problems = yamlProblems("a: 1\nb:\n  x: 1\n  x: 2\na: 3\n")
        #expect(problems.map(\.code) == ["YAML002", "YAML002"])
        #expect(problems.map(\.location?.line) == [4, 5])
        #expect(problems[0].message == "duplicate key \"x\"; remove one of them or merge their contents")
        #expect(problems[1].notes.first?.location == SourceLocation(file: "t.yaml", line: 1, column: 1))
    }

    @Test func findsDuplicatesInLargeMappingsToo() {
        var text = ""
        for i in 0..<100 { text += "k\(i): \(i)\n" }
        text += "k42: again\n\"200\": x\n200: y\n"
        let problems = yamlProblems(text)
        #expect(problems.map(\.code) == ["YAML002", "YAML002"])
        #expect(problems.map(\.location?.line) == [101, 103])
    }

    @Test func copiesAliasesWhereTheyStand() throws {
        let node = try readYAML("base: &b\n  type: string\nother: *b\n")
        #expect(node["other"] == node["base"])
        #expect(node["other"]?.mark == Mark(line: 3, column: 8))
    }

    @Test func stopsAnAliasBombFast() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        let clock = ContinuousClock()
        let start = clock.now
        let problems = yamlProblems(text)
        #expect(problems.map(\.code) == ["YAML003"])
        #expect(clock.now - start < .seconds(5))
    }

    @Test func rejectsAnAliasWithoutAnchor() {
        #expect(yamlProblems("a: *nowhere\n").map(\.code) == ["YAML011"])
    }

    @Test func limitsNestingDepth() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let problems = yamlProblems(text)
        #expect(problems.map(\.code) == ["YAML004"])
        #expect(problems.first?.location?.column == 1001)
    }

    @Test func limitsDocumentAndScalarSize() {
        let small = ReadLimits(maxDocumentBytes: 64, maxScalarBytes: 8)
        #expect(yamlProblems(String(repeating: "a: b\n", count: 20), limits: small).map(\.code) == ["YAML005"])
        #expect(yamlProblems("a: 123456789\n", limits: small).map(\.code) == ["YAML006"])
        #expect(yamlProblems("a: 12345678\n", limits: small).isEmpty)
    }

    @Test func reportsInvalidUTF8AtItsPlace() {
        let problems = yamlProblems(Array("a: ok\nb: x".utf8) + [0xFF] + Array("\n".utf8))
        #expect(problems.map(\.code) == ["YAML009"])
        #expect(problems.first?.location == SourceLocation(file: "t.yaml", line: 2, column: 5))
    }

    @Test func refusesUTF16AndBinary() {
        #expect(yamlProblems([0xFF, 0xFE, 0x61, 0x00]).map(\.code) == ["YAML009"])
        #expect(yamlProblems([0xFE, 0xFF, 0x00, 0x61]).map(\.code) == ["YAML009"])
        let nul = yamlProblems(Array("a: 1\nb: ".utf8) + [0] + [0x0A])
        #expect(nul.map(\.code) == ["YAML009"])
        #expect(nul.first?.location == SourceLocation(file: "t.yaml", line: 2, column: 4))
    }

    @Test func skipsAUTF8ByteOrderMark() throws {
        let node = try YAMLReader.read([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8), file: "t.yaml")
        #expect(node["a"]?.mark == Mark(line: 1, column: 4))
    }

    @Test func explainsTabIndentation() {
        let problems = yamlProblems("a:\n\tb: 1\n")
        #expect(problems.map(\.code) == ["YAML001"])
        #expect(problems.first?.location == SourceLocation(file: "t.yaml", line: 2, column: 1))
        #expect(problems.first?.message.contains("indent with spaces") == true)
    }

    @Test func readsCRLFLikeLF() throws {
        let node = try readYAML("a: 1\r\nb: |\r\n  x\r\n  y\r\nc: 2\r\n")
        #expect(node["b"]?.string == "x\ny\n")
        #expect(node["c"]?.mark == Mark(line: 5, column: 4))
    }

    @Test func refusesASecondDocument() {
        let problems = yamlProblems("a: 1\n---\nb: 2\n")
        #expect(problems.map(\.code) == ["YAML007"])
        #expect(problems.first?.location?.line == 2)
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n", "   "])
    func refusesInputWithoutADocument(text: String) {
        #expect(yamlProblems(text).map(\.code) == ["YAML008"])
    }

    @Test func readsALoneDocumentMarkerAsNull() throws {
        #expect(try readYAML("---\n").isNull)
    }

    @Test func refusesCollectionKeys() {
        #expect(yamlProblems("? [a, b]\n: c\n").map(\.code) == ["YAML010"])
    }

    @Test func locatesSyntaxErrorsAndNamesAFix() {
        let problems = yamlProblems("a: b: c\n")
        #expect(problems.map(\.code) == ["YAML001"])
        #expect(problems.first?.location == SourceLocation(file: "t.yaml", line: 1, column: 5))
        #expect(problems.first?.message.contains("quotes") == true)
    }
}

/// Inputs the fuzzer found, kept so they stay fixed.
@Suite struct FuzzRegressionTests {
    @Test func anEmptyExplicitKeyRoundTripsAsTheNullKey() throws {
        let tree = try readYAML("a:\n  ?  \n")
        #expect(tree["a"]?.mapping?.keys.first?.scalar?.kind == .null)
        let again = try readYAML(YAMLWriter.write(tree))
        #expect(again == tree)
    }
}

extension FuzzRegressionTests {
    @Test func keysThatWriteAlikeAreDuplicatesAndTaggedOnesAreNot() throws {
        // `~` and `NULL` are both the null key; a writer spells both `null`.
        #expect(yamlProblems("{~: 1, NULL: 2}\n").map(\.code) == ["YAML002"])
        #expect(yamlProblems("{True: 1, true: 2}\n").map(\.code) == ["YAML002"])
        #expect(yamlProblems("{0x1F: 1, 31: 2}\n").map(\.code) == ["YAML002"])
        // A tag makes a different key, and the tree writes and reads back unchanged.
        let tree = try readYAML("{ !!r.03 , z: 1, NULL}\n")
        #expect(try readYAML(YAMLWriter.write(tree)) == tree)
    }
}

extension FuzzRegressionTests {
    @Test func integersBeyond64BitsKeepTheirMeaningThroughTheWriter() throws {
        let tree = try readYAML("+0" + String(repeating: "3", count: 40) + "\n")
        #expect(try readYAML(YAMLWriter.write(tree)) == tree)
        #expect(YAMLWriter.write(tree) == String(repeating: "3", count: 40) + "\n")
    }
}

extension FuzzRegressionTests {
    /// An alias inside the value of a noted entry (a discriminator `mapping` holding an alias)
    /// ended the notes while the value was still awaited, and the value's close then wrote
    /// into notes that were gone: a crash on every path of the reader.
    @Test(arguments: [YAMLReader.Threading.singleThread, .pipelined, .halves])
    func anAliasInsideANotedValueEndsTheNotesWithoutACrash(threading: YAMLReader.Threading) throws {
        for text in [
            "x: &shared {type: string}\npaths:\n  mapping:\n    get:\n      schema: *shared\n",
            "x: &s 1\nd:\n  mapping: *s\n",
            "x: &s 1\nd:\n  $ref:\n    - *s\n  y: 2\n",
        ] {
            let (root, entries) = try YAMLReader.read(
                Array(text.utf8), file: "t.yaml", threading: threading, notingKeys: ["$ref", "mapping"])
            #expect(entries == nil, "a document with an alias has no notes")
            #expect(root.mapping?.count == 2)
        }
    }
}

extension FuzzRegressionTests {
    /// A noted key inside a collection that is itself a mapping's key (`? {$ref: x}`) was
    /// noted with a path through a key that did not exist yet, read before the start of the
    /// reader's stack. Such a key is refused; the read must end in that diagnostic.
    @Test(arguments: [YAMLReader.Threading.singleThread, .pipelined, .halves])
    func aNotedKeyInsideACollectionKeyIsRefusedWithoutACrash(threading: YAMLReader.Threading) {
        for text in [
            "? a long key:\n    $ref: x\n  /b:\n    $ref: y\n",
            "? {$ref: x}\n: 1\n",
            "a:\n  ? [{mapping: m}]\n  : 2\n",
        ] {
            let problems: [Diagnostic]
            do {
                _ = try YAMLReader.read(Array(text.utf8), file: "t.yaml", threading: threading, notingKeys: ["$ref", "mapping"])
                problems = []
            } catch let error as DiagnosticError {
                problems = error.diagnostics
            } catch {
                problems = []
            }
            #expect(!problems.isEmpty, "\(text.debugDescription) reads")
            #expect(problems.allSatisfy { $0.location != nil })
        }
    }

    /// `paths: [/pets/{petId}]`, a CORS policy's first trap: in a flow list `{` opens a
    /// mapping. The fix names the quotes; another broken list keeps the general hint.
    @Test func explainsBracesInAFlowList() {
        let braces = yamlProblems("rules:\n  - paths: [/pets/{petId}]\n")
        #expect(braces.map(\.code) == ["YAML001"])
        #expect(braces.first?.location == SourceLocation(file: "t.yaml", line: 2, column: 19))
        #expect(braces.first?.message.hasSuffix("a { inside [ ] starts a mapping; put a value with braces in quotes, such as \"/a/{b}\"") == true)
        let unclosed = yamlProblems("a: [1, 2\nb: 3\n")
        #expect(unclosed.first?.message.hasSuffix("check the brackets, quotes and commas before this point") == true)
    }
}
