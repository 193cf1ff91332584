import Diagnostics
import Testing
import YAML
import Plan
import Read

/// HTTP APIs (API Gateway v2) read into a plan of kind `.http`: a template written resource
/// by resource, a template whose `Api` imports a `Body`, and the OpenAPI document the HTTP
/// import takes. Each plan is compared whole, so a field read wrong or not at all fails.
@Suite struct HTTPAPIReadTests {
    static func read(_ text: String, kind: APIKind? = nil) throws -> GatewayReading {
        GatewayPlanReader.reading(try YAMLReader.read(Array(text.utf8), file: "t.yaml"), file: "t.yaml", kind: kind)
    }

    /// A value as a template writes it (`!Sub …`, `!Ref …`), for comparing with a read node.
    static func node(_ yaml: String) throws -> Node {
        try YAMLReader.read(Array(yaml.utf8), file: "value")
    }

    static let lambdaURI =
        "!Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FunctionArn}/invocations"

    // MARK: - Templates

    /// The AWS::ApiGatewayV2 resources, one at a time:
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-route.html
    static let resourcesTemplate = """
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          FunctionArn: {Type: String}
        Resources:
          Api:
            Type: AWS::ApiGatewayV2::Api
            Properties:
              Name: pets
              Description: the pet shop
              ProtocolType: HTTP
              CorsConfiguration:
                AllowOrigins: [https://app.example.com]
                AllowMethods: [GET, POST]
                AllowHeaders: [authorization, content-type]
                ExposeHeaders: [x-request-id]
                MaxAge: 600
                AllowCredentials: true
          PetsIntegration:
            Type: AWS::ApiGatewayV2::Integration
            Properties:
              ApiId: !Ref Api
              IntegrationType: AWS_PROXY
              IntegrationUri: \(lambdaURI)
              PayloadFormatVersion: "2.0"
          Backend:
            Type: AWS::ApiGatewayV2::Integration
            Properties:
              ApiId: !Ref Api
              IntegrationType: HTTP_PROXY
              IntegrationUri: https://backend.example.com/{proxy}
              IntegrationMethod: ANY
              TimeoutInMillis: 10000
          Jwt:
            Type: AWS::ApiGatewayV2::Authorizer
            Properties:
              ApiId: !Ref Api
              Name: cognito
              AuthorizerType: JWT
              IdentitySource: [$request.header.Authorization]
              JwtConfiguration:
                Issuer: https://cognito-idp.eu-west-1.amazonaws.com/pool
                Audience: [client-1]
          Gatekeeper:
            Type: AWS::ApiGatewayV2::Authorizer
            Properties:
              ApiId: !Ref Api
              Name: gatekeeper
              AuthorizerType: REQUEST
              AuthorizerUri: !Sub arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${FunctionArn}/invocations
              AuthorizerPayloadFormatVersion: "2.0"
              EnableSimpleResponses: true
              AuthorizerResultTtlInSeconds: 300
              IdentitySource: [$request.header.Authorization, $request.querystring.key]
          ListPets:
            Type: AWS::ApiGatewayV2::Route
            Properties:
              ApiId: !Ref Api
              RouteKey: GET /pets
              OperationName: listPets
              Target: !Sub integrations/${PetsIntegration}
          AddPet:
            Type: AWS::ApiGatewayV2::Route
            Properties:
              ApiId: !Ref Api
              RouteKey: POST /pets
              AuthorizationType: CUSTOM
              AuthorizerId: !Ref Gatekeeper
              Target: !Join ["", [integrations/, !Ref PetsIntegration]]
          ShowPet:
            Type: AWS::ApiGatewayV2::Route
            Properties:
              ApiId: !Ref Api
              RouteKey: GET /pets/{petId}
              AuthorizationType: JWT
              AuthorizerId: !Ref Jwt
              AuthorizationScopes: [pets/read]
              Target: !Join [/, [integrations, !Ref PetsIntegration]]
          Proxy:
            Type: AWS::ApiGatewayV2::Route
            Properties:
              ApiId: !Ref Api
              RouteKey: ANY /{proxy+}
              AuthorizationType: AWS_IAM
              Target: !Sub ["integrations/${Id}", {Id: !Ref Backend}]
          ProxyPreflight:
            Type: AWS::ApiGatewayV2::Route
            Properties:
              ApiId: !Ref Api
              RouteKey: OPTIONS /{proxy+}
              Target: !Sub integrations/${Backend}
          Fallback:
            Type: AWS::ApiGatewayV2::Route
            Properties:
              ApiId: !Ref Api
              RouteKey: $default
              Target: !Sub integrations/${PetsIntegration}
          Stage:
            Type: AWS::ApiGatewayV2::Stage
            Properties:
              ApiId: !Ref Api
              StageName: $default
              AutoDeploy: true
              StageVariables: {env: prod}
              DefaultRouteSettings: {ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50, DetailedMetricsEnabled: true}
          PetsPermission:
            Type: AWS::Lambda::Permission
            Properties:
              Action: lambda:InvokeFunction
              FunctionName: !Ref FunctionArn
              Principal: apigateway.amazonaws.com
              SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/pets
          FallbackPermission:
            Type: AWS::Lambda::Permission
            Properties:
              Action: lambda:InvokeFunction
              FunctionName: !Ref FunctionArn
              Principal: apigateway.amazonaws.com
              SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/$default
        """

