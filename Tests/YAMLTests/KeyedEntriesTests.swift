import Testing
import YAML

/// The entries `YAMLReader` notes while it composes a tree: their keys and paths.
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

        """

    /// Each noted entry as `key@path`, in order.
    static func noted(_ entries: KeyedEntries) -> [String] {
        (0..<entries.count).map { index in
            entries.keys[entries.key(at: index)] + "@" + entries.path(at: index).map(String.init).joined(separator: "/")
        }
    }

    @Test(arguments: [YAMLReader.Threading.singleThread, .pipelined])
    func notesEachKeyWithThePathToIt(threading: YAMLReader.Threading) throws {
        let (root, entries) = try YAMLReader.read(
            Array(Self.document.utf8), file: "t.yaml", threading: threading, notingKeys: ["$ref", "mapping"])
        let noted = try #require(entries)
        #expect(
            Self.noted(noted) == [
                "$ref@0/0/1", "mapping@0/1/0", "$ref@0/2/1/0", "$ref@1/0", "mapping@1/1/0", "$ref@2",
            ])
        // Each path leads to an entry with its key.
        for index in 0..<noted.count {
            var node = root
            let path = noted.path(at: index)
            for position in path.dropLast().map(Int.init) {
                if let mapping = node.mapping { node = mapping[valueAt: position] } else { node = node.sequence![position] }
            }
            let key = node.mapping![position: Int(path.last!)].key
            #expect(key.text == noted.keys[noted.key(at: index)])
        }
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
