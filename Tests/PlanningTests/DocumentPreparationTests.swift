import Testing
import YAML
@testable import Planning

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
        // A type list is not 3.0; the output, which validators read, says it the 3.0 way.
        #expect(document["components"]?["schemas"]?["B"] == ["type": "string", "nullable": true])
        #expect(codes.isEmpty)
    }

    /// What specs write that 3.0 does not allow is put in the form it does, with a warning
    /// per kind: the output is checked by validators that refuse it.
    @Test func writesWhat30DoesNotAllowInIts30Form() throws {
        let (document, diagnostics) = DocumentPreparation.prepare(
            try YAMLReader.read(
                Array(
                    """
                    openapi: 3.0.1
                    info: {title: T, version: "1"}
                    paths:
                      /a:
                        get:
                          parameters:
                            - {name: limit, in: query, type: integer, minimum: 1, collectionFormat: csv}
                            - {name: tag, in: query}
                            - {$ref: "#/components/parameters/Page"}
                          responses:
                            "200":
                              description: ok
                              headers:
                                X-Left: {type: integer, description: calls left}
                              content:
                                application/json:
                                  schema: {type: object, required: [], properties: {f: {type: file}, k: {enum: []}}}
                    components:
                      parameters:
                        Page: {name: page, in: query, type: string}
                      schemas:
                        C: {type: object, id: c, definitions: {}, properties: {n: {type: string}}}
                    """.utf8), file: "a.yaml"), file: "a.yaml")
        let get = try #require(document["paths"]?["/a"]?["get"])
        #expect(get["parameters"]?[0] == ["name": "limit", "in": "query", "schema": ["type": "integer", "minimum": 1]])
        #expect(get["parameters"]?[1] == ["name": "tag", "in": "query", "schema": ["type": "string"]])
        #expect(get["parameters"]?[2] == ["$ref": "#/components/parameters/Page"])
        #expect(document["components"]?["parameters"]?["Page"]?["schema"] == ["type": "string"])
        let ok = try #require(get["responses"]?["200"])
        #expect(ok["headers"]?["X-Left"] == ["description": "calls left", "schema": ["type": "integer"]])
        let schema = try #require(ok["content"]?["application/json"]?["schema"])
        #expect(schema["required"] == nil)
        #expect(schema["properties"]?["f"] == ["type": "string", "format": "binary"])
        #expect(schema["properties"]?["k"] == [:])
        #expect(document["components"]?["schemas"]?["C"]?.mapping?.keys.compactMap(\.text) == ["type", "properties"])
        // One warning per kind, at its first place in the spec.
        #expect(
            diagnostics.map { "\($0.code) \($0.location.map { "\($0.line):\($0.column)" } ?? "-")" } == [
                "CONV012 7:42", "CONV010 7:63", "CONV012 14:28", "CONV010 17:38", "CONV012 17:75", "CONV010 17:86",
                "CONV010 22:23", "CONV010 22:30",
            ])
    }

    /// A document 3.0 allows comes out as it went in: the walk reads it and copies nothing.
    @Test(arguments: [
        ("id", "/a/{id}", true), ("id", "/a/{id+}", true), ("Sid", "/x/{Sid}.json", true), ("major", "/v{major}/a", true),
        ("id", "/a/{idx}", false), ("idx", "/a/{id}", false), ("id", "/a/id", false), ("id", "/a/{id", false), ("", "/a/{}", false),
        ("rest", "/{rest+", false),
    ])
    func findsAVariableWhereverItStands(_ name: String, _ path: String, _ found: Bool) {
        #expect(DocumentPreparation.hasVariable(name, in: path) == found)
    }

    /// Draft 4's `items` list (a schema per position), which Swagger 2.0 allowed: one schema
    /// for every item, the list's only one or `anyOf` of them.
    @Test func writesAnItemsListAsOneSchema() throws {
        let (document, codes) = try prepared(
            """
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths: {}
            components:
              schemas:
                Pair: {type: array, items: [{type: string}, {type: integer}]}
                One: {type: array, items: [{$ref: "#/components/schemas/Pair"}]}
                Plain: {type: array, items: {type: string}}
            """)
        let schemas = try #require(document["components"]?["schemas"])
        #expect(schemas["Pair"]?["items"] == ["anyOf": [["type": "string"], ["type": "integer"]]])
        #expect(schemas["One"]?["items"] == ["$ref": "#/components/schemas/Pair"])
        #expect(schemas["Plain"]?["items"] == ["type": "string"])
        #expect(codes == ["CONV012"])
    }

    /// SAM writes an HTTP API's JWT schemes without what 3.0 requires of their type: the
    /// output gives each what the validators need, from what the authorizer says.
    @Test func givesSAMsJWTSchemesWhat30Requires() throws {
        let (document, codes) = try prepared(
            """
            openapi: 3.0.1
            info: {title: T, version: "1"}
            paths: {}
            components:
              securitySchemes:
                oauth: {type: oauth2, x-amazon-apigateway-authorizer: {type: jwt}}
                named:
                  type: openIdConnect
                  x-amazon-apigateway-authorizer: {type: jwt, openIdConnectUrl: https://id.example.com/discovery}
                issued:
                  type: openIdConnect
                  x-amazon-apigateway-authorizer: {type: jwt, jwtConfiguration: {issuer: https://id.example.com/tenant/}}
                unknown: {type: openIdConnect}
            """)
        let schemes = try #require(document["components"]?["securitySchemes"])
        #expect(schemes["oauth"]?["flows"]?.mapping?.isEmpty == true)
        #expect(schemes["named"]?["openIdConnectUrl"]?.string == "https://id.example.com/discovery")
        #expect(schemes["issued"]?["openIdConnectUrl"]?.string == "https://id.example.com/tenant/.well-known/openid-configuration")
        // Nothing says where its tokens come from: left as written.
        #expect(schemes["unknown"]?["openIdConnectUrl"] == nil)
        #expect(codes == ["CONV012", "CONV012"])
    }

    @Test func leavesAValid30DocumentAsItIs() throws {
        let source = """
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /a/{id}:
                get:
                  parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                  responses:
                    "200":
                      description: ok
                      headers: {X-Left: {schema: {type: integer}}}
                      content: {application/json: {schema: {$ref: "#/components/schemas/C"}}}
            components:
              schemas:
                C: {type: object, required: [n], properties: {n: {type: string, nullable: true, x-tag: 1}}}
            """
        let input = try YAMLReader.read(Array(source.utf8), file: "a.yaml")
        let (document, diagnostics) = DocumentPreparation.prepare(input, file: "a.yaml")
        #expect(document == input)
        #expect(diagnostics.isEmpty)
    }

    /// A path item is copied only from its first changed entry, in order; one with nothing
    /// to change is not copied at all.
    @Test func copiesAPathItemOnlyWhenAnEntryChanges() throws {
        let item = try YAMLReader.read(
            Array(
                """
                x-first: 1
                summary: s
                get: {parameters: [{name: id, in: path}], responses: {"200": {description: ok}}}
                trace: {responses: {"200": {description: ok}}}
                post: {responses: {"200": {description: ok}}}
                """.utf8), file: "a.yaml").mapping!
        let made = try #require(DocumentPreparation.preparedPathItem(item))
        #expect(made.keys.compactMap(\.text) == ["x-first", "summary", "get", "post"])
        #expect(made["get"]?["parameters"]?[0]?["required"] == true)
        #expect(made["x-first"] == 1 && made["post"] == item["post"])
        var unchanged = item
        unchanged["trace"] = nil
        unchanged["get"] = ["responses": ["200": ["description": "ok"]]]
        #expect(DocumentPreparation.preparedPathItem(unchanged) == nil)
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
