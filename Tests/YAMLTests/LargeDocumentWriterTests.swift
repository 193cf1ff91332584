import Testing

@testable import YAML

/// Documents far larger than the 64 kB slices the writers hand their bytes over in: the text
/// must be the same bytes as a small document's, slice after slice, so it reads back as the
/// same tree, in the right order, with nothing lost or doubled at a slice's edge.
@Suite struct LargeDocumentWriterTests {
    /// About 1.5 MB as YAML: paths with operations, a literal block, a tag, long keys and
    /// non-ASCII text, so slices end inside every kind of line.
    static let tree: Node = {
        var paths = Mapping()
        for i in 0..<3_000 {
            let operation: Node = [
                "operationId": .string("get\(i)"),
                "description": .string("Line one of \(i)\nline two, café ☕\n"),
                "x-uri": Node(.scalar(Scalar(text: "arn:${AWS::Region}:\(i)", kind: .string)), tag: "!Sub"),
                "parameters": [["name": "id", "in": "path", "required": true]],
                "responses": ["200": ["description": "OK"], "404": ["description": .string(String(repeating: "x", count: i % 97))]],
            ]
            paths.append(key: .string("/items/\(i)/{id}"), value: ["get": operation])
        }
        return ["openapi": "3.0.3", "paths": .mapping(paths), "last": "end"]
    }()

    @Test func aLargeYAMLDocumentReadsBackAsTheSameTree() throws {
        let text = YAMLWriter.write(Self.tree)
        #expect(text.utf8.count > 1_000_000)
        #expect(text.hasSuffix("last: end\n"))
        #expect(try YAMLReader.read(Array(text.utf8), file: "large.yaml") == Self.tree)
        #expect(YAMLWriter.writeFindingTags(Self.tree).text == text)
        #expect(YAMLWriter.writeFindingTags(Self.tree).firstTag?.tag == "!Sub")
    }

    @Test func aLargeJSONDocumentReadsBackAsTheSameTree() throws {
        let untagged = IntrinsicFree.strip(Self.tree)
        let text = try JSONWriter.write(untagged)
        #expect(text.utf8.count > 1_000_000)
        #expect(text.hasSuffix("\"last\": \"end\"\n}\n"))
        #expect(try JSONReader.read(Array(text.utf8), file: "large.json") == untagged)
    }
}

/// The tree without its tags, which JSON cannot write.
private enum IntrinsicFree {
    static func strip(_ node: Node) -> Node {
        var node = node
        node.tag = nil
        switch node.content {
        case .scalar: break
        case .sequence(let items): node.content = .sequence(items.map(strip))
        case .mapping(let mapping): node.content = .mapping(Mapping(mapping.entries.map { ($0.key, strip($0.value)) }))
        }
        return node
    }
}
