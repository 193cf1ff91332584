import Diagnostics
import Testing
import YAML
import Plan
import Support
import Read
import Spec

/// Each problem the readers report, with its code and place, and the hand-written faults a
/// read plan must keep as written for the doctor to find.
@Suite struct ReaderDiagnosticsTests {
    static func read(_ text: String, file: String = "t.yaml") throws -> GatewayReading {
        GatewayPlanReader.reading(try YAMLReader.read(Array(text.utf8), file: file), file: file)
    }

    static let api = "Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: a}}"

    /// One broken input per code: the code, the line it must point at.
    static let cases: [(code: String, line: Int, text: String)] = [
        (ReadDiagnosticCode.notADefinition.id, 1, "- just\n- a list\n"),
        (ReadDiagnosticCode.noRestAPI.id, 2, "Resources:\n  Bucket: {Type: AWS::S3::Bucket}\n"),
        (ReadDiagnosticCode.severalRestAPIs.id, 3, "Resources:\n  \(api)\n  Other: {Type: AWS::ApiGateway::RestApi, Properties: {Name: b}}\n"),
        (ReadDiagnosticCode.externalBody.id, 4,
         "Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties: {BodyS3Location: {Bucket: b, Key: k}}\n"),
        (ReadDiagnosticCode.samCORS.id, 5,
         "Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      Cors: \"'*'\"\n      DefinitionUri: s3://b/k.yaml\n"),
        (ReadDiagnosticCode.unresolvedValue.id, 4,
         "Resources:\n  \(api)\n  R:\n    Properties: {ParentId: !GetAtt Api.RootResourceId, PathPart: !ImportValue Part}\n    Type: AWS::ApiGateway::Resource\n"),
        (ReadDiagnosticCode.undefinedReference.id, 5,
         "Resources:\n  \(api)\n  M:\n    Type: AWS::ApiGateway::Method\n    Properties: {ResourceId: !GetAtt Api.RootResourceId, HttpMethod: GET, Integration: {Type: AWS, Uri: !Ref Nowhere}}\n"),
        (ReadDiagnosticCode.unknownCondition.id, 5,
         "Parameters: {P: {Type: String}}\nConditions: {C: !Equals [!Ref P, x]}\nResources:\n  \(api)\n  R: {Type: AWS::ApiGateway::Resource, Condition: C, Properties: {ParentId: !GetAtt Api.RootResourceId, PathPart: r}}\n"),
        (ReadDiagnosticCode.malformed.id, 5,
         "Resources:\n  \(api)\n  M:\n    Type: AWS::ApiGateway::Method\n    Properties: {ResourceId: !GetAtt Api.RootResourceId, HttpMethod: GET, Integration: [MOCK]}\n"),
        (ReadDiagnosticCode.unknownParent.id, 3,
         "Resources:\n  \(api)\n  R: {Type: AWS::ApiGateway::Resource, Properties: {ParentId: !Ref Missing, PathPart: r}}\n"),
        (ReadDiagnosticCode.unknownResource.id, 3,
         "Resources:\n  \(api)\n  M: {Type: AWS::ApiGateway::Method, Properties: {ResourceId: !Ref Missing, HttpMethod: GET, Integration: {Type: MOCK}}}\n"),
        (ReadDiagnosticCode.duplicateMethod.id, 4,
         "Resources:\n  \(api)\n  A: {Type: AWS::ApiGateway::Method, Properties: {ResourceId: !GetAtt Api.RootResourceId, HttpMethod: GET, Integration: {Type: MOCK}}}\n  B: {Type: AWS::ApiGateway::Method, Properties: {ResourceId: !GetAtt Api.RootResourceId, HttpMethod: get, Integration: {Type: MOCK}}}\n"),
        (ReadDiagnosticCode.missingIntegration.id, 5,
         "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {responses: {'200': {description: ok}}}\n    post: {x-amazon-apigateway-integration: {type: mock}}\n"),
        (ReadDiagnosticCode.unknownIntegrationType.id, 5,
         "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {x-amazon-apigateway-integration: {type: lambda}}\n"),
        (ReadDiagnosticCode.unknownAuthorizer.id, 5,
         "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {security: [{nobody: []}], x-amazon-apigateway-integration: {type: mock}}\n"),
        (ReadDiagnosticCode.samRefused.id, 7,
         "Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      Cors: {AllowOrigin: \"'*'\", AllowCredentials: true}\n"),
        (ReadDiagnosticCode.samNotRead.id, 5,
         "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Events: {E: {Type: Api, Properties: {Path: /a, Method: post, RequestModel: {Model: M}}}}}\n"),
        (ReadDiagnosticCode.samIgnored.id, 5,
         "Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties: {StageName: prod, Auth: {DefaultAuthorizer: Tokens}}\n"),
        (ReadDiagnosticCode.webSocketAPI.id, 3,
         "Resources:\n  Socket:\n    Properties: {ProtocolType: WEBSOCKET}\n    Type: AWS::ApiGatewayV2::Api\n"),
        (ReadDiagnosticCode.bodyWithCORSConfiguration.id, 5,
         "Resources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      CorsConfiguration: {AllowOrigins: ['*']}\n      Body: {openapi: 3.0.1, info: {title: t, version: '1'}, paths: {}}\n"),
        (ReadDiagnosticCode.bodyWithRouteResources.id, 5,
         "Resources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties: {Body: {openapi: 3.0.1, info: {title: t, version: '1'}, paths: {}}}\n  R: {Type: AWS::ApiGatewayV2::Route, Properties: {ApiId: !Ref Api, RouteKey: GET /a}}\n"),
        (ReadDiagnosticCode.unsupportedHTTPIntegration.id, 6,
         "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-importexport-version: '1.0'\npaths:\n  /a:\n    get: {x-amazon-apigateway-integration: {type: aws, httpMethod: POST}}\n"),
        (ReadDiagnosticCode.unknownRouteTarget.id, 4,
         "Resources:\n  Api: {Type: AWS::ApiGatewayV2::Api, Properties: {ProtocolType: HTTP}}\n  R:\n    Properties: {RouteKey: GET /a, Target: integrations/abc123}\n    Type: AWS::ApiGatewayV2::Route\n"),
        (ReadDiagnosticCode.samHTTPNotHeld.id, 6,
         "Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      Domain: {DomainName: api.example.com}\n"),
        (ReadDiagnosticCode.unknownValidator.id, 5,
         "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {x-amazon-apigateway-request-validator: strict, x-amazon-apigateway-integration: {type: mock}}\n"),
    ]

