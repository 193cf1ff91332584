import Diagnostics
import Testing
import Spec

/// A spec spread over several files: the model follows `$ref`s into other files, and each
/// diagnostic names the file the problem is written in.
@Suite struct MultiFileModelTests {
    static let files = InMemorySpecFiles([
        "api/openapi.yaml": """
            openapi: 3.0.3
            info: {title: Split, version: "1"}
            paths:
              /items/{itemId}:
                $ref: paths/item.yaml
            """,
        "api/paths/item.yaml": """
            parameters:
              - $ref: ../common/parameters.yaml#/ItemId
            get:
              operationId: getItem
              parameters:
                - {name: session, in: cookie}
              responses:
                "200":
                  $ref: ../common/responses.yaml#/Item
            x-amazon-apigateway-any-method:
              responses: {default: {description: anything}}
            """,
        "api/common/parameters.yaml": """
            ItemId:
              name: itemId
              in: path
            """,
        "api/common/responses.yaml": """
            Item:
              description: One item
              headers:
                ETag: {schema: {type: string}}
            """,
    ])

    @Test func followsRefsAcrossFilesAndLocatesEachProblemInItsOwnFile() throws {
        let loaded = try SpecLoader.load(entry: "api/openapi.yaml", reader: Self.files)
        let (model, diagnostics) = APIModelBuilder.build(from: loaded.spec)
        let get = try #require(model.operation(id: "getItem"))
        #expect(get.parameters.map(\.name) == ["itemId", "session"])
        #expect(get.response("200")?.headerNames == ["ETag"])
        #expect(get.location.file == "api/paths/item.yaml")
        #expect(model.resource(at: "/items/{itemId}")?.methods == [.get, .any])
        // The resource is where the entry file names the path.
        #expect(model.resource(at: "/items/{itemId}")?.location == SourceLocation(file: "api/openapi.yaml", line: 4, column: 3))
        #expect(
            ModelFixtures.printed(diagnostics) == """
                api/common/parameters.yaml:2:3: warning: [GW014] path parameter "itemId" of path item /items/{itemId} is not required; the output says required: true, as OpenAPI and API Gateway need (a path variable always has a value), so add it to the spec
                api/paths/item.yaml:6:7: warning: [GW007] cookie parameter "session" of GET /items/{itemId} is dropped: API Gateway REST APIs have no cookie parameters; read the Cookie header instead
                2 warnings

                """)
    }
}
