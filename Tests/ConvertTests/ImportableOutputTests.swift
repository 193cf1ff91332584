import Convert
import Planning
import Diagnostics
import TestSupport
import Testing
import YAML

/// Shapes public specs take that used to give an output API Gateway or an OpenAPI 3.0
/// validator refuses, each with its case under `specs/`: the output now imports.
@Suite struct ImportableOutputTests {
    /// The case converted to `target`: the output read back as a tree, and the diagnostics.
    func convert(_ caseName: String, to target: Converter.Request.Target = .openapi) throws -> (Node?, [Diagnostic]) {
        let spec = try #require(SpecCorpus.specPath(of: caseName))
        let policy = try SpecCorpus.policyPath(of: caseName).map {
            Converter.PolicyInput(bytes: try SpecCorpus.bytes($0), file: $0)
        }
        let result = Converter.convert(
            entry: spec, reader: RepositoryFiles(), policy: policy, request: Converter.Request(target: target))
        let tree = try result.output.map { try YAMLReader.read(Array($0.utf8), file: "output.yaml") }
        return (tree, result.diagnostics)
    }

    /// Every mapping in the tree, depth first.
    func mappings(in node: Node) -> [Mapping] {
        switch node.content {
        case .scalar: []
        case .sequence(let items): items.flatMap(mappings(in:))
        case .mapping(let mapping): [mapping] + mapping.values.flatMap(mappings(in:))
        }
    }

    @Test func aThreeOneSpecImportsWithNoThreeOnePartLeft() throws {
        let (output, _) = try convert("openapi-31-downlevel")
        let document = try #require(output)
        #expect(document["openapi"]?.string == "3.0.3")
        #expect(document["components"]?["pathItems"] == nil)
        // The path item paths referred to in components is where paths says.
        #expect(document["paths"]?["/parcels"]?["get"]?["operationId"]?.string == "listParcels")
        let all = mappings(in: document)
        #expect(!all.contains { $0["$ref"]?.string?.contains("pathItems") == true })
        #expect(!all.contains { $0["type"]?.string == "mutualTLS" })
        #expect(!all.contains { $0["type"]?.sequence != nil || $0["const"] != nil || $0["$schema"] != nil })
        #expect(document["security"] == [["apiKey": []]])
        let properties = try #require(document["components"]?["schemas"]?["Parcel"]?["properties"])
        #expect(properties["id"] == ["anyOf": [["type": "string"], ["type": "integer"]]])
        #expect(properties["notes"] == [:])
        #expect(properties["forbidden"] == ["not": [:]])
        #expect(properties["sender"] == ["allOf": [["$ref": "#/components/schemas/Address"]], "description": "Who sent it"])
        #expect(properties["receiver"] == ["oneOf": [["$ref": "#/components/schemas/Address"]], "nullable": true])
        #expect(properties["photo"] == ["type": "string", "format": "byte"])
    }

    @Test func aThreeOneSpecOfSeveralFilesKeepsEveryPathItem() throws {
        let (output, _) = try convert("multi-file-31-path-items")
        let paths = try #require(output?["paths"])
        #expect(paths["/ping"]?["$ref"] == nil)
        #expect(paths["/ping"]?["get"]?["operationId"]?.string == "ping")
        #expect(paths["/ready"]?["get"]?["operationId"]?.string == "ready")
    }

    @Test func everyGeneratedPreflightDeclaresEveryVariableOfItsPath() throws {
        let (output, _) = try convert("cors-greedy-path-parameters")
        let document = try #require(output)
        var components: [String: String] = [:]
        for (key, value) in document["components"]?["parameters"]?.mapping?.entries ?? Mapping().entries {
            components["#/components/parameters/\(key.text ?? "")"] = value["name"]?.string
        }
        var preflights = 0
        for (key, item) in try #require(document["paths"]?.mapping).entries {
            let path = try #require(key.text)
            let variables = path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                String($0.dropFirst().dropLast().replacing("+", with: ""))
            }
            for (methodKey, operation) in try #require(item.mapping).entries where methodKey.text != "parameters" {
                let declared = ((item["parameters"]?.sequence ?? []) + (operation["parameters"]?.sequence ?? [])).compactMap {
                    parameter -> String? in
                    if let reference = parameter["$ref"]?.string { return components[reference] }
                    guard parameter["in"]?.string == "path", parameter["required"] == true else { return nil }
                    return parameter["name"]?.string
                }
                #expect(Set(variables).isSubset(of: Set(declared)), "\(methodKey.text ?? "") \(path) declares \(declared)")
                if methodKey.text == "options" { preflights += 1 }
            }
        }
        #expect(preflights == 4)
    }

    @Test func pathParametersAreRequiredInEveryOutput() throws {
        let (output, diagnostics) = try convert("apigw-optional-path-parameters")
        let document = try #require(output)
        #expect(diagnostics.filter { $0.code == "GW014" }.count == 3)
        let pathParameters = mappings(in: document).filter { $0["in"]?.string == "path" }
        #expect(pathParameters.count == 3)
        #expect(pathParameters.allSatisfy { $0["required"] == true })

        let (template, _) = try convert("apigw-optional-path-parameters", to: .cloudformation)
        let methods = try #require(template?["Resources"]?.mapping).values.compactMap { $0["Properties"]?["RequestParameters"]?.mapping }
        #expect(methods.count >= 3)
        #expect(methods.allSatisfy { $0.values.allSatisfy { $0 == true } })
    }

    @Test func omissionsAPIGatewayToleratesAreWarningsAndTheOutputIsComplete() throws {
        let (output, diagnostics) = try convert("openapi-tolerated-omissions")
        #expect(!diagnostics.contains { $0.severity == .error })
        #expect(diagnostics.filter { $0.severity == .warning }.map(\.code) == ["OAS109", "OAS107", "OAS108"])
        let document = try #require(output)
        #expect(document["openapi"]?.string == "3.0.3")
        #expect(document["info"] == ["title": "Untitled API", "version": "1.0.0"])
        #expect(document["servers"] == [["url": "https://api.example.com/v1"]])
        let (template, _) = try convert("openapi-tolerated-omissions", to: .cloudformation)
        #expect(template?["Resources"]?["Api"]?["Properties"]?["Name"]?.string == "Untitled API")
    }
}
