import Testing
import YAML
import Spec

/// The bundle records where each part it copied came from, so a diagnostic about a place
/// in the bundle names the file and the place inside it the user wrote.
@Suite struct BundleOriginsTests {
    static let files = [
        "openapi.yaml": """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /v1.0/pets:
                $ref: paths/pets.yaml
              /cats:
                get:
                  parameters:
                    - $ref: common.yaml#/Limit
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Cat'}
            components:
              schemas:
                Cat: {$ref: schemas/cat.yaml}
            """,
        "paths/pets.yaml": """
            get:
              responses:
                '200': {description: ok}
            """,
        "common.yaml": """
            Limit: {name: limit, in: query, schema: {type: integer}}
            """,
        "schemas/cat.yaml": """
            type: object
            properties:
              name: {type: string}
            """,
    ]

    static func bundle() throws -> (document: Node, origins: BundleOrigins) {
        let spec = try SpecLoader.load(entry: "openapi.yaml", reader: InMemorySpecFiles(files)).spec
        return SpecBundler.bundleTracingOrigins(spec)
    }

    static func origin(_ place: String) throws -> String {
        let (document, origins) = try bundle()
        let found = origins.origin(atPlace: place, in: document)
        return found.file + (found.pointer?.description ?? "")
    }

    @Test func aPathItemCopiedInPlaceIsItsFilesWhateverDotsThePathHolds() throws {
        #expect(try Self.origin("paths./v1.0/pets.get.responses.200") == "paths/pets.yaml#/get/responses/200")
    }

    @Test func aComponentTheBundleNamedIsTheFileItCameFrom() throws {
        #expect(try Self.origin("components.schemas.Cat.properties.name") == "schemas/cat.yaml#/properties/name")
        #expect(try Self.origin("components.parameters.Limit.schema") == "common.yaml#/Limit/schema")
    }

    @Test func aPlaceReachedThroughALocalReferenceIsWhereItLeads() throws {
        #expect(
            try Self.origin("paths./cats.get.responses.200.content.application/json.schema.properties")
                == "schemas/cat.yaml#/properties")
        #expect(try Self.origin("paths./cats.get.parameters[0].schema") == "common.yaml#/Limit/schema")
    }

    @Test func theEntrysOwnPlacesAndPlacesThatLeaveTheDocumentAreTheEntrys() throws {
        #expect(try Self.origin("paths./cats.get.responses") == "openapi.yaml")
        #expect(try Self.origin("info.title") == "openapi.yaml")
        #expect(try Self.origin("paths./nowhere.get") == "openapi.yaml")
    }
}
