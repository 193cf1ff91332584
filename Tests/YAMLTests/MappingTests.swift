import Testing

@testable import YAML

/// The mapping's ways of reading its entries agree with one another.
@Suite struct MappingTests {
    @Test func interleavedEntriesAreTheKeysAndValuesInSourceOrder() throws {
        let node = try readYAML("b: 1\na: [x]\n'c': {d: 2}\n")
        let map = try #require(node.mapping)
        let lent: [Node] = map.withInterleavedEntries { Array($0) }
        #expect(lent.count == 2 * map.count)
        for position in 0..<map.count {
            #expect(lent[2 * position] == map[position: position].key)
            #expect(lent[2 * position + 1] == map[position: position].value)
        }
        #expect(lent.map { $0.text ?? "-" } == ["b", "1", "a", "-", "c", "-"])
    }

    @Test func anEmptyMappingLendsNothing() {
        #expect(Mapping().withInterleavedEntries { $0.count } == 0)
    }
}
