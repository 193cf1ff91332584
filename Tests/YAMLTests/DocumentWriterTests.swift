import Diagnostics
import Glibc
import Testing

@testable import YAML

/// `DocumentWriter` must write a spliced document as exactly the bytes the plain writers
/// write for the assembled tree, whatever the number of workers and the size of the parts,
/// and report tags and JSON problems in document order.
struct DocumentWriterTests {
    /// A path item shaped like the ones a renderer makes, with the awkward scalars: a
    /// multi-line string, one that must be quoted, a number, a tag on every seventh.
    static func item(_ index: Int, tagged: Set<Int> = []) -> (Node, Node) {
        var operation: Node = [
            "summary": .string("Operation \(index): does things"),
            "description": .string("Line one of \(index).\nLine two, with: a colon\n"),
            "x-number": .int(index),
            "parameters": [["name": "id", "in": "path", "required": true]],
        ]
        if tagged.contains(index), var mapping = operation.mapping {
            mapping["x-sub"] = Node(.scalar(Scalar(text: "arn:${Thing\(index)}", kind: .string)), tag: "!Sub")
            operation = .mapping(mapping)
        }
        return (.string("/items/\(index)/{id}"), ["get": operation])
    }

    /// A document with `paths` to splice between other entries, in a mapping that late
    /// entries join.
    static func document(
        entries: Int, pathsLast: Bool = false, late: Bool = true, tagged: Set<Int> = [], rootTag: Bool = false
    ) -> SplicedDocument {
        var root = Mapping()
        root["swagger"] = "none"
        root["info"] = ["title": "Spliced", "version": "1"]
        if rootTag { root["x-before"] = Node(.scalar(Scalar(text: "Before", kind: .string)), tag: "!Ref") }
        var api = Mapping()
        if !pathsLast {
            api["paths"] = .mapping(Mapping())
            api["components"] = ["schemes": ["a": ["type": "apiKey"]]]
        } else {
            api["components"] = ["schemes": ["a": ["type": "apiKey"]]]
            api["paths"] = .mapping(Mapping())
        }
        root["api"] = .mapping(api)
        return SplicedDocument(
            root: .mapping(root), splicePath: ["api", "paths"], entryCount: entries,
            makeEntries: { range in
                var mapping = Mapping()
                for index in range {
                    let (key, value) = item(index, tagged: tagged)
                    mapping.append(key: key, value: value)
                }
                return (mapping, range.map { UInt64($0 * 3 + 1) })
            },
            lateEntries: late
                ? (["api"], { notes in
                    var extra = Mapping()
                    extra["count"] = .int(notes.count)
                    extra["sum"] = .int(Int(notes.reduce(0, &+)))
                    // A keep-chomped block is written quoted only at the very end of a document.
                    extra["last"] = .string("ends\n\n")
                    return extra
                }) : nil)
    }

    static let layouts: [(workers: Int, partSize: Int?)] = [(1, nil), (2, nil), (2, 1), (3, 2), (4, 7), (2, 1000)]

    @Test(arguments: [0, 1, 2, 5, 64, 300])
    func writesTheBytesOfTheAssembledTree(entries: Int) {
        for pathsLast in [false, true] {
            let document = Self.document(entries: entries, pathsLast: pathsLast)
            let whole = document.assembled()
            let yaml = YAMLWriter.write(whole)
            let json = (try? JSONWriter.write(whole)) ?? ""
            #expect(!json.isEmpty)
            for (workers, partSize) in Self.layouts {
                let yamlSink = TextSink()
                let jsonSink = TextSink()
                _ = DocumentWriter.write(document, format: .yaml, to: yamlSink, workers: workers, partSize: partSize)
                _ = DocumentWriter.write(document, format: .json, to: jsonSink, workers: workers, partSize: partSize)
                #expect(yamlSink.text == yaml, "YAML, \(entries) entries, \(workers) workers, parts of \(partSize ?? 0)")
                #expect(jsonSink.text == json, "JSON, \(entries) entries, \(workers) workers, parts of \(partSize ?? 0)")
            }
        }
    }

