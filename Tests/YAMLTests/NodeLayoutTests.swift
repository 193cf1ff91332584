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

/// `containsTag` finds a tag at any depth, in keys' values and in sequence items.
@Suite struct ContainsTagTests {
    @Test func findsATagAtAnyDepth() {
        let plain: Node = ["a": ["b": [1, "x"]]]
        #expect(!plain.containsTag)
        let deep: Node = ["a": ["b": [1, Node(.scalar(Scalar(text: "Api", kind: .string)), tag: "!Ref")]]]
        #expect(deep.containsTag)
        #expect(Node(.scalar(Scalar(text: "x", kind: .string)), tag: "!Sub").containsTag)
    }
}
