import CORSDoctor
import Diagnostics
import Testing
import YAML
import Plan
import Read
import Spec

/// The faults of HTTP APIs, each on a plan built by hand: backend CORS headers a CORS
/// configuration drops, authorizers that take the preflights, `*` with credentials, and
/// none of the REST checks (gateway responses, OPTIONS mocks, templates) on an HTTP plan.
@Suite struct HTTPAPIDoctorTests {
    static let app = "https://app.example.com"
    static let cors = CORSConfiguration(
        allowOrigins: [app], allowMethods: ["GET", "PUT"], allowHeaders: ["authorization", "content-type"])
    static let jwt = Authorization(type: "JWT", authorizerName: "users")

    static func route(
        _ verb: String, authorization: Authorization = .none, role: PlanMethod.Role = .operation, declares headers: [String] = []
    ) -> PlanMethod {
        PlanMethod(
            httpMethod: verb, role: role, authorization: authorization,
            integration: Integration(kind: .awsProxy, uri: "arn:aws:lambda:eu-west-1:1:function:pets", httpMethod: "POST"),
            methodResponses: headers.isEmpty ? [] : [MethodResponse(statusCode: "200", headers: headers)])
    }

    static func plan(cors: CORSConfiguration? = cors, _ resources: [PlanResource]) -> GatewayPlan {
        var plan = GatewayPlan(
            api: RestAPI(name: "Pets"), resources: [PlanResource(path: "/")] + resources,
            authorizers: [Authorizer(name: "users", type: "JWT", identitySource: "$request.header.Authorization")],
            stage: Stage(name: "$default"))
        plan.kind = .http
        plan.cors = cors
        return plan
    }

    static let pets = [
        PlanResource(path: "/pets", methods: [route("GET", authorization: jwt)]),
        PlanResource(path: "/pets/{petId}", methods: [route("PUT", authorization: jwt)]),
    ]
    static let openPreflight = PlanResource(path: "/{proxy+}", methods: [route("OPTIONS", role: .preflight)])
    static let defaultRoute = PlanResource(path: GatewayPlan.defaultRoutePath, methods: [route("ANY", authorization: jwt)])

