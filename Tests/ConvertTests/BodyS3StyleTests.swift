import Convert
import Diagnostics
import Planning
import Render
import Spec
import Support
import TestSupport
import Testing
import YAML

/// `--cfn-style body-s3`: the definition written first, the template around it naming its
/// MD5, and each change of the definition a change of the template.
@Suite struct BodyS3StyleTests {
    static func convert(_ spec: String, policy: String? = nil) -> (output: String?, definition: String?, diagnostics: [Diagnostic]) {
        var files = InMemorySpecFiles()
        files.add("openapi.yaml", spec)
        if let policy { files.add("cors.yaml", policy) }
        var request = Converter.Request(target: .cloudformation, cloudFormationStyle: .bodyS3)
        request.definitionName = "api.definition.yaml"
        return Converter.convertWithDefinition(
            entry: "openapi.yaml", reader: files,
            policy: policy.map { Converter.PolicyInput(bytes: Array($0.utf8), file: "cors.yaml") }, request: request)
    }

    static let spec = """
        openapi: 3.0.3
        info: {title: Shop, version: "1"}
        paths:
          /items:
            get:
              responses: {"200": {description: ok}}
        """

    @Test func theTemplateNamesTheDefinitionsMD5AndReadsItFromS3() throws {
        let result = Self.convert(Self.spec, policy: "allowOrigins: [https://shop.example.com]\n")
        let template = try YAMLReader.read(Array(try #require(result.output, "\(result.diagnostics)").utf8), file: "t.yaml")
        let definition = try #require(result.definition)
        let api = try #require(template["Resources"]?["Api"]?["Properties"])
        #expect(api["Body"] == nil)
        #expect(api["BodyS3Location"]?["Bucket"]?.tag == "!Ref" && api["BodyS3Location"]?["Bucket"]?.text == "DefinitionBucket")
        #expect(api["BodyS3Location"]?["ETag"]?.text == "DefinitionETag")
        #expect(template["Parameters"]?["DefinitionETag"]?["Default"]?.text == "\"\(MD5.hex(Array(definition.utf8)))\"")
        #expect(template["Parameters"]?["DefinitionKey"]?["Default"]?.text == "api.definition.yaml")
        // The definition is what the openapi target writes, preflights included, without functions.
        let document = try YAMLReader.read(Array(definition.utf8), file: "d.yaml")
        #expect(document["paths"]?["/items"]?["options"] != nil)
        #expect(!definition.contains("!Sub") && !definition.contains("!Ref"))
    }

    @Test func aChangedDefinitionChangesTheDeployment() throws {
        func deploymentID(_ spec: String) throws -> String {
            let output = try #require(Self.convert(spec).output)
            let template = try YAMLReader.read(Array(output.utf8), file: "t.yaml")
            return try #require(template["Resources"]?.mapping?.keys.compactMap(\.text).first { $0.hasPrefix("Deployment") })
        }
        let changed = Self.spec.replacing("description: ok", with: "description: the items")
        #expect(try deploymentID(Self.spec) != deploymentID(changed))
        #expect(try deploymentID(Self.spec) == deploymentID(Self.spec))
    }

    @Test func aFunctionLeftOpenIsRefusedInTheDefinition() throws {
        let spec = Self.spec + """

                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${ItemsFunction.Arn}/invocations
            """
        let result = Self.convert(spec)
        #expect(result.output == nil && result.definition == nil)
        #expect(result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
    }

    @Test func withoutAPlaceForTheDefinitionItIsRefused() {
        var files = InMemorySpecFiles()
        files.add("openapi.yaml", Self.spec)
        let result = Converter.convert(
            entry: "openapi.yaml", reader: files, policy: nil, request: Converter.Request(target: .cloudformation, cloudFormationStyle: .bodyS3))
        #expect(result.output == nil)
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.code) == [PipelineError.definitionFileNeeded.id])
    }

    /// API Gateway imports at most 6 MB (CONV015), for `--to openapi` and a body-s3 definition.
    @Test func aDefinitionOverSixMegabytesIsRefused() {
        #expect(Converter.definitionSize(6 * 1024 * 1024, what: "the document", at: nil).isEmpty)
        let found = Converter.definitionSize(6 * 1024 * 1024 + 1, what: "the document", at: nil)
        #expect(found.map(\.code) == [PipelineError.definitionTooLarge.id])
        #expect(found.first?.severity == .error)
    }

    @Test func theDefinitionIsNamedAfterTheTemplate() {
        #expect(Converter.definitionName(of: "build/api.yaml") == "build/api.definition.yaml")
        #expect(Converter.definitionName(of: "template.json") == "template.definition.json")
        #expect(Converter.definitionName(of: "out/api") == "out/api.definition")
        #expect(Converter.definitionName(of: ".hidden") == ".hidden.definition")
        #expect(Converter.stackFileName(of: "build/api.yaml", index: 2) == "build/api.stack-2.yaml")
        #expect(Converter.stackFileName(of: "out/api", index: 1) == "out/api.stack-1")
    }
}