    @Test(arguments: cases.indices)
    func reportsEachProblemWhereItIs(index: Int) throws {
        let (code, line, text) = Self.cases[index]
        let reading = try Self.read(text)
        let found = reading.diagnostics.filter { $0.code == code }
        #expect(found.count == 1, "\(code): \(reading.diagnostics)")
        #expect(found.first?.location?.line == line, "\(code): \(reading.diagnostics)")
        #expect(found.first?.location?.file == "t.yaml")
        // Messages name the fix after a semicolon, as every diagnostic of the tool does.
        #expect(found.first?.message.contains(";") == true)
    }

    @Test func everyCodeHasACase() {
        let codes = Set(Self.cases.map(\.code))
        #expect(codes == Set(ReadDiagnosticCode.codes.map(\.id)))
    }

    @Test func tellsTheKindsOfInputApart() throws {
        func kind(_ text: String) throws -> DefinitionKind { GatewayPlanReader.kind(of: try YAMLReader.read(Array(text.utf8), file: "t")) }
        #expect(try kind("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n") == .cloudFormationTemplate)
        #expect(try kind("openapi: 3.0.3\npaths: {/a: {get: {x-amazon-apigateway-integration: {type: mock}}}}\n") == .gatewayOpenAPI)
        #expect(try kind("openapi: 3.0.3\npaths: {/a: {get: {responses: {}}}}\n") == .openAPISpec)
    }

