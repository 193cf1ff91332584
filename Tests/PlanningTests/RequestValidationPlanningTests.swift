import Diagnostics
import Testing
import YAML
import Plan
import CORS
import Spec
import Planning

/// Which validator each method gets: its own extension, then the setting, then the spec's
/// root default; preflights never; and the 400s a page reads a refusal from.
@Suite struct RequestValidationPlanningTests {
    static func plan(
        _ spec: String, setting: RequestValidationSetting? = nil, cors: String? = "allowOrigins: [https://app.example.com]\n"
    ) throws -> (GatewayPlan, [Diagnostic]) {
        let root = try YAMLReader.read(Array(spec.utf8), file: "openapi.yaml")
        let (model, _) = APIModelBuilder.build(from: LoadedSpec(entryFile: "openapi.yaml", root: root))
        let policy = try cors.map { try CORSPolicyReader.read(Array($0.utf8), file: "cors.yaml").policy }
        return GatewayPlanner(api: APISettings(requestValidation: setting)).plan(model, document: root, cors: policy)
    }

    static let bare = """
        openapi: 3.0.3
        info: {title: t, version: '1'}
        paths:
          /a:
            get:
              parameters: [{name: q, in: query, required: true, schema: {type: string}}]
              responses: {'200': {description: ok}}
            put:
              requestBody: {content: {application/json: {schema: {type: object}}}}
              responses: {'200': {description: ok}}
        """

    @Test func noSettingAndNoValidatorsValidateNothing() throws {
        let (plan, diagnostics) = try Self.plan(Self.bare)
        #expect(plan.requestValidators.isEmpty)
        #expect(plan.methods.allSatisfy { $0.method.requestValidator == nil })
        #expect(!plan.gatewayResponses.contains { $0.type.hasPrefix("BAD_REQUEST") })
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
    }

    @Test(arguments: [
        (RequestValidationSetting.all, "all", true, true), (.body, "body", true, false), (.parameters, "parameters", false, true),
    ])
    func theSettingValidatesEveryOperationButNotThePreflight(setting: RequestValidationSetting, name: String, body: Bool, parameters: Bool) throws {
        let (plan, _) = try Self.plan(Self.bare, setting: setting)
        let a = try #require(plan.resource(at: "/a"))
        #expect(a.method("PUT")?.requestValidator == name)
        // GET has no body: only the parameter check applies there (none for `body`).
        let get = setting == .body ? nil : (setting == .all ? "parameters" : name)
        #expect(a.method("GET")?.requestValidator == get)
        let expected = [RequestValidator(name: name, validatesBody: body, validatesParameters: parameters)]
            + (setting == .all ? [RequestValidator.parameters] : [])
        #expect(plan.requestValidators == expected)
        #expect(a.method("OPTIONS")?.role == .preflight)
        #expect(a.method("OPTIONS")?.requestValidator == nil, "a preflight carries no body or parameters to check")
        // The refusals a page reads: 400, the reason, and the CORS headers of API Gateway's other 4XX.
        let types = plan.gatewayResponses.map(\.type)
        #expect(types.contains("BAD_REQUEST_BODY") == body)
        #expect(types.contains("BAD_REQUEST_PARAMETERS") == parameters)
        for refusal in plan.gatewayResponses where refusal.type.hasPrefix("BAD_REQUEST") {
            #expect(refusal.statusCode == "400")
            #expect(refusal.responseTemplates.first?.value.contains("$context.error.validationErrorString") == true)
            #expect(refusal.responseParameters.contains { $0.name == "gatewayresponse.header.Access-Control-Allow-Origin" && $0.value == "'https://app.example.com'" })
        }
    }

    static let withValidators = """
        openapi: 3.0.3
        info: {title: t, version: '1'}
        x-amazon-apigateway-request-validators:
          params: {validateRequestBody: false, validateRequestParameters: true}
          full: {validateRequestBody: true, validateRequestParameters: true}
        x-amazon-apigateway-request-validator: params
        paths:
          /a:
            get:
              responses: {'200': {description: ok}}
            put:
              x-amazon-apigateway-request-validator: full
              responses: {'200': {description: ok}}
        """

    @Test func theOperationsOwnThenTheSettingThenTheRootDefault() throws {
        let (spec, _) = try Self.plan(Self.withValidators)
        #expect(spec.requestValidators.map(\.name) == ["params", "full"])
        #expect(spec.resource(at: "/a")?.method("GET")?.requestValidator == "params")
        #expect(spec.resource(at: "/a")?.method("PUT")?.requestValidator == "full")
        // The setting beats the root default, never the operation's own; a spec validator
        // that checks the same is used rather than a second one.
        let (all, _) = try Self.plan(Self.withValidators, setting: .all)
        #expect(all.requestValidators.map(\.name) == ["params", "full"])
        // GET has no body: the setting's parameter check, which the spec's params already is.
        #expect(all.resource(at: "/a")?.method("GET")?.requestValidator == "params")
        let (none, _) = try Self.plan(Self.withValidators, setting: RequestValidationSetting.none)
        #expect(none.resource(at: "/a")?.method("GET")?.requestValidator == nil)
        #expect(none.resource(at: "/a")?.method("PUT")?.requestValidator == "full")
    }

