import Diagnostics
import Foundation
import Testing

@testable import YAML

/// The halved read (`HalvedRead`: two halves parsed on two threads, joined) against the
/// read on one thread: wherever it cuts, a join gives the very same tree, marks and noted
/// entries, and whatever it cannot join is read whole.
@Suite struct HalvedReadTests {
    static let keys = ["$ref", "mapping"]
    static let words = ["paths", "components", "schemas", "get", "$ref"]

    /// A document with what a cut must get right around it: comments at any indentation,
    /// blank lines, block scalars that end just above a key, an indentless sequence, flow
    /// collections, quoted and numeric keys, tags, an anchor with its alias in one half, and
    /// `$ref` entries on both sides.
    static let awkward = """
        %YAML 1.2
        ---
        openapi: 3.0.3
        info:
          title: Awkward   # a comment after a value
          description: |
            Several lines,

            one of them blank.
        # a comment at column zero inside paths
        paths:
          /a:
            get:
              parameters:
              - $ref: '#/components/parameters/id'
              - {name: q, in: query}
              responses:
                200:
                  description: >-
                    folded
                    text
          "/b/{id}":
            x-tagged: !Sub "${AWS::Region}"

            post:
              requestBody: {$ref: '#/components/requestBodies/body'}
        # between
          /c:
            get:
              responses:
                default: &reply
                  description: reply
                "404": {description: missing}
          /d: {get: {responses: {default: {description: d}}}}
        components:
          schemas:
            Pet:
              type: object
              discriminator:
                propertyName: kind
                mapping:
                  dog: '#/components/schemas/Dog'
            Dog:
              allOf:
              - $ref: '#/components/schemas/Pet'
          parameters:
            id: {name: id, in: path, required: true}
        x-last: 'end'

        """

    /// The whole read of `bytes`, noting the same keys.
    static func whole(_ bytes: [UInt8]) throws -> (root: Node, entries: KeyedEntries?) {
        try YAMLReader.read(bytes, file: "doc.yaml", threading: .singleThread, notingKeys: keys, tellingApart: words)
    }

