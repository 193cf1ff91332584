import Testing
import YAML
import Plan
import Preflight

/// How the simulated API Gateway routes, authorizes, selects integration responses and
/// evaluates header mappings, one behaviour per test.
@Suite struct GatewaySimulatorTests {
    static func method(_ verb: String, status: String = "200", headers: [Mapped] = []) -> PlanMethod {
        PlanMethod(
            httpMethod: verb,
            integration: Integration(
                kind: .mock, requestTemplates: [Mapped("application/json", "{\"statusCode\": \(status)}")],
                responses: [
                    IntegrationResponse(
                        statusCode: status, responseParameters: headers.map { Mapped("method.response.header.\($0.name)", $0.value) })
                ]),
            methodResponses: [MethodResponse(statusCode: status, headers: headers.map(\.name))])
    }

    static let plan = GatewayPlan(
        api: RestAPI(name: "Routes"),
        resources: [
            PlanResource(path: "/", methods: [method("GET", status: "201")]),
            PlanResource(path: "/pets", methods: [method("GET")]),
            PlanResource(path: "/pets/mine", methods: [method("GET", status: "202")]),
            PlanResource(path: "/pets/{petId}", methods: [method("GET", status: "203")]),
            PlanResource(path: "/pets/{petId}/toys", methods: [method("ANY", status: "204")]),
            PlanResource(path: "/files", methods: []),
            PlanResource(path: "/files/{key+}", methods: [method("GET", status: "205")]),
        ])

    func answer(_ method: String, _ path: String, plan: GatewayPlan = Self.plan, headers: [Mapped] = [], stage: String = "v1") -> GatewayAnswer {
        GatewaySimulator(plan: plan).answer(GatewayRequest(method: method, stage: stage, path: path, headers: HeaderList(headers)))
    }

    @Test(arguments: [
        ("/", "GET /", 201), ("/pets", "GET /pets", 200), ("/pets/", "GET /pets", 200), ("/pets/mine", "GET /pets/mine", 202),
        ("/pets/7", "GET /pets/{petId}", 203), ("/pets/7/toys", "ANY /pets/{petId}/toys", 204),
        ("/files/a/b/c.txt", "GET /files/{key+}", 205),
    ])
    func routesLikeAPIGateway(_ path: String, _ route: String, _ status: Int) {
        let a = answer("GET", path)
        #expect(a.route == route)
        #expect(a.status == status)
    }

    @Test func aLiteralSegmentBeatsAVariable() {
        #expect(GatewaySimulator(plan: Self.plan).route("/pets/mine")?.0.path == "/pets/mine")
        #expect(GatewaySimulator(plan: Self.plan).route("/pets/7")?.1 == [Mapped("petId", "7")])
        #expect(GatewaySimulator(plan: Self.plan).route("/files/a/b")?.1 == [Mapped("key", "a/b")])
    }

    @Test(arguments: [("GET", "/nothing"), ("DELETE", "/pets"), ("GET", "/files"), ("GET", "/pets/7/toys/9")])
    func noResourceOrNoMethodIsMissingAuthenticationToken(_ method: String, _ path: String) {
        let a = answer(method, path)
        #expect(a.status == 403)
        #expect(a.gatewayResponseType == "MISSING_AUTHENTICATION_TOKEN")
        #expect(a.body == #"{"message":"Missing Authentication Token"}"#)
        #expect(a.headers.isEmpty)
    }

    @Test func aCustomisedResponseOfTheTypeWinsOverDefault4XX() {
        var plan = Self.plan
        plan.gatewayResponses = [
            GatewayResponse(type: "DEFAULT_4XX", responseParameters: [Mapped("gatewayresponse.header.A", "'default'")]),
            GatewayResponse(type: "MISSING_AUTHENTICATION_TOKEN", statusCode: "404", responseParameters: [Mapped("gatewayresponse.header.A", "'own'")]),
        ]
        let a = answer("GET", "/nothing", plan: plan)
        #expect(a.status == 404)
        #expect(a.headers.map(\.value) == ["own"])
        plan.gatewayResponses.removeLast()
        #expect(answer("GET", "/nothing", plan: plan).headers.map(\.value) == ["default"])
    }

