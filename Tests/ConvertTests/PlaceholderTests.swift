import Convert
import Diagnostics
import Testing
import YAML
import Plan
import Render
import Spec
import Planning

/// Values a spec takes from a SAM template or a Terraform templatefile: what CloudFormation
/// and API Gateway's import get for them.
@Suite struct PlaceholderTests {
    static let spec = """
        openapi: 3.0.1
        info: {title: orders, version: "1"}
        paths:
          /orders:
            get:
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri:
                  Fn::Sub: arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${OrdersFunction.Arn}/invocations
                credentials: !GetAtt ApiRole.Arn
          /tf:
            get:
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${lambda_arn}/invocations
          /stage:
            get:
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration:
                type: http_proxy
                httpMethod: GET
                uri: https://${stageVariables.host}.${AWS::Region}.example.com/
        """

    func convert(
        _ target: Converter.Request.Target, style: CloudFormationRenderer.Style = .resources, values: [String: String] = [:]
    ) throws -> (template: Node?, diagnostics: [Diagnostic]) {
        var files = InMemorySpecFiles()
        files.add("openapi.yaml", Self.spec)
        let request = Converter.Request(
            target: target, cloudFormationStyle: style, integrations: IntegrationSettings(parameterValues: values))
        let (output, diagnostics) = Converter.convert(entry: "openapi.yaml", reader: files, policy: nil, request: request)
        return (try output.map { try YAMLReader.read(Array($0.utf8), file: "out.yaml") }, diagnostics)
    }

    func integration(_ template: Node, _ method: String) -> Node? {
        template["Resources"]?[method]?["Properties"]?["Integration"]
    }

    @Test func aTemplateAsksForWhatItDoesNotDefineAndSubstitutesPseudoParameters() throws {
        let (output, diagnostics) = try convert(.cloudformation)
        let template = try #require(output, "\(diagnostics)")
        let parameters = template["Parameters"]?.mapping?.keys.compactMap(\.text)
        #expect(parameters == ["StageName", "OrdersFunctionArn", "ApiRoleArn", "LambdaArn"])
        let orders = try #require(integration(template, "OrdersGetMethod"))
        #expect(orders["Uri"]?.tag == "!Sub")
        #expect(orders["Uri"]?.text?.contains("${OrdersFunctionArn}") == true)
        #expect(orders["Credentials"]?.tag == "!Ref" && orders["Credentials"]?.text == "ApiRoleArn")
        // A plain string with ${AWS::Region} means nothing to CloudFormation outside a !Sub.
        let terraform = try #require(integration(template, "TfGetMethod"))
        #expect(terraform["Uri"]?.tag == "!Sub")
        #expect(terraform["Uri"]?.text == "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${LambdaArn}/invocations")
        // Inside a !Sub, API Gateway's stage variables are escaped so CloudFormation leaves them.
        let stage = try #require(integration(template, "StageGetMethod"))
        #expect(stage["Uri"]?.tag == "!Sub")
        #expect(stage["Uri"]?.text == "https://${!stageVariables.host}.${AWS::Region}.example.com/")
        let notes = diagnostics.filter { $0.code == "PLAN020" }
        #expect(notes.map { $0.location?.line } == [11, 12, 19])
        #expect(notes.first?.message.contains("--parameter OrdersFunctionArn=VALUE") == true)
    }

    @Test func aBodyTemplateAsksForTheSameParameters() throws {
        let (output, diagnostics) = try convert(.cloudformation, style: .body)
        let template = try #require(output, "\(diagnostics)")
        #expect(template["Parameters"]?.mapping?.keys.compactMap(\.text) == ["StageName", "OrdersFunctionArn", "ApiRoleArn", "LambdaArn"])
        let body = try #require(template["Resources"]?["Api"]?["Properties"]?["Body"])
        let uri = try #require(body["paths"]?["/tf"]?["get"]?["x-amazon-apigateway-integration"]?["uri"])
        #expect(uri.tag == "!Sub" && uri.text?.contains("${LambdaArn}") == true)
    }

