import Migrate
import Testing
import YAML
import Plan

/// The plan comparison: order and identity that API Gateway does not keep are not differences.
@Suite struct PlanFactsTests {
    static func plan() -> GatewayPlan {
        let get = PlanMethod(
            httpMethod: "GET",
            integration: Integration(
                kind: .http, uri: .string("https://b.example/x"), httpMethod: "GET",
                responses: [
                    IntegrationResponse(statusCode: "200", responseParameters: [Mapped("method.response.header.A", "'1'"), Mapped("method.response.header.B", "'2'")]),
                    IntegrationResponse(selectionPattern: "4\\d{2}", statusCode: "400"),
                ]),
            methodResponses: [MethodResponse(statusCode: "200", headers: ["A", "B"]), MethodResponse(statusCode: "400")])
        let post = PlanMethod(httpMethod: "POST", integration: Integration(kind: .mock))
        return GatewayPlan(api: RestAPI(name: "api"), resources: [PlanResource(path: "/"), PlanResource(path: "/x", methods: [get, post])])
    }

    @Test func orderIsNotADifference() {
        var shuffled = Self.plan()
        shuffled.resources.reverse()
        shuffled.resources[0].methods.reverse()
        let get = shuffled.resources[0].methods.firstIndex { $0.httpMethod == "GET" }!
        shuffled.resources[0].methods[get].integration.responses.reverse()
        shuffled.resources[0].methods[get].integration.responses[1].responseParameters.reverse()
        shuffled.resources[0].methods[get].methodResponses[1].headers.reverse()
        shuffled.deployment = Deployment(logicalID: "Deployment123")
        #expect(PlanFacts.differences(from: Self.plan(), to: shuffled).isEmpty)
    }

    @Test func eachChangeIsOneDifference() {
        var changed = Self.plan()
        changed.resources[1].methods[0].integration.uri = Node(.scalar(Scalar(text: "https://b.example/x", kind: .string)), tag: "!Sub")
        changed.resources[1].methods[1].apiKeyRequired = true
        changed.resources[1].methods[0].integration.responses[1].selectionPattern = "5\\d{2}"
        #expect(PlanFacts.differences(from: Self.plan(), to: changed).map(\.description) == [
            "GET /x integration uri: https://b.example/x → !Sub https://b.example/x",
            "GET /x integration response \"4\\d{2}\" status: removed 400",
            "POST /x api key required: false → true",
            "GET /x integration response \"5\\d{2}\" status: added 400",
        ])
    }

    /// An HTTP API with a CORS configuration, a JWT and a Lambda authorizer, and a `$default` route.
    static func httpPlan() -> GatewayPlan {
        var jwt = Authorizer(name: "login", type: "JWT", identitySource: "$request.header.Authorization")
        jwt.jwtConfiguration = JWTConfiguration(issuer: .string("https://login.example.com"), audience: [.string("web"), .string("app")])
        var lambda = Authorizer(name: "desk", type: "REQUEST", identitySource: "$request.header.X-Desk")
        lambda.payloadFormatVersion = "2.0"
        lambda.enableSimpleResponses = true
        var get = PlanMethod(httpMethod: "GET", integration: Integration(kind: .awsProxy, uri: .string("arn:aws:lambda:eu-west-1:1:function:f"), httpMethod: "POST"))
        get.integration.payloadFormatVersion = "2.0"
        get.authorization = Authorization(type: "JWT", authorizerName: "login", scopes: ["read"])
        var fallback = PlanMethod(httpMethod: "ANY", integration: Integration(kind: .httpProxy, uri: .string("https://old.example.com/"), httpMethod: "ANY"))
        fallback.integration.payloadFormatVersion = "1.0"
        var plan = GatewayPlan(
            api: RestAPI(name: "api"),
            resources: [PlanResource(path: "/"), PlanResource(path: "/x", methods: [get]), PlanResource(path: GatewayPlan.defaultRoutePath, methods: [fallback])])
        plan.kind = .http
        plan.authorizers = [jwt, lambda]
        plan.cors = CORSConfiguration(allowOrigins: ["https://a.example", "https://b.example"], allowHeaders: ["authorization"], maxAge: 60)
        plan.stage = Stage(name: "$default")
        return plan
    }

    /// The lists of an HTTP API's CORS configuration and a JWT authorizer's audiences are sets.
    @Test func theOrderOfAnHTTPAPIsSetsIsNotADifference() {
        var shuffled = Self.httpPlan()
        shuffled.cors?.allowOrigins.reverse()
        shuffled.authorizers[0].jwtConfiguration?.audience.reverse()
        shuffled.authorizers.reverse()
        #expect(PlanFacts.differences(from: Self.httpPlan(), to: shuffled).isEmpty)
    }

    /// Each thing an HTTP API holds is one fact: its kind, each CORS setting, a route's payload
    /// format and scopes (named by its route key), a JWT issuer, a Lambda authorizer's format.
    @Test func eachChangeToAnHTTPAPIIsOneDifference() {
        var changed = Self.httpPlan()
        changed.cors?.allowCredentials = true
        changed.cors?.maxAge = nil
        changed.resources[2].methods[0].integration.payloadFormatVersion = "2.0"
        changed.resources[1].methods[0].authorization.scopes = ["read", "write"]
        changed.authorizers[0].jwtConfiguration?.issuer = .string("https://login.example.org")
        changed.authorizers[1].enableSimpleResponses = false
        changed.authorizers[1].payloadFormatVersion = "1.0"
        #expect(PlanFacts.differences(from: Self.httpPlan(), to: changed).map(\.description) == [
            "cors max age: removed 60",
            "cors allow credentials: false → true",
            "$default integration payload format version: 1.0 → 2.0",
            "GET /x authorization: JWT by login scopes read → JWT by login scopes read,write",
            "authorizer desk payload format version: 2.0 → 1.0",
            "authorizer desk simple responses: true → false",
            "authorizer login issuer: https://login.example.com → https://login.example.org",
        ])
        // The same routes as a REST API's methods: another kind, whose methods hold an API key setting.
        var rest = Self.httpPlan()
        rest.kind = .rest
        #expect(PlanFacts.differences(from: Self.httpPlan(), to: rest).map(\.description) == [
            "api kind: http → rest", "$default api key required: added false", "GET /x api key required: added false",
        ])
    }
}