    /// A document an `AWS::Include` brings into a template writes CloudFormation's long forms
    /// in its extensions (aws-samples/serverless-patterns, apigw-ddb-openapi-crud): read on
    /// its own, a `{"Fn::Sub": …}` request template is the function, kept, not a malformed
    /// mapping (READ013) dropped from the plan.
    @Test func readsLongFormFunctionsInAnIncludedDocument() throws {
        let text = """
            openapi: "3.0.1"
            info: {title: t, version: "1"}
            paths:
              /items:
                get:
                  responses:
                    "200": {description: ok}
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: POST
                    uri: {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:dynamodb:action/Scan"}
                    requestTemplates:
                      application/json: {"Fn::Sub": "{\\"TableName\\": \\"${Table}\\"}"}
                      text/plain:
                        Fn::Join: ["", ["{\\"TableName\\": \\"", {"Ref": "Table"}, "\\"}"]]
            components:
              schemas:
                Ref: {type: object, properties: {Ref: {type: string}}}
            """
        let reading = try Self.read(text)
        #expect(reading.diagnostics == [], "\(reading.diagnostics)")
        let get = try #require(reading.plan?.resource(at: "/items")?.method("GET"))
        #expect(get.integration.requestTemplates.map(\.name) == ["application/json", "text/plain"])
        #expect(get.integration.requestTemplates.first?.function?.tag == "!Sub")
        #expect(get.integration.requestTemplates.last?.function?.tag == "!Join")
        // Outside the extensions a one-key mapping is what it says (a property named Ref).
        #expect(reading.plan?.document?["components"]?["schemas"]?["Ref"]?["properties"]?["Ref"]?.tag == nil)
    }

    /// A plain `RestApi` whose `Body` comes from a file beside the template through
    /// `AWS::Include` reads that file; one outside the template's folder is refused.
    @Test func readsABodyIncludedFromBesideTheTemplate() throws {
        let template = """
            Resources:
              Api:
                Type: AWS::ApiGateway::RestApi
                Properties:
                  Body:
                    Fn::Transform: {Name: AWS::Include, Parameters: {Location: ./api.yaml}}
              Escaping:
                Type: AWS::ApiGateway::RestApi
                Properties:
                  Body:
                    Fn::Transform: {Name: AWS::Include, Parameters: {Location: ../secrets/api.yaml}}
            """
        let api = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {x-amazon-apigateway-integration: {type: mock}}\n"
        var asked: [String] = []
        let include = GatewayPlanReader.includes(from: "infra/template.yaml") { path in
            asked.append(path)
            guard path == "infra/api.yaml" else { throw CancellationError() }
            return Array(api.utf8)
        }
        let root = try YAMLReader.read(Array(template.utf8), file: "infra/template.yaml")
        let reading = GatewayPlanReader.reading(root, file: "infra/template.yaml", include: include)
        #expect(reading.plan?.resource(at: "/a")?.method("GET") != nil, "\(reading.diagnostics)")
        #expect(include("../secrets/api.yaml") == nil)
        #expect(include("/etc/api.yaml") == nil)
        #expect(asked == ["infra/api.yaml"], "only the file inside the folder is opened")
        // The reading places what it found in the included file at the Location.
        #expect(reading.locations[.method("GET", "/a")]?.line == 6)
    }

    /// The classic hand-written OPTIONS snippet with its usual mistakes, kept as written.
    @Test func keepsHandWrittenFaultsAsWritten() throws {
        let text = """
            Resources:
              Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: shop}}
              Pets: {Type: AWS::ApiGateway::Resource, Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: pets}}
              PetsOptions:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: !Ref Api
                  ResourceId: !Ref Pets
                  HttpMethod: OPTIONS
                  AuthorizationType: COGNITO_USER_POOLS
                  Integration:
                    Type: MOCK
                    IntegrationResponses:
                      - StatusCode: 200
                        ResponseParameters:
                          method.response.header.Access-Control-Allow-Origin: "'https://a.example.com,https://b.example.com'"
                          method.response.header.Access-Control-Allow-Methods: GET,OPTIONS
                          method.response.header.Access-Control-Allow-Headers: "'Content-Type'"
                  MethodResponses:
                    - StatusCode: 200
                      ResponseParameters: {method.response.header.Access-Control-Allow-Origin: true}
            """
        let reading = try Self.read(text)
        let options = try #require(reading.plan?.resource(at: "/pets")?.method("OPTIONS"))
        #expect(options.role == .preflight)
        #expect(options.authorization.type == "COGNITO_USER_POOLS")
        let values = options.integration.responses.first?.responseParameters.map(\.value) ?? []
        #expect(values == ["'https://a.example.com,https://b.example.com'", "GET,OPTIONS", "'Content-Type'"])
        #expect(options.methodResponses == [MethodResponse(statusCode: "200", headers: ["Access-Control-Allow-Origin"])])
        let rules = reading.plan?.importRuleViolations.map(\.rule) ?? []
        #expect(rules.contains("a preflight needs AuthorizationType NONE"))
        #expect(rules.contains("header Access-Control-Allow-Methods is mapped but not declared in method response 200"))
        #expect(rules.contains("value GET,OPTIONS of Access-Control-Allow-Methods is neither quoted nor a mapping expression"))
        let place = reading.locations[.responseParameter("OPTIONS", "/pets", "200", "method.response.header.Access-Control-Allow-Methods")]
        #expect(place == SourceLocation(file: "t.yaml", line: 17, column: 68))
    }

