import CORSDoctor
import Diagnostics
import Foundation
import TestSupport
import Testing
import YAML
import Plan
import Read

/// The browser rules the doctor applies, each on a small plan, and the documentation of
/// every code it and the readers report.
@Suite struct DoctorRulesTests {
    /// `/items` with the given methods and a preflight answering `headers`.
    static func plan(methods: [PlanMethod], preflight headers: [(String, String)], binary: [String] = []) -> GatewayPlan {
        let allowOrigin = [Mapped("method.response.header.Access-Control-Allow-Origin", "'https://a.example'")]
        let actual = methods.map { method -> PlanMethod in
            var method = method
            method.integration.responses = [IntegrationResponse(statusCode: "200", responseParameters: allowOrigin)]
            method.methodResponses = [MethodResponse(statusCode: "200", headers: ["Access-Control-Allow-Origin"])]
            return method
        }
        let options = PlanMethod(
            httpMethod: "OPTIONS", role: .preflight,
            integration: Integration(
                kind: .mock,
                responses: [
                    IntegrationResponse(
                        statusCode: "204", responseParameters: headers.map { Mapped("method.response.header.\($0.0)", $0.1) })
                ]),
            methodResponses: [MethodResponse(statusCode: "204", headers: headers.map(\.0))])
        let cors = [Mapped("gatewayresponse.header.Access-Control-Allow-Origin", "'https://a.example'")]
        return GatewayPlan(
            api: RestAPI(name: "a", binaryMediaTypes: binary),
            resources: [PlanResource(path: "/"), PlanResource(path: "/items", methods: actual + [options])],
            gatewayResponses: [
                GatewayResponse(type: "DEFAULT_4XX", responseParameters: cors),
                GatewayResponse(type: "DEFAULT_5XX", responseParameters: cors),
            ])
    }

    static func mock(_ verb: String, authorization: Authorization = .none, apiKey: Bool = false) -> PlanMethod {
        PlanMethod(httpMethod: verb, authorization: authorization, apiKeyRequired: apiKey, integration: Integration(kind: .mock))
    }

    static func codes(_ plan: GatewayPlan) -> [String] { Doctor.examine(plan).map(\.code) }

    @Test func aWildcardAllowHeadersDoesNotCoverAuthorization() {
        let cognito = Authorization(type: "COGNITO_USER_POOLS", authorizerName: "users")
        let headers = [("Access-Control-Allow-Origin", "'https://a.example'"), ("Access-Control-Allow-Methods", "'GET,OPTIONS'")]
        let wildcard = Self.plan(methods: [Self.mock("GET", authorization: cognito)], preflight: headers + [("Access-Control-Allow-Headers", "'*'")])
        #expect(Self.codes(wildcard) == [DoctorCode.headerNotAllowed.id])
        let named = Self.plan(
            methods: [Self.mock("GET", authorization: cognito)], preflight: headers + [("Access-Control-Allow-Headers", "'authorization'")])
        #expect(Self.codes(named) == [])
    }

