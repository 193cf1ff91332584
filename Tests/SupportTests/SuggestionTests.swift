import Testing
import Support

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("Pett", ["Pets", "Pet"], "Pets"),
        ("Limt", ["Offset", "Limit"], "Limit"),
        ("Eror", ["Error"], "Error"),
        ("pet", ["Pet"], "Pet"),
        ("Catgeory", ["Category"], "Category"),
        ("Teapot", ["Error", "Item"], nil),
        ("Pet", ["Pet"], nil),
        ("x", [], nil),
    ] as [(String, [String], String?)])
    func suggestsOnlyLikelyTypos(word: String, candidates: [String], expected: String?) {
        #expect(Suggestion.closest(to: word, among: candidates) == expected)
    }

    @Test func tiesGoToTheEarliestCandidate() {
        #expect(Suggestion.closest(to: "Pat", among: ["Pot", "Put", "Pet"]) == "Pot")
    }

    @Test(arguments: [
        ("kitten", "sitting", 3),
        ("abc", "acb", 1),
        ("", "abc", 3),
        ("same", "same", 0),
        ("Error", "error", 1),
    ])
    func measuresEditDistance(a: String, b: String, distance: Int) {
        #expect(Suggestion.editDistance(a, b) == distance)
        #expect(Suggestion.editDistance(b, a) == distance)
    }

    @Test func givesUpPastTheLimit() {
        #expect(Suggestion.editDistance("kitten", "sitting", atMost: 2) == nil)
        #expect(Suggestion.editDistance("a", "abcdef", atMost: 2) == nil)
    }
}
