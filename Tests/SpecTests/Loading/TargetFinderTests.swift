import Testing
import YAML

@testable import Spec

/// The target finder resolves pointers exactly as `JSONPointer.resolve` does, indexed or not.
@Suite struct TargetFinderTests {
    /// A document whose `schemas` has `count` entries named S0, S1, … and a repeated S1 last.
    static func document(schemas count: Int) -> Node {
        var schemas = Mapping()
        for i in 0..<count { schemas.append(key: .string("S\(i)"), value: ["title": .string("first \(i)")]) }
        schemas.append(key: .string("S1"), value: ["title": "second"])
        return ["components": ["schemas": .mapping(schemas)], "list": ["a", ["b": "c"]], "scalar": "s"]
    }

    @Test(arguments: [3, TargetFinder.indexedCount, 200])
    func resolvesAsJSONPointerDoes(count: Int) throws {
        let root = Self.document(schemas: count)
        var finder = TargetFinder()
        var fragments = ["#", "#/components", "#/components/schemas", "#/list/1/b", "#/list/01", "#/list/2", "#/scalar/x"]
        fragments += ["#/missing/S1", "#/components/schemas/S", "#/components/schemas/S\(count)"]
        fragments += (0..<count).map { "#/components/schemas/S\($0)" } + (0..<count).map { "#/components/schemas/S\($0)/title" }
        // Twice, so the second round answers from what the first one cached.
        for fragment in fragments + fragments {
            let pointer = try #require(JSONPointer(fragment: fragment))
            #expect(finder.resolve(pointer, in: root, of: "f.yaml") == pointer.resolve(in: root), "\(fragment)")
        }
    }

    @Test func aRepeatedKeyFindsTheFirstEntry() throws {
        let root = Self.document(schemas: 100)
        var finder = TargetFinder()
        let found = finder.resolve(try #require(JSONPointer(fragment: "#/components/schemas/S1")), in: root, of: "f.yaml")
        #expect(found?["title"]?.string == "first 1")
    }

    @Test func documentsOfOtherFilesAreKeptApart() throws {
        var finder = TargetFinder()
        let pointer = try #require(JSONPointer(fragment: "#/components/schemas/S5"))
        #expect(finder.resolve(pointer, in: Self.document(schemas: 50), of: "a.yaml") != nil)
        #expect(finder.resolve(pointer, in: Self.document(schemas: 3), of: "b.yaml") == nil)
    }
}
