import Diagnostics
import Testing
import YAML
import Plan
import Render
import CORS
import Spec
import Planning

/// What the backend receives after `--repair`, and the OpenAPI document the import reads.
@Suite struct RepairPlanningTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: Payments, version: "1"}
        paths:
          /customers/{customer}:
            parameters: [$ref: "#/components/parameters/Customer"]
            get: {responses: {"200": {description: ok}}}
          /customers/{id}/balance:
            parameters: [$ref: "#/components/parameters/Id"]
            get: {responses: {"200": {description: ok}}}
          /invoices/{id}:
            parameters: [$ref: "#/components/parameters/Id"]
            get: {responses: {"200": {description: ok}}}
          /exports/{name}.csv:
            get:
              parameters: [{name: name, in: path, required: true}]
              x-amazon-apigateway-integration:
                type: http
                httpMethod: GET
                uri: https://files.example.com/exports/{name}.csv
                requestParameters: {integration.request.path.name: method.request.path.name}
                responses: {default: {statusCode: "200"}}
              responses: {"200": {description: ok}}
        components:
          parameters:
            Customer: {name: customer, in: path, required: true, schema: {type: string}}
            Id: {name: id, in: path, required: true, schema: {type: string}}
        """

    func plan(_ backend: IntegrationSettings.Backend, cors: String? = nil) throws -> (GatewayPlan, [Diagnostic]) {
        let root = try YAMLReader.read(Array(Self.spec.utf8), file: "openapi.yaml")
        let (model, modelDiagnostics) = APIModelBuilder.build(
            from: LoadedSpec(entryFile: "openapi.yaml", root: root), repairingPaths: true)
        #expect(!modelDiagnostics.contains { $0.severity == .error })
        let policy = try cors.map { try CORSPolicyReader.read(Array($0.utf8), file: "cors.yaml").policy }
        return GatewayPlanner(settings: IntegrationSettings(backend: backend)).plan(model, document: root, cors: policy)
    }

    @Test func aPreflightLandsOnTheGatewaysPathNotTheSpecs() throws {
        let (plan, _) = try plan(.mock, cors: "allowOrigins: [https://app.example.com]\n")
        let paths = OpenAPIRenderer().render(plan)["paths"]?.mapping?.keys.compactMap(\.text) ?? []
        // An OPTIONS under the spec's key would bring the conflicting {id} back on import.
        #expect(!paths.contains("/customers/{id}/balance"))
        #expect(OpenAPIRenderer().render(plan)["paths"]?["/customers/{customer}/balance"]?["options"] != nil)
    }

    @Test func anHTTPBackendStillReceivesTheSpecsName() throws {
        let (plan, diagnostics) = try plan(.httpProxy(baseURL: "https://pay.example.com"))
        let method = try #require(plan.resource(at: "/customers/{customer}/balance")?.method("GET"))
        #expect(method.requestParameters.map(\.key) == ["method.request.path.customer"])
        #expect(method.integration.uri?.text == "https://pay.example.com/customers/{id}/balance")
        #expect(method.integration.requestParameters == [Mapped("integration.request.path.id", "method.request.path.customer")])
        #expect(diagnostics.contains { $0.code == PlanError.repairedPathParameters && $0.message.contains("integration.request.path.id") })
        #expect(plan.importRuleViolations.map(\.description) == [])
    }

    @Test func aLambdaFunctionIsToldWhichNamesItNowSees() throws {
        let (plan, diagnostics) = try plan(.lambdaProxy(functionARN: nil))
        let method = try #require(plan.resource(at: "/customers/{customer}/balance")?.method("GET"))
        // pathParameters come from the method request; no mapping reaches a Lambda proxy.
        #expect(method.integration.requestParameters == [])
        let note = try #require(diagnostics.first { $0.code == PlanError.repairedPathParameters })
        #expect(note.message.contains("pathParameters \"customer\" (the spec's id)"))
    }

    @Test func anIntegrationTheSpecWroteReadsTheGatewaysNameAndLosesTheGluedSuffix() throws {
        let (plan, _) = try plan(.mock)
        let method = try #require(plan.resource(at: "/exports/{name}")?.method("GET"))
        #expect(method.integration.requestParameters == [Mapped("integration.request.path.name", "method.request.path.name")])
        // The variable carries "report.csv" now; the URI must not add ".csv" again.
        #expect(method.integration.uri?.text == "https://files.example.com/exports/{name}")
    }

    @Test func aCORSRuleMayNameARepairedPathAsTheSpecWritesIt() throws {
        let policy = """
            allowOrigins: [https://app.example.com]
            rules:
              - paths: ["/customers/{id}/balance"]
                enabled: false
            """
        let (plan, diagnostics) = try plan(.mock, cors: policy)
        #expect(plan.resource(at: "/customers/{customer}/balance")?.method("OPTIONS") == nil)
        #expect(plan.resource(at: "/customers/{customer}")?.method("OPTIONS") != nil)
        #expect(!diagnostics.contains { $0.code == CORSDiagnosticCode.ruleMatchesNothing })
    }

    @Test func aRepeatedVariableReachesAnHTTPBackendInBothPlaces() throws {
        let yaml = """
            openapi: 3.0.3
            info: {title: Forks, version: "1"}
            paths:
              /projects/{id}/forks/{id}:
                get:
                  parameters: [{name: id, in: path, required: true}]
                  x-amazon-apigateway-integration:
                    type: http_proxy
                    httpMethod: GET
                    uri: https://git.example.com/projects/{id}/forks/{id}
                    requestParameters: {integration.request.path.id: method.request.path.id}
                  responses: {"200": {description: ok}}
            """
        let root = try YAMLReader.read(Array(yaml.utf8), file: "openapi.yaml")
        let (model, _) = APIModelBuilder.build(from: LoadedSpec(entryFile: "openapi.yaml", root: root), repairingPaths: true)
        let (plan, _) = GatewayPlanner().plan(model, document: root)
        let method = try #require(plan.resource(at: "/projects/{id}/forks/{id2}")?.method("GET"))
        // The client may send two different values; each reaches the backend where it was sent.
        #expect(method.integration.uri?.text == "https://git.example.com/projects/{id}/forks/{id2}")
        #expect(
            method.integration.requestParameters == [
                Mapped("integration.request.path.id", "method.request.path.id"),
                Mapped("integration.request.path.id2", "method.request.path.id2"),
            ])
        #expect(plan.importRuleViolations.map(\.description) == [])
    }

    @Test func theDocumentCarriesTheGatewaysNamesAndLeavesSharedDefinitionsAlone() throws {
        let (plan, _) = try plan(.httpProxy(baseURL: "https://pay.example.com"))
        let document = try #require(plan.document)
        let keys = document["paths"]?.mapping?.keys.compactMap(\.text)
        #expect(keys == ["/customers/{customer}", "/customers/{customer}/balance", "/invoices/{id}", "/exports/{name}"])
        // The renamed path gets its own copy; /invoices/{id} still uses the shared Id.
        let balance = document["paths"]?["/customers/{customer}/balance"]?["parameters"]?[0]
        #expect(balance?["name"]?.text == "customer")
        #expect(balance?["$ref"] == nil)
        #expect(document["paths"]?["/invoices/{id}"]?["parameters"]?[0]?["$ref"]?.text == "#/components/parameters/Id")
        #expect(document["components"]?["parameters"]?["Id"]?["name"]?.text == "id")
        let rendered = OpenAPIRenderer().render(plan)
        let integration = rendered["paths"]?["/customers/{customer}/balance"]?["get"]?["x-amazon-apigateway-integration"]
        #expect(integration?["requestParameters"]?["integration.request.path.id"]?.text == "method.request.path.customer")
    }

    @Test func theImportRulesCatchWhatTheRepairMustAvoid() {
        let plan = GatewayPlan(
            api: RestAPI(name: .string("T")),
            resources: [
                PlanResource(path: "/"), PlanResource(path: "/x"), PlanResource(path: "/x/{a}"),
                PlanResource(path: "/x/{b}"), PlanResource(path: "/x/{a}/y"), PlanResource(path: "/x/{a}/y/{a}"),
                PlanResource(path: "/x/{a}.json"),
                PlanResource(
                    path: "/z",
                    methods: [
                        PlanMethod(
                            httpMethod: "GET",
                            integration: Integration(
                                kind: .http, requestParameters: [Mapped("integration.request.path.id", "method.request.path.id")]))
                    ]),
            ])
        #expect(
            plan.importRuleViolations.map(\.description) == [
                "GET /z: method.request.path.id is mapped but not declared as a method request parameter",
                "RESOURCE /x/{b}: a second variable under /x, next to {a}",
                "RESOURCE /x/{a}/y/{a}: a variable name used twice in one path",
                "RESOURCE /x/{a}.json: path part {a}.json is neither letters, digits and . _ - , : nor a whole {name}",
            ])
    }
}
