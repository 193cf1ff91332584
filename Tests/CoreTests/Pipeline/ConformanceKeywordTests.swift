@testable import Core
import Testing

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
}
