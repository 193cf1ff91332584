import Diagnostics
import Testing

/// The tree `oas2apigw inspect` prints for people.
@Suite struct InspectTextTests {
    @Test func printsThePetStoreAsAnIndentedTreeWithAuth() throws {
        let (model, _) = try ModelFixtures.buildCase("petstore")
        #expect(
            model.inspectionText() == """
                Pet Store 1.0.0 (OpenAPI 3.0.3)
                base path: /v1 (from servers; not in the API's paths, which start after the stage)
                3 resources, 4 operations
                /
                  pets
                    GET     listPets   auth: none
                    POST    createPet  auth: apiKey
                    {petId}
                      GET     showPetById  auth: none
                      DELETE  deletePet    auth: apiKey

                """)
    }

    @Test func marksMissingIdsInheritedAuthAndExtensions() throws {
        let (model, _) = try ModelFixtures.build(
            """
            openapi: 3.0.3
            info: {title: Shop, version: "2"}
            security: [{bearer: []}, {}]
            paths:
              /x:
                get:
                  responses: {"200": {description: ok}}
                  x-amazon-apigateway-integration: {type: mock}
                  x-amazon-apigateway-auth: {type: NONE}
                x-amazon-apigateway-any-method:
                  security: [{sigv4: []}]
                  responses: {default: {description: ok}}
            """)
        #expect(
            model.inspectionText() == """
                Shop 2 (OpenAPI 3.0.3)
                base path: none
                2 resources, 2 operations
                /
                  x
                    GET     -  auth: bearer | none (root)  ext: integration, auth
                    ANY     -  auth: sigv4

                """)
    }
}
