import Core
import Testing
import YAML

@Suite struct DocumentPreparationTests {
    func prepared(_ yaml: String) throws -> (Node, [String]) {
        let (node, diagnostics) = DocumentPreparation.prepare(try YAMLReader.read(Array(yaml.utf8), file: "a.yaml"))
        return (node, diagnostics.map(\.code))
    }

    @Test func writesOpenAPI31SchemasInTheir30Form() throws {
        let (document, codes) = try prepared(
            """
            openapi: 3.1.0
            info: {title: T, version: "1", summary: S}
            paths: {}
            components:
              schemas:
                A:
                  type: object
                  properties:
                    name: {type: [string, "null"], examples: [x, y]}
                    kind: {const: pet}
                    size: {type: integer, exclusiveMinimum: 0}
                    gone: {type: "null"}
                    list: {type: array, prefixItems: [{type: string}], items: {type: [integer, "null"]}}
            """)
        #expect(document["openapi"]?.string == "3.0.3")
        #expect(document["info"]?["summary"] == nil)
        let properties = try #require(document["components"]?["schemas"]?["A"]?["properties"])
        #expect(properties["name"] == ["type": "string", "nullable": true, "example": "x"])
        #expect(properties["kind"] == ["enum": ["pet"]])
        #expect(properties["size"] == ["type": "integer", "exclusiveMinimum": true, "minimum": 0])
        #expect(properties["gone"] == ["enum": [.null()], "nullable": true])
        #expect(properties["list"]?["items"] == ["type": "integer", "nullable": true])
        #expect(properties["list"]?["prefixItems"] == nil)
        #expect(codes == ["CONV010", "CONV010"])
    }

    @Test func leaves30DocumentsAloneButDropsMethodsAPIGatewayLacks() throws {
        let (document, codes) = try prepared(
            """
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /a:
                get: {responses: {"200": {description: ok}}}
                trace: {responses: {"200": {description: ok}}}
                GET: {responses: {"200": {description: ok}}}
                x-note: kept
                parameters: []
            components:
              schemas:
                B: {type: [string, "null"]}
            """)
        #expect(document["paths"]?["/a"]?.mapping?.keys.compactMap(\.text) == ["get", "x-note", "parameters"])
        // A 3.0 document's schemas are not rewritten: a type list there is the author's to fix.
        #expect(document["components"]?["schemas"]?["B"]?["type"] == ["string", "null"])
        #expect(codes.isEmpty)
    }

    @Test func writesEveryPathParameterRequired() throws {
        let (document, _) = try prepared(
            """
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /a/{id}:
                parameters: [{name: id, in: path, schema: {type: string}}]
                get:
                  parameters: [{name: id, in: path, required: false}, {name: q, in: query}]
                  responses: {"200": {description: ok}}
            components:
              parameters:
                Id: {name: id, in: path}
                Q: {name: q, in: query}
            """)
        #expect(document["paths"]?["/a/{id}"]?["parameters"]?[0]?["required"] == true)
        #expect(document["paths"]?["/a/{id}"]?["get"]?["parameters"]?[0]?["required"] == true)
        #expect(document["paths"]?["/a/{id}"]?["get"]?["parameters"]?[1]?["required"] == nil)
        #expect(document["components"]?["parameters"]?["Id"]?["required"] == true)
        #expect(document["components"]?["parameters"]?["Q"]?["required"] == nil)
    }

    @Test func groupsWhatIsLeftOutPerKeyword() throws {
        let (_, diagnostics) = try DocumentPreparation.prepare(
            try YAMLReader.read(
                Array(
                    """
                    openapi: 3.1.0
                    info: {title: T, version: "1"}
                    paths: {}
                    components:
                      schemas:
                        A: {type: object, patternProperties: {x: {}}}
                        B: {type: object, patternProperties: {y: {}}}
                        C: {type: object, patternProperties: {z: {}}, propertyNames: {}}
                        D: {type: object, patternProperties: {w: {}}}
                    """.utf8), file: "a.yaml"),
            file: "a.yaml")
        #expect(diagnostics.count == 2)
        let grouped = try #require(diagnostics.first)
        #expect(grouped.message.contains("patternProperties is left out"))
        #expect(grouped.message.contains("at 4 places (components.schemas.A, components.schemas.B, components.schemas.C and 1 more)"))
        #expect(grouped.location?.line == 6)
    }
}
