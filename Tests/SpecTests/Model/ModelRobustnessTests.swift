import Diagnostics
import TestSupport
import Testing
import YAML
import Spec

/// The builder reports and skips what it cannot read, and never crashes on odd input.
@Suite struct ModelRobustnessTests {
    @Test(arguments: ["[1, 2]", "just text", "null", "{}", "{paths: [1], info: 3, servers: {a: 1}, security: 5}"])
    func survivesADocumentOfAnyShape(_ yaml: String) throws {
        let (model, diagnostics) = try ModelFixtures.build(yaml)
        #expect(model.resources.map(\.path) == ["/"])
        #expect(!diagnostics.isEmpty)
    }

    @Test func skipsEachWrongValueAndReadsTheRest() throws {
        let (model, diagnostics) = try ModelFixtures.buildCase("model-wrong-types")
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        #expect(Set(diagnostics.map(\.code)) == [ModelCheck.wrongType.id, ModelCheck.missingField.id])
        #expect(diagnostics.count == 15)
        // What was readable is still in the model.
        let get = try #require(model.resource(at: "/things")?.operation(.get))
        #expect(get.operationId == nil)
        #expect(get.summary == "List things")
        // `required: "yes"` is skipped, so the parameter keeps the default, not required.
        #expect(get.parameters.map(\.name) == ["limit"])
        #expect(get.parameter("limit", in: .query)?.isRequired == false)
        #expect(get.responses.map(\.statusCode) == ["404"])
        #expect(get.response("404")?.description == "Missing")
        #expect(get.security.schemeNames == ["apiKey"])
        #expect(model.resource(at: "/things")?.operation(.post) == nil)
        #expect(model.resource(at: "/broken")?.operations == [])
        #expect(model.version == "1.0")
    }

    /// Replaces every node of the pet store, one at a time, by a value of each other
    /// shape, and builds a model from each variant.
    @Test func neverCrashesWhateverNodeHasTheWrongShape() throws {
        let path = try #require(SpecCorpus.specPath(of: "petstore"))
        let petstore = try YAMLReader.read(try SpecCorpus.bytes(path), file: path)
        let replacements: [Node] = [42, "text", [1, "two"], ["k": "v"], .null()]
        var variants = 0
        for position in Self.positions(in: petstore) {
            for replacement in replacements {
                let variant = Self.replacing(at: position[...], in: petstore, with: replacement)
                let (model, _) = APIModelBuilder.build(from: LoadedSpec(entryFile: path, root: variant))
                #expect(model.root.path == "/")
                variants += 1
            }
        }
        #expect(variants > 500)
    }

    /// Every node's position: a list of child positions (entry index in a mapping, item index in a sequence).
    static func positions(in node: Node) -> [[Int]] {
        var result: [[Int]] = [[]]
        switch node.content {
        case .scalar:
            break
        case .sequence(let items):
            for (i, item) in items.enumerated() { result += positions(in: item).map { [i] + $0 } }
        case .mapping(let mapping):
            for (i, entry) in mapping.entries.enumerated() { result += positions(in: entry.value).map { [i] + $0 } }
        }
        return result
    }

    static func replacing(at position: ArraySlice<Int>, in node: Node, with replacement: Node) -> Node {
        guard let step = position.first else { return replacement }
        var node = node
        switch node.content {
        case .scalar:
            break
        case .sequence(var items):
            items[step] = replacing(at: position.dropFirst(), in: items[step], with: replacement)
            node.content = .sequence(items)
        case .mapping(let mapping):
            let entries = mapping.entries.enumerated().map { i, entry in
                (entry.key, i == step ? replacing(at: position.dropFirst(), in: entry.value, with: replacement) : entry.value)
            }
            node.content = .mapping(Mapping(entries))
        }
        return node
    }
}
