import Testing
import YAML

import Plan
import Support

/// The hash that names a Deployment: equal trees hash equal, and every difference a
/// template can have (a kind, a tag, a split between two strings, an order) changes it.
@Suite struct StableHashTests {
    private func hash(_ node: Node) -> String {
        var hash = StableHash()
        hash.combine(node)
        return hash.hex()
    }

    @Test func equalTreesHashEqualWhateverTheirMarks() {
        let a: Node = ["Type": "AWS::ApiGateway::RestApi", "Properties": ["Name": "pets", "Tags": [1, 2]]]
        var b = a
        b.mark = Mark(line: 9, column: 4)
        #expect(hash(a) == hash(b))
    }

    @Test(arguments: [
        ("a string and the number it spells", Node.string("1"), Node.int(1)),
        ("a tag", Node.string("Api"), Node(.scalar(Scalar(text: "Api", kind: .string)), tag: "!Ref")),
        ("two tags", Node(.scalar(Scalar(text: "Api", kind: .string)), tag: "!Ref"), Node(.scalar(Scalar(text: "Api", kind: .string)), tag: "!GetAtt")),
        ("where one string ends", ["ab", "c"], ["a", "bc"]),
        ("a trailing zero byte", "a", "a\u{0}"),
        ("eight bytes and nine", "abcdefgh", "abcdefghi"),
        ("key order", ["a": 1, "b": 2], ["b": 2, "a": 1]),
        ("a sequence and a mapping", [], [:]),
        ("nesting", [["a"]], ["a"]),
    ] as [(String, Node, Node)])
    func differentTreesHashDifferently(_ difference: String, _ a: Node, _ b: Node) {
        #expect(hash(a) != hash(b), "\(difference) must change the hash")
    }

    /// The same tree gives the same logical ID on every machine and Swift version, so the
    /// value is pinned: a change here re-creates every user's Deployment once.
    @Test func valueIsPinned() {
        let tree: Node = ["Api": ["Type": "AWS::ApiGateway::RestApi", "Properties": ["Name": "pets"]]]
        #expect(hash(tree) == hash(tree))
        #expect(hash(tree).count == 16)
        #expect(hash(tree) == "a49c6815a3f8c633")
    }
}