    /// Cuts `bytes` before every line in turn and expects each join to be the whole read;
    /// returns how many lines joined.
    @discardableResult
    static func expectEveryJoinIsWhole(
        _ bytes: [UInt8], _ what: String, everyLine stride: Int = 1, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Int {
        let expected = try? whole(bytes)
        var joined = 0
        var line = 0
        for offset in bytes.indices where offset > 0 && bytes[offset - 1] == UInt8(ascii: "\n") {
            line += 1
            guard line % stride == 0,
                let halves = YAMLReader.readInHalves(
                    bytes, file: "doc.yaml", cuttingAt: offset, notingKeys: keys, tellingApart: words)
            else { continue }
            joined += 1
            guard let expected else {
                Issue.record("\(what): joined at byte \(offset), but the whole read fails", sourceLocation: sourceLocation)
                continue
            }
            let sameTree = halves.root.isIdentical(to: expected.root)
            let sameNotes = halves.entries == expected.entries
            #expect(sameTree, "\(what): the tree cut at byte \(offset)", sourceLocation: sourceLocation)
            #expect(sameNotes, "\(what): the notes cut at byte \(offset)", sourceLocation: sourceLocation)
        }
        return joined
    }

    @Test func everyCutOfTheAwkwardDocumentJoinsIntoTheWholeTree() throws {
        let bytes = Array(Self.awkward.utf8)
        #expect(try Self.whole(bytes).entries?.count == 4)
        // A key line that follows another key of its mapping can start the second half: 15
        // of the 48 lines. The first key of a mapping cannot (the first half has no mapping
        // there yet), nor can a sequence item or the line after the directives.
        #expect(Self.expectEveryJoinIsWhole(bytes, "LF") == 15)
        let crlf = Array(Self.awkward.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(Self.expectEveryJoinIsWhole(crlf, "CRLF") == 15)
        let bom = [0xEF, 0xBB, 0xBF] + bytes
        #expect(Self.expectEveryJoinIsWhole(bom, "BOM") == 15)
        // With an alias, every line but the alias's own joins, without notes on either side.
        let aliased = Array(Self.awkward.replacingOccurrences(of: "{description: missing}", with: "*reply").utf8)
        #expect(try Self.whole(aliased).entries == nil)
        #expect(Self.expectEveryJoinIsWhole(aliased, "alias") == 14)
    }

    @Test func corpusFilesJoinIntoTheirWholeTrees() throws {
        var joined = 0
        for path in PipelinedReaderTests.corpus where path.hasSuffix(".yaml") {
            let bytes = try [UInt8](Data(contentsOf: PipelinedReaderTests.root.appendingPathComponent(path)))
            joined += Self.expectEveryJoinIsWhole(bytes, path, everyLine: 7)
        }
        #expect(joined > 1_000)
    }

    @Test func aLargeDocumentReadsTheSameEveryWay() throws {
        let bytes = Array(PipelinedReaderTests.large.utf8)
        #expect(bytes.count >= YAMLReader.halvesThreshold)
        let body = bytes.withUnsafeBufferPointer { HalvedRead.Cut.find(in: $0) }
        let cut = try #require(body)
        // The least indented key line after the middle: a path under `paths:`.
        #expect(cut.depth == 1)
        #expect(String(decoding: cut.keyLines, as: UTF8.self) == "paths:\n")
        #expect(cut.offset >= bytes.count / 2)
        let expected = try Self.whole(bytes)
        #expect(expected.entries == nil, "the document has aliases")
        for threading in [YAMLReader.Threading.halves, .automatic] {
            let read = try YAMLReader.read(bytes, file: "doc.yaml", threading: threading, notingKeys: Self.keys, tellingApart: Self.words)
            #expect(read.root.isIdentical(to: expected.root))
        }
        #expect(YAMLReader.readInHalves(bytes, file: "doc.yaml", cuttingAt: cut.offset) != nil)
    }

    @Test func notesJoinWhenNeitherHalfHasAnAlias() throws {
        var text = "openapi: 3.0.3\npaths:\n"
        for i in 0..<400 {
            text += "  /p\(i):\n    get:\n      parameters:\n      - $ref: '#/components/parameters/p\(i)'\n"
        }
        text += "components:\n  schemas:\n    S: {discriminator: {mapping: {a: '#/x'}}}\n"
        let bytes = Array(text.utf8)
        let expected = try Self.whole(bytes)
        #expect(expected.entries?.count == 401)
        let halves = try YAMLReader.read(bytes, file: "doc.yaml", threading: .halves, notingKeys: Self.keys, tellingApart: Self.words)
        #expect(halves.root.isIdentical(to: expected.root))
        #expect(halves.entries == expected.entries)
        let cut = try #require(bytes.withUnsafeBufferPointer { HalvedRead.Cut.find(in: $0) })
        #expect(YAMLReader.readInHalves(bytes, file: "doc.yaml", cuttingAt: cut.offset, notingKeys: Self.keys, tellingApart: Self.words) != nil)
    }

    /// Documents whose halves must not join at the line named, and what the whole read of
    /// each gives instead: the tree, or the problems (codes), the same through `.halves`.
    @Test(arguments: [
        // A key of the second half repeats one of the first in the joined mapping.
        ("paths:\n  /a: 1\n  /b: 2\n  /a: 3\n", "  /b", ["YAML002"]),
        // The parent line's mapping is indented differently from the cut line.
        ("paths:\n    /a: 1\n  /b: 2\n", "  /b", ["YAML001"]),
        // An alias in the second half to an anchor in the first.
        ("a: &x 1\npaths:\n  /a: 1\n  /b: *x\n", "  /b", []),
        // A double-quoted scalar whose continuation line looks like a parent key.
        ("paths:\n  /a:\n    d: \"one\nz:\n    two\"\n    e: 1\n", "    e", []),
        // The parent key is a noted key: its entry's value ends at the cut in the first half.
        ("paths:\n  $ref:\n    a: 1\n    b: 2\n", "    b", []),
        // A NEL (U+0085) in the first half: libyaml counts a line there.
        ("a: \"x\u{85}y\"\npaths:\n  /a: 1\n  /b: 2\n", "  /b", []),
        // A second document in the second half.
        ("paths:\n  /a: 1\n  /b: 2\n---\nc: 3\n", "  /b", ["YAML007"]),
        // Aliases in the two halves that pass the limit only together: see below.
    ])
    func halvesThatMustNotJoin(text: String, line: String, codes: [String]) throws {
        let bytes = Array(text.utf8)
        let offset = try #require(text.utf8.indexOfLine(startingWith: line))
        #expect(YAMLReader.readInHalves(bytes, file: "doc.yaml", cuttingAt: offset, notingKeys: Self.keys, tellingApart: Self.words) == nil)
        let serial = Result { try YAMLReader.read(bytes, file: "doc.yaml", threading: .singleThread) }
        let halves = Result { try YAMLReader.read(bytes, file: "doc.yaml", threading: .halves) }
        switch (serial, halves) {
        case (.success(let a), .success(let b)):
            #expect(codes.isEmpty)
            #expect(a.isIdentical(to: b))
        case (.failure(let a), .failure(let b)):
            let problems = try #require((a as? DiagnosticError)?.diagnostics)
            #expect(problems.map(\.code) == codes)
            #expect(problems == (b as? DiagnosticError)?.diagnostics)
        default:
            Issue.record("one read failed and the other did not")
        }
    }

    @Test func aliasesOfBothHalvesCountTogether() throws {
        let text = "a: &x [1, 2, 3, 4]\npaths:\n  /a: [*x, *x]\n  /b: &y [1, 2, 3, 4]\n  /c: [*y, *y]\n"
        let bytes = Array(text.utf8)
        let offset = try #require(text.utf8.indexOfLine(startingWith: "  /b"))
        // Each half expands 10 nodes; the whole document 20.
        let limits = ReadLimits(maxAliasExpansion: 15)
        #expect(YAMLReader.readInHalves(bytes, file: "doc.yaml", limits: limits, cuttingAt: offset) == nil)
        #expect(YAMLReader.readInHalves(bytes, file: "doc.yaml", cuttingAt: offset) != nil)
        #expect(throws: DiagnosticError.self) { try YAMLReader.read(bytes, file: "doc.yaml", limits: limits, threading: .halves) }
    }

    @Test func lineBreaksAreCountedAsLibYAMLCountsThem() {
        func count(_ text: String) -> Int? {
            Array(text.utf8).withUnsafeBufferPointer { HalvedRead.Cut.lineBreaks(in: $0) }
        }
        #expect(count("") == 0)
        #expect(count("a\nb\n") == 2)
        #expect(count("a\r\nb\r\n") == 2)
        #expect(count("a\rb\r") == 2)
        #expect(count("a\r\r\nb") == 2)
        #expect(count(String(repeating: "x\n", count: 1_000) + "é ☕ \r") == 1_001)
        #expect(count("a\u{85}b") == nil)
        #expect(count("a\u{2028}b") == nil)
        #expect(count("a\u{2029}b") == nil)
    }

    @Test func aDocumentWithoutAKeyLinePastTheMiddleHasNoCut() {
        for text in ["[" + String(repeating: "1, ", count: 1_000) + "1]\n", "- a\n- b\n- c\n- d\n", "a: 1\n"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { HalvedRead.Cut.find(in: $0) } == nil, "\(text.prefix(10))")
        }
    }
}

extension String.UTF8View {
    /// The offset of the first line that starts with `prefix`.
    fileprivate func indexOfLine(startingWith prefix: String) -> Int? {
        let bytes = Array(self)
        let wanted = Array(prefix.utf8)
        for offset in bytes.indices where offset == 0 || bytes[offset - 1] == UInt8(ascii: "\n") {
            if bytes[offset...].starts(with: wanted) { return offset }
        }
        return nil
    }
}