    @Test func aGatewayResponseCanReflectTheRequestOrigin() {
        var plan = Self.plan
        plan.gatewayResponses = [
            GatewayResponse(type: "DEFAULT_4XX", responseParameters: [Mapped("gatewayresponse.header.Access-Control-Allow-Origin", "method.request.header.Origin")])
        ]
        #expect(answer("GET", "/nothing", plan: plan, headers: [Mapped("origin", "https://a.example")]).headers.map(\.value) == ["https://a.example"])
        #expect(answer("GET", "/nothing", plan: plan).headers.isEmpty)
    }

    @Test func anotherStageGetsNoneOfTheAPIsHeaders() {
        var plan = Self.plan
        plan.gatewayResponses = [GatewayResponse(type: "DEFAULT_4XX", responseParameters: [Mapped("gatewayresponse.header.A", "'x'")])]
        let a = answer("GET", "/pets", plan: plan, stage: "prod")
        #expect(a.status == 403)
        #expect(a.headers.isEmpty)
        #expect(answer("GET", "/pets", plan: plan).status == 200)
    }

    @Test func authorizersAndAPIKeysAnswerBeforeTheIntegration() {
        var plan = Self.plan
        plan.resources[1].methods[0].authorization = Authorization(type: "COGNITO_USER_POOLS", authorizerName: "pool")
        #expect(answer("GET", "/pets", plan: plan).gatewayResponseType == "UNAUTHORIZED")
        #expect(answer("GET", "/pets", plan: plan).status == 401)
        #expect(answer("GET", "/pets", plan: plan, headers: [Mapped("Authorization", "t")]).status == 200)
        plan.resources[1].methods[0].authorization = Authorization(type: "AWS_IAM")
        #expect(answer("GET", "/pets", plan: plan).gatewayResponseType == "MISSING_AUTHENTICATION_TOKEN")
        plan.resources[1].methods[0].authorization = .none
        plan.resources[1].methods[0].apiKeyRequired = true
        #expect(answer("GET", "/pets", plan: plan).gatewayResponseType == "INVALID_API_KEY")
        #expect(answer("GET", "/pets", plan: plan, headers: [Mapped("X-API-Key", "k")]).status == 200)
    }

    @Test func theMockStatusSelectsTheIntegrationResponse() {
        var m = Self.method("PUT", status: "200")
        m.integration.requestTemplates = [Mapped("application/json", "{\"statusCode\": 409}")]
        m.integration.responses = [
            IntegrationResponse(statusCode: "200", responseParameters: [Mapped("method.response.header.A", "'ok'")]),
            IntegrationResponse(selectionPattern: "4\\d{2}", statusCode: "400", responseParameters: [Mapped("method.response.header.A", "'client'")]),
        ]
        m.methodResponses = [MethodResponse(statusCode: "200", headers: ["A"]), MethodResponse(statusCode: "400", headers: ["A"])]
        let plan = GatewayPlan(api: RestAPI(name: "M"), resources: [PlanResource(path: "/", methods: [m])])
        let a = answer("PUT", "/", plan: plan)
        #expect(a.status == 400)
        #expect(a.headers.map(\.value) == ["client"])
        #expect(a.producedBy.contains("selection pattern 4\\d{2} matches 409"))
    }

    @Test func noMatchAndNoDefaultIsAConfigurationError() {
        var m = Self.method("PUT", status: "200")
        m.integration.responses = [IntegrationResponse(selectionPattern: "5\\d{2}", statusCode: "500")]
        let plan = GatewayPlan(api: RestAPI(name: "M"), resources: [PlanResource(path: "/", methods: [m])])
        let a = answer("PUT", "/", plan: plan)
        #expect(a.status == 500)
        #expect(a.gatewayResponseType == "API_CONFIGURATION_ERROR")
    }

    @Test(arguments: [
        ("arn:aws:apigateway:us-east-1:dynamodb:action/Scan", 200),
        ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations", 500),
    ])
    func anAWSServiceSelectsOnItsStatusAndALambdaOnItsError(_ uri: String, _ status: Int) {
        // Responses written for a service: "200" is a pattern on the status. A Lambda succeeds
        // without an error message, which no pattern matches, so without a default it is 500.
        let m = PlanMethod(
            httpMethod: "GET",
            integration: Integration(
                kind: .aws, uri: .string(uri),
                responses: [
                    IntegrationResponse(selectionPattern: "200", statusCode: "200"),
                    IntegrationResponse(selectionPattern: "400", statusCode: "400"),
                ]),
            methodResponses: [MethodResponse(statusCode: "200"), MethodResponse(statusCode: "400")])
        let plan = GatewayPlan(api: RestAPI(name: "S"), resources: [PlanResource(path: "/", methods: [m])])
        #expect(answer("GET", "/", plan: plan).status == status)
    }

