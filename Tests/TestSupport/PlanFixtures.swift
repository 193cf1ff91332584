import YAML
import Plan

/// Plans built by hand, the way the planner will build them, for renderer tests.
public enum PlanFixtures {
    /// The CORS preflight mock for one origin, as the planner will make it.
    public static func preflight(methods: String, origin: String = "'https://app.example.com'") -> PlanMethod {
        PlanMethod(
            httpMethod: "OPTIONS", role: .preflight,
            integration: Integration(
                kind: .mock, passthroughBehavior: "WHEN_NO_MATCH", contentHandling: "CONVERT_TO_TEXT",
                requestTemplates: [Mapped("application/json", "{\"statusCode\": 200}")],
                responses: [
                    IntegrationResponse(
                        statusCode: "204",
                        responseParameters: [
                            Mapped("method.response.header.Access-Control-Allow-Origin", origin),
                            Mapped("method.response.header.Access-Control-Allow-Methods", "'\(methods)'"),
                            Mapped("method.response.header.Access-Control-Allow-Headers", "'Content-Type,Authorization'"),
                            Mapped("method.response.header.Vary", "'Origin'"),
                        ])
                ]),
            methodResponses: [
                MethodResponse(
                    statusCode: "204",
                    headers: ["Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Vary"])
            ])
    }

    /// An HTTP proxy method to the backend.
    public static func proxy(_ verb: String, _ operation: String, path: String, apiKey: Bool = false) -> PlanMethod {
        var method = PlanMethod(
            httpMethod: verb, operationName: operation, apiKeyRequired: apiKey,
            requestParameters: path.contains("{petId}") ? [RequestParameter(location: "path", name: "petId", isRequired: true)] : [],
            integration: Integration(
                kind: .httpProxy, uri: .string("https://backend.example.com\(path)"), httpMethod: verb,
                passthroughBehavior: "WHEN_NO_MATCH",
                requestParameters: path.contains("{petId}")
                    ? [Mapped("integration.request.path.petId", "method.request.path.petId")] : []))
        method.source = OperationSource(path: path, method: verb.lowercased())
        return method
    }

    /// The pet store plan over the spec in `specs/petstore`, as the OpenAPI renderer gets it.
    public static func petStoreWithDocument() throws -> GatewayPlan {
        var plan = petStore
        let spec = "specs/petstore/openapi.yaml"
        plan.document = try YAMLReader.read(try SpecCorpus.bytes(spec), file: spec)
        return plan
    }

    public static var petStore: GatewayPlan {
        GatewayPlan(
            api: RestAPI(name: "Pet Store", description: "A small shop API."),
            resources: [
                PlanResource(path: "/"),
                PlanResource(
                    path: "/pets",
                    methods: [
                        proxy("GET", "listPets", path: "/pets"),
                        proxy("POST", "createPet", path: "/pets", apiKey: true),
                        preflight(methods: "GET,POST,OPTIONS"),
                    ]),
                PlanResource(
                    path: "/pets/{petId}",
                    methods: [
                        proxy("GET", "showPetById", path: "/pets/{petId}"),
                        preflight(methods: "GET,OPTIONS"),
                    ]),
            ],
            gatewayResponses: ["DEFAULT_4XX", "DEFAULT_5XX"].map {
                GatewayResponse(
                    type: $0,
                    responseParameters: [
                        Mapped("gatewayresponse.header.Access-Control-Allow-Origin", "'https://app.example.com'"),
                        Mapped("gatewayresponse.header.Vary", "'Origin'"),
                    ])
            })
    }
}
