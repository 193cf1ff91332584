import Foundation
import TestSupport
import Testing
import YAML
import Render

@Suite struct OpenAPIRendererTests {
    let renderer = OpenAPIRenderer()

    @Test func addsIntegrationsAndKeepsTheSpecAsWritten() throws {
        let plan = try PlanFixtures.petStoreWithDocument()
        let document = renderer.render(plan)
        let original = try #require(plan.document)
        #expect(document["info"] == original["info"])
        #expect(document["components"]?["schemas"] == original["components"]?["schemas"])
        let list = try #require(document["paths"]?["/pets"]?["get"])
        #expect(list["operationId"]?.string == "listPets")
        #expect(list["x-amazon-apigateway-integration"]?["type"]?.string == "http_proxy")
        #expect(list["x-amazon-apigateway-integration"]?["uri"]?.string == "https://backend.example.com/pets")
        // Keys the spec had keep their order; the extension comes last.
        #expect(list.mapping?.keys.compactMap(\.text).first == "operationId")
        #expect(list.mapping?.keys.compactMap(\.text).last == "x-amazon-apigateway-integration")
    }

    @Test func writesSecurityOnEveryOperation() throws {
        let document = renderer.render(try PlanFixtures.petStoreWithDocument())
        #expect(document["paths"]?["/pets"]?["get"]?["security"] == [])
        #expect(document["paths"]?["/pets"]?["post"]?["security"] == [["apiKey": []]])
        #expect(document["paths"]?["/pets"]?["options"]?["security"] == [])
    }

    @Test func addsPreflightsWithEveryMappedHeaderDeclared() throws {
        let document = renderer.render(try PlanFixtures.petStoreWithDocument())
        let options = try #require(document["paths"]?["/pets/{petId}"]?["options"])
        let integration = try #require(options["x-amazon-apigateway-integration"])
        #expect(integration["type"]?.string == "mock")
        #expect(integration["contentHandling"]?.string == "CONVERT_TO_TEXT")
        let mapped = try #require(integration["responses"]?["default"]?["responseParameters"]?.mapping)
        let declared = try #require(options["responses"]?["204"]?["headers"]?.mapping)
        #expect(
            mapped.keys.compactMap { $0.text?.replacing("method.response.header.", with: "") }
                == declared.keys.compactMap(\.text))
    }

    @Test func carriesGatewayResponsesAtTheRoot() throws {
        let document = renderer.render(try PlanFixtures.petStoreWithDocument())
        let responses = try #require(document["x-amazon-apigateway-gateway-responses"]?.mapping)
        #expect(responses.keys.compactMap(\.text) == ["DEFAULT_4XX", "DEFAULT_5XX"])
        #expect(
            responses["DEFAULT_4XX"]?["responseParameters"]?["gatewayresponse.header.Access-Control-Allow-Origin"]?.string
                == "'https://app.example.com'")
    }

    @Test func worksWithoutASourceDocument() {
        let document = renderer.render(PlanFixtures.petStore)
        #expect(document["openapi"]?.string == "3.0.3")
        #expect(document["info"]?["title"]?.string == "Pet Store")
        #expect(document["paths"]?["/pets"]?["post"]?["security"] == [["api_key": []]])
        #expect(document["components"]?["securitySchemes"]?["api_key"]?["name"]?.string == "x-api-key")
    }

    @Test func openAPISpecValidatorAcceptsTheDocument() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oas2apigw-oas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, plan) in [("with-spec", try PlanFixtures.petStoreWithDocument()), ("bare", PlanFixtures.petStore)] {
            let file = folder.appendingPathComponent("\(name).yaml")
            try YAMLWriter.write(renderer.render(plan)).write(to: file, atomically: true, encoding: .utf8)
            let result = try ExternalTool.run("openapi-spec-validator", [file.path])
            #expect(result.status == 0, "openapi-spec-validator rejected \(name):\n\(result.output)")
        }
    }
}
