import Foundation
import TestSupport
import Testing
import YAML
import Plan
import Support
@testable import Render

/// An HTTP API plan built by hand as the planner builds one (docs: the brief's contract): a
/// Lambda proxy of each payload format, an HTTP proxy, a JWT authorizer with scopes, a Lambda
/// REQUEST authorizer, IAM, `ANY /{proxy+}` with its unauthenticated preflight route, the
/// `$default` route, CORS, stage settings and Lambda permissions.
///
/// Its functions are template parameters (`!Sub …${PetsFunctionArn}…`), as in a template; with
/// `literalARNs` they are ARNs written out and the plan has no parameters, as in a document
/// imported on its own or a definition uploaded to S3, where nothing is substituted.
enum HTTPPlanFixture {
    static func sub(_ text: String) -> Node { Node(.scalar(Scalar(text: text, kind: .string)), tag: "!Sub") }
    static func ref(_ name: String) -> Node { Node(.scalar(Scalar(text: name, kind: .string)), tag: "!Ref") }

    /// The function `parameter` names: `!Ref` to it, or its ARN written out.
    static func function(_ parameter: String, literal: Bool) -> Node {
        literal ? .string("arn:aws:lambda:us-east-1:123456789012:function:\(parameter)") : ref(parameter)
    }

    /// The API Gateway URI that invokes the function `parameter` names.
    static func invocation(_ parameter: String, literal: Bool) -> Node {
        let prefix = "lambda:path/2015-03-31/functions/"
        return literal
            ? .string("arn:aws:apigateway:us-east-1:\(prefix)arn:aws:lambda:us-east-1:123456789012:function:\(parameter)/invocations")
            : sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:\(prefix)${\(parameter)}/invocations")
    }

    static func lambda(_ parameter: String, version: String, literal: Bool = false) -> Integration {
        var integration = Integration(kind: .awsProxy, uri: invocation(parameter, literal: literal), httpMethod: "POST")
        integration.payloadFormatVersion = version
        return integration
    }

    static func http(_ url: String, method: String, timeout: Int? = nil) -> Integration {
        var integration = Integration(kind: .httpProxy, uri: .string(url), httpMethod: method, timeoutInMillis: timeout)
        integration.payloadFormatVersion = "1.0"
        return integration
    }

    static func route(
        _ verb: String, _ path: String, _ operation: String?, _ integration: Integration, _ authorization: Authorization = .none
    ) -> PlanMethod {
        var method = PlanMethod(httpMethod: verb, operationName: operation, authorization: authorization, integration: integration)
        if operation != nil { method.source = OperationSource(path: path, method: verb == "ANY" ? "any" : verb.lowercased()) }
        return method
    }

    static let spec = """
        openapi: 3.0.3
        info:
          title: Pets HTTP
          version: "1"
        x-amazon-apigateway-binary-media-types: [image/png]
        x-amazon-apigateway-request-validators:
          all: {validateRequestBody: true, validateRequestParameters: true}
        x-amazon-apigateway-gateway-responses:
          DEFAULT_4XX: {statusCode: 400}
        x-amazon-apigateway-api-key-source: HEADER
        paths:
          /pets:
            get:
              operationId: listPets
              responses: {"200": {description: OK}}
            post:
              operationId: createPet
              x-amazon-apigateway-request-validator: all
              responses: {"201": {description: Created}}
          /pets/{petId}:
            get:
              operationId: showPet
              parameters: [{name: petId, in: path, required: true, schema: {type: string}}]
              responses: {"200": {description: OK}}
          /legacy:
            get:
              operationId: legacy
              responses: {"200": {description: OK}}
          /{proxy+}:
            x-amazon-apigateway-any-method:
              operationId: proxyAll
              responses: {default: {description: Anything}}
        components:
          securitySchemes:
            cognito:
              type: openIdConnect
              openIdConnectUrl: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example/.well-known/openid-configuration
        """

