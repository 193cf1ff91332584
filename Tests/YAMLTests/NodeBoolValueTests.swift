import Testing
import YAML

/// `boolValue` reads YAML's bool scalars in every core-schema spelling, and nothing else.
@Suite struct NodeBoolValueTests {
    @Test(arguments: [("true", true), ("True", true), ("FALSE", false), ("false", false)])
    func readsEachSpellingOfABool(text: String, value: Bool) throws {
        let node = try YAMLReader.read(Array("v: \(text)\n".utf8), file: "t.yaml")
        #expect(node["v"]?.boolValue == value)
    }

    @Test func aQuotedBoolOrANumberIsNoBool() throws {
        let node = try YAMLReader.read(Array("a: \"true\"\nb: 1\nc: yes\n".utf8), file: "t.yaml")
        #expect(node["a"]?.boolValue == nil)
        #expect(node["b"]?.boolValue == nil)
        #expect(node["c"]?.boolValue == nil, "YAML 1.2's core schema has no yes")
    }
}
