import Diagnostics
import Testing

@testable import YAML

private func readJSON(_ text: String, limits: ReadLimits = .default) throws -> Node {
    try JSONReader.read(Array(text.utf8), file: "spec.json", limits: limits)
}

/// The diagnostics reading `bytes` throws; none when it succeeds.
private func jsonProblems(_ bytes: [UInt8], limits: ReadLimits = .default) -> [Diagnostic] {
    do {
        _ = try JSONReader.read(bytes, file: "spec.json", limits: limits)
        return []
    } catch let error as DiagnosticError {
        return error.diagnostics
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}

private func jsonProblems(_ text: String, limits: ReadLimits = .default) -> [Diagnostic] {
    jsonProblems(Array(text.utf8), limits: limits)
}

/// The single diagnostic reading `text` throws, or a recorded issue.
private func jsonProblem(
    _ text: String, limits: ReadLimits = .default, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> Diagnostic? {
    let problems = jsonProblems(text, limits: limits)
    #expect(problems.count == 1, "\(problems)", sourceLocation: sourceLocation)
    return problems.first
}

private func location(_ line: Int, _ column: Int) -> Diagnostics.SourceLocation {
    Diagnostics.SourceLocation(file: "spec.json", line: line, column: column)
}

@Suite struct JSONReaderTests {
    // MARK: - Values

    @Test func readsEveryKindOfValue() throws {
        let node = try readJSON(
            #"{"s": "x", "i": -12, "f": 1.5e3, "t": true, "n": null, "a": [false, {}], "o": {"k": []}}"#)
        let mapping = try #require(node.mapping)
        #expect(mapping.keys.map(\.text) == ["s", "i", "f", "t", "n", "a", "o"])
        for key in mapping.keys {
            #expect(key.scalar?.kind == .string)
            #expect(key.scalar?.style == .doubleQuoted)
        }
        let s = try #require(node["s"]?.scalar)
        #expect((s.text, s.kind, s.style) == ("x", .string, .doubleQuoted))
        let i = try #require(node["i"]?.scalar)
        #expect((i.text, i.kind, i.style) == ("-12", .int, .plain))
        let f = try #require(node["f"]?.scalar)
        #expect((f.text, f.kind, f.style) == ("1.5e3", .float, .plain))
        #expect(node["t"]?.text == "true")
        #expect(node["t"]?.scalar?.kind == .bool)
        #expect(node["n"]?.text == "null")
        #expect(node["n"]?.scalar?.kind == .null)
        #expect(node["a"] == [false, [:]])
        #expect(node["o"] == ["k": []])
    }

    @Test(arguments: [#""text""#, "12", "-0.5", "true", "false", "null", "[]", "{}"])
    func readsAnyValueAtTopLevel(_ text: String) throws {
        let node = try readJSON("  \(text)\n")
        #expect(node.mark == Mark(line: 1, column: 3))
    }

    @Test func keepsKeysInSourceOrderInLargeObjects() throws {
        let keys = (0..<40).map { "k\(39 - $0)" }
        let text = "{" + keys.map { #""\#($0)": 1"# }.joined(separator: ",") + "}"
        let node = try readJSON(text)
        #expect(node.mapping?.keys.map(\.text) == keys)
    }

    // MARK: - Strings

    @Test(arguments: [
        (#"\""#, "\""), (#"\\"#, "\\"), (#"\/"#, "/"), (#"\b"#, "\u{8}"), (#"\f"#, "\u{C}"),
        (#"\n"#, "\n"), (#"\r"#, "\r"), (#"\t"#, "\t"), (#"\u0041"#, "A"), (#"\u00e9"#, "é"),
        (#"\u00E9"#, "é"), (#"\u0000"#, "\u{0}"), (#"\u2028"#, "\u{2028}"), (#"\uffff"#, "\u{FFFF}"),
        (#"a\nb\tc"#, "a\nb\tc"), (#"é\u00e9"#, "éé"),
    ])
    func decodesEscape(_ escaped: String, _ expected: String) throws {
        #expect(try readJSON("\"\(escaped)\"").string == expected)
    }

    @Test func combinesSurrogatePairIntoOneScalar() throws {
        let text = try #require(try readJSON(#"["\ud83d\udc4d", "a\uD83D\uDC4Db"]"#).sequence?.map(\.string))
        #expect(text == ["👍", "a👍b"])
        #expect(text[0]?.unicodeScalars.map(\.value) == [0x1F44D])
    }

    @Test(arguments: [
        (#"["\ud83d"]"#, "lone high surrogate"),
        (#"["\ud83dx"]"#, "lone high surrogate"),
        (#"["\ud83d\u0041"]"#, "not a low surrogate"),
        (#"["\ud83d\ud83d"]"#, "not a low surrogate"),
        (#"["\udc4d"]"#, "low surrogate \u{5C}udc4d without a high surrogate"),
        (#"["\udc4d\ud83d"]"#, "low surrogate \u{5C}udc4d without a high surrogate"),
    ])
    func rejectsBadSurrogate(_ text: String, _ message: String) throws {
        let problem = try #require(jsonProblem(text))
        #expect(problem.code == ReadError.jsonString)
        #expect(problem.message.contains(message), "\(problem.message)")
        #expect(problem.location == location(1, 3))
    }

    @Test(arguments: [#""\a""#, #""\x41""#, #""\'""#, #""\U0041""#, #""\u12""#, #""\u12G4""#, "\"\\"])
    func rejectsBadEscape(_ text: String) throws {
        let problem = try #require(jsonProblem(text))
        #expect(problem.code == ReadError.jsonString)
        #expect(problem.location == location(1, 2), "\(problem)")
    }

    @Test(arguments: [
        (UInt8(0x0A), "write it as \\n"), (0x0D, "write it as \\r"), (0x09, "write it as \\t"),
        (0x08, "write it as \\b"), (0x0C, "write it as \\f"), (0x01, "write it as \\u0001"),
        (0x1F, "write it as \\u001f"),
    ])
    func rejectsRawControlCharacterInString(_ byte: UInt8, _ fix: String) throws {
        let problems = jsonProblems(Array(#"{"k": "ab"#.utf8) + [byte] + Array(#"c"}"#.utf8))
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.code == ReadError.jsonString)
        #expect(problem.message.hasSuffix(fix), "\(problem.message)")
        #expect(problem.location == location(1, 10))
    }

    @Test func acceptsDeleteAndNonASCIIRaw() throws {
        #expect(try readJSON("\"a\u{7F}é👍\u{2028}\"").string == "a\u{7F}é👍\u{2028}")
    }

    @Test func rejectsUnterminatedString() throws {
        let problem = try #require(jsonProblem("{\"key\": \"value}"))
        #expect(problem.code == ReadError.jsonString)
        #expect(problem.location == location(1, 9))
    }

    @Test func keepsCanonicallyEquivalentStringsDistinctInText() throws {
        // Strings are not normalised: the bytes written are the bytes read.
        let node = try readJSON("[\"e\u{301}\", \"\u{E9}\"]")
        #expect(node[0]?.string?.unicodeScalars.count == 2)
        #expect(node[1]?.string?.unicodeScalars.count == 1)
    }

    // MARK: - Numbers

    @Test(arguments: [
        ("0", ScalarKind.int), ("-0", .int), ("7", .int), ("12", .int), ("-12", .int),
        ("12345678901234567890123", .int), ("0.5", .float), ("-0.0", .float), ("10.25", .float),
        ("1e3", .float), ("1E3", .float), ("1e+3", .float), ("1e-3", .float), ("0e0", .float),
        ("-1.5E-10", .float), ("1e007", .float),
    ])
    func readsValidNumber(_ text: String, _ kind: ScalarKind) throws {
        let scalar = try #require(try readJSON("[\(text)]")[0]?.scalar)
        #expect(scalar.text == text)
        #expect(scalar.kind == kind)
        #expect(scalar.style == .plain)
    }

    @Test(arguments: [
        ("01", "leading zero"), ("-01", "leading zero"), ("00", "leading zero"), ("+1", "remove the '+'"),
        (".5", "write '0.5'"), ("-.5", "write '-0.5'"), ("1.", "write '1.0'"), ("1.e3", "write '1.0e3'"),
        ("-", "followed by a digit"), ("-a", "followed by a digit"), ("1e", "exponent without digits"),
        ("1e+", "exponent without digits"), ("1E-", "exponent without digits"), ("0x1F", "decimal"),
        ("1.2.3", "not a JSON number"), ("12abc", "not a JSON number"), ("NaN", "no JSON form"),
        ("Infinity", "no JSON form"), ("-Infinity", "no JSON form"),
    ])
    func rejectsInvalidNumber(_ text: String, _ message: String) throws {
        let problem = try #require(jsonProblem(#"{"n": \#(text)}"#))
        #expect(problem.code == ReadError.jsonNumber)
        #expect(problem.message.contains(message), "\(problem.message)")
        #expect(problem.location == location(1, 7))
    }

    // MARK: - Duplicate keys

    @Test func reportsEveryDuplicateKeyWithItsFirstDefinition() throws {
        let text = """
            {
              "a": 1,
              "b": {"a": 2, "x": 3},
              "a": 4,
              "b": 5,
              "a": 6
            }
            """
        let problems = jsonProblems(text)
        #expect(problems.map(\.code) == Array(repeating: ReadError.duplicateKey.id, count: 3))
        #expect(problems.map(\.location) == [location(4, 3), location(5, 3), location(6, 3)])
        #expect(problems.map(\.notes) == [
            [Diagnostic.Note("first defined here", at: location(2, 3))],
            [Diagnostic.Note("first defined here", at: location(3, 3))],
            [Diagnostic.Note("first defined here", at: location(2, 3))],
        ])
        #expect(problems.first?.message == #"duplicate key "a"; remove or rename one of them"#)
    }

    @Test(arguments: [5, 12, 13, 14, 100])
    func findsDuplicateKeysInObjectOfSize(_ size: Int) throws {
        var keys = (0..<size).map { "key\($0)" }
        keys += ["key0", "key\(size - 1)", "key\(size / 2)"]
        let text = "{" + keys.map { #""\#($0)": null"# }.joined(separator: ", ") + "}"
        let problems = jsonProblems(text)
        #expect(problems.count == 3)
        #expect(problems.allSatisfy { $0.code == ReadError.duplicateKey })
        #expect(problems.map(\.message) == ["key0", "key\(size - 1)", "key\(size / 2)"].map {
            #"duplicate key "\#($0)"; remove or rename one of them"#
        })
    }

    @Test func reportsDuplicatesBeforeTheSyntaxErrorThatStopsReading() {
        let problems = jsonProblems(#"{"a": 1, "a": 2, "b": tru}"#)
        #expect(problems.map(\.code) == [ReadError.duplicateKey.id, ReadError.jsonSyntax.id])
    }

    // MARK: - Marks

    @Test func marksEveryNodeAtItsFirstCharacter() throws {
        let text = "{\n  \"list\": [\n    1,\n    {\"k\": null}\n  ],\n\t\"s\":\"v\"\n}"
        let node = try readJSON(text)
        let mapping = try #require(node.mapping)
        #expect(node.mark == Mark(line: 1, column: 1))
        #expect(mapping[position: 0].key.mark == Mark(line: 2, column: 3))
        #expect(mapping[position: 0].value.mark == Mark(line: 2, column: 11))
        #expect(node["list"]?[0]?.mark == Mark(line: 3, column: 5))
        #expect(node["list"]?[1]?.mark == Mark(line: 4, column: 5))
        #expect(node["list"]?[1]?.mapping?[position: 0].key.mark == Mark(line: 4, column: 6))
        #expect(node["list"]?[1]?["k"]?.mark == Mark(line: 4, column: 11))
        #expect(mapping[position: 1].key.mark == Mark(line: 6, column: 2))
        #expect(mapping[position: 1].value.mark == Mark(line: 6, column: 6))
    }

    @Test func countsColumnsInUnicodeScalarsAfterNonASCIIText() throws {
        // "é" is 2 bytes and "👍" 4, but each is one column, as an editor shows them.
        let node = try readJSON("[\"é👍\", \"\\u00e9\", 1,\n \"Ωx\", true]")
        #expect(node[1]?.mark == Mark(line: 1, column: 8))
        #expect(node[2]?.mark == Mark(line: 1, column: 18))
        #expect(node[4]?.mark == Mark(line: 2, column: 8))
    }

    @Test func countsCRLFAndLoneCRAsOneLineBreak() throws {
        let node = try readJSON("[\r\n1,\r2,\n\r\n3]")
        #expect(node.sequence?.map(\.mark.line) == [2, 3, 5])
        #expect(node.sequence?.map(\.mark.column) == [1, 1, 1])
    }

    @Test func marksStayLinearOnOneLongLine() throws {
        // A minified file is one line: marks must not rescan it.
        let item = #"{"name": "héllo wörld 👍", "n": 1}"#
        let text = "[" + Array(repeating: item, count: 20_000).joined(separator: ",") + "]"
        let clock = ContinuousClock()
        let start = clock.now
        let node = try readJSON(text)
        #expect(clock.now - start < .seconds(10))
        let last = try #require(node.sequence?.last)
        let itemColumns = item.unicodeScalars.count + 1
        #expect(last.mark == Mark(line: 1, column: 2 + 19_999 * itemColumns))
    }

    // MARK: - Encoding

    @Test func skipsUTF8ByteOrderMark() throws {
        let node = try JSONReader.read([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8), file: "spec.json")
        #expect(node == ["a": 1])
        #expect(node.mark == Mark(line: 1, column: 1))
        #expect(node["a"]?.mark == Mark(line: 1, column: 7))
    }

    @Test(arguments: [
        ([0xFE, 0xFF, 0x00, 0x7B], "UTF-16"), ([0xFF, 0xFE, 0x7B, 0x00], "UTF-16"),
        ([0x00, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x7B], "UTF-32"), ([0xFF, 0xFE, 0x00, 0x00], "UTF-32"),
    ] as [([UInt8], String)])
    func rejectsNonUTF8ByteOrderMark(_ bytes: [UInt8], _ encoding: String) throws {
        let problems = jsonProblems(bytes)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.code == ReadError.encoding)
        #expect(problem.message.contains(encoding), "\(problem.message)")
        #expect(problem.message.hasSuffix("save it as UTF-8"), "\(problem.message)")
        #expect(problem.location == location(1, 1))
    }

    @Test(arguments: [
        ([0x7B, 0x00, 0x7D], 2), ([0x22, 0x61, 0x00, 0x22], 3), ([0x5B, 0x31, 0x2C, 0x00], 4),
        ([0x00], 1),
    ] as [([UInt8], Int)])
    func rejectsNULByte(_ bytes: [UInt8], _ column: Int) throws {
        let problems = jsonProblems(bytes)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.code == ReadError.encoding)
        #expect(problem.message.contains("save the file as UTF-8"), "\(problem.message)")
        #expect(problem.location == location(1, column))
    }

    @Test(arguments: [
        [0xFF], [0x80], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80],
        [0xF0, 0x80, 0x80, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xC3, 0x28],
    ] as [[UInt8]])
    func rejectsInvalidUTF8AtItsPosition(_ invalid: [UInt8]) throws {
        // Line 2, after a two-byte "é" and a four-byte "👍" on the same line.
        let bytes = Array("[1,\n \"é👍x".utf8) + invalid + Array("y\"]".utf8)
        let problems = jsonProblems(bytes)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.code == ReadError.encoding)
        #expect(problem.message.hasSuffix("save the file as UTF-8"))
        #expect(problem.location == location(2, 6))
    }

    @Test func rejectsInvalidUTF8OutsideStrings() throws {
        let problem = try #require(jsonProblems([0x5B, 0x31, 0x2C, 0xFF, 0x5D]).first)
        #expect(problem.code == ReadError.encoding)
        #expect(problem.location == location(1, 4))
    }

    @Test func acceptsEveryWellFormedUTF8Length() throws {
        let text = "a\u{7F}\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}\u{10FFFF}"
        #expect(try readJSON("\"\(text)\"").string == text)
    }

    // MARK: - Syntax

    @Test(arguments: ["", " ", "\n\t \r\n", "\u{FEFF}"])
    func rejectsEmptyDocument(_ text: String) throws {
        let problem = try #require(jsonProblem(text))
        #expect(problem.code == ReadError.empty)
    }

    @Test(arguments: [("{} {}", 4), ("1 2", 3), ("[]]", 3), ("{}x", 3), ("true false", 6), ("\"a\"\n,", 1)])
    func rejectsTextAfterTheValue(_ text: String, _ column: Int) throws {
        let problem = try #require(jsonProblem(text))
        #expect(problem.code == ReadError.jsonSyntax)
        #expect(problem.message.contains("after the JSON value"), "\(problem.message)")
        #expect(problem.location?.column == column)
    }

    @Test(arguments: [
        (#"{"a": 1,}"#, "trailing comma before '}'; remove it", 8),
        ("{\"a\": 1,\n}", "trailing comma before '}'; remove it", 8),
        ("[1, 2, ]", "trailing comma before ']'; remove it", 6),
    ])
    func rejectsTrailingCommaAtTheComma(_ text: String, _ message: String, _ column: Int) throws {
        let problem = try #require(jsonProblem(text))
        #expect(problem.code == ReadError.jsonSyntax)
        #expect(problem.message == message)
        #expect(problem.location == location(1, column))
    }

    @Test(arguments: ["// note\n{}", "{\"a\": 1 /* note */}", "[1, # note\n2]", "{} // note", "{\"a\": // x\n 1}"])
    func rejectsComment(_ text: String) throws {
        let problem = try #require(jsonProblem(text))
        #expect(problem.code == ReadError.jsonSyntax)
        #expect(problem.message == "JSON has no comments; remove it or write the file as YAML")
    }

    @Test(arguments: [
        (#"{'a': 1}"#, "double quotes"), (#"["a", 'b']"#, "double quotes"),
        (#"{a: 1}"#, #"object keys must be strings in double quotes; write "a""#),
        (#"{"a": True}"#, "'True' is not a JSON literal; write true"),
        (#"{"a": None}"#, "'None' is not a JSON literal; write null"),
        (#"{"a": yes}"#, "unquoted text 'yes'; put strings in double quotes"),
        (#"{"a": nul}"#, "unquoted text 'nul'"), (#"[truex]"#, "unquoted text 'truex'"),
        (
            #"{"paths": {} "x": 1}"#,
            #"expected ',' or '}' after the value of "paths", found '"'; add the missing comma"#
        ),
        ("[1 2]", "expected ',' or ']' after item 1 of the array, found '2'; add the missing comma"),
        (#"{"a" 1}"#, #"expected ':' after the key "a", found '1'; add the ':'"#),
        (#"{"a": }"#, "expected a value, found '}'"), ("[,1]", "expected a value, found ','"),
        (#"{,}"#, "expected a key in double quotes, found ','"),
        (#"{"a": 1"#, "unexpected end of input inside an object; add the missing value or '}'"),
        (#"[1, "#, "unexpected end of input inside an array; add the missing value or ']'"),
        (#"{"a":"#, "unexpected end of input inside an object"),
    ])
    func explainsSyntaxError(_ text: String, _ message: String) throws {
        let problem = try #require(jsonProblem(text))
        #expect(problem.code == ReadError.jsonSyntax)
        #expect(problem.message.contains(message), "\(problem.message)")
    }

    @Test func pointsAnUnclosedContainerAtWhereItStarts() throws {
        let problem = try #require(jsonProblem("{\"a\": [\n  1,\n  2\n"))
        #expect(problem.location == location(4, 1))
        #expect(problem.notes == [Diagnostic.Note("the array starts here", at: location(1, 7))])
    }

    // MARK: - Limits

    @Test func failsFastOnDeepNesting() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let clock = ContinuousClock()
        let start = clock.now
        let problems = jsonProblems(bytes)
        #expect(clock.now - start < .seconds(2))
        #expect(problems.map(\.code) == [ReadError.tooDeep.id])
        #expect(problems.first?.location == location(1, 1_001))
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let limits = ReadLimits(maxDepth: 5)
        let node = try readJSON(#"[{"a": [[{}]]}]"#, limits: limits)
        #expect(node == [["a": [[[:]]]]])
        let problem = try #require(jsonProblem(#"[{"a": [[{"b": []}]]}]"#, limits: limits))
        #expect(problem.code == ReadError.tooDeep)
        #expect(problem.message == "nesting is deeper than 5 levels; flatten the document")
        #expect(problem.location == location(1, 16))
    }

    @Test(arguments: [#""12345678""#, #""\u0041234567""#, "12345678", "\"éé\\\\\\\\\""])
    func acceptsScalarAtTheLimit(_ text: String) throws {
        _ = try readJSON("[\(text)]", limits: ReadLimits(maxScalarBytes: 8))
    }

    @Test(arguments: [#""123456789""#, #""\u004123456789""#, "123456789", "\"ééé\\\\\\\\\\n\"", "\"éééé😀\""])
    func rejectsScalarOverTheLimit(_ text: String) throws {
        let problem = try #require(jsonProblem("[\(text)]", limits: ReadLimits(maxScalarBytes: 8)))
        #expect(problem.code == ReadError.scalarTooLarge)
        #expect(problem.location == location(1, 2))
    }

    @Test func rejectsDocumentOverTheSizeLimit() throws {
        let limits = ReadLimits(maxDocumentBytes: 10)
        _ = try readJSON("[1,2,3,45]", limits: limits)
        let problem = try #require(jsonProblem("[1,2,3,456]", limits: limits))
        #expect(problem.code == ReadError.documentTooLarge)
        #expect(problem.message.contains("11 bytes"))
    }
}
