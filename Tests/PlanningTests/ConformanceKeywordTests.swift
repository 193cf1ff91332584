import Testing
import YAML
@testable import Planning

/// The 3.0 walk tells keywords apart by length instead of hashing them; these say the fast
/// checks answer as the plain sets do, for every keyword and for near misses.
@Suite struct ConformanceKeywordTests {
    static let nearMisses = [
        "", "id", "$id", "Type", "types", "const", "examples", "$schema", "definitions", "minContains", "nullables",
        "propertyNames", "patternProperties", "exclusiveMinimun", "additionalItems", "x-type", "readonly", "items ",
    ]

    @Test func theSchemaKeywordCheckIsTheSet() {
        for key in OpenAPI31Downlevel.schemaKeys { #expect(OpenAPI31Downlevel.isSchemaKeyword(key), "\(key)") }
        for key in Self.nearMisses + Array(OpenAPI31Downlevel.dropped31Keywords) {
            #expect(OpenAPI31Downlevel.isSchemaKeyword(key) == OpenAPI31Downlevel.schemaKeys.contains(key), "\(key)")
        }
    }

    @Test func theSchemaTypeCheckIsTheSet() {
        for name in OpenAPI31Downlevel.schemaTypes { #expect(OpenAPI31Downlevel.isSchemaType(name), "\(name)") }
        for name in Self.nearMisses + ["file", "null", "Object", "strings", "int", "integers", "arrays", "numeric"] {
            #expect(OpenAPI31Downlevel.isSchemaType(name) == OpenAPI31Downlevel.schemaTypes.contains(name), "\(name)")
        }
    }

    @Test func theDataKeyCheckIsTheSetAndExamples() {
        let data = OpenAPI31Downlevel.dataKeys.union(["examples"])
        for key in data { #expect(OpenAPI31Downlevel.isDataKey(key), "\(key)") }
        for key in Self.nearMisses + Array(OpenAPI31Downlevel.schemaKeys) {
            #expect(OpenAPI31Downlevel.isDataKey(key) == data.contains(key), "\(key)")
        }
    }

    @Test func theParameterKeywordCheckIsTheSet() {
        for key in OpenAPI31Downlevel.parameterKeys { #expect(OpenAPI31Downlevel.isParameterKeyword(key), "\(key)") }
        for key in Self.nearMisses + Array(OpenAPI31Downlevel.schemaKeys) + ["allowEmpty", "In", "schemas", "contents"] {
            #expect(OpenAPI31Downlevel.isParameterKeyword(key) == OpenAPI31Downlevel.parameterKeys.contains(key), "\(key)")
        }
    }

    @Test func extensionsAreTheKeysThatStartWithXDash() {
        for key in ["x-amazon-apigateway-integration", "x-", "x-\u{e9}"] { #expect(OpenAPI31Downlevel.isExtension(key), "\(key)") }
        for key in ["", "x", "X-foo", "-x", "xx-", "\u{78}\u{301}-a", "example"] {
            #expect(OpenAPI31Downlevel.isExtension(key) == key.hasPrefix("x-"), "\(key)")
        }
        #expect(OpenAPI31Downlevel.item(12) == "[12]")
    }

    static func scalar(_ text: String, _ kind: ScalarKind) -> Node { Node(.scalar(Scalar(text: text, kind: kind))) }

    @Test func defaultsAreCheckedAgainstTheTypeNullableAndEnum() {
        typealias D = OpenAPI31Downlevel
        func problem(_ value: Node, _ schema: Node) -> D.DefaultProblem? { D.defaultProblem(value, in: schema.mapping ?? Mapping()) }
        #expect(problem(Self.scalar("7", .int), ["type": "integer"]) == nil)
        #expect(problem(Self.scalar("7", .string), ["type": "integer"]) == .convertible(Self.scalar("7", .int)))
        #expect(problem(Self.scalar("0.5", .string), ["type": "number"]) == .convertible(Self.scalar("0.5", .float)))
        #expect(problem(Self.scalar("false", .string), ["type": "boolean"]) == .convertible(Self.scalar("false", .bool)))
        #expect(problem(Self.scalar("3", .int), ["type": "string"]) == .convertible(Self.scalar("3", .string)))
        if case .unfit = problem(Self.scalar("0", .int), ["type": "boolean"]) {} else { Issue.record("0 is not a boolean") }
        if case .unfit = problem(Self.scalar("auto", .string), ["type": "boolean"]) {} else { Issue.record("auto is not a boolean") }
        if case .unfit = problem(.sequence([]), ["type": "string"]) {} else { Issue.record("a list is not a string") }
        if case .unfit = problem(.null(), ["type": "string"]) {} else { Issue.record("null without nullable") }
        #expect(problem(.null(), ["type": "string", "nullable": true]) == nil)
        #expect(problem(.null(), [:]) == nil)
        if case .unfit = problem(Self.scalar("", .string), ["type": "string", "enum": ["a", "b"]]) {} else { Issue.record("outside the enum") }
        #expect(problem(Self.scalar("2", .int), ["type": "number", "enum": [Self.scalar("2.0", .float)]]) == nil)
    }

    @Test func repeatsAreFoundAmongScalarsAndStructures() {
        #expect(OpenAPI31Downlevel.hasRepeats([Self.scalar("a", .string), Self.scalar("b", .string), Self.scalar("a", .string)]))
        #expect(!OpenAPI31Downlevel.hasRepeats([Self.scalar("1", .string), Self.scalar("1", .int), Self.scalar("true", .bool)]))
        #expect(OpenAPI31Downlevel.hasRepeats([Self.scalar("1", .int), Self.scalar("1.0", .float)]))
        #expect(OpenAPI31Downlevel.hasRepeats([["a": 1], ["a": 1]]))
        #expect(!OpenAPI31Downlevel.hasRepeats([["a": 1], ["a": 2]]))
        let many = (0..<20_000).map { Self.scalar(String($0), .int) }
        #expect(!OpenAPI31Downlevel.hasRepeats(many))
        // Past eight values the set is used: the same answers there.
        let letters = "abcdefghij".map { Self.scalar(String($0), .string) }
        #expect(!OpenAPI31Downlevel.hasRepeats(letters))
        #expect(OpenAPI31Downlevel.hasRepeats(letters + [Self.scalar("c", .string)]))
        #expect(OpenAPI31Downlevel.hasRepeats(many.prefix(9) + [Self.scalar("8.0", .float)]))
        #expect(!OpenAPI31Downlevel.hasRepeats(letters + [Self.scalar("a", .int)]))
    }
}