    @Test func readsAnHTTPAPIWrittenResourceByResource() throws {
        let reading = try Self.read(Self.resourcesTemplate)
        #expect(reading.kind == .cloudFormationTemplate)
        #expect(reading.diagnostics == [], "\(reading.diagnostics)")
        let plan = try #require(reading.plan)

        var lambda = Integration(kind: .awsProxy, uri: try Self.node(Self.lambdaURI), httpMethod: "POST")
        lambda.payloadFormatVersion = "2.0"
        var backend = Integration(
            kind: .httpProxy, uri: "https://backend.example.com/{proxy}", httpMethod: "ANY", timeoutInMillis: 10000)
        backend.payloadFormatVersion = "1.0"
        var expected = GatewayPlan(
            api: RestAPI(name: "pets", description: "the pet shop"),
            resources: [
                PlanResource(path: "/"),
                PlanResource(
                    path: "/pets",
                    methods: [
                        PlanMethod(httpMethod: "GET", operationName: "listPets", integration: lambda),
                        PlanMethod(
                            httpMethod: "POST", authorization: Authorization(type: "CUSTOM", authorizerName: "gatekeeper"),
                            integration: lambda),
                    ]),
                PlanResource(
                    path: "/pets/{petId}",
                    methods: [
                        PlanMethod(
                            httpMethod: "GET", authorization: Authorization(type: "JWT", authorizerName: "cognito", scopes: ["pets/read"]),
                            integration: lambda)
                    ]),
                PlanResource(
                    path: "/{proxy+}",
                    methods: [
                        // Unauthenticated, beside an ANY that needs authorization, with its
                        // integration: the route that lets preflights through.
                        PlanMethod(httpMethod: "OPTIONS", role: .preflight, integration: backend),
                        PlanMethod(httpMethod: "ANY", authorization: Authorization(type: "AWS_IAM"), integration: backend),
                    ]),
                PlanResource(path: "$default", methods: [PlanMethod(httpMethod: "ANY", integration: lambda)]),
            ],
            stage: Stage(name: "$default", variables: [Mapped("env", "prod")]),
            parameters: [TemplateParameter(name: "FunctionArn", description: "")])
        expected.kind = .http
        expected.cors = CORSConfiguration(
            allowOrigins: ["https://app.example.com"], allowMethods: ["GET", "POST"], allowHeaders: ["authorization", "content-type"],
            exposeHeaders: ["x-request-id"], maxAge: 600, allowCredentials: true)
        var jwt = Authorizer(name: "cognito", type: "JWT", identitySource: "$request.header.Authorization")
        jwt.jwtConfiguration = JWTConfiguration(issuer: "https://cognito-idp.eu-west-1.amazonaws.com/pool", audience: ["client-1"])
        var gatekeeper = Authorizer(
            name: "gatekeeper", type: "REQUEST",
            authorizerURI: try Self.node("!Sub arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${FunctionArn}/invocations"),
            identitySource: "$request.header.Authorization, $request.querystring.key", resultTTLInSeconds: 300)
        gatekeeper.payloadFormatVersion = "2.0"
        gatekeeper.enableSimpleResponses = true
        expected.authorizers = [jwt, gatekeeper]
        var settings = MethodSetting()
        settings.throttlingRateLimit = 100
        settings.throttlingBurstLimit = 50
        settings.metricsEnabled = true
        expected.stage.methodSettings = [settings]
        let function = try Self.node("!Ref FunctionArn")
        expected.lambdaPermissions = [
            LambdaPermission(functionName: function, httpMethod: "GET", path: "/pets"),
            LambdaPermission(functionName: function, httpMethod: "ANY", path: "$default"),
        ]
        #expect(plan == expected)
        #expect(plan.routes.map(\.key) == ["GET /pets", "POST /pets", "GET /pets/{petId}", "OPTIONS /{proxy+}", "ANY /{proxy+}", "$default"])

        // Where each part is written, for the doctor to point at.
        #expect(reading.locations[.cors] == SourceLocation(file: "t.yaml", line: 12, column: 9))
        #expect(reading.locations[.corsSetting("allowOrigins")] == SourceLocation(file: "t.yaml", line: 12, column: 23))
        #expect(reading.locations[.corsSetting("allowCredentials")]?.line == 17)
        #expect(reading.locations[.method("GET", "/pets")]?.line == 54)
        #expect(reading.locations[.integration("GET", "/pets")]?.line == 18)
        #expect(reading.locations[.authorization("GET", "/pets/{petId}")]?.line == 75)
        #expect(reading.locations[.authorizer("cognito")]?.line == 33)
        #expect(reading.locations[.stage]?.line == 97)
    }

