import Diagnostics
import Plan
import Planning
import Spec
import Testing
import YAML

/// API Gateway's quotas on one API, checked before anything is written: a warning with the
/// figure where AWS raises the quota, an error where it does not, each at its place.
@Suite struct GatewayQuotasTests {
    /// The plan of `spec` as convert plans it, and the diagnostics.
    static func plan(_ spec: String) -> (plan: GatewayPlan?, diagnostics: [Diagnostic]) {
        var files = InMemorySpecFiles()
        files.add("openapi.yaml", spec)
        return SpecPlanning.plan(entry: "openapi.yaml", reader: files, policy: nil)
    }

    static func paths(_ count: Int) -> String {
        (0..<count).map { "  /r\($0):\n    get:\n      responses: {'200': {description: ok}}\n" }.joined()
    }

    @Test func overThreeHundredResourcesIsAWarningAtThePaths() {
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n" + Self.paths(300)
        let found = Self.plan(spec).diagnostics.filter { $0.code == PlanError.tooManyResourcesForAPI.id }
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning)
        #expect(found.first?.location?.line == 3)
        #expect(found.first?.message.contains("301 resources") == true)
        // 299 paths and the root are 300: within the quota.
        let within = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n" + Self.paths(299)
        #expect(!Self.plan(within).diagnostics.contains { $0.code == PlanError.tooManyResourcesForAPI.id })
    }

    @Test func overTenAuthorizersIsAWarning() {
        let schemes = (0..<11).map { index in
            """
                  auth\(index):
                    type: apiKey
                    name: Authorization
                    in: header
                    x-amazon-apigateway-authtype: custom
                    x-amazon-apigateway-authorizer: {type: token, authorizerUri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:a\(index)/invocations}

            """
        }.joined()
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n" + Self.paths(1) + "components:\n  securitySchemes:\n" + schemes
        let found = Self.plan(spec).diagnostics.filter { $0.code == PlanError.tooManyAuthorizers.id }
        #expect(found.map(\.severity) == [.warning], "\(Self.plan(spec).diagnostics.map(\.code))")
        #expect(found.first?.message.contains("11 Lambda and Cognito authorizers") == true)
    }

    @Test func aMappingTemplateOver300KBIsAnErrorAtItsOperation() {
        let template = String(repeating: "x", count: 300 * 1024 + 1)
        let spec = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /big:
                post:
                  responses: {'200': {description: ok}}
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates:
                      application/json: '\(template)'
            """
        let result = Self.plan(spec)
        let found = result.diagnostics.filter { $0.code == PlanError.mappingTemplateTooLarge.id }
        #expect(found.map(\.severity) == [.error])
        #expect(found.first?.location?.line == 6, "the operation's mapping, after post:")
        #expect(result.plan == nil, "an error stops the conversion")
    }

    @Test func aPathWhoseMethodARNIsOver1600BytesIsAnError() {
        let long = "/" + (0..<160).map { "segment\($0)" }.joined(separator: "/")
        // A key over 1024 characters must be explicit in YAML (`? key`).
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  ? \(long)\n  :\n    delete:\n      responses: {'200': {description: ok}}\n"
        let arn = GatewayQuotas.shortestMethodARN(path: long, stage: "v1", method: "DELETE")
        #expect(arn == "arn:aws:execute-api:us-east-1:123456789012:abcdefghij/v1/DELETE".utf8.count + long.utf8.count)
        #expect(arn > 1600)
        let all = Self.plan(spec).diagnostics
        let found = all.filter { $0.code == PlanError.methodARNTooLong.id }
        #expect(found.map(\.severity) == [.error], "\(all.map(\.message))")
        #expect(found.first?.location?.line == 7, "the operation's mapping, after delete:")
        #expect(found.first?.message.contains("at least \(arn) bytes") == true)
        // The same depth with short names is within the quota.
        let short = "/" + (0..<160).map { "s\($0)" }.joined(separator: "/")
        let within = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  \(short):\n    get:\n      responses: {'200': {description: ok}}\n"
        #expect(!Self.plan(within).diagnostics.contains { $0.code == PlanError.methodARNTooLong.id })
    }

    @Test func aResourcePolicyOver8192CharactersIsAWarningAtItsKey() {
        let statements = (0..<80).map { _ in
            "    - {Effect: Allow, Principal: '*', Action: execute-api:Invoke, Resource: 'execute-api:/*/GET/some/long/path/name/here'}\n"
        }.joined()
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n" + Self.paths(1)
            + "x-amazon-apigateway-policy:\n  Version: '2012-10-17'\n  Statement:\n" + statements
        let found = Self.plan(spec).diagnostics.filter { $0.code == PlanError.resourcePolicyTooLong.id }
        #expect(found.map(\.severity) == [.warning])
        #expect(found.first?.location?.line == 7)
    }

    @Test func aLargeModelSetIsAnError() {
        let properties = (0..<5000).map { "                field\($0): {type: string, maxLength: 100, description: the field number \($0)}\n" }.joined()
        let spec = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /items:
                post:
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:

            """ + properties + """
                  responses: {'200': {description: ok}}
            x-amazon-apigateway-request-validators: {all: {validateRequestBody: true, validateRequestParameters: true}}
            x-amazon-apigateway-request-validator: all

            """
        let result = Self.plan(spec)
        let found = result.diagnostics.filter { $0.code == PlanError.modelsTooLarge.id }
        #expect(found.map(\.severity) == [.error], "\(result.diagnostics.map(\.message))")
        #expect(found.first?.location?.line == 3)
    }

    /// 50 ms is fixed; 29 s is raised on request for regional and private APIs, not for edge.
    @Test(arguments: [
        (49, "REGIONAL", Diagnostic.Severity?.some(.error)), (50, "REGIONAL", nil), (29_000, "EDGE", nil),
        (29_001, "REGIONAL", .warning), (29_001, "PRIVATE", .warning), (29_001, "EDGE", .error),
    ])
    func anIntegrationTimeoutOutsideItsBounds(timeout: Int, endpoint: String, severity: Diagnostic.Severity?) {
        let spec = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /slow:
                get:
                  responses: {'200': {description: ok}}
                  x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: 'https://b.example.com/slow', timeoutInMillis: \(timeout)}
            x-amazon-apigateway-endpoint-configuration: {types: [\(endpoint)]}
            """
        let found = Self.plan(spec).diagnostics.filter { $0.code == PlanError.integrationTimeoutQuota.id }
        #expect(found.map(\.severity) == (severity.map { [$0] } ?? []), "\(found.map(\.message))")
        #expect(found.allSatisfy { $0.location?.line == 6 && $0.message.contains("\(timeout) ms") })
    }
}
