import Testing
import YAML

@testable import Spec

/// The one-pass field lookup answers what a lookup per name answers.
@Suite struct FieldPositionsTests {
    @Test func findsTheFirstEntryOfEachNameAsIndexOfDoes() {
        var map = Mapping()
        map.append(key: "summary", value: "first")
        map.append(key: .sequence(["tags"]), value: "a sequence key is no field")
        map.append(key: .int(200), value: "an integer key matches by its text")
        map.append(key: "tags", value: ["t"])
        map.append(key: "summary", value: "second")
        map.append(key: "summaryx", value: "longer")
        map.append(key: "in", value: "query")
        let names = APIModelBuilder.operationFields + ["200", "in", "x-missing"]
        let found = APIModelBuilder.positions(of: names, in: map)
        for (n, name) in names.enumerated() { #expect(found[n] == map.index(of: name), "\(name)") }
        #expect(found[names.firstIndex(of: "summary")!] == 0)
        #expect(found[names.firstIndex(of: "tags")!] == 3)
    }

    @Test func anEmptyMappingHasNoFields() {
        let found = APIModelBuilder.positions(of: APIModelBuilder.responseFields, in: Mapping())
        for n in APIModelBuilder.responseFields.indices { #expect(found[n] == nil) }
    }
}

/// Which nodes the model follows as references without copying the others out first.
@Suite struct ReferenceTestTests {
    @Test(arguments: [
        ("{$ref: '#/a'}", true), ("{x: 1, $ref: '#/a'}", true), ("{$ref: 1}", false), ("{$ref: [a]}", false),
        ("{$ref: 1, $ref2: '#/a'}", false), ("{a: {$ref: '#/a'}}", false), ("[{$ref: '#/a'}]", false), ("'$ref'", false),
        ("{}", false),
    ])
    func followsWhatAStringRefKeyNames(text: String, isReference: Bool) throws {
        let node = try YAMLReader.read(Array(text.utf8), file: "t.yaml")
        #expect(APIModelBuilder.isReference(node) == isReference)
        #expect(APIModelBuilder.isReference(node) == (node["$ref"]?.string != nil))
    }
}
