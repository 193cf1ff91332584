import TestSupport
import Testing
import YAML
import Read

/// The outputs as written, read back the way API Gateway's import reads them, follow its
/// rules: a plan can be right and its rendering still lose a declaration (a header written
/// beside a `$ref`, which OpenAPI ignores).
@Suite struct WrittenOutputImportTests {
    @Test(arguments: SpecCorpus.caseNames)
    func everyWrittenOutputFollowsTheImportRules(caseName: String) throws {
        for output in ["openapi.yaml", "cloudformation.yaml"] {
            let file = "golden/\(caseName)/\(output)"
            guard Golden.exists(file) else { continue }
            let root = try YAMLReader.read(try SpecCorpus.bytes(file), file: file)
            let reading = GatewayPlanReader.reading(root, file: file)
            let plan = try #require(reading.plan, "\(file) cannot be read back")
            #expect(plan.importRuleViolations.map(\.description) == [], "\(file)")
            let document = root["Resources"]?["Api"]?["Properties"]?["Body"] ?? root
            #expect(Self.referencesWithSiblings(in: document["paths"]) == [], "\(file)")
        }
    }

    /// A response shared through `components/responses` carries the CORS headers its
    /// integration maps, declared inside the response where the import looks for them.
    @Test func aSharedResponseIsCopiedInPlaceToDeclareTheCORSHeaders() throws {
        let file = "golden/cors-response-ref/openapi.yaml"
        let document = try YAMLReader.read(try SpecCorpus.bytes(file), file: file)
        let list = try #require(document["paths"]?["/reports"]?["get"]?["responses"])
        #expect(list["200"]?["$ref"] == nil)
        #expect(list["200"]?["description"]?.string == "Every report")
        #expect(list["200"]?["content"]?["application/json"]?["schema"]?["type"]?.string == "array")
        #expect(list["200"]?["headers"]?.mapping?.keys.compactMap(\.text) == ["Access-Control-Allow-Origin", "Vary"])
        #expect(list["404"]?["headers"]?["Access-Control-Allow-Origin"] != nil)
        // A response that already declares every header stays shared, and so does one the
        // integration maps no header to.
        let one = try #require(document["paths"]?["/reports/{id}"]?["get"]?["responses"])
        #expect(one["200"]?["$ref"]?.string == "#/components/responses/Report")
        #expect(one["200"]?.mapping?.count == 1)
        #expect(one["404"]?["$ref"]?.string == "#/components/responses/Missing")
        #expect(document["components"]?["responses"]?["NotFound"]?["headers"] == nil)
    }

    /// Every `$ref` under `node` that has other keys beside it, as `pointer: keys`.
    static func referencesWithSiblings(in node: Node?, at pointer: String = "") -> [String] {
        guard let node else { return [] }
        switch node.content {
        case .scalar:
            return []
        case .sequence(let items):
            return items.enumerated().flatMap { referencesWithSiblings(in: $0.element, at: "\(pointer)/\($0.offset)") }
        case .mapping(let mapping):
            var found: [String] = []
            if mapping["$ref"] != nil, mapping.count > 1 {
                found.append("\(pointer): " + mapping.keys.compactMap(\.text).joined(separator: ","))
            }
            for (key, value) in mapping.entries {
                // Extensions are API Gateway's, not OpenAPI's; schemas may hold `$ref` siblings
                // that 3.0 ignores harmlessly, such as a description.
                guard let name = key.text, !name.hasPrefix("x-"), name != "schema" else { continue }
                found += referencesWithSiblings(in: value, at: "\(pointer)/\(name)")
            }
            return found
        }
    }
}
