import Testing
import CORS

/// What a rule's path patterns match: `*` one segment, `**` any number, literals exactly.
@Suite struct PathGlobTests {
    static let paths = ["/", "/pets", "/pets/", "/pets/{petId}", "/pets/{id}", "/pets/{petId}/photos", "/admin", "/admin/users",
        "/admin/users/{id}", "/{proxy+}", "/petstore"]

    @Test(arguments: [
        ("/pets", ["/pets", "/pets/"]),
        ("/pets/*", ["/pets/{petId}", "/pets/{id}"]),
        ("/pets/{id}", ["/pets/{id}"]),
        ("/pets/**", ["/pets", "/pets/", "/pets/{petId}", "/pets/{id}", "/pets/{petId}/photos"]),
        ("/admin/**", ["/admin", "/admin/users", "/admin/users/{id}"]),
        ("/*", ["/pets", "/pets/", "/admin", "/{proxy+}", "/petstore"]),
        ("/**", paths),
        ("/", ["/"]),
        ("/*/*/photos", ["/pets/{petId}/photos"]),
        ("/**/{id}", ["/pets/{id}", "/admin/users/{id}"]),
        ("/{proxy+}", ["/{proxy+}"]),
    ])
    func matchesExactlyThesePaths(glob: String, expected: [String]) throws {
        let pattern = try PathGlob(glob)
        #expect(Self.paths.filter(pattern.matches) == expected)
    }

    @Test(arguments: ["pets", "/pets*", "/*pets", "/a/***", "/a//b", ""])
    func refusesPatternsThatAreNotWholeSegments(glob: String) {
        #expect(throws: PathGlob.Problem.self) { try PathGlob(glob) }
    }
}
