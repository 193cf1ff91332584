import Testing

@testable import Spec

/// `paths` keys read byte by byte: segments, variables, query parts and the characters API
/// Gateway refuses, including keys that are not plain ASCII.
@Suite struct PathTemplateTests {
    @Test(arguments: [
        ("/", [String](), false, [String]()),
        ("/pets", ["pets"], false, []),
        ("/pets/", ["pets"], true, []),
        ("/pets/{petId}/toys/{toy+}", ["pets", "{petId}", "toys", "{toy+}"], false, ["petId", "toy"]),
        ("/a//b", ["a", "", "b"], false, []),
        ("/files/{name}.json", ["files", "{name}.json"], false, ["name"]),
        ("/{a}{b}/{}/{+}", ["{a}{b}", "{}", "{+}"], false, ["a", "b"]),
        ("/café/{naïve}", ["café", "{naïve}"], false, ["naïve"]),
        ("/open/{brace", ["open", "{brace"], false, []),
    ])
    func splitsSegmentsAndNamesVariables(key: String, segments: [String], trailing: Bool, names: [String]) {
        let template = PathTemplate(key)
        #expect(template.segments == segments)
        #expect(template.hasTrailingSlash == trailing)
        #expect(template.variableNames == names)
        #expect(template.text == key)
    }

    @Test func tellsVariablesFromLiterals() {
        #expect(PathTemplate.kind(of: "{id}") == .variable)
        #expect(PathTemplate.kind(of: "{proxy+}") == .greedyVariable)
        #expect(PathTemplate.kind(of: "{+}") == .literal)
        #expect(PathTemplate.kind(of: "{}") == .literal)
        #expect(PathTemplate.kind(of: "{a}{b}") == .literal)
        #expect(PathTemplate.kind(of: "pets") == .literal)
        #expect(PathTemplate.kind(of: "{é}") == .variable)
        #expect(PathTemplate.shape(of: "v{major}") == .glued(prefix: "v", name: "major", suffix: ""))
        #expect(PathTemplate.shape(of: "plain") == .literal)
        #expect(PathTemplate.shape(of: "a}b") == .malformed)
    }

    @Test func cutsTheQueryOrFragmentOff() {
        #expect(PathTemplate.splitQuery("/search?q={q}") == ("/search", "?q={q}"))
        #expect(PathTemplate.splitQuery("/docs#top") == ("/docs", "#top"))
        #expect(PathTemplate.splitQuery("/plain").rest == nil)
        #expect(PathTemplate.splitQuery("/é?x") == ("/é", "?x"))
    }

    @Test func namesEachRefusedCharacterOnce() {
        #expect(PathTemplate.disallowedCharacters(in: "pets-1.2_a,b:c").isEmpty)
        #expect(PathTemplate.disallowedCharacters(in: "a b@c d") == [" ", "@"])
        #expect(PathTemplate.disallowedCharacters(in: "café") == ["é"])
    }
}
