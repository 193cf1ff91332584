import Testing
import YAML

/// The entries `YAMLReader` notes while it composes a tree: their keys, paths and values.
@Suite struct KeyedEntriesTests {
    static let document = """
        a:
          - x: 1
            $ref: one
          - mapping: {k: v}
          - [skip, {$ref: deep}]
        b: {$ref: two, c: {mapping: 3}}
        "$ref": quoted
        $refs: not this one
        x-a: {$ref: one}

        """

    static let words = ["a", "mapping", "$ref"]

    /// Each noted entry as `key@step/step/...`, a step as `position:class`.
    static func noted(_ entries: KeyedEntries) -> [String] {
        (0..<entries.count).map { index in
            entries.keys[entries.key(at: index)] + "@"
                + entries.path(at: index).map { step in
                    let key: String =
                        switch step.key {
                        case .item: "-"
                        case .word(let word): entries.words[word]
                        case .other(let isExtension): isExtension ? "x-?" : "?"
                        }
                    return "\(step.position):\(key)"
                }.joined(separator: "/")
        }
    }

    @Test(arguments: [YAMLReader.Threading.singleThread, .pipelined])
    func notesEachKeyWithThePathToIt(threading: YAMLReader.Threading) throws {
        let (root, entries) = try YAMLReader.read(
            Array(Self.document.utf8), file: "t.yaml", threading: threading, notingKeys: ["$ref", "mapping"],
            tellingApart: Self.words)
        let noted = try #require(entries)
        #expect(
            Self.noted(noted) == [
                "$ref@0:a/0:-/1:$ref", "mapping@0:a/1:-/0:mapping", "$ref@0:a/2:-/1:-/0:$ref", "$ref@1:?/0:$ref",
                "mapping@1:?/1:?/0:mapping", "$ref@2:$ref", "$ref@4:x-?/0:$ref",
            ])
        #expect((0..<noted.count).map { noted.value(at: $0).text ?? "(mapping)" } == ["one", "(mapping)", "deep", "two", "3", "quoted", "one"])
        // Each path leads to an entry with its key and value, and each entry shares with the
        // one before exactly the steps their paths have in common.
        for index in 0..<noted.count {
            var node = root
            let path = noted.path(at: index)
            for step in path.dropLast() {
                let position = Int(step.position)
                if let mapping = node.mapping { node = mapping[valueAt: position] } else { node = node.sequence![position] }
            }
            let entry = node.mapping![position: Int(path.last!.position)]
            #expect(entry.key.text == noted.keys[noted.key(at: index)])
            #expect(entry.value == noted.value(at: index))
            if index > 0 {
                let previous = noted.path(at: index - 1).map(\.position)
                let common = zip(previous, path.map(\.position)).prefix { $0 == $1 }.count
                #expect(noted.sharedSteps(at: index) == min(common, path.count - 1))
            }
        }
    }

    @Test func aSharedValueKeepsItsTextAndPlace() throws {
        let text = "a: {$ref: '#/components/schemas/AVeryLongSchemaName'}\nb: {$ref: '#/components/schemas/AVeryLongSchemaName'}\n"
        let (root, entries) = try YAMLReader.read(Array(text.utf8), file: "t.yaml", notingKeys: ["$ref"])
        let noted = try #require(entries)
        #expect(noted.count == 2)
        #expect(noted.value(at: 0) == noted.value(at: 1))
        #expect(root["b"]?["$ref"]?.text == "#/components/schemas/AVeryLongSchemaName")
        #expect(root["b"]?["$ref"]?.mark == Mark(line: 2, column: 11))
    }

    @Test func anAliasLeavesNothingNoted() throws {
        let text = "a: &x {$ref: one}\nb: *x\n"
        let (_, entries) = try YAMLReader.read(Array(text.utf8), file: "t.yaml", notingKeys: ["$ref"])
        #expect(entries == nil)
        let (_, withoutAlias) = try YAMLReader.read(Array("a: &x {$ref: one}\n".utf8), file: "t.yaml", notingKeys: ["$ref"])
        #expect(withoutAlias?.count == 1)
    }

    @Test func jsonIsReadWithoutNotes() throws {
        let (root, entries) = try DocumentReader.read(Array(#"{"$ref": "x"}"#.utf8), file: "t.json", notingKeys: ["$ref"])
        #expect(root.mapping?.count == 1)
        #expect(entries == nil)
    }

    @Test func nothingIsNotedWithoutKeys() throws {
        let (_, entries) = try YAMLReader.read(Array(Self.document.utf8), file: "t.yaml", notingKeys: [])
        #expect(entries == nil)
    }
}
