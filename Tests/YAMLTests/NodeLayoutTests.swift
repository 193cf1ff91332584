import Testing

@testable import YAML

/// A large spec's tree holds over a million nodes: each byte of a node is a megabyte of
/// memory, so the layout is pinned, and the boxed tag must behave like a stored string.
@Suite struct NodeLayoutTests {
    @Test func aNodeTakesFortyBytes() {
        #expect(MemoryLayout<Node>.stride == 40)
    }

    @Test func theTagReadsAndWritesLikeAStoredProperty() {
        var node = Node.string("Api")
        #expect(node.tag == nil)
        node.tag = "!Ref"
        let copy = node
        node.tag = "!GetAtt"
        #expect(copy.tag == "!Ref", "a copy keeps its own tag")
        #expect(node.tag == "!GetAtt")
        #expect(node != copy)
        node.tag = nil
        #expect(node == .string("Api"))
    }
}
