import GoldenCases
import TestSupport
import Testing
import YAML
import Spec

/// Output depends on what a spec says, not on the order of things whose order means nothing.
@Suite struct DeterminismTests {
    /// The mapping with its entries in reverse order.
    static func reversed(_ node: Node?) -> Node? {
        guard let node, let mapping = node.mapping else { return node }
        return Node(.mapping(Mapping(mapping.entries.reversed().map { ($0.key, $0.value) })), mark: node.mark)
    }

    @Test(arguments: ["petstore", "cors-multi-origin", "cors-rules-precedence", "multi-file-nested"])
    func reorderingPathsAndComponentsLeavesTheTemplateAlone(caseName: String) throws {
        let goldenCase = try #require(GoldenCase(folder: "specs/\(caseName)", name: caseName, exists: Golden.exists))
        let original = goldenCase.generate(reader: RepositoryFiles())
        var root = try #require(try DocumentReader.read(try SpecCorpus.bytes(goldenCase.spec), file: goldenCase.spec).mapping)
        root["paths"] = Self.reversed(root["paths"])
        if var components = root["components"]?.mapping {
            for (key, value) in components.entries { components[key.text!] = Self.reversed(value) }
            root["components"] = Self.reversed(.mapping(components))
        }
        let shuffled = ShuffledSpec(entry: goldenCase.spec, root: YAMLWriter.write(.mapping(root)))
        let regenerated = goldenCase.generate(reader: shuffled)
        let template = try #require(original.first { $0.file.hasPrefix("cloudformation") })
        #expect(regenerated.first { $0.file == template.file }?.text == template.text)
    }

    /// The entry file replaced by other text; every other file read from the repository.
    struct ShuffledSpec: SpecFileReader {
        var entry: String
        var root: String

        func read(_ path: String) throws -> [UInt8] {
            path == entry ? Array(root.utf8) : try RepositoryFiles().read(path)
        }
    }
}