    /// An `Api` that imports its `Body`, with a stage and a permission beside it: the plan is
    /// the document's, with the stage and the permission the template adds.
    static let bodyTemplate = """
        Resources:
          Api:
            Type: AWS::ApiGatewayV2::Api
            Properties:
              Body:
                openapi: 3.0.1
                info: {title: orders, version: "1"}
                x-amazon-apigateway-importexport-version: "1.0"
                x-amazon-apigateway-cors:
                  allowOrigins: [https://shop.example.com]
                  allowMethods: ["*"]
                  allowHeaders: [content-type]
                  maxAge: 300
                paths:
                  /orders:
                    post:
                      operationId: placeOrder
                      responses:
                        "201":
                          description: placed
                          headers: {Access-Control-Allow-Origin: {schema: {type: string}}}
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        httpMethod: POST
                        uri: !GetAtt Orders.Arn
                        payloadFormatVersion: "1.0"
          Stage:
            Type: AWS::ApiGatewayV2::Stage
            Properties: {ApiId: !Ref Api, StageName: live, AutoDeploy: true}
          Orders:
            Type: AWS::Lambda::Function
            Properties: {Handler: index.handler, Runtime: nodejs20.x, Role: arn:aws:iam::1:role/r, Code: {ZipFile: x}}
          OrdersPermission:
            Type: AWS::Lambda::Permission
            Properties:
              Action: lambda:InvokeFunction
              FunctionName: !Ref Orders
              Principal: apigateway.amazonaws.com
              SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/POST/orders
        """

