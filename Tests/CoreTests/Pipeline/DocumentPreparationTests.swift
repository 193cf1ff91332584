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
        #expect(properties["gone"] == ["nullable": true])
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
}
