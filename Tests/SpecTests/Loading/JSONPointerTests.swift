import Testing
import YAML
import Spec

@Suite struct JSONPointerTests {
    @Test(arguments: [
        ("", [String]()),
        ("#", []),
        ("#/components/schemas/Pet", ["components", "schemas", "Pet"]),
        ("#/paths/~1pets~1{id}", ["paths", "/pets/{id}"]),
        ("#/paths/~1pets~1%7Bid%7D", ["paths", "/pets/{id}"]),
        ("#/a~0b", ["a~b"]),
        // ~01 is "~" then "1", never "/": ~0 is undone after ~1, not before.
        ("#/a~01", ["a~1"]),
        ("#/Item%20Id", ["Item Id"]),
        ("#/100%25", ["100%"]),
        ("#/%7E1", ["/"]),
        ("#/", [""]),
        ("/a/b", ["a", "b"]),
        ("#/caf%C3%A9", ["café"]),
    ])
    func decodesEscapes(fragment: String, tokens: [String]) {
        #expect(JSONPointer(fragment: fragment)?.tokens == tokens)
    }

    @Test(arguments: ["#Pet", "#/a~2", "#/a~", "#/a%zz", "#/a%4", "#/%FF", "Pet"])
    func refusesTextThatIsNotAPointer(fragment: String) {
        #expect(JSONPointer(fragment: fragment) == nil)
    }

    @Test func escapesTokensAgainWhenPrinted() {
        let pointer = JSONPointer(tokens: ["paths", "/pets/{id}", "a~b"])
        #expect(pointer.description == "#/paths/~1pets~1{id}/a~0b")
        #expect(JSONPointer(fragment: pointer.description) == pointer)
    }

    @Test func resolvesKeysAndIndexesAndNamesTheFirstMissingStep() {
        let root: Node = ["paths": ["/pets/{id}": ["parameters": [["name": "id"], ["name": "q"]]]]]
        #expect(JSONPointer(fragment: "#/paths/~1pets~1%7Bid%7D/parameters/1/name")?.resolve(in: root)?.string == "q")
        // RFC 6901: an index has no leading zeros.
        #expect(JSONPointer(fragment: "#/paths/~1pets~1{id}/parameters/01")?.resolve(in: root) == nil)
        let missing = JSONPointer(fragment: "#/paths/~1pets~1{id}/parameters/2/name")?.firstMissingPrefix(in: root)
        #expect(missing?.found.description == "#/paths/~1pets~1{id}/parameters")
        #expect(missing?.missing == "2")
    }
}
