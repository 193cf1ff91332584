import Convert
import Diagnostics
import TestSupport
import Testing
import YAML
import Plan
import Planning

/// Plans for the preflight tests: the ones `convert` builds from the cases in `specs/`,
/// and small hand-built ones that hold one fault each.
enum PreflightPlans {
    /// The plan `convert` builds for `specs/<name>/openapi.yaml` with the case's policy.
    static func fromCase(_ name: String, backend: IntegrationSettings.Backend = .mock) throws -> GatewayPlan {
        let policyPath = "specs/\(name)/cors.yaml"
        let policy = Converter.PolicyInput(bytes: try SpecCorpus.bytes(policyPath), file: policyPath)
        let planned = Converter.plan(
            entry: "specs/\(name)/openapi.yaml", reader: RepositoryFiles(), policy: policy,
            request: Converter.Request(target: .cloudformation, integrations: IntegrationSettings(backend: backend)))
        let errors = planned.diagnostics.filter { $0.severity == .error }
        guard let plan = planned.plan, errors.isEmpty else {
            throw PlanFailure(diagnostics: errors)
        }
        return plan
    }

    struct PlanFailure: Error {
        var diagnostics: [Diagnostic]
    }

    /// A plan with one resource, `/items`, whose OPTIONS mock maps `preflightHeaders` (values
    /// as written in the definition) and may carry a response template, and whose GET and
    /// PUT mocks map `responseHeaders`.
    static func handBuilt(
        preflightHeaders: [Mapped], preflightTemplate: String? = nil, preflightAuthorization: Authorization = .none,
        preflightNeedsAPIKey: Bool = false, responseHeaders: [Mapped] = [], gatewayResponses: [GatewayResponse] = []
    ) -> GatewayPlan {
        func mock(_ method: String, status: String, headers: [Mapped], template: String? = nil) -> PlanMethod {
            PlanMethod(
                httpMethod: method, role: method == "OPTIONS" ? .preflight : .operation,
                integration: Integration(
                    kind: .mock, passthroughBehavior: "WHEN_NO_MATCH",
                    requestTemplates: [Mapped("application/json", "{\"statusCode\": 200}")],
                    responses: [
                        IntegrationResponse(
                            statusCode: status,
                            responseParameters: headers.map { Mapped("method.response.header.\($0.name)", $0.value) },
                            responseTemplates: template.map { [Mapped("application/json", $0)] } ?? [])
                    ]),
                methodResponses: [MethodResponse(statusCode: status, headers: headers.map(\.name))])
        }
        var options = mock("OPTIONS", status: "204", headers: preflightHeaders, template: preflightTemplate)
        options.authorization = preflightAuthorization
        options.apiKeyRequired = preflightNeedsAPIKey
        let items = PlanResource(
            path: "/items",
            methods: [
                mock("GET", status: "200", headers: responseHeaders), mock("PUT", status: "200", headers: responseHeaders), options,
            ])
        return GatewayPlan(
            api: RestAPI(name: .string("Items")), resources: [PlanResource(path: "/"), items], gatewayResponses: gatewayResponses,
            authorizers: [Authorizer(name: "auth", type: "TOKEN", identitySource: "method.request.header.Authorization")])
    }

    /// The usual preflight headers for one origin, quoted as API Gateway wants them.
    static func preflightHeaders(origin: String = "'https://app.example.com'", methods: String = "'GET,PUT,OPTIONS'", headers: String = "'Content-Type'") -> [Mapped] {
        [
            Mapped("Access-Control-Allow-Origin", origin), Mapped("Access-Control-Allow-Methods", methods),
            Mapped("Access-Control-Allow-Headers", headers),
        ]
    }
}