    @Test func lateEntriesSeeEveryNoteInOrder() {
        let document = Self.document(entries: 100)
        let sink = TextSink()
        _ = DocumentWriter.write(document, format: .yaml, to: sink, workers: 2, partSize: 3)
        let tree = try? YAMLReader.read(Array(sink.text.utf8), file: "out.yaml")
        let api = tree?["api"]
        #expect(api?["count"]?.text == "100")
        #expect(api?["sum"]?.text == String((0..<100).reduce(0) { $0 + $1 * 3 + 1 }))
        #expect(api?["paths"]?.mapping?.count == 100)
        #expect(api?["paths"]?.mapping?[position: 99].key.text == "/items/99/{id}")
        #expect(api?.mapping?.keys.last?.text == "last", "late entries close the mapping")
    }

    /// Notes worked out from each entry once it is written replace those `makeEntries`
    /// returns, in the same order, whatever the layout and format, and in `assembled()`.
    @Test func notesOfWrittenEntriesReplaceTheMadeOnes() {
        var document = Self.document(entries: 100)
        // The note of an entry: the length of its key and the number in its path.
        document.noteOfEntry = { key, _ in
            UInt64(key.text!.count * 1_000 + Int(key.text!.split(separator: "/")[1])!)
        }
        let expectedSum = (0..<100).reduce(0) { $0 + "/items/\($1)/{id}".count * 1_000 + $1 }
        #expect(document.assembled()["api"]?["sum"]?.text == String(expectedSum))
        for format in SourceFormat.allCases {
            for (workers, partSize) in Self.layouts {
                let sink = TextSink()
                _ = DocumentWriter.write(document, format: format, to: sink, workers: workers, partSize: partSize)
                let tree = try? DocumentReader.read(Array(sink.text.utf8), file: "out", format: format)
                #expect(tree?["api"]?["count"]?.text == "100")
                #expect(tree?["api"]?["sum"]?.text == String(expectedSum), "\(format), \(workers) workers, parts of \(partSize ?? 0)")
            }
        }
    }

    @Test func aKeepChompedBlockLastInTheDocumentIsQuotedAsTheWriterQuotesIt() {
        // With `paths` last and no late entries, the last spliced value ends the document.
        let document = SplicedDocument(
            root: ["openapi": "3.0.3", "paths": .mapping(Mapping())], splicePath: ["paths"], entryCount: 3,
            makeEntries: { range in
                var mapping = Mapping()
                for index in range { mapping.append(key: .string("/p\(index)"), value: ["description": "keep\n\n"]) }
                return (mapping, [])
            })
        let expected = YAMLWriter.write(document.assembled())
        #expect(expected.hasSuffix("description: \"keep\\n\\n\"\n"))
        for (workers, partSize) in Self.layouts {
            let sink = TextSink()
            _ = DocumentWriter.write(document, format: .yaml, to: sink, workers: workers, partSize: partSize)
            #expect(sink.text == expected)
        }
    }

    @Test func theFirstTagIsTheFirstInDocumentOrder() {
        for (workers, partSize) in Self.layouts {
            for format in [SourceFormat.yaml, .json] {
                // Only in the parts: the earliest part's, not the first to finish.
                var outcome = DocumentWriter.write(
                    Self.document(entries: 80, tagged: [41, 77]), format: format, to: TextSink(), workers: workers,
                    partSize: partSize)
                #expect(outcome.firstTag?.tag == "!Sub")
                let partTag = outcome.firstTag
                // Before the parts: that one.
                outcome = DocumentWriter.write(
                    Self.document(entries: 80, tagged: [41], rootTag: true), format: format, to: TextSink(),
                    workers: workers, partSize: partSize)
                #expect(outcome.firstTag?.tag == "!Ref")
                #expect(partTag != nil)
            }
        }
        // The part's tag is the one on item 41, whatever the layout: its text says so.
        let sink = TextSink()
        let outcome = DocumentWriter.write(
            Self.document(entries: 80, tagged: [41, 77]), format: .yaml, to: sink, workers: 2, partSize: 1)
        let expected = YAMLWriter.writeFindingTags(Self.document(entries: 80, tagged: [41, 77]).assembled())
        #expect(outcome.firstTag?.tag == expected.firstTag?.tag)
        #expect(sink.text == expected.text)
    }

