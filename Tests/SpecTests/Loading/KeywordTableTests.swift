import Testing

@testable import Spec

/// The keyword table answers exactly as the dictionary it is built from.
@Suite struct KeywordTableTests {
    static let words: [String: Int] = {
        var words: [String: Int] = [:]
        for (index, word) in [
            "example", "enum", "const", "default", "components", "paths", "webhooks", "properties", "$defs", "items",
            "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "schema", "parameters", "requestBody", "x",
        ].enumerated() {
            words[word] = index
        }
        return words
    }()

    @Test func findsEveryKeyAndNothingElse() {
        let table = KeywordTable(Self.words)
        for (word, value) in Self.words { #expect(table.value(for: word) == value) }
        // Near misses: same length and ends, other case, extra or missing characters, empty.
        for miss in ["exemple", "Enum", "enums", "nu", "", "type", "description", "i", "ifs", "x-", "then\u{301}"] {
            #expect(table.value(for: miss) == nil, "\(miss)")
        }
    }

    @Test func agreesWithADictionaryOnManyKeys() {
        let table = KeywordTable(Self.words)
        var keys = Array(Self.words.keys)
        for length in 0..<24 {
            for first in ["a", "e", "p", "$", "x", "i"] { keys.append(first + String(repeating: "s", count: length)) }
        }
        for key in keys { #expect(table.value(for: key) == Self.words[key], "\(key)") }
    }
}
