import Diagnostics
import Foundation
import Testing

@testable import YAML

/// What one read gave: the tree, or every diagnostic in the order reported.
private enum ReadOutcome {
    case tree(Node)
    case problems([Diagnostic])

    init(_ bytes: [UInt8], threading: YAMLReader.Threading, limits: ReadLimits = .default) {
        do {
            self = .tree(try YAMLReader.read(bytes, file: "doc.yaml", limits: limits, threading: threading))
        } catch let error as DiagnosticError {
            self = .problems(error.diagnostics)
        } catch {
            self = .problems([.error(DiagnosticCode("TEST", .error, "a test's code"), "unexpected error \(error)")])
        }
    }

    /// Same tree to the mark and style, or the same diagnostics in the same order.
    func isSame(as other: ReadOutcome) -> Bool {
        switch (self, other) {
        case (.tree(let a), .tree(let b)): a.isIdentical(to: b)
        case (.problems(let a), .problems(let b)): a == b
        default: false
        }
    }

    var codes: [String] {
        if case .problems(let problems) = self { return problems.map(\.code) }
        return []
    }
}

/// Reads `bytes` on one thread and pipelined, and expects the very same outcome.
@discardableResult
private func expectSameOnBothPaths(
    _ bytes: [UInt8], limits: ReadLimits = .default, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> ReadOutcome {
    let serial = ReadOutcome(bytes, threading: .singleThread, limits: limits)
    let pipelined = ReadOutcome(bytes, threading: .pipelined, limits: limits)
    #expect(serial.isSame(as: pipelined), "\(what): the pipelined read differs", sourceLocation: sourceLocation)
    return serial
}

/// The pipelined reader (libyaml on a second thread, the tree composed on the caller's)
/// against the single-thread reader, on the same bytes whatever their size.
@Suite struct PipelinedReaderTests {
    /// The repository's top level, from this file's place in `Tests/YAMLTests`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every file under specs/ and golden/, as paths relative to the top level, sorted.
    static let corpus: [String] = ["specs", "golden"].flatMap { top -> [String] in
        let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(top).path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = root.appendingPathComponent(top).appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(top + "/" + path)
            }
        }
        return files
    }.sorted()

    /// About 700 kB of YAML, several times the pipelining threshold and hundreds of batches
    /// of events: mappings and sequences in block and flow style, every scalar style, tags,
    /// anchors and aliases, non-ASCII text, and one scalar longer than a batch's arena.
    static let large: String = {
        var text = "openapi: 3.0.3\ninfo:\n  title: Large\n  version: \"1\"\npaths:\n"
        for i in 0..<2_500 {
            text += """
                  /items/\(i)/{id}:
                    get:
                      operationId: get\(i)
                      description: 'Line one of \(i), café ☕'
                      x-uri: !Sub "arn:${AWS::Region}:\(i)"
                      tags: [a, "b", 'c', \(i), \(i).5, true, ~, null]
                      parameters: &params\(i)
                        - {name: id, in: path, required: true}
                      responses:
                        200:
                          description: |
                            OK \(i)
                            second line
                        "404":
                          description: >-
                            missing \(i)
                            folded
                    put:
                      parameters: *params\(i)
                      x-count: !!int "\(i)"

                """
        }
        text += "long: " + String(repeating: "0123456789", count: 40_000) + "\n"
        text += "last: end\n"
        return text
    }()

    @Test func theLargeDocumentIsLargerThanTheThreshold() throws {
        #expect(Self.large.utf8.count > 2 * YAMLReader.pipelineThreshold)
        let tree = try YAMLReader.read(Array(Self.large.utf8), file: "doc.yaml")
        #expect(tree["last"]?.string == "end")
        #expect(tree["paths"]?.mapping?.count == 2_500)
    }

    @Test func corpusFilesGiveTheSameTreeOrDiagnostics() throws {
        #expect(Self.corpus.count > 100, "the corpus was not found")
        for path in Self.corpus {
            let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent(path)))
            expectSameOnBothPaths(bytes, path)
        }
    }

    @Test func largeDocumentsGiveTheSameTree() {
        let variants: [(String, String)] = [
            ("LF", Self.large),
            ("CRLF", Self.large.replacingOccurrences(of: "\n", with: "\r\n")),
            ("flow", "[" + Array(repeating: "{a: 1, b: [x, 'y', \"z\"]}", count: 30_000).joined(separator: ", ") + "]\n"),
        ]
        for (name, text) in variants {
            guard case .tree = expectSameOnBothPaths(Array(text.utf8), name) else {
                Issue.record("\(name) did not read")
                continue
            }
        }
        let withBOM = [0xEF, 0xBB, 0xBF] + Array(Self.large.utf8)
        guard case .tree(let tree) = expectSameOnBothPaths(withBOM, "BOM") else {
            Issue.record("the document with a byte-order mark did not read")
            return
        }
        #expect(tree["openapi"]?.mark == Mark(line: 1, column: 10))
    }

    /// Problems near the end of a large file, after many batches: found in the same place,
    /// reported the same way and in the same order, after the problems before them.
    @Test(arguments: [
        ("syntax error", "\nbroken: [a, b\n", ["YAML001"]),
        // Duplicates are found when their mapping closes, so these are in one that closes.
        ("syntax error after duplicates", "\nz:\n  k: 1\n  k: 2\n  k: 3\nx: a: b\n", ["YAML002", "YAML002", "YAML001"]),
        ("duplicate key", "\nopenapi: again\n", ["YAML002"]),
        ("tab indentation", "\nz:\n\tb: 1\n", ["YAML001"]),
        ("unknown anchor", "\nz: *nowhere\n", ["YAML011"]),
        ("second document", "\n---\nb: 2\n", ["YAML007"]),
        ("tag mismatch", "\nz: !!int abc\n", ["YAML013"]),
        ("collection key", "\n? [a, b]\n: c\n", ["YAML010"]),
        ("too deep", "\nz: " + String(repeating: "[", count: 1_200) + String(repeating: "]", count: 1_200) + "\n", ["YAML004"]),
        ("alias bomb", "\n" + PipelinedReaderTests.aliasBomb, ["YAML003"]),
    ])
    func lateProblemsAreTheSame(name: String, tail: String, codes: [String]) {
        let outcome = expectSameOnBothPaths(Array((Self.large + tail).utf8), name)
        #expect(outcome.codes == codes, "\(name)")
    }

    @Test func lateProblemsOfTheBytesAreTheSame() {
        let badUTF8 = Array(Self.large.utf8) + Array("z: x".utf8) + [0xFF] + Array("\n".utf8)
        #expect(expectSameOnBothPaths(badUTF8, "bad UTF-8").codes == ["YAML009"])
        let lone = Array(Self.large.utf8) + Array("z: \u{7F}x\n".utf8)
        expectSameOnBothPaths(lone, "control character")
        let tooLarge = ReadLimits(maxScalarBytes: 300_000)
        #expect(expectSameOnBothPaths(Array(Self.large.utf8), limits: tooLarge, "scalar too large").codes == ["YAML006"])
    }

    /// The composer stops at the first event while the parser has most of the file ahead of
    /// it and is held back by a full queue: the read still ends, with the same diagnostic.
    @Test(arguments: [
        ("*nowhere\n", ["YAML011"]),
        (String(repeating: "[", count: 1_001), ["YAML004"]),
        ("a: 1\n---\n", ["YAML007"]),
    ])
    func aProblemAtTheStartStopsTheParser(head: String, codes: [String]) {
        let text = head + Self.large
        #expect(expectSameOnBothPaths(Array(text.utf8), "early \(codes)").codes == codes)
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n", "---\n", "a: 1\n", "a: b: c\n"])
    func smallInputsAreTheSameToo(text: String) {
        expectSameOnBothPaths(Array(text.utf8), "small \(text.debugDescription)")
        expectSameOnBothPaths([0xEF, 0xBB, 0xBF] + Array(text.utf8), "small with BOM \(text.debugDescription)")
    }

    static let aliasBomb: String = {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        return text
    }()
}
