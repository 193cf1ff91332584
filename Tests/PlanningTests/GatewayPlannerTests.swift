import Diagnostics
import Foundation
import Testing
import YAML
import Plan
import CORS
import Spec
import Planning

/// What the planner decides, stated as what API Gateway and a browser will do.
@Suite struct GatewayPlannerTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: Shop, version: "1"}
        paths:
          /orders:
            get:
              operationId: listOrders
              security: [{authorizer: []}]
              responses: {"200": {description: ok}}
            post:
              operationId: createOrder
              x-amazon-apigateway-integration:
                type: http
                httpMethod: POST
                uri: https://backend.example.com/orders
                responses:
                  default: {statusCode: "201"}
                  "4\\\\d{2}": {statusCode: "400"}
              responses: {"201": {description: created}, "400": {description: bad}}
          /files/{proxy+}:
            x-amazon-apigateway-any-method:
              parameters: [{name: proxy, in: path, required: true, schema: {type: string}}]
              x-amazon-apigateway-integration: {type: http_proxy, httpMethod: ANY, uri: "https://files.example.com/{proxy}"}
              responses: {"200": {description: ok}}
        components:
          securitySchemes:
            authorizer:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: custom
              x-amazon-apigateway-authorizer:
                type: token
                authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
        """

    func plan(cors: String?, backend: IntegrationSettings.Backend = .mock) throws -> (GatewayPlan, [Diagnostic]) {
        let root = try YAMLReader.read(Array(Self.spec.utf8), file: "openapi.yaml")
        let (model, _) = APIModelBuilder.build(from: LoadedSpec(entryFile: "openapi.yaml", root: root))
        let policy = try cors.map { try CORSPolicyReader.read(Array($0.utf8), file: "cors.yaml").policy }
        return GatewayPlanner(settings: IntegrationSettings(backend: backend)).plan(model, document: root, cors: policy)
    }

    @Test func preflightsAnswerWithoutTheAuthorizerTheMethodsNeed() throws {
        let (plan, _) = try plan(cors: "allowOrigins: [https://app.example.com]\n")
        let orders = try #require(plan.resource(at: "/orders"))
        #expect(orders.method("GET")?.authorization == Authorization(type: "CUSTOM", authorizerName: "authorizer"))
        let options = try #require(orders.method("OPTIONS"))
        #expect(options.role == .preflight)
        #expect(options.authorization == .none)
        #expect(!options.apiKeyRequired)
        #expect(orders.methods.map(\.httpMethod) == ["GET", "POST", "OPTIONS"])
        #expect(plan.authorizers.map(\.name) == ["authorizer"])
        #expect(plan.authorizers.first?.identitySource == "method.request.header.Authorization")
    }

    /// HTTP APIs' jwt authorizer has no REST form: CloudFormation refuses the Authorizer
    /// (cfn-lint E3708), so the planner refuses it at its type, with the REST way to say it.
    @Test(arguments: ["jwt", "JWT", "aws_iam"])
    func anAuthorizerTypeARestAPIDoesNotHaveIsRefusedAtTheType(type: String) throws {
        let spec = Self.spec.replacingOccurrences(of: "type: token", with: "type: \(type)")
        let root = try YAMLReader.read(Array(spec.utf8), file: "openapi.yaml")
        let (model, _) = APIModelBuilder.build(from: LoadedSpec(entryFile: "openapi.yaml", root: root))
        let (_, diagnostics) = GatewayPlanner(settings: IntegrationSettings(backend: .mock)).plan(model, document: root, cors: nil)
        let refusal = try #require(diagnostics.first { $0.code == PlanError.authorizerTypeNotREST })
        #expect(refusal.severity == .error)
        #expect(refusal.location == SourceLocation(file: "openapi.yaml", line: 32, column: 15))
        #expect(refusal.message.contains("--repair does not"))
        #expect(refusal.message.contains("belongs to HTTP APIs") == (type.lowercased() == "jwt"))
        // The REST types plan without a word.
        #expect(try plan(cors: nil).1.filter { $0.code == PlanError.authorizerTypeNotREST }.isEmpty)
    }

    @Test func aGreedyANYGetsItsOwnOPTIONSSoPreflightsDoNotReachTheBackend() throws {
        let (plan, _) = try plan(cors: "allowOrigins: [https://app.example.com]\n")
        let files = try #require(plan.resource(at: "/files/{proxy+}"))
        #expect(files.methods.map(\.httpMethod) == ["OPTIONS", "ANY"])
        #expect(files.method("OPTIONS")?.integration.kind == .mock)
    }

    @Test func everyNonProxyResponseCarriesTheOriginAndProxiesGetANote() throws {
        let (plan, diagnostics) = try plan(cors: "allowOrigins: [https://app.example.com]\nexposeHeaders: [ETag]\n")
        let post = try #require(plan.resource(at: "/orders")?.method("POST"))
        for response in post.integration.responses {
            #expect(response.responseParameters.contains(Mapped("method.response.header.Access-Control-Allow-Origin", "'https://app.example.com'")))
            #expect(response.responseParameters.contains(Mapped("method.response.header.Access-Control-Expose-Headers", "'ETag'")))
        }
        #expect(post.methodResponse("400")?.headers.contains("Access-Control-Allow-Origin") == true)
        let note = try #require(diagnostics.first { $0.code == "PLAN006" })
        #expect(note.message.contains("ANY /files/{proxy+}"))
        #expect(note.message.contains("Access-Control-Allow-Origin: https://app.example.com"))
    }

    @Test func severalOriginsAreMatchedByATemplateThatReadsOnlyTheOriginHeader() throws {
        let (plan, _) = try plan(cors: "allowOrigins: [https://a.example.com, https://*.b.example.com]\n")
        let options = try #require(plan.resource(at: "/orders")?.method("OPTIONS"))
        let response = try #require(options.integration.responses.first)
        #expect(!response.responseParameters.contains { $0.name.hasSuffix("Access-Control-Allow-Origin") })
        #expect(response.responseParameters.contains(Mapped("method.response.header.Vary", "'Origin'")))
        let template = try #require(response.responseTemplates.first?.value)
        #expect(!template.contains("$input.params('Origin')"))
        #expect(template.contains("$name.toLowerCase() == \"origin\""))
        #expect(template.contains("$origin == \"https://a.example.com\""))
        #expect(template.contains("$origin.matches(\"https://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.b\\.example\\.com\")"))
        #expect(template.components(separatedBy: "responseOverride.header.Access-Control-Allow-Origin").count == 2)
        #expect(options.methodResponses.first?.headers.first == "Access-Control-Allow-Origin")
    }

    @Test func gatewayResponsesReflectTheOriginOnlyWithoutCredentials() throws {
        let (open, _) = try plan(cors: "allowOrigins: [https://a.example.com, https://b.example.com]\n")
        #expect(
            open.gatewayResponses.first { $0.type == "DEFAULT_4XX" }?.responseParameters.first
                == Mapped("gatewayresponse.header.Access-Control-Allow-Origin", "method.request.header.Origin"))
        let (closed, diagnostics) = try plan(
            cors: "allowOrigins: [https://a.example.com, https://b.example.com]\nallowCredentials: true\n")
        #expect(closed.gatewayResponses.allSatisfy { response in
            !response.responseParameters.contains { $0.name.hasSuffix("Access-Control-Allow-Origin") }
        })
        #expect(diagnostics.contains { $0.code == "CORS029" })
        // Named, the one origin is what every gateway response answers, and no warning.
        let (named, quiet) = try plan(
            cors: "allowOrigins: [https://a.example.com, https://b.example.com]\nallowCredentials: true\ngatewayResponseOrigin: https://b.example.com\n")
        #expect(!named.gatewayResponses.isEmpty)
        #expect(named.gatewayResponses.allSatisfy { response in
            response.responseParameters.contains { $0.name == "gatewayresponse.header.Access-Control-Allow-Origin" && $0.value == "'https://b.example.com'" }
        })
        #expect(!quiet.contains { $0.code == "CORS029" })
    }

    @Test func noPolicyMeansNoCORSAtAll() throws {
        let (plan, _) = try plan(cors: nil)
        #expect(plan.methods.allSatisfy { $0.method.role == .operation })
        #expect(plan.gatewayResponses.isEmpty)
    }

    @Test func aBareOperationGetsTheChosenBackend() throws {
        let (mock, _) = try plan(cors: nil)
        let get = try #require(mock.resource(at: "/orders")?.method("GET"))
        #expect(get.integration.kind == .mock)
        #expect(get.integration.requestTemplates == [Mapped("application/json", "{\"statusCode\": 200}")])
        #expect(get.methodResponse("200") != nil)
        let (http, _) = try plan(cors: nil, backend: .httpProxy(baseURL: "https://api.internal.example.com/"))
        #expect(http.resource(at: "/orders")?.method("GET")?.integration.uri == .string("https://api.internal.example.com/orders"))
        // The spec's own integrations are kept whatever the backend.
        #expect(http.resource(at: "/orders")?.method("POST")?.integration.kind == .http)
    }
}