    /// API Gateway also exports Swagger 2: `securityDefinitions`, the same extensions.
    @Test func readsASwagger2Export() throws {
        let text = """
            swagger: "2.0"
            info: {title: legacy, version: "1"}
            paths:
              /orders:
                post:
                  parameters:
                    - {name: X-Trace, in: header, required: false, type: string}
                    - {name: body, in: body, schema: {type: object}}
                  security: [{legacy-auth: []}, {api_key: []}]
                  responses:
                    "201": {description: created, headers: {Access-Control-Allow-Origin: {type: string}}}
                  x-amazon-apigateway-integration:
                    type: http
                    httpMethod: POST
                    uri: https://backend.example.com/orders
                    passthroughBehavior: when_no_templates
                    responses:
                      '2\\d{2}': {statusCode: "201", responseParameters: {method.response.header.Access-Control-Allow-Origin: "'*'"}}
            securityDefinitions:
              legacy-auth:
                type: apiKey
                name: Authorization
                in: header
                x-amazon-apigateway-authtype: custom
                x-amazon-apigateway-authorizer: {type: token, authorizerUri: arn:aws:apigateway:eu-west-1:lambda:path/fn}
              api_key: {type: apiKey, name: x-api-key, in: header}
            """
        let reading = try Self.read(text)
        #expect(reading.kind == .gatewayOpenAPI)
        #expect(reading.diagnostics == [])
        let post = try #require(reading.plan?.resource(at: "/orders")?.method("POST"))
        #expect(post.authorization == Authorization(type: "CUSTOM", authorizerName: "legacy-auth"))
        // The import takes the authorizer from the first requirement that names one and the
        // API key from any: SAM's ApiKeyRequired writes `[{Auth: []}, {api_key: []}]`, and the
        // deployed method requires both.
        #expect(post.apiKeyRequired == true)
        #expect(post.requestParameters == [RequestParameter(location: "header", name: "X-Trace", isRequired: false)])
        #expect(post.integration.passthroughBehavior == "WHEN_NO_TEMPLATES")
        #expect(post.integration.responses.first?.selectionPattern == #"2\d{2}"#)
        #expect(post.methodResponses == [MethodResponse(statusCode: "201", headers: ["Access-Control-Allow-Origin"])])
        #expect(reading.plan?.authorizers.map(\.identitySource) == ["method.request.header.Authorization"])
    }

    /// A function whose argument is a function keeps its long form: one node holds one tag.
    @Test func collapsesOnlyWhatOneTagCanSay() {
        let nested: Node = ["Fn::Base64": Node(.scalar(Scalar(text: "x", kind: .string)), tag: "!Sub")]
        #expect(IntrinsicFunctions.collapsingLongForms(nested) == nested)
        let listed: Node = ["Fn::Sub": ["${A}-${B}", ["B": "b"]]]
        #expect(IntrinsicFunctions.collapsingLongForms(listed) == Node(.sequence(["${A}-${B}", ["B": "b"]]), tag: "!Sub"))
        #expect(IntrinsicFunctions.expandingShortForms(IntrinsicFunctions.collapsingLongForms(listed)) == listed)
    }
}