    @Test func readsAnHTTPAPIThatImportsItsBody() throws {
        let reading = try Self.read(Self.bodyTemplate)
        #expect(reading.diagnostics == [], "\(reading.diagnostics)")
        let plan = try #require(reading.plan)
        #expect(plan.kind == .http)
        #expect(plan.api.name == "orders")
        #expect(
            plan.cors
                == CORSConfiguration(
                    allowOrigins: ["https://shop.example.com"], allowMethods: ["*"], allowHeaders: ["content-type"], maxAge: 300))
        var integration = Integration(kind: .awsProxy, uri: try Self.node("!GetAtt Orders.Arn"), httpMethod: "POST")
        integration.payloadFormatVersion = "1.0"
        #expect(
            plan.resources == [
                PlanResource(path: "/"),
                PlanResource(
                    path: "/orders",
                    methods: [
                        PlanMethod(
                            httpMethod: "POST", operationName: "placeOrder", integration: integration,
                            methodResponses: [MethodResponse(statusCode: "201", headers: ["Access-Control-Allow-Origin"])],
                            source: OperationSource(path: "/orders", method: "post"))
                    ]),
            ])
        #expect(plan.authorizers == [])
        #expect(plan.stage == Stage(name: "live"))
        #expect(plan.lambdaPermissions == [LambdaPermission(functionName: try Self.node("!Ref Orders"), httpMethod: "POST", path: "/orders")])
        #expect(plan.gatewayResponses == [] && plan.models == [] && plan.requestValidators == [] && plan.deployment == nil)
        #expect(reading.locations[.cors]?.line == 10)
        #expect(reading.locations[.corsSetting("maxAge")] == SourceLocation(file: "t.yaml", line: 13, column: 19))
    }

    /// AWS does not support a `Body` beside a `CorsConfiguration`, nor beside `Route` (or
    /// `Integration`, `Authorizer`) resources for the same API: "If you specify a Body or
    /// BodyS3Location, don't specify CloudFormation resources such as
    /// AWS::ApiGatewayV2::Authorizer or AWS::ApiGatewayV2::Route" —
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html
    @Test func warnsWhereABodyMeetsACORSConfigurationOrRoutes() throws {
        let text = """
            Resources:
              Api:
                Type: AWS::ApiGatewayV2::Api
                Properties:
                  ProtocolType: HTTP
                  CorsConfiguration: {AllowOrigins: [https://a.example.com], AllowMethods: [GET]}
                  Body:
                    openapi: 3.0.1
                    info: {title: t, version: "1"}
                    x-amazon-apigateway-cors: {allowOrigins: [https://b.example.com]}
                    paths:
                      /a:
                        get:
                          x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: https://b.example.com/a}
              Extra:
                Type: AWS::ApiGatewayV2::Route
                Properties: {ApiId: !Ref Api, RouteKey: GET /b, Target: !Sub "integrations/${Other}"}
              Other:
                Type: AWS::ApiGatewayV2::Integration
                Properties: {ApiId: !Ref Api, IntegrationType: HTTP_PROXY, IntegrationUri: https://b.example.com/b}
            """
        let reading = try Self.read(text)
        let codes = reading.diagnostics.map(\.code)
        #expect(
            codes == [
                ReadDiagnosticCode.bodyWithCORSConfiguration.id, ReadDiagnosticCode.bodyWithRouteResources.id,
                ReadDiagnosticCode.bodyWithRouteResources.id,
            ])
        let cors = try #require(reading.diagnostics.first)
        #expect(cors.severity == .warning)
        #expect(cors.location == SourceLocation(file: "t.yaml", line: 6, column: 7))
        #expect(cors.message.contains("x-amazon-apigateway-cors is lost"))
        #expect(reading.diagnostics.dropFirst().map(\.location?.line) == [15, 18])
        // CloudFormation sets CorsConfiguration last, so it is the API's; the resources are not read.
        let plan = try #require(reading.plan)
        #expect(plan.cors == CORSConfiguration(allowOrigins: ["https://a.example.com"], allowMethods: ["GET"]))
        #expect(reading.locations[.cors]?.line == 6)
        #expect(plan.routes.map(\.key) == ["GET /a"])
    }

    /// A WebSocket API is neither kind this tool reads.
    @Test func refusesAWebSocketAPI() throws {
        let text = """
            Resources:
              Socket:
                Type: AWS::ApiGatewayV2::Api
                Properties: {Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}
            """
        let reading = try Self.read(text)
        #expect(reading.plan == nil)
        #expect(reading.diagnostics.map(\.code) == [ReadDiagnosticCode.webSocketAPI.id])
        #expect(reading.diagnostics.first?.severity == .error)
        #expect(reading.diagnostics.first?.location == SourceLocation(file: "t.yaml", line: 4, column: 44))
        #expect(reading.diagnostics.first?.message.contains("not an HTTP or REST API") == true)
    }

    /// A template with a REST API reads it as before, with the same members, and names the
    /// HTTP API beside it that is not read.
    @Test func readsTheRESTAPIOfATemplateWithBothKinds() throws {
        let text = """
            Resources:
              Http: {Type: AWS::ApiGatewayV2::Api, Properties: {Name: h, ProtocolType: HTTP}}
              Rest: {Type: AWS::ApiGateway::RestApi, Properties: {Name: r}}
              Get:
                Type: AWS::ApiGateway::Method
                Properties: {ResourceId: !GetAtt Rest.RootResourceId, HttpMethod: GET, Integration: {Type: MOCK}}
            """
        let reading = try Self.read(text)
        #expect(reading.plan?.kind == .rest)
        #expect(reading.plan?.api.name == "r")
        #expect(reading.plan?.resource(at: "/")?.method("GET") != nil)
        #expect(reading.diagnostics.map(\.code) == [ReadDiagnosticCode.severalRestAPIs.id])
        #expect(reading.diagnostics.first?.location?.line == 2)
    }

    // MARK: - OpenAPI definitions

    /// An HTTP API as API Gateway exports it (and as the import takes it):
    /// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html
    static let exportedDefinition = """
        openapi: 3.0.1
        info: {title: inventory, version: "2024-01-01"}
        x-amazon-apigateway-cors:
          allowOrigins: [https://a.example.com, https://b.example.com]
          allowHeaders: [authorization]
          exposeHeaders: [etag]
          allowCredentials: false
        paths:
          /items:
            get:
              security: [{tokens: [items/read, items/list]}]
              responses:
                "200":
                  description: ok
                  headers:
                    Access-Control-Allow-Origin: {schema: {type: string}}
                    ETag: {schema: {type: string}}
              x-amazon-apigateway-integration:
                type: aws_proxy
                uri: arn:aws:lambda:eu-west-1:123456789012:function:items
                payloadFormatVersion: "2.0"
            post:
              security: [{gate: []}]
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: arn:aws:lambda:eu-west-1:123456789012:function:items
                payloadFormatVersion: "2.0"
          /admin/{proxy+}:
            x-amazon-apigateway-any-method:
              security: [{sigv4: []}]
              x-amazon-apigateway-integration:
                type: http_proxy
                httpMethod: ANY
                uri: https://admin.example.com/{proxy}
                connectionType: INTERNET
                timeoutInMillis: 5000
          /$default:
            x-amazon-apigateway-any-method:
              x-amazon-apigateway-integration:
                type: http_proxy
                httpMethod: ANY
                uri: https://legacy.example.com
        components:
          securitySchemes:
            tokens:
              type: oauth2
              flows: {}
              x-amazon-apigateway-authorizer:
                type: jwt
                identitySource: $request.header.Authorization
                jwtConfiguration:
                  issuer: https://auth.example.com
                  audience: [inventory-web, inventory-cli]
            gate:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authorizer:
                type: request
                identitySource: $request.header.Authorization
                authorizerUri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:gate/invocations
                authorizerPayloadFormatVersion: "2.0"
                enableSimpleResponses: true
                authorizerResultTtlInSeconds: 0
            sigv4:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: awsSigv4
        """

    @Test func readsAnExportedHTTPAPIDefinition() throws {
        let reading = try Self.read(Self.exportedDefinition)
        #expect(reading.kind == .gatewayOpenAPI)
        #expect(reading.diagnostics == [], "\(reading.diagnostics)")
        let plan = try #require(reading.plan)
        #expect(plan.kind == .http)
        #expect(
            plan.cors
                == CORSConfiguration(
                    allowOrigins: ["https://a.example.com", "https://b.example.com"], allowHeaders: ["authorization"],
                    exposeHeaders: ["etag"]))
        var items = Integration(kind: .awsProxy, uri: "arn:aws:lambda:eu-west-1:123456789012:function:items", httpMethod: "POST")
        items.payloadFormatVersion = "2.0"
        var admin = Integration(
            kind: .httpProxy, uri: "https://admin.example.com/{proxy}", httpMethod: "ANY", timeoutInMillis: 5000,
            connectionType: "INTERNET")
        admin.payloadFormatVersion = "1.0"
        var legacy = Integration(kind: .httpProxy, uri: "https://legacy.example.com", httpMethod: "ANY")
        legacy.payloadFormatVersion = "1.0"
        #expect(
            plan.resources == [
                PlanResource(path: "/"),
                PlanResource(path: "/admin"),
                PlanResource(
                    path: "/admin/{proxy+}",
                    methods: [
                        PlanMethod(
                            httpMethod: "ANY", authorization: Authorization(type: "AWS_IAM"), integration: admin,
                            source: OperationSource(path: "/admin/{proxy+}", method: "x-amazon-apigateway-any-method"))
                    ]),
                PlanResource(
                    path: "/items",
                    methods: [
                        PlanMethod(
                            httpMethod: "GET",
                            authorization: Authorization(type: "JWT", authorizerName: "tokens", scopes: ["items/read", "items/list"]),
                            integration: items,
                            methodResponses: [MethodResponse(statusCode: "200", headers: ["Access-Control-Allow-Origin", "ETag"])],
                            source: OperationSource(path: "/items", method: "get")),
                        PlanMethod(
                            httpMethod: "POST", authorization: Authorization(type: "CUSTOM", authorizerName: "gate"), integration: items,
                            source: OperationSource(path: "/items", method: "post")),
                    ]),
                PlanResource(
                    path: "$default",
                    methods: [
                        PlanMethod(
                            httpMethod: "ANY", integration: legacy,
                            source: OperationSource(path: "/$default", method: "x-amazon-apigateway-any-method"))
                    ]),
            ])
        var tokens = Authorizer(name: "tokens", type: "JWT", identitySource: "$request.header.Authorization")
        tokens.jwtConfiguration = JWTConfiguration(issuer: "https://auth.example.com", audience: ["inventory-web", "inventory-cli"])
        var gate = Authorizer(
            name: "gate", type: "REQUEST",
            authorizerURI:
                "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:gate/invocations",
            identitySource: "$request.header.Authorization", resultTTLInSeconds: 0)
        gate.payloadFormatVersion = "2.0"
        gate.enableSimpleResponses = true
        #expect(plan.authorizers == [tokens, gate])
        #expect(plan.stage == Stage(name: "$default"))
        #expect(plan.api.endpointTypes == ["REGIONAL"])
        #expect(reading.locations[.cors] == SourceLocation(file: "t.yaml", line: 4, column: 3))
        #expect(reading.locations[.corsSetting("exposeHeaders")] == SourceLocation(file: "t.yaml", line: 6, column: 18))
        #expect(reading.locations[.method("ANY", "$default")]?.line == 39)
        #expect(reading.locations[.authorization("GET", "/items")]?.line == 11)
    }

    /// Which signals make a document an HTTP API's, one at a time; a REST document with none
    /// stays REST.
    @Test(arguments: [
        ("x-amazon-apigateway-cors: {allowOrigins: ['*']}\npaths: {}", APIKind.http),
        ("x-amazon-apigateway-importexport-version: '1.0'\npaths: {}", .http),
        ("paths: {/$default: {x-amazon-apigateway-any-method: {x-amazon-apigateway-integration: {type: http_proxy}}}}", .http),
        ("paths: {/a: {get: {x-amazon-apigateway-integration: {type: aws_proxy, payloadFormatVersion: '2.0'}}}}", .http),
        ("paths: {}\ncomponents: {securitySchemes: {j: {x-amazon-apigateway-authorizer: {type: jwt}}}}", .http),
        ("paths: {}\ncomponents: {securitySchemes: {r: {x-amazon-apigateway-authorizer: {type: request, enableSimpleResponses: true}}}}", .http),
        ("paths: {/a: {get: {x-amazon-apigateway-integration: {type: aws_proxy}}}}", .rest),
        ("paths: {}\ncomponents: {securitySchemes: {t: {x-amazon-apigateway-authorizer: {type: token}}}}", .rest),
    ])
    func tellsAnHTTPAPIDefinitionFromARESTOne(document: String, kind: APIKind) throws {
        #expect(GatewayPlanReader.apiKind(ofDocument: try Self.node("openapi: 3.0.1\n" + document)) == kind)
        // The HTTP import takes OpenAPI 3 only: a Swagger 2 document is a REST API's.
        #expect(GatewayPlanReader.apiKind(ofDocument: try Self.node("swagger: '2.0'\n" + document)) == .rest)
    }

    /// `--api` decides over the document: a REST reading drops the HTTP-only CORS
    /// configuration (as the REST import ignores it), an HTTP reading takes a document
    /// with no HTTP signal.
    @Test func readsTheKindTheCallerNames() throws {
        let asREST = try Self.read(Self.exportedDefinition, kind: .rest)
        #expect(asREST.plan?.kind == .rest)
        #expect(asREST.plan?.cors == nil)
        #expect(asREST.plan?.resource(at: "/$default")?.method("ANY") != nil)

        let plain = """
            openapi: 3.0.1
            info: {title: t, version: "1"}
            paths:
              /a:
                get:
                  x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: https://b.example.com/a}
            """
        #expect(try Self.read(plain).plan?.kind == .rest)
        let asHTTP = try #require(try Self.read(plain, kind: .http).plan)
        #expect(asHTTP.kind == .http)
        #expect(asHTTP.resource(at: "/a")?.method("GET")?.integration.payloadFormatVersion == "1.0")
    }

    /// A REST API's template with a body that writes `x-amazon-apigateway-cors` (which the
    /// REST import ignores) is still read as a REST API.
    @Test func keepsARESTBodyREST() throws {
        let text = """
            Resources:
              Api:
                Type: AWS::ApiGateway::RestApi
                Properties:
                  Body:
                    openapi: 3.0.1
                    info: {title: t, version: "1"}
                    x-amazon-apigateway-cors: {allowOrigins: ['*']}
                    paths: {/a: {get: {x-amazon-apigateway-integration: {type: mock}}}}
            """
        let plan = try #require(try Self.read(text).plan)
        #expect(plan.kind == .rest)
        #expect(plan.cors == nil)
        #expect(plan.resource(at: "/a")?.method("GET")?.integration.kind == .mock)
    }
}
