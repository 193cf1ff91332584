import Testing
import Spec

@Suite struct SpecReferenceTests {
    @Test(arguments: [
        ("#/components/schemas/Pet", "api/openapi.yaml", "api/openapi.yaml", "#/components/schemas/Pet"),
        ("schemas/pet.yaml", "api/openapi.yaml", "api/schemas/pet.yaml", "#"),
        ("./schemas/./pet.yaml#/Pet", "api/openapi.yaml", "api/schemas/pet.yaml", "#/Pet"),
        ("../common.json#/a~1b", "api/paths/pets.yaml", "api/common.json", "#/a~1b"),
        ("../../up.yaml", "api/openapi.yaml", "../up.yaml", "#"),
        ("a//b/.././c.yaml", "openapi.yaml", "a/c.yaml", "#"),
        ("pet.yaml", "/abs/api/openapi.yaml", "/abs/api/pet.yaml", "#"),
        ("../../../pet.yaml", "/abs/openapi.yaml", "/pet.yaml", "#"),
        ("paths/menu_{id}.yaml", "openapi.yaml", "paths/menu_{id}.yaml", "#"),
        ("..hidden/x.yaml", "api/openapi.yaml", "api/..hidden/x.yaml", "#"),
    ])
    func joinsAndNormalisesRelativeToTheReferringFile(reference: String, from: String, file: String, pointer: String) throws {
        let parsed = try #require(SpecReference(reference, relativeTo: from))
        #expect(parsed.file == file)
        #expect(parsed.pointer.description == pointer)
        #expect(!parsed.isRemote)
    }

    @Test(arguments: [
        ("a/b.yaml", "a/b.yaml"), ("a//b.yaml", "a/b.yaml"), ("a/b/", "a/b"), ("./a", "a"), ("a/.", "a"),
        ("a/..", ""), ("../a", "../a"), ("../../a/../b", "../../b"), ("/../a", "/a"), ("/", "/"), ("", ""),
        ("a/.../b", "a/.../b"), ("..a/b", "..a/b"), ("a/.b/c", "a/.b/c"),
    ])
    func normalisesPaths(path: String, expected: String) {
        #expect(SpecReference.normalised(path) == expected)
    }

    @Test(arguments: ["http://x.example/a.yaml", "HTTPS://x.example/a.yaml#/A", "//x.example/a.yaml", "Http:a.yaml"])
    func recognisesNetworkLocationsInAnyCase(reference: String) {
        #expect(SpecReference(reference, relativeTo: "openapi.yaml")?.isRemote == true)
    }

    @Test(arguments: ["httpx.yaml", "http.yaml", "https-schemas/a.yaml"])
    func takesFilesNamedLikeSchemesForFiles(reference: String) {
        #expect(SpecReference(reference, relativeTo: "openapi.yaml")?.isRemote == false)
    }
}