    @Test func aLambdaURIInsideAFunctionIsStillALambda() {
        let uri = Node(.scalar(Scalar(text: "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${F.Arn}/invocations", kind: .string)), tag: "!Sub")
        #expect(Integration(kind: .aws, uri: uri).invokesLambda)
        #expect(Integration(kind: .aws, uri: ["Fn::Join": ["", ["arn:aws:apigateway:", ["Ref": "AWS::Region"], ":lambda:path/x"]]]).invokesLambda)
        #expect(!Integration(kind: .aws, uri: "arn:aws:apigateway:us-east-1:sqs:path/1/q").invokesLambda)
        #expect(!Integration(kind: .http, uri: "https://b.example/lambda:path/").invokesLambda)
    }

    @Test func passthroughNeverRefusesAnUnknownContentType() {
        var m = Self.method("POST")
        m.integration.passthroughBehavior = "NEVER"
        let plan = GatewayPlan(api: RestAPI(name: "M"), resources: [PlanResource(path: "/", methods: [m])])
        #expect(answer("POST", "/", plan: plan, headers: [Mapped("Content-Type", "text/plain")]).status == 415)
        #expect(answer("POST", "/", plan: plan, headers: [Mapped("Content-Type", "application/json; charset=utf-8")]).status == 200)
    }

    @Test func aProxyIntegrationSendsOnlyWhatTheBackendIsSaidToSend() {
        let proxy = PlanMethod(httpMethod: "GET", integration: Integration(kind: .httpProxy, uri: "https://b.example"))
        let plan = GatewayPlan(api: RestAPI(name: "P"), resources: [PlanResource(path: "/", methods: [proxy])])
        let request = GatewayRequest(method: "GET", stage: "v1", path: "/", headers: HeaderList())
        #expect(GatewaySimulator(plan: plan).answer(request).headers.isEmpty)
        #expect(GatewaySimulator(plan: plan).answer(request).notes.contains { $0.contains("must come from the backend") })
        let told = GatewaySimulator(plan: plan, backendHeaders: [Mapped("Access-Control-Allow-Origin", "*")]).answer(request)
        #expect(told.headers.map(\.value) == ["*"])
    }

    @Test func aNonProxyBackendIsNotCalledAndItsHeadersAreUnknown() {
        let http = PlanMethod(
            httpMethod: "GET",
            integration: Integration(
                kind: .http, uri: "https://b.example",
                responses: [
                    IntegrationResponse(
                        statusCode: "200",
                        responseParameters: [
                            Mapped("method.response.header.A", "'static'"), Mapped("method.response.header.B", "integration.response.header.B"),
                        ])
                ]),
            methodResponses: [MethodResponse(statusCode: "200", headers: ["A", "B"])])
        let plan = GatewayPlan(api: RestAPI(name: "H"), resources: [PlanResource(path: "/", methods: [http])])
        let a = answer("GET", "/", plan: plan)
        #expect(a.headers.map(\.name) == ["A"])
        #expect(a.notes.contains { $0.hasPrefix("B is not sent") })
    }

    @Test func aMappedHeaderTheMethodResponseDoesNotDeclareIsAFault() {
        var m = Self.method("GET", headers: [Mapped("A", "'x'")])
        m.methodResponses = [MethodResponse(statusCode: "200")]
        let plan = GatewayPlan(api: RestAPI(name: "F"), resources: [PlanResource(path: "/", methods: [m])])
        #expect(answer("GET", "/", plan: plan).faults == ["header A is mapped but not declared in method response 200"])
    }

    @Test func aTemplateOutsideTheSubsetIsNotedNotGuessed() {
        var m = Self.method("GET")
        m.integration.responses[0].responseTemplates = [Mapped("application/json", "#macro(x)#end")]
        let plan = GatewayPlan(api: RestAPI(name: "T"), resources: [PlanResource(path: "/", methods: [m])])
        #expect(answer("GET", "/", plan: plan).notes.contains { $0.hasPrefix("cannot evaluate the application/json response template") })
    }
}