    @Test func aWildcardIsLiteralWithCredentials() {
        let headers = [
            ("Access-Control-Allow-Origin", "'https://a.example'"), ("Access-Control-Allow-Credentials", "'true'"),
            ("Access-Control-Allow-Methods", "'*'"), ("Access-Control-Allow-Headers", "'*'"),
        ]
        #expect(Self.codes(Self.plan(methods: [Self.mock("DELETE", apiKey: true)], preflight: headers))
            == [DoctorCode.allowedOriginMethodNotAllowed.id, DoctorCode.headerNotAllowed.id])
        let anonymous = headers.filter { $0.0 != "Access-Control-Allow-Credentials" }
        #expect(Self.codes(Self.plan(methods: [Self.mock("DELETE", apiKey: true)], preflight: anonymous)) == [])
    }

    @Test func safelistedMethodsNeedNotBeListed() {
        let headers = [
            ("Access-Control-Allow-Origin", "'https://a.example'"), ("Access-Control-Allow-Methods", "'OPTIONS'"),
            ("Access-Control-Allow-Headers", "'Content-Type'"),
        ]
        #expect(Self.codes(Self.plan(methods: [Self.mock("GET"), Self.mock("POST")], preflight: headers)) == [])
        #expect(Self.codes(Self.plan(methods: [Self.mock("PATCH")], preflight: headers)) == [DoctorCode.allowedOriginMethodNotAllowed.id])
    }

    /// A left-out method whose responses carry Access-Control-Allow-Origin, however they do,
    /// is meant for other origins and blocked: an error. Without it, a warning.
    @Test func aLeftOutMethodIsAnErrorOnlyWhenItCarriesAllowOrigin() {
        let headers = [("Access-Control-Allow-Origin", "'https://a.example'"), ("Access-Control-Allow-Methods", "'OPTIONS,POST'")]
        var plan = Self.plan(methods: [Self.mock("GET"), Self.mock("PUT")], preflight: headers)
        #expect(Self.codes(plan) == [DoctorCode.allowedOriginMethodNotAllowed.id])
        let put = plan.resources[1].methods.firstIndex { $0.httpMethod == "PUT" }!
        // Only declared in the method response.
        plan.resources[1].methods[put].integration.responses = [IntegrationResponse(statusCode: "200")]
        #expect(Self.codes(plan) == [DoctorCode.allowedOriginMethodNotAllowed.id])
        // Only set by a template.
        plan.resources[1].methods[put].methodResponses = [MethodResponse(statusCode: "200")]
        plan.resources[1].methods[put].integration.responses = [
            IntegrationResponse(
                statusCode: "200",
                responseTemplates: [Mapped("application/json", "#set($context.responseOverride.header.Access-Control-Allow-Origin = 'https://a.example')")])
        ]
        #expect(Self.codes(plan).contains(DoctorCode.allowedOriginMethodNotAllowed.id))
        // None at all.
        plan.resources[1].methods[put].integration.responses = [IntegrationResponse(statusCode: "200")]
        #expect(Self.codes(plan) == [DoctorCode.methodNotAllowed.id])
    }

    @Test func aBinaryAPINeedsTextPreflights() {
        let headers = [("Access-Control-Allow-Origin", "'https://a.example'"), ("Access-Control-Allow-Methods", "'GET'")]
        let plan = Self.plan(methods: [Self.mock("GET")], preflight: headers, binary: ["*/*"])
        #expect(Self.codes(plan) == [DoctorCode.binaryPreflight.id])
        var converted = plan
        converted.resources[1].methods[1].integration.contentHandling = "CONVERT_TO_TEXT"
        #expect(Self.codes(converted) == [])
    }

    @Test func anAPIWithoutCORSGetsOneNote() {
        let plan = GatewayPlan(api: RestAPI(name: "a"), resources: [PlanResource(path: "/", methods: [Self.mock("PUT")])])
        let findings = Doctor.examine(plan)
        #expect(findings.map(\.code) == [DoctorCode.noCORS.id])
        #expect(findings.first?.severity == .note)
    }

    /// The import rules no other code names fail the deployment, so they are errors (DOC015);
    /// one another code already names (DOC004) is not reported twice.
    @Test func anUndeclaredRequestParameterBreaksTheImport() {
        let headers = [("Access-Control-Allow-Origin", "'https://a.example'"), ("Access-Control-Allow-Methods", "'GET'")]
        var plan = Self.plan(methods: [Self.mock("GET")], preflight: headers)
        plan.resources[1].methods[0].integration.requestParameters = [Mapped("integration.request.header.x-id", "method.request.header.X-Id")]
        let findings = Doctor.examine(plan)
        #expect(findings.map(\.code) == [DoctorCode.importRule.id])
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.message.contains("GET /items breaks an API Gateway import rule: method.request.header.X-Id") == true)
        #expect(findings.first?.message.contains("declare method.request.header.X-Id") == true)

        var declared = plan
        declared.resources[1].methods[0].requestParameters = [RequestParameter(location: "header", name: "X-Id", isRequired: false)]
        #expect(Self.codes(declared) == [])

        var undeclaredHeader = plan
        undeclaredHeader.resources[1].methods[0].integration.requestParameters = []
        undeclaredHeader.resources[1].methods[0].methodResponses[0].headers = []
        #expect(Self.codes(undeclaredHeader) == [DoctorCode.undeclaredHeader.id])
    }

    /// Without CORS the other checks do not run, but a tree API Gateway cannot build is still an error.
    @Test func anAPIWithoutCORSStillGetsItsImportRules() {
        let plan = GatewayPlan(
            api: RestAPI(name: "a"),
            resources: [
                PlanResource(path: "/"), PlanResource(path: "/pets"),
                PlanResource(path: "/pets/{id}", methods: [Self.mock("GET")]),
                PlanResource(path: "/pets/{name}", methods: [Self.mock("PUT")]),
            ])
        let findings = Doctor.examine(plan)
        #expect(findings.map(\.code) == [DoctorCode.noCORS.id, DoctorCode.importRule.id])
        #expect(findings.last?.message.hasPrefix("resource /pets/{name} breaks an API Gateway import rule: a second variable") == true)
    }

    static let diagnosticsPage: String = {
        (try? String(contentsOf: SpecCorpus.root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)) ?? ""
    }()

    @Test(arguments: (DoctorCode.codes + ReadDiagnosticCode.codes).map(\.id))
    func documentsEveryCode(code: String) {
        #expect(Self.diagnosticsPage.contains("| \(code) |"), "docs/diagnostics.md has no row for \(code)")
    }
}