    @Test func anOpenAPIOutputNeedsAValueForEveryPlaceholder() throws {
        let (output, diagnostics) = try convert(.openapi)
        #expect(output == nil)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(Set(errors.map(\.code)) == ["PLAN021"])
        #expect(
            errors.map { "\($0.location?.line ?? 0) \($0.message.prefix { $0 != " " })" } == [
                "11 ${AWS::Region}", "11 ${OrdersFunction.Arn}", "12 !GetAtt", "19 ${AWS::Partition}", "19 ${lambda_arn}",
            ])
        #expect(errors.allSatisfy { $0.message.contains("--parameter") })
    }

    @Test func parameterValuesAreWrittenOutAndStageVariablesStay() throws {
        let values = [
            "AWS::Region": "eu-west-1", "AWS::Partition": "aws", "OrdersFunctionArn": "arn:aws:lambda:eu-west-1:1:function:o",
            "ApiRole.Arn": "arn:aws:iam::1:role/r", "lambda_arn": "arn:aws:lambda:eu-west-1:1:function:t",
        ]
        let (output, diagnostics) = try convert(.openapi, values: values)
        let document = try #require(output, "\(diagnostics)")
        let orders = try #require(document["paths"]?["/orders"]?["get"]?["x-amazon-apigateway-integration"])
        #expect(orders["uri"]?.tag == nil)
        #expect(
            orders["uri"]?.text
                == "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:o/invocations")
        #expect(orders["credentials"]?.text == "arn:aws:iam::1:role/r")
        let stage = document["paths"]?["/stage"]?["get"]?["x-amazon-apigateway-integration"]?["uri"]
        #expect(stage?.text == "https://${stageVariables.host}.eu-west-1.example.com/")
        #expect(!document.containsTag)
        // A value for a template too: no parameter asks for it.
        let (template, _) = try convert(.cloudformation, values: values)
        #expect(template?["Parameters"]?.mapping?.keys.compactMap(\.text) == ["StageName"])
    }

    @Test func aMisspeltParameterIsReported() throws {
        let (_, diagnostics) = try convert(.cloudformation, values: ["lamda_arn": "x"])
        let warning = try #require(diagnostics.first { $0.code == "PLAN023" })
        #expect(warning.message.contains("did you mean lambda_arn?"))
    }

    /// `${lambda_arn}` and `${LambdaArn}` would both become the parameter `LambdaArn`: one
    /// template parameter cannot stand for two names, so the second is refused where it is
    /// written, and a value for either one settles it.
    @Test func twoNamesForOneParameterAreRefusedWhereTheSecondIsWritten() throws {
        var files = InMemorySpecFiles()
        files.add(
            "openapi.yaml",
            """
            openapi: 3.0.1
            info: {title: clash, version: "1"}
            paths:
              /a:
                get:
                  responses: {"200": {description: ok}}
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${lambda_arn}/invocations
              /b:
                get:
                  responses: {"200": {description: ok}}
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${LambdaArn}/invocations
            """)
        let clash = Converter.convert(entry: "openapi.yaml", reader: files, policy: nil, request: Converter.Request(target: .cloudformation))
        #expect(clash.output == nil)
        let error = try #require(clash.diagnostics.first { $0.code == "PLAN022" })
        #expect(error.severity == .error)
        #expect(error.location?.line == 17, "\(error)")
        #expect(error.message.contains("would both become template parameter LambdaArn"), "\(error.message)")
        let settled = Converter.convert(
            entry: "openapi.yaml", reader: files, policy: nil,
            request: Converter.Request(
                target: .cloudformation,
                integrations: IntegrationSettings(parameterValues: ["lambda_arn": "arn:aws:lambda:eu-west-1:123456789012:function:a"])))
        #expect(settled.output != nil, "\(settled.diagnostics)")
        #expect(!settled.diagnostics.contains { $0.code == "PLAN022" })
    }
}
