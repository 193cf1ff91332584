import Convert
import Diagnostics
import Read
import Render
import Spec
import TestSupport
import Testing
import YAML

/// A resource-by-resource template over the limit, split into a parent and child stacks:
/// each within the limit, every resource in exactly one, and the children read back into the
/// parent (as the readers do) give the unsplit template's resources again.
@Suite struct NestedStacksTests {
    /// 40 collections with items and actions: 40 * 3 paths, each with GET and a preflight.
    static let spec: String = {
        var text = "openapi: 3.0.3\ninfo: {title: Big, version: '1'}\npaths:\n"
        for c in 0..<40 {
            for path in ["/c\(c)", "/c\(c)/{id}", "/c\(c)/{id}/act"] {
                text += "  \(path):\n    get: {responses: {'200': {description: ok}}}\n"
            }
        }
        return text
    }()

    static func files(limit: Int) -> [(name: String, text: String)]? {
        var files = InMemorySpecFiles()
        files.add("openapi.yaml", spec)
        files.add("cors.yaml", "allowOrigins: [https://a.example.com]\n")
        var request = Converter.Request(target: .cloudformation)
        request.outputName = "api.yaml"
        request.stackResourceLimit = limit
        return Converter.convertToFiles(
            entry: "openapi.yaml", reader: files, policy: Converter.PolicyInput(bytes: Array("allowOrigins: [https://a.example.com]\n".utf8), file: "cors.yaml"),
            request: request
        ).files
    }

    @Test(arguments: [60, 100, 250])
    func theSplitKeepsEveryResourceOnceAndWithinTheLimit(limit: Int) throws {
        let whole = try #require(Self.files(limit: 500)?.first?.text)
        let split = try #require(Self.files(limit: limit))
        #expect(split.count > 1, "over the limit, there are children")
        #expect(split.dropFirst().map(\.name) == (1..<split.count).map { "api.stack-\($0).yaml" })
        let trees = try split.map { try YAMLReader.read(Array($0.text.utf8), file: $0.name) }
        for (file, tree) in zip(split, trees) {
            #expect((tree["Resources"]?.mapping?.count ?? 0) <= limit, "\(file.name)")
            #expect((tree["Parameters"]?.mapping?.count ?? 0) <= 200, "\(file.name)")
        }
        let byName = Dictionary(uniqueKeysWithValues: zip(split.map(\.name), trees))
        let inlined = NestedStacks.inlined(trees[0]) { byName[$0] }
        let original = try YAMLReader.read(Array(whole.utf8), file: "whole.yaml")
        let expected = try #require(original["Resources"]?.mapping)
        let actual = try #require(inlined["Resources"]?.mapping)
        #expect(Set(actual.keys.compactMap(\.text)) == Set(expected.keys.compactMap(\.text)))
        for (key, value) in expected.entries where value["Type"]?.text != "AWS::ApiGateway::Deployment" {
            let id = try #require(key.text)
            #expect(YAMLWriter.write(actual[id] ?? .null()) == YAMLWriter.write(value), "\(id)")
        }
        // The deployment waits for every child stack.
        let deployment = try #require(trees[0]["Resources"]?.mapping?.values.first { $0["Type"]?.text == "AWS::ApiGateway::Deployment" })
        let stacks = trees[0]["Resources"]?.mapping?.entries.filter { $0.value["Type"]?.text == "AWS::CloudFormation::Stack" }.compactMap(\.key.text) ?? []
        #expect(Set(stacks).isSubset(of: Set(deployment["DependsOn"]?.sequence?.compactMap(\.text) ?? [])))
        // The same spec gives the same files.
        #expect(Self.files(limit: limit)?.map(\.text) == split.map(\.text))
    }
}