    static func plan(literalARNs literal: Bool = false) throws -> GatewayPlan {
        let pets = lambda("PetsFunctionArn", version: "2.0", literal: literal)
        let proxy = http("https://backend.example.com/{proxy}", method: "ANY")
        var preflight = route("OPTIONS", "/{proxy+}", nil, proxy)
        preflight.role = .preflight
        var jwt = Authorizer(name: "cognito", type: "JWT", identitySource: "$request.header.Authorization")
        jwt.jwtConfiguration = JWTConfiguration(
            issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example", audience: ["client-one", "client-two"])
        var request = Authorizer(
            name: "lambdaAuth", type: "REQUEST",
            authorizerURI: invocation("AuthorizerFunctionArn", literal: literal),
            identitySource: "$request.header.Authorization, $request.querystring.token", resultTTLInSeconds: 300)
        request.payloadFormatVersion = "2.0"
        request.enableSimpleResponses = true
        var stage = Stage(name: "$default", variables: [Mapped("backend", "https://backend.example.com")])
        stage.accessLog = AccessLog(
            format: #"{"requestId":"$context.requestId","routeKey":"$context.routeKey","status":"$context.status"}"#, retentionDays: 30)
        var defaults = MethodSetting()
        defaults.throttlingRateLimit = 100
        defaults.throttlingBurstLimit = 50
        defaults.metricsEnabled = true
        var listPets = MethodSetting(resourcePath: "/~1pets", httpMethod: "GET")
        listPets.throttlingRateLimit = 5
        listPets.throttlingBurstLimit = 10
        stage.methodSettings = [defaults, listPets]
        var plan = GatewayPlan(
            api: RestAPI(name: "Pets HTTP", description: "Pets behind an HTTP API."),
            resources: [
                PlanResource(path: "/"),
                PlanResource(
                    path: "/pets",
                    methods: [
                        route("GET", "/pets", "listPets", pets, Authorization(type: "JWT", authorizerName: "cognito", scopes: ["pets/read"])),
                        route("POST", "/pets", "createPet", pets, Authorization(type: "JWT", authorizerName: "cognito", scopes: ["pets/write"])),
                    ]),
                PlanResource(
                    path: "/pets/{petId}",
                    methods: [
                        route(
                            "GET", "/pets/{petId}", "showPet", http("https://backend.example.com/pets/{petId}", method: "GET", timeout: 5000),
                            Authorization(type: "CUSTOM", authorizerName: "lambdaAuth"))
                    ]),
                PlanResource(
                    path: "/legacy",
                    methods: [route("GET", "/legacy", "legacy", lambda("PetsFunctionArn", version: "1.0", literal: literal), Authorization(type: "AWS_IAM"))]),
                PlanResource(
                    path: "/{proxy+}",
                    methods: [route("ANY", "/{proxy+}", "proxyAll", proxy, Authorization(type: "JWT", authorizerName: "cognito")), preflight]),
                PlanResource(path: GatewayPlan.defaultRoutePath, methods: [route("ANY", GatewayPlan.defaultRoutePath, nil, lambda("DefaultFunctionArn", version: "2.0", literal: literal))]),
            ],
            authorizers: [jwt, request], stage: stage,
            parameters: literal
                ? []
                : [
                    TemplateParameter(name: "PetsFunctionArn", description: "The pets function's ARN."),
                    TemplateParameter(name: "DefaultFunctionArn", description: "The function that answers every other request."),
                    TemplateParameter(name: "AuthorizerFunctionArn", description: "The authorizer function's ARN."),
                ],
            document: try YAMLReader.read(Array(spec.utf8), file: "spec.yaml"))
        plan.kind = .http
        plan.cors = CORSConfiguration(
            allowOrigins: ["https://app.example.com"], allowMethods: ["GET", "POST"], allowHeaders: ["authorization", "content-type"],
            exposeHeaders: ["x-request-id"], maxAge: 600, allowCredentials: true)
        plan.lambdaPermissions = [
            LambdaPermission(functionName: function("PetsFunctionArn", literal: literal), httpMethod: "GET", path: "/pets"),
            LambdaPermission(functionName: function("PetsFunctionArn", literal: literal), httpMethod: "POST", path: "/pets"),
            LambdaPermission(functionName: function("PetsFunctionArn", literal: literal), httpMethod: "GET", path: "/legacy"),
            LambdaPermission(
                functionName: function("DefaultFunctionArn", literal: literal), httpMethod: "ANY", path: GatewayPlan.defaultRoutePath),
        ]
        return plan
    }

    /// A YAML text as a node, to compare rendered parts with exactly.
    static func yaml(_ text: String) throws -> Node {
        try YAMLReader.read(Array(text.utf8), file: "expected.yaml")
    }
}

@Suite struct HTTPAPICloudFormationTests {
    typealias Fixture = HTTPPlanFixture

    @Test func theResourceStyleWritesOneResourcePerPartOfTheAPI() throws {
        let template = CloudFormationRenderer().render(try Fixture.plan()).template
        let resources = try #require(template["Resources"]?.mapping)
        #expect(
            resources.keys.compactMap(\.text) == [
                "Api", "CognitoAuthorizer", "LambdaAuthAuthorizer", "PetsGetIntegration", "PetsPetIdGetIntegration",
                "LegacyGetIntegration", "ProxyPlusAnyIntegration", "DefaultAnyIntegration", "PetsGetRoute", "PetsPostRoute",
                "PetsPetIdGetRoute", "LegacyGetRoute", "ProxyPlusAnyRoute", "ProxyPlusOptionsRoute", "DefaultAnyRoute",
                "PetsGetPermission", "PetsPostPermission", "LegacyGetPermission", "DefaultAnyPermission", "AccessLogs", "Stage",
            ])
        let expected = try Fixture.yaml(
            #"""
            Api:
              Type: AWS::ApiGatewayV2::Api
              Properties:
                Name: Pets HTTP
                Description: Pets behind an HTTP API.
                ProtocolType: HTTP
                CorsConfiguration:
                  AllowOrigins: [https://app.example.com]
                  AllowMethods: [GET, POST]
                  AllowHeaders: [authorization, content-type]
                  ExposeHeaders: [x-request-id]
                  MaxAge: 600
                  AllowCredentials: true
            CognitoAuthorizer:
              Type: AWS::ApiGatewayV2::Authorizer
              Properties:
                ApiId: !Ref Api
                Name: cognito
                AuthorizerType: JWT
                IdentitySource: [$request.header.Authorization]
                JwtConfiguration:
                  Issuer: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example
                  Audience: [client-one, client-two]
            LambdaAuthAuthorizer:
              Type: AWS::ApiGatewayV2::Authorizer
              Properties:
                ApiId: !Ref Api
                Name: lambdaAuth
                AuthorizerType: REQUEST
                IdentitySource: [$request.header.Authorization, $request.querystring.token]
                AuthorizerUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthorizerFunctionArn}/invocations
                AuthorizerPayloadFormatVersion: "2.0"
                EnableSimpleResponses: true
                AuthorizerResultTtlInSeconds: 300
            PetsGetIntegration:
              Type: AWS::ApiGatewayV2::Integration
              Properties:
                ApiId: !Ref Api
                IntegrationType: AWS_PROXY
                IntegrationUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${PetsFunctionArn}/invocations
                IntegrationMethod: POST
                PayloadFormatVersion: "2.0"
            PetsPetIdGetIntegration:
              Type: AWS::ApiGatewayV2::Integration
              Properties:
                ApiId: !Ref Api
                IntegrationType: HTTP_PROXY
                IntegrationUri: https://backend.example.com/pets/{petId}
                IntegrationMethod: GET
                PayloadFormatVersion: "1.0"
                TimeoutInMillis: 5000
            LegacyGetIntegration:
              Type: AWS::ApiGatewayV2::Integration
              Properties:
                ApiId: !Ref Api
                IntegrationType: AWS_PROXY
                IntegrationUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${PetsFunctionArn}/invocations
                IntegrationMethod: POST
                PayloadFormatVersion: "1.0"
            ProxyPlusAnyIntegration:
              Type: AWS::ApiGatewayV2::Integration
              Properties:
                ApiId: !Ref Api
                IntegrationType: HTTP_PROXY
                IntegrationUri: https://backend.example.com/{proxy}
                IntegrationMethod: ANY
                PayloadFormatVersion: "1.0"
            DefaultAnyIntegration:
              Type: AWS::ApiGatewayV2::Integration
              Properties:
                ApiId: !Ref Api
                IntegrationType: AWS_PROXY
                IntegrationUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${DefaultFunctionArn}/invocations
                IntegrationMethod: POST
                PayloadFormatVersion: "2.0"
            PetsGetRoute:
              Type: AWS::ApiGatewayV2::Route
              Properties:
                ApiId: !Ref Api
                RouteKey: GET /pets
                Target: !Sub integrations/${PetsGetIntegration}
                AuthorizationType: JWT
                AuthorizerId: !Ref CognitoAuthorizer
                AuthorizationScopes: [pets/read]
                OperationName: listPets
            PetsPostRoute:
              Type: AWS::ApiGatewayV2::Route
              Properties:
                ApiId: !Ref Api
                RouteKey: POST /pets
                Target: !Sub integrations/${PetsGetIntegration}
                AuthorizationType: JWT
                AuthorizerId: !Ref CognitoAuthorizer
                AuthorizationScopes: [pets/write]
                OperationName: createPet
            PetsPetIdGetRoute:
              Type: AWS::ApiGatewayV2::Route
              Properties:
                ApiId: !Ref Api
                RouteKey: GET /pets/{petId}
                Target: !Sub integrations/${PetsPetIdGetIntegration}
                AuthorizationType: CUSTOM
                AuthorizerId: !Ref LambdaAuthAuthorizer
                OperationName: showPet
            LegacyGetRoute:
              Type: AWS::ApiGatewayV2::Route
              Properties:
                ApiId: !Ref Api
                RouteKey: GET /legacy
                Target: !Sub integrations/${LegacyGetIntegration}
                AuthorizationType: AWS_IAM
                OperationName: legacy
            ProxyPlusAnyRoute:
              Type: AWS::ApiGatewayV2::Route
              Properties:
                ApiId: !Ref Api
                RouteKey: ANY /{proxy+}
                Target: !Sub integrations/${ProxyPlusAnyIntegration}
                AuthorizationType: JWT
                AuthorizerId: !Ref CognitoAuthorizer
                OperationName: proxyAll
            ProxyPlusOptionsRoute:
              Type: AWS::ApiGatewayV2::Route
              Properties:
                ApiId: !Ref Api
                RouteKey: OPTIONS /{proxy+}
                Target: !Sub integrations/${ProxyPlusAnyIntegration}
                AuthorizationType: NONE
            DefaultAnyRoute:
              Type: AWS::ApiGatewayV2::Route
              Properties:
                ApiId: !Ref Api
                RouteKey: $default
                Target: !Sub integrations/${DefaultAnyIntegration}
                AuthorizationType: NONE
            PetsGetPermission:
              Type: AWS::Lambda::Permission
              Properties:
                FunctionName: !Ref PetsFunctionArn
                Action: lambda:InvokeFunction
                Principal: apigateway.amazonaws.com
                SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/pets
            PetsPostPermission:
              Type: AWS::Lambda::Permission
              Properties:
                FunctionName: !Ref PetsFunctionArn
                Action: lambda:InvokeFunction
                Principal: apigateway.amazonaws.com
                SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/POST/pets
            LegacyGetPermission:
              Type: AWS::Lambda::Permission
              Properties:
                FunctionName: !Ref PetsFunctionArn
                Action: lambda:InvokeFunction
                Principal: apigateway.amazonaws.com
                SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/legacy
            DefaultAnyPermission:
              Type: AWS::Lambda::Permission
              Properties:
                FunctionName: !Ref DefaultFunctionArn
                Action: lambda:InvokeFunction
                Principal: apigateway.amazonaws.com
                SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/$default
            AccessLogs:
              Type: AWS::Logs::LogGroup
              DeletionPolicy: Retain
              UpdateReplacePolicy: Retain
              Properties:
                RetentionInDays: 30
            Stage:
              Type: AWS::ApiGatewayV2::Stage
              DependsOn: [PetsGetRoute, PetsPostRoute, PetsPetIdGetRoute, LegacyGetRoute, ProxyPlusAnyRoute, ProxyPlusOptionsRoute, DefaultAnyRoute]
              Properties:
                ApiId: !Ref Api
                StageName: !Ref StageName
                AutoDeploy: true
                StageVariables:
                  backend: https://backend.example.com
                AccessLogSettings:
                  DestinationArn: !GetAtt AccessLogs.Arn
                  Format: '{"requestId":"$context.requestId","routeKey":"$context.routeKey","status":"$context.status"}'
                DefaultRouteSettings:
                  ThrottlingBurstLimit: 50
                  ThrottlingRateLimit: 100
                  DetailedMetricsEnabled: true
                RouteSettings:
                  GET /pets:
                    ThrottlingBurstLimit: 10
                    ThrottlingRateLimit: 5
            """#)
        for (key, value) in try #require(expected.mapping).entries {
            let name = try #require(key.text)
            #expect(resources[name] == value, "\(name) is:\n\(resources[name].map(YAMLWriter.write) ?? "missing")")
        }
        #expect(template["Resources"]?.mapping?.keys.contains { $0.text?.hasPrefix("Deployment") == true } == false)
    }

    @Test func theTemplateSaysTheStageAndTheEndpoint() throws {
        let template = CloudFormationRenderer().render(try Fixture.plan()).template
        #expect(template["Description"]?.string == "Pets behind an HTTP API.")
        #expect(
            template["Parameters"]?["StageName"]
                == (try Fixture.yaml(
                    #"""
                    Type: String
                    Description: The name of the stage the API is deployed to.
                    Default: $default
                    AllowedPattern: ^(\$default|[A-Za-z0-9_-]{1,128})$
                    """#)))
        #expect(template["Parameters"]?.mapping?.keys.compactMap(\.text) == [
            "StageName", "PetsFunctionArn", "DefaultFunctionArn", "AuthorizerFunctionArn",
        ])
        #expect(
            template["Outputs"]
                == (try Fixture.yaml(
                    #"""
                    ApiId:
                      Description: The HTTP API's ID.
                      Value: !Ref Api
                    ApiEndpoint:
                      Description: 'The API''s base URL: the $default stage answers on it, any other stage under /STAGE_NAME.'
                      Value: !GetAtt Api.ApiEndpoint
                    """#)))
    }

    @Test func theBodyStylePutsRoutesIntegrationsAuthorizersAndCORSInTheDefinitionOnly() throws {
        let plan = try Fixture.plan()
        let template = CloudFormationRenderer(style: .body).render(plan).template
        let resources = try #require(template["Resources"]?.mapping)
        #expect(
            resources.keys.compactMap(\.text) == [
                "Api", "PetsGetPermission", "PetsPostPermission", "LegacyGetPermission", "DefaultAnyPermission", "AccessLogs", "Stage",
            ])
        let types = Set(resources.values.compactMap { $0["Type"]?.string })
        #expect(types == ["AWS::ApiGatewayV2::Api", "AWS::Lambda::Permission", "AWS::Logs::LogGroup", "AWS::ApiGatewayV2::Stage"])
        // CloudFormation refuses Name or CorsConfiguration beside a Body: the document has both.
        #expect(resources["Api"]?["Properties"]?.mapping?.keys.compactMap(\.text) == ["Body"])
        #expect(resources["Api"]?["Properties"]?["Body"] == OpenAPIRenderer().render(plan))
        #expect(resources["Api"]?["Properties"]?["Body"]?["x-amazon-apigateway-cors"]?["allowOrigins"] == ["https://app.example.com"])
        #expect(resources["Stage"]?["DependsOn"] == nil, "the import makes the routes with the Api")
        #expect(resources["Stage"]?["Properties"]?["AutoDeploy"] == true)
        #expect(resources["Stage"]?["Properties"]?["RouteSettings"]?["GET /pets"]?["ThrottlingBurstLimit"] == 10)
    }

    @Test func theBodyS3StyleImportsTheDefinitionFromS3PinnedToItsETag() throws {
        let plan = try Fixture.plan()
        let (template, diagnostics) = CloudFormationRenderer(style: .bodyS3).renderWithDefinitionInS3(
            plan, definition: .init(name: "pets.definition.yaml", md5: "0123456789abcdef0123456789abcdef"))
        #expect(diagnostics.isEmpty)
        let resources = try #require(template["Resources"]?.mapping)
        #expect(
            resources["Api"]
                == (try Fixture.yaml(
                    """
                    Type: AWS::ApiGatewayV2::Api
                    Properties:
                      BodyS3Location:
                        Bucket: !Ref DefinitionBucket
                        Key: !Ref DefinitionKey
                        Etag: !Ref DefinitionETag
                    """)))
        #expect(resources.keys.compactMap(\.text).filter { resources[$0]?["Type"]?.string?.hasPrefix("AWS::ApiGatewayV2::") == true } == ["Api", "Stage"])
        #expect(template["Parameters"]?["DefinitionKey"]?["Default"]?.string == "pets.definition.yaml")
        #expect(template["Parameters"]?["DefinitionETag"]?["Default"]?.string == "\"0123456789abcdef0123456789abcdef\"")
    }

    @Test func routesWithTheSameBackendShareOneIntegration() throws {
        let resources = try #require(CloudFormationRenderer().render(try Fixture.plan()).template["Resources"]?.mapping)
        let integrations = resources.entries.filter { $0.value["Type"]?.string == "AWS::ApiGatewayV2::Integration" }
        let routes = resources.entries.filter { $0.value["Type"]?.string == "AWS::ApiGatewayV2::Route" }
        #expect(integrations.count == 5)
        #expect(routes.count == 7)
        // Every route targets an integration the template defines.
        let defined = Set(integrations.compactMap(\.key.text))
        for route in routes {
            let target = try #require(route.value["Properties"]?["Target"]?.string)
            #expect(defined.contains(String(target.dropFirst("integrations/${".count).dropLast())), "\(target)")
        }
    }

    @Test func anHTTPAPIOverTheResourceLimitIsToldToUseABodyStyleAndIsNotSplit() throws {
        var plan = try Fixture.plan()
        plan.resources += (0..<300).map {
            PlanResource(path: "/r\($0)", methods: [Fixture.route("GET", "/r\($0)", "r\($0)", Fixture.http("https://b.example.com/\($0)", method: "GET"))])
        }
        let (template, diagnostics) = CloudFormationRenderer().render(plan)
        #expect(diagnostics.map(\.code) == ["CFN001"])
        #expect(diagnostics.first?.message.contains("use --cfn-style body or body-s3") == true)
        #expect(CloudFormationRenderer.split(template, of: plan, limit: 200, childFile: { "child\($0).yaml" }) == nil)
    }

    /// The body-s3 definition is read from S3 as it is, so its plan has its ARNs written out.
    @Test(arguments: CloudFormationRenderer.Style.allCases)
    func cfnLintAcceptsTheHTTPAPITemplate(style: CloudFormationRenderer.Style) throws {
        let template = CloudFormationRenderer(style: style).render(try Fixture.plan(literalARNs: style == .bodyS3)).template
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oas2apigw-http-cfn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let yaml = folder.appendingPathComponent("template.yaml")
        let json = folder.appendingPathComponent("template.json")
        try YAMLWriter.write(template).write(to: yaml, atomically: true, encoding: .utf8)
        try JSONWriter.write(IntrinsicFunctions.expandingShortForms(template)).write(to: json, atomically: true, encoding: .utf8)
        let result = try ExternalTool.run("cfn-lint", [yaml.path, json.path])
        #expect(result.status == 0, "cfn-lint found problems:\n\(result.output)")
    }
}

@Suite struct HTTPAPIOpenAPITests {
    typealias Fixture = HTTPPlanFixture

    @Test func theRootSaysTheHTTPImportAndCORSAndNoRESTExtension() throws {
        let document = OpenAPIRenderer().render(try Fixture.plan())
        let root = try #require(document.mapping)
        #expect(document["x-amazon-apigateway-importexport-version"]?.string == "1.0")
        #expect(
            document["x-amazon-apigateway-cors"]
                == (try Fixture.yaml(
                    """
                    allowOrigins: [https://app.example.com]
                    allowMethods: [GET, POST]
                    allowHeaders: [authorization, content-type]
                    exposeHeaders: [x-request-id]
                    maxAge: 600
                    allowCredentials: true
                    """)))
        for key in OpenAPIRenderer.restOnlyRootExtensions { #expect(root[key] == nil, "\(key) is REST-only") }
        #expect(document["info"] == (try Fixture.yaml("{title: Pets HTTP, version: '1', description: Pets behind an HTTP API.}")))
        #expect(document["paths"]?["/pets"]?["post"]?["x-amazon-apigateway-request-validator"] == nil)
    }

    @Test func operationsCarryTheirIntegrationAndOneSecurityRequirement() throws {
        let paths = try #require(OpenAPIRenderer().render(try Fixture.plan())["paths"])
        let list = try #require(paths["/pets"]?["get"])
        #expect(
            list["x-amazon-apigateway-integration"]
                == (try Fixture.yaml(
                    """
                    type: aws_proxy
                    httpMethod: POST
                    uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${PetsFunctionArn}/invocations
                    payloadFormatVersion: "2.0"
                    """)))
        #expect(list["security"] == (try Fixture.yaml("[{cognito: [pets/read]}]")))
        #expect(
            paths["/pets/{petId}"]?["get"]?["x-amazon-apigateway-integration"]
                == (try Fixture.yaml(
                    """
                    type: http_proxy
                    httpMethod: GET
                    uri: https://backend.example.com/pets/{petId}
                    payloadFormatVersion: "1.0"
                    timeoutInMillis: 5000
                    """)))
        #expect(paths["/pets/{petId}"]?["get"]?["security"] == (try Fixture.yaml("[{lambdaAuth: []}]")))
        #expect(paths["/legacy"]?["get"]?["security"] == (try Fixture.yaml("[{sigv4: []}]")))
        #expect(paths["/legacy"]?["get"]?["x-amazon-apigateway-integration"]?["payloadFormatVersion"]?.string == "1.0")
        let proxy = try #require(paths["/{proxy+}"])
        #expect(proxy["x-amazon-apigateway-any-method"]?["security"] == (try Fixture.yaml("[{cognito: []}]")))
        #expect(proxy["x-amazon-apigateway-any-method"]?["x-amazon-apigateway-integration"]?["type"]?.string == "http_proxy")
        // The preflight route the planner adds: the same backend, no authorization.
        #expect(proxy["options"]?["security"] == [])
        #expect(proxy["options"]?["x-amazon-apigateway-integration"] == proxy["x-amazon-apigateway-any-method"]?["x-amazon-apigateway-integration"])
        // The $default route is the path /$default, any method.
        #expect(paths["/$default"]?.mapping?.keys.compactMap(\.text) == ["x-amazon-apigateway-any-method"])
        #expect(
            paths["/$default"]?["x-amazon-apigateway-any-method"]?["x-amazon-apigateway-integration"]?["uri"]?.string?
                .contains("${DefaultFunctionArn}") == true)
    }

    @Test func securitySchemesCarryTheHTTPAuthorizers() throws {
        let schemes = try #require(OpenAPIRenderer().render(try Fixture.plan())["components"]?["securitySchemes"])
        #expect(
            schemes["cognito"]
                == (try Fixture.yaml(
                    """
                    type: openIdConnect
                    openIdConnectUrl: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example/.well-known/openid-configuration
                    x-amazon-apigateway-authorizer:
                      type: jwt
                      identitySource: $request.header.Authorization
                      jwtConfiguration:
                        issuer: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example
                        audience: [client-one, client-two]
                    """)))
        #expect(
            schemes["lambdaAuth"]
                == (try Fixture.yaml(
                    """
                    type: apiKey
                    name: Authorization
                    in: header
                    x-amazon-apigateway-authorizer:
                      type: request
                      authorizerUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthorizerFunctionArn}/invocations
                      identitySource: $request.header.Authorization, $request.querystring.token
                      authorizerPayloadFormatVersion: "2.0"
                      enableSimpleResponses: true
                      authorizerResultTtlInSeconds: 300
                    """)))
        #expect(
            schemes["sigv4"]
                == (try Fixture.yaml("{type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}")))
    }

    /// API Gateway's HTTP import takes OpenAPI 3.0 only, refuses an operation with more than
    /// one security requirement, and takes Lambda proxy and HTTP proxy integrations only
    /// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html).
    @Test func theDocumentFollowsTheHTTPImportRules() throws {
        let document = OpenAPIRenderer().render(try Fixture.plan())
        let version = try #require(document["openapi"]?.string)
        #expect(APIKind.http.importedOpenAPIVersions.contains { version.hasPrefix($0 + ".") }, "openapi \(version)")
        let types = Set(APIKind.http.integrationKinds.map { $0.rawValue.lowercased() })
        let verbs: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "x-amazon-apigateway-any-method"]
        var operations = 0
        for (path, item) in try #require(document["paths"]?.mapping).entries {
            for (key, operation) in try #require(item.mapping).entries where verbs.contains(key.text ?? "") {
                operations += 1
                let name = "\(key.text ?? "") \(path.text ?? "")"
                #expect((operation["security"]?.sequence?.count ?? 0) <= 1, "\(name) has several security requirements")
                let type = operation["x-amazon-apigateway-integration"]?["type"]?.string
                #expect(type.map(types.contains) == true, "\(name) has integration type \(type ?? "none")")
            }
        }
        #expect(operations == 7)
    }

    @Test func openAPISpecValidatorAcceptsTheHTTPDocument() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oas2apigw-http-oas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("openapi.yaml")
        // API Gateway names a greedy variable's parameter without its `+`, which plain OpenAPI
        // tools read as undeclared: the copy they check spells `{proxy+}` as `{proxy}`, as the
        // golden documents' check does.
        let text = YAMLWriter.write(OpenAPIRenderer().render(try Fixture.plan(literalARNs: true))).replacing("+}", with: "}")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try ExternalTool.run("openapi-spec-validator", [file.path])
        #expect(result.status == 0, "openapi-spec-validator rejected the HTTP document:\n\(result.output)")
    }
}
