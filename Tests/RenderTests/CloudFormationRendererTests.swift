import Foundation
import TestSupport
import Testing
import YAML
import Plan
import Support
@testable import Render

@Suite struct CloudFormationRendererTests {
    let renderer = CloudFormationRenderer()

    @Test(arguments: [
        ("https://x.execute-api.${AWS::Region}.${AWS::URLSuffix}/v1", "https://x.execute-api.${AWS::Region}.${AWS::URLSuffix}/v1"),
        ("https://${host}/${AWS::Region}/{basePath}", "https://${!host}/${AWS::Region}/{basePath}"),
        ("https://a/${!kept}/${AWS::AccountId}", "https://a/${!kept}/${AWS::AccountId}"),
        ("https://a/${AWS::Region}/${unclosed", "https://a/${AWS::Region}/${unclosed"),
    ])
    func aServerURLKeepsItsTextUnderSub(_ url: String, _ sub: String) {
        #expect(IntrinsicFunctions.subText(url) == sub)
    }

    @Test func namesResourcesAndMethodsAfterTheirPaths() throws {
        let template = renderer.render(PlanFixtures.petStore).template
        let resources = try #require(template["Resources"]?.mapping)
        let names = resources.keys.compactMap(\.text)
        #expect(names.prefix(8) == [
            "Api", "PetsResource", "PetsPetIdResource", "PetsGetMethod", "PetsPostMethod", "PetsOptionsMethod",
            "PetsPetIdGetMethod", "PetsPetIdOptionsMethod",
        ])
        #expect(resources["PetsResource"]?["Properties"]?["ParentId"]?.tag == "!GetAtt")
        #expect(resources["PetsResource"]?["Properties"]?["ParentId"]?.string == "Api.RootResourceId")
        #expect(resources["PetsPetIdResource"]?["Properties"]?["ParentId"]?.tag == "!Ref")
        #expect(resources["PetsPetIdResource"]?["Properties"]?["ParentId"]?.string == "PetsResource")
        #expect(resources["PetsPetIdResource"]?["Properties"]?["PathPart"]?.string == "{petId}")
    }

    @Test func keepsFoldedPathsApart() {
        let ids = LogicalIDs(paths: ["/", "/a-b", "/ab", "/items/{proxy+}", "/items/proxy", "/2024/reports"])
        #expect(ids.resource("/a-b") != ids.resource("/ab"))
        #expect(ids.resource("/a-b").lowercased() != ids.resource("/ab").lowercased())
        #expect(ids.resource("/a-b").hasPrefix("AB"))
        #expect(ids.resource("/items/{proxy+}") == "ItemsProxyPlusResource")
        #expect(ids.resource("/items/proxy") == "ItemsProxyResource")
        #expect(ids.resource("/2024/reports") == "P2024ReportsResource")
        #expect(ids.method("GET", on: "/") == "RootGetMethod")
        // Adding a path that collides with neither leaves the others' IDs alone.
        let more = LogicalIDs(paths: ["/", "/a-b", "/ab", "/zz"])
        #expect(more.resource("/a-b") == ids.resource("/a-b"))
        for id in [ids.resource("/a-b"), ids.resource("/ab")] {
            #expect(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        }
    }

    @Test func preflightsNeedNoAuthorizationAndDeclareEveryMappedHeader() throws {
        let resources = try #require(renderer.render(PlanFixtures.petStore).template["Resources"]?.mapping)
        let options = try #require(resources["PetsOptionsMethod"]?["Properties"])
        #expect(options["AuthorizationType"]?.string == "NONE")
        #expect(options["ApiKeyRequired"]?.scalar?.text == "false")
        #expect(options["Integration"]?["Type"]?.string == "MOCK")
        #expect(options["Integration"]?["RequestTemplates"]?["application/json"]?.string == "{\"statusCode\": 200}")
        let mapped = try #require(options["Integration"]?["IntegrationResponses"]?[0]?["ResponseParameters"]?.mapping)
        let declared = try #require(options["MethodResponses"]?[0]?["ResponseParameters"]?.mapping)
        #expect(mapped.keys.compactMap(\.text) == declared.keys.compactMap(\.text))
        for value in mapped.values.compactMap(\.string) {
            #expect(value.hasPrefix("'") && value.hasSuffix("'"), "static values are single-quoted: \(value)")
        }
    }

    @Test func redeploysWheneverTheAPIChanges() throws {
        let first = renderer.render(PlanFixtures.petStore).template
        let again = renderer.render(PlanFixtures.petStore).template
        let deployment = try #require(first["Resources"]?.mapping?.keys.compactMap(\.text).first { $0.hasPrefix("Deployment") })
        #expect(again["Resources"]?.mapping?.keys.compactMap(\.text).contains(deployment) == true)
        var changed = PlanFixtures.petStore
        changed.resources[1].methods[0].apiKeyRequired = true
        let other = renderer.render(changed).template
        #expect(other["Resources"]?[deployment] == nil, "a changed API gets a new Deployment logical ID")
        let dependsOn = try #require(first["Resources"]?[deployment]?["DependsOn"]?.sequence).compactMap(\.string)
        let methods = try #require(first["Resources"]?.mapping).entries
            .filter { $0.value["Type"]?.string == "AWS::ApiGateway::Method" }.compactMap(\.key.text)
        #expect(Set(methods).isSubset(of: Set(dependsOn)))
        #expect(dependsOn.contains("GatewayResponseDefault4xx"))
        #expect(first["Resources"]?["Stage"]?["Properties"]?["DeploymentId"]?.string == deployment)
    }

    @Test func refusesMoreResourcesThanCloudFormationAllows() {
        var plan = PlanFixtures.petStore
        plan.resources += (0..<600).map { PlanResource(path: "/r\($0)") }
        let diagnostics = renderer.render(plan).diagnostics
        #expect(diagnostics.map(\.code) == ["CFN001"])
        #expect(diagnostics.first?.message.contains("--cfn-style body") == true)
    }

    @Test func bodyStylePutsTheWholeAPIInTheRestApi() throws {
        let template = CloudFormationRenderer(style: .body).render(try PlanFixtures.petStoreWithDocument()).template
        let resources = try #require(template["Resources"]?.mapping)
        #expect(resources.keys.compactMap(\.text).filter { !$0.hasPrefix("Deployment") } == ["Api", "Stage"])
        let body = try #require(resources["Api"]?["Properties"]?["Body"])
        #expect(body["paths"]?["/pets"]?["options"]?["x-amazon-apigateway-integration"]?["type"]?.string == "mock")
        let deployment = try #require(resources.entries.first { $0.key.text?.hasPrefix("Deployment") == true }?.value)
        #expect(deployment["DependsOn"] == nil, "the Ref to the API already orders the deployment after it")
    }

    @Test func theBodyStyleRedeploysWhenAPathItemOrTheRestOfTheBodyChanges() throws {
        let renderer = CloudFormationRenderer(style: .body)
        func deploymentID(_ plan: GatewayPlan) -> String? {
            renderer.render(plan).template["Resources"]?.mapping?.keys.compactMap(\.text).first { $0.hasPrefix("Deployment") }
        }
        let plan = try PlanFixtures.petStoreWithDocument()
        let first = try #require(deploymentID(plan))
        #expect(deploymentID(plan) == first)
        // A method's setting, which only its path item carries.
        var method = plan
        method.resources[1].methods[0].apiKeyRequired.toggle()
        // The document around the paths.
        var info = plan
        var document = try #require(info.document?.mapping)
        document["info"] = ["title": "Another title", "version": "2"]
        info.document = .mapping(document)
        // A gateway response, which is outside the paths too.
        var response = plan
        response.gatewayResponses.removeLast()
        let others = [method, info, response].map(deploymentID)
        #expect(Set(others + [first]).count == 4, "each change gives a new Deployment: \(others)")
    }

    @Test func warnsWhenTheTemplateMustGoThroughS3AndRefusesWhatIsTooLarge() {
        #expect(CloudFormationRenderer.sizeDiagnostics(templateBytes: 51_200).isEmpty)
        #expect(CloudFormationRenderer.sizeDiagnostics(templateBytes: 51_201).map(\.code) == ["CFN003"])
        #expect(CloudFormationRenderer.sizeDiagnostics(templateBytes: 1_000_001).map(\.code) == ["CFN002"])
    }

    @Test(arguments: CloudFormationRenderer.Style.allCases)
    func cfnLintAcceptsTheTemplate(style: CloudFormationRenderer.Style) throws {
        let template = CloudFormationRenderer(style: style).render(try PlanFixtures.petStoreWithDocument()).template
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oas2apigw-cfn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let yaml = folder.appendingPathComponent("template.yaml")
        let json = folder.appendingPathComponent("template.json")
        try YAMLWriter.write(template).write(to: yaml, atomically: true, encoding: .utf8)
        try JSONWriter.write(IntrinsicFunctions.expandingShortForms(template)).write(to: json, atomically: true, encoding: .utf8)
        let result = try ExternalTool.run("cfn-lint", [yaml.path, json.path])
        #expect(result.status == 0, "cfn-lint found problems:\n\(result.output)")
    }
}