    @Test func aValidatorNamedButNotDefinedIsAnErrorAtTheName() throws {
        let spec = Self.withValidators.replacing("x-amazon-apigateway-request-validator: full", with: "x-amazon-apigateway-request-validator: strict")
        let (_, diagnostics) = try Self.plan(spec)
        let found = diagnostics.filter { $0.code == PlanError.unknownValidator.id }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("\"strict\", which is none of the validators the spec defines (params, full)") == true)
        #expect(found.first?.location?.line == 12)
    }

    @Test func aMalformedValidatorIsAnErrorAtItsName() throws {
        let spec = Self.withValidators.replacing("full: {validateRequestBody: true,", with: "full: {validateRequestBody: yes-please,")
        let (plan, diagnostics) = try Self.plan(spec)
        let found = diagnostics.filter { $0.code == PlanError.malformedValidator.id }
        #expect(found.count == 1)
        #expect(found.first?.location?.line == 5)
        #expect(plan.requestValidators.map(\.name) == ["params"])
    }
}

/// The models a body validator checks against: made from the request bodies' schemas, in
/// draft 4, named in letters and digits, referring to each other by name, with what they
/// cannot carry said.
@Suite struct ModelPlanningTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: t, version: '1'}
        paths:
          /pets:
            post:
              operationId: addPet
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/pet-input'}
                  application/x-www-form-urlencoded:
                    schema: {type: object}
              responses: {'201': {description: ok}}
            put:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        name: {type: string, nullable: true, example: Rex}
              responses: {'200': {description: ok}}
        components:
          schemas:
            pet-input:
              type: object
              required: [name]
              properties:
                name: {type: string}
                id: {type: integer, readOnly: true}
                weight: {type: number, format: double}
                owner: {$ref: '#/components/schemas/Owner'}
            Owner:
              type: object
              properties:
                friend: {$ref: '#/components/schemas/Owner'}
        """

    @Test func eachValidatedBodyHasItsModelInDraft4() throws {
        let (plan, diagnostics) = try RequestValidationPlanningTests.plan(Self.spec, setting: .body)
        // Referenced models first, each named in letters and digits.
        #expect(plan.models.map(\.name) == ["PutPetsRequest", "Owner", "PetInput"], "in method order, each after what it refers to")
        let pets = try #require(plan.resource(at: "/pets"))
        #expect(pets.method("POST")?.requestModels == [Mapped("application/json", "PetInput")])
        #expect(pets.method("PUT")?.requestModels == [Mapped("application/json", "PutPetsRequest")])
        let input = try #require(plan.models.first { $0.name == "PetInput" })
        #expect(input.references == ["Owner"])
        #expect(input.schema["properties"]?["owner"]?["$ref"]?.string == "#/components/schemas/Owner")
        #expect(input.schema["properties"]?["id"]?["readOnly"] == nil)
        #expect(input.schema["properties"]?["weight"]?["format"] == nil)
        // nullable becomes draft 4's type list; an example is dropped.
        let put = try #require(plan.models.first { $0.name == "PutPetsRequest" })
        #expect(put.schema["properties"]?["name"]?["type"] == ["string", "null"])
        #expect(put.schema["properties"]?["name"]?["example"] == nil)
        // Owner refers to itself: the loop is cut, and said.
        let owner = try #require(plan.models.first { $0.name == "Owner" })
        #expect(owner.schema["properties"]?["friend"] == .mapping(Mapping()))
        let notes = diagnostics.filter { $0.code == PlanError.modelSchemaChanged.id }.map(\.message)
        #expect(notes.contains { $0.hasPrefix("readOnly cannot stay as written in the models") && $0.contains("a request that sends a read-only property is not refused") })
        #expect(notes.contains { $0.hasPrefix("a recursive $ref cannot stay as written") })
        #expect(notes.contains { $0.hasPrefix("format on a number") })
        #expect(diagnostics.contains { $0.code == PlanError.modelRenamed.id && $0.message.hasPrefix("schema pet-input is the model PetInput") })
        let skipped = diagnostics.filter { $0.code == PlanError.bodyNotValidated.id }
        #expect(skipped.count == 1)
        #expect(skipped.first?.message.hasSuffix("POST /pets application/x-www-form-urlencoded") == true)
        #expect(skipped.first?.location?.file == "openapi.yaml")
    }

    @Test func withoutABodyCheckThereAreNoModels() throws {
        let (plan, diagnostics) = try RequestValidationPlanningTests.plan(Self.spec, setting: .parameters)
        #expect(plan.models.isEmpty)
        #expect(plan.methods.allSatisfy { $0.method.requestModels.isEmpty })
        #expect(!diagnostics.contains { $0.code == PlanError.modelSchemaChanged.id })
    }

    /// A name made up for an inline body never takes a component's name.
    @Test func aMadeUpNameAvoidsTheComponents() throws {
        let spec = Self.spec.replacing("    Owner:\n", with: "    PutPetsRequest: {type: string}\n    Owner:\n")
        let (plan, _) = try RequestValidationPlanningTests.plan(spec, setting: .body)
        #expect(plan.resource(at: "/pets")?.method("PUT")?.requestModels == [Mapped("application/json", "PutPetsRequest2")])
    }
}