    /// One plan and the codes the doctor finds in it.
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var plan: GatewayPlan
        var codes: [String]
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "a configuration and JWT routes: nothing to fix, and no REST check runs", plan: plan(pets), codes: []),
        Row(name: "no configuration and no declared CORS headers", plan: plan(cors: nil, pets), codes: [DoctorCode.noCORS.id]),
        Row(
            name: "* with credentials",
            plan: plan(cors: CORSConfiguration(allowOrigins: ["*"], allowMethods: ["GET"], allowCredentials: true), pets),
            codes: [DoctorCode.wildcardWithCredentials.id]),
        Row(
            name: "a route declaring Access-Control-Allow-Origin beside a configuration",
            plan: plan([PlanResource(path: "/pets", methods: [route("GET", declares: ["Access-Control-Allow-Origin", "X-Id"])])]),
            codes: [DoctorCode.ignoredBackendCORS.id]),
        Row(
            name: "without a configuration a simple GET with its own CORS headers is fine",
            plan: plan(cors: nil, [PlanResource(path: "/pets", methods: [route("GET", declares: ["Access-Control-Allow-Origin"])])]),
            codes: []),
        Row(
            name: "without a configuration a PUT with its own CORS headers needs a route for OPTIONS",
            plan: plan(cors: nil, [PlanResource(path: "/pets/{petId}", methods: [route("PUT", declares: ["Access-Control-Allow-Origin"])])]),
            codes: [DoctorCode.missingPreflight.id]),
        Row(
            name: "without a configuration OPTIONS /{proxy+} reaches the backend",
            plan: plan(
                cors: nil,
                [PlanResource(path: "/pets/{petId}", methods: [route("PUT", declares: ["Access-Control-Allow-Origin"])]), openPreflight]),
            codes: []),
        Row(
            name: "an OPTIONS route behind an authorizer",
            plan: plan(pets + [PlanResource(path: "/{proxy+}", methods: [route("OPTIONS", authorization: jwt)])]),
            codes: [DoctorCode.protectedPreflight.id]),
        Row(name: "$default behind an authorizer takes the preflights", plan: plan(pets + [defaultRoute]), codes: [DoctorCode.preflightCaughtByAuthorizer.id]),
        Row(name: "OPTIONS /{proxy+} without authorization outranks $default", plan: plan(pets + [openPreflight, defaultRoute]), codes: []),
        Row(
            name: "ANY /{proxy+} behind an authorizer takes the preflights",
            plan: plan([PlanResource(path: "/{proxy+}", methods: [route("ANY", authorization: jwt)])]),
            codes: [DoctorCode.preflightCaughtByAuthorizer.id]),
        Row(
            name: "OPTIONS beside ANY /{proxy+} outranks it on the same path",
            plan: plan([PlanResource(path: "/{proxy+}", methods: [route("ANY", authorization: jwt), route("OPTIONS", role: .preflight)])]),
            codes: []),
        Row(
            name: "an exact ANY /pets outranks OPTIONS /{proxy+}",
            plan: plan([PlanResource(path: "/pets", methods: [route("ANY", authorization: jwt)]), openPreflight]),
            codes: [DoctorCode.preflightCaughtByAuthorizer.id]),
    ]

    @Test(arguments: rows)
    func findsTheFaultsOfHTTPAPIs(_ row: Row) {
        #expect(Doctor.examine(row.plan).map(\.code) == row.codes)
    }

    @Test func anAuthorizedDefaultRouteIsLocatedWithItsFix() {
        var locations = PlanLocations()
        locations[.authorization("ANY", GatewayPlan.defaultRoutePath)] = SourceLocation(file: "template.yaml", line: 40, column: 7)
        let findings = Doctor.examine(Self.plan(Self.pets + [Self.defaultRoute]), locations: locations)
        #expect(findings.count == 1)
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.location == SourceLocation(file: "template.yaml", line: 40, column: 7))
        #expect(
            findings.first?.message
                == "$default requires JWT authorization and takes the preflights of every path no other route takes, before API "
                + "Gateway can answer them from the CORS configuration; add an OPTIONS /{proxy+} route with AuthorizationType "
                + "NONE and the same integration (convert adds one)")
        #expect(
            findings.first?.notes.map(\.message) == [
                "a browser: the preflight carries no token, so the authorizer answers 401 and the browser reports that the "
                    + "preflight does not have HTTP ok status"
            ])
    }

    @Test func ignoredHeadersAreNamedWhereTheSpecDeclaresThem() {
        let document: Node = [
            "openapi": "3.0.3",
            "paths": ["/pets": ["get": ["responses": ["200": ["headers": ["Access-Control-Allow-Origin": ["schema": ["type": "string"]]]]]]]],
        ]
        var method = Self.route("GET")
        method.source = OperationSource(path: "/pets", method: "get")
        var plan = Self.plan([PlanResource(path: "/pets", methods: [method])])
        plan.document = document
        var locations = PlanLocations()
        locations[.method("GET", "/pets")] = SourceLocation(file: "openapi.yaml", line: 9, column: 5)
        let findings = Doctor.examine(plan, locations: locations)
        #expect(findings.map(\.code) == [DoctorCode.ignoredBackendCORS.id])
        #expect(findings.first?.location == SourceLocation(file: "openapi.yaml", line: 9, column: 5))
        #expect(findings.first?.message.hasPrefix("GET /pets declares Access-Control-Allow-Origin on its responses, but the API has a CORS configuration") == true)
    }

    /// One plan as either kind: as a REST API its gateway responses are examined (DEFAULT_5XX
    /// lacks the origin), as an HTTP API, which has none, they are not.
    @Test(arguments: [(APIKind.rest, [DoctorCode.gatewayResponseWithoutCORS.id]), (APIKind.http, [])])
    func restChecksRunOnlyOnARESTAPI(kind: APIKind, codes: [String]) {
        var plan = Self.plan([PlanResource(path: "/pets", methods: [Self.route("GET")])])
        plan.gatewayResponses = [
            GatewayResponse(type: "DEFAULT_4XX", responseParameters: [Mapped("gatewayresponse.header.Access-Control-Allow-Origin", "'\(Self.app)'")])
        ]
        plan.kind = kind
        #expect(Doctor.examine(plan).map(\.code) == codes)
    }
    /// `*` with credentials is reported at the `*` (allowOrigins, the setting to change), with
    /// a note at allowCredentials, where the reader recorded each; at the configuration when
    /// it recorded neither.
    @Test func wildcardWithCredentialsPointsAtTheConfigurationsSettings() {
        let plan = Self.plan(cors: CORSConfiguration(allowOrigins: ["*"], allowMethods: ["GET"], allowCredentials: true), Self.pets)
        let origins = SourceLocation(file: "template.yaml", line: 16, column: 11)
        let credentials = SourceLocation(file: "template.yaml", line: 22, column: 27)
        var locations = PlanLocations()
        locations[.api] = SourceLocation(file: "template.yaml", line: 9, column: 3)
        locations[.cors] = SourceLocation(file: "template.yaml", line: 15, column: 9)
        locations[.corsSetting("allowOrigins")] = origins
        locations[.corsSetting("allowCredentials")] = credentials
        let finding = Doctor.examine(plan, locations: locations).first
        #expect(finding?.code == DoctorCode.wildcardWithCredentials.id)
        #expect(finding?.location == origins)
        #expect(finding?.notes.map(\.location) == [origins, credentials])
        #expect(finding?.notes.last?.message == "allowCredentials is true here, which is what makes * a fault")
        var configurationOnly = PlanLocations()
        configurationOnly[.cors] = SourceLocation(file: "template.yaml", line: 15, column: 9)
        let unlocated = Doctor.examine(plan, locations: configurationOnly).first
        #expect(unlocated?.location == SourceLocation(file: "template.yaml", line: 15, column: 9))
        #expect(unlocated?.notes.count == 2)
    }

    /// What the reader says about a Body beside a CorsConfiguration (READ031, at the
    /// CorsConfiguration) comes first in the doctor's report, before its findings on the plan,
    /// which holds the CorsConfiguration, as the reader takes it (the properties:
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-api.html).
    @Test func aBodyBesideACORSConfigurationIsInTheDoctorsReport() throws {
        var files = InMemorySpecFiles()
        files.add(
            "template.yaml",
            """
            Resources:
              Api:
                Type: AWS::ApiGatewayV2::Api
                Properties:
                  CorsConfiguration:
                    AllowOrigins: ["*"]
                    AllowCredentials: true
                  Body:
                    openapi: 3.0.1
                    info: {title: pets, version: "1"}
                    x-amazon-apigateway-cors: {allowOrigins: [https://app.example.com]}
                    paths:
                      /pets:
                        get:
                          responses: {"200": {description: ok}}
                          x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: https://pets.example.com/pets, payloadFormatVersion: "1.0"}
            """)
        let report = Doctor.examine(source: "template.yaml", reader: files, policy: nil)
        #expect(report.map(\.code) == [ReadDiagnosticCode.bodyWithCORSConfiguration.id, DoctorCode.wildcardWithCredentials.id])
        #expect(report.first?.severity == .warning)
        #expect(report.first?.location == SourceLocation(file: "template.yaml", line: 5, column: 7))
        #expect(report.last?.location == SourceLocation(file: "template.yaml", line: 6, column: 23))
    }
}