    @Test func jsonProblemsComeInDocumentOrder() throws {
        let document = Self.document(entries: 60, tagged: [5, 50], rootTag: true)
        var expected: [Diagnostic] = []
        do {
            _ = try JSONWriter.write(document.assembled())
        } catch let error as DiagnosticError {
            expected = error.diagnostics
        }
        #expect(expected.count == 3)
        for (workers, partSize) in Self.layouts {
            let outcome = DocumentWriter.write(document, format: .json, to: TextSink(), workers: workers, partSize: partSize)
            #expect(outcome.problems.map(\.message) == expected.map(\.message))
        }
    }

    @Test func lateEntriesOutsideTheSplicedMappingAreWrittenWhole() {
        var document = Self.document(entries: 5)
        let late = document.lateEntries
        document.lateEntries = (["swagger"], late!.make)
        for format in [SourceFormat.yaml, .json] {
            let sink = TextSink()
            _ = DocumentWriter.write(document, format: format, to: sink, workers: 2, partSize: 1)
            let whole = document.assembled()
            #expect(sink.text == (format == .yaml ? YAMLWriter.write(whole) : (try? JSONWriter.write(whole)) ?? ""))
        }
    }

    /// A slow first part holds up the hand-over: the other workers must wait at the edge of
    /// their window, not run ahead without bound, and everything still comes out in order.
    @Test func aSlowPartHoldsTheOthersWithinTheirWindow() {
        let firstDone = Flag()
        let starts = Counter()
        let document = SplicedDocument(
            root: ["paths": .mapping(Mapping())], splicePath: ["paths"], entryCount: 200,
            makeEntries: { range in
                if range.contains(0) {
                    usleep(100_000)
                    firstDone.set()
                } else if !firstDone.isSet {
                    starts.increment()
                }
                var mapping = Mapping()
                for index in range { mapping.append(key: .string("/p\(index)"), value: .int(index)) }
                return (mapping, [])
            })
        let sink = TextSink()
        _ = DocumentWriter.write(document, format: .yaml, to: sink, workers: 3, partSize: 1)
        #expect(sink.text == YAMLWriter.write(document.assembled()))
        // With three workers the window is nine parts: at most eight start behind the first.
        #expect(starts.value <= 8, "\(starts.value) parts started while the first was being made")
    }

    @Test func aDocumentWhosePathsAreMissingIsWrittenWhole() {
        let document = SplicedDocument(
            root: ["openapi": "3.0.3"], splicePath: ["paths"], entryCount: 2,
            makeEntries: { range in
                var mapping = Mapping()
                for index in range { mapping.append(key: .string("/p\(index)"), value: "x") }
                return (mapping, [])
            })
        let sink = TextSink()
        _ = DocumentWriter.write(document, format: .yaml, to: sink, workers: 2)
        #expect(sink.text == YAMLWriter.write(document.assembled()))
    }

    @Test func aLargeDocumentReachesTheSinkInSlices() {
        final class Slices: ByteSink {
            var sizes: [Int] = []
            var bytes: [UInt8] = []
            func write(_ buffer: UnsafeBufferPointer<UInt8>) {
                sizes.append(buffer.count)
                bytes.append(contentsOf: buffer)
            }
        }
        let document = Self.document(entries: 3_000)
        let sink = Slices()
        _ = DocumentWriter.write(document, format: .yaml, to: sink, workers: 2)
        #expect(String(decoding: sink.bytes, as: UTF8.self) == YAMLWriter.write(document.assembled()))
        // Many hand-overs, none of them the whole document.
        #expect(sink.sizes.count > 10)
        #expect(sink.sizes.max() ?? 0 < sink.bytes.count / 4)
    }
}

/// A flag set once, read from several threads.
private final class Flag: @unchecked Sendable {
    private let lock = Mutex()
    private var value = false
    var isSet: Bool { lock.with { value } }
    func set() { lock.with { value = true } }
}

/// A count raised from several threads.
private final class Counter: @unchecked Sendable {
    private let lock = Mutex()
    private var count = 0
    var value: Int { lock.with { count } }
    func increment() { lock.with { count += 1 } }
}

/// A pthread mutex for the counters above.
private final class Mutex: @unchecked Sendable {
    private let raw = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    init() { pthread_mutex_init(raw, nil) }
    deinit {
        pthread_mutex_destroy(raw)
        raw.deallocate()
    }
    func with<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(raw)
        defer { pthread_mutex_unlock(raw) }
        return body()
    }
}
