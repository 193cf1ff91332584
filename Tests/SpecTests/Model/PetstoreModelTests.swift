import Diagnostics
import Testing
import Spec

/// What the classic pet store becomes: the behaviour later stages and users rely on.
@Suite struct PetstoreModelTests {
    let model: APIModel
    let diagnostics: [Diagnostic]

    init() throws {
        (model, diagnostics) = try ModelFixtures.buildCase("petstore")
    }

    @Test func readsCleanly() {
        #expect(diagnostics.isEmpty, "\(ModelFixtures.printed(diagnostics))")
    }

    @Test func hasOneResourcePerPathSegment() {
        #expect(model.resources.map(\.path) == ["/", "/pets", "/pets/{petId}"])
        let item = model.resource(at: "/pets/{petId}")
        #expect(item?.kind == .variable)
        #expect(item?.variableName == "petId")
        #expect(item?.isGreedy == false)
        #expect(model.resource(at: "/pets")?.kind == .literal)
    }

    @Test func answersTheRightMethods() {
        #expect(model.resource(at: "/")?.methods == [])
        #expect(model.resource(at: "/pets")?.methods == [.get, .post])
        #expect(model.resource(at: "/pets/{petId}")?.methods == [.get, .delete])
    }

    @Test func readsTheHeaderAndBasePath() {
        #expect(model.title == "Pet Store")
        #expect(model.version == "1.0.0")
        #expect(model.openAPIVersion == "3.0.3")
        #expect(model.description?.hasPrefix("A small shop API") == true)
        #expect(model.servers.map(\.url) == ["https://api.example.com/v1"])
        #expect(model.basePath == "/v1")
    }

    @Test func createPetRequiresTheAPIKeyAndListPetsIsOpen() throws {
        let create = try #require(model.operation(id: "createPet"))
        #expect(create.security.source == .operation)
        #expect(create.security.schemeNames == ["apiKey"])
        #expect(!create.security.allowsAnonymous)
        let list = try #require(model.operation(id: "listPets"))
        #expect(list.security.source == .none)
        #expect(list.security.allowsAnonymous)
        let scheme = try #require(model.securityScheme(named: "apiKey"))
        #expect(scheme.type == "apiKey")
        #expect(scheme.placement == "header")
        #expect(scheme.parameterName == "x-api-key")
    }

    @Test func showPetByIdInheritsTheRequiredPathParameter() throws {
        let show = try #require(model.operation(id: "showPetById"))
        let petId = try #require(show.parameter("petId", in: .path))
        #expect(petId.isRequired)
        #expect(petId.origin == .pathItem)
        #expect(petId.location == SourceLocation(file: "specs/petstore/openapi.yaml", line: 72, column: 9))
    }

    @Test func listPetsTakesAnOptionalLimitAndReturnsAPageWithANextLink() throws {
        let list = try #require(model.operation(id: "listPets"))
        #expect(list.parameters.map(\.name) == ["limit"])
        #expect(list.parameter("limit", in: .query)?.isRequired == false)
        #expect(list.responses.map(\.statusCode) == ["200", "default"])
        #expect(list.response("200")?.headerNames == ["x-next"])
        #expect(list.response("200")?.mediaTypes == ["application/json"])
        #expect(list.tags == ["pets"])
        #expect(list.summary == "List all pets")
    }

    @Test func createPetNeedsAJSONBody() throws {
        let body = try #require(model.operation(id: "createPet")?.requestBody)
        #expect(body.isRequired)
        #expect(body.mediaTypes == ["application/json"])
    }

    @Test func locatesOperationsAtTheirMethodKeys() throws {
        let delete = try #require(model.resource(at: "/pets/{petId}")?.operation(.delete))
        #expect(delete.location == SourceLocation(file: "specs/petstore/openapi.yaml", line: 91, column: 5))
        #expect(delete.path == "/pets/{petId}")
    }
}
