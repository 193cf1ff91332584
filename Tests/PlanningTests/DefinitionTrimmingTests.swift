import Planning
import Testing
import YAML

/// `--trim`: what API Gateway does not use leaves the definition; what it uses, and every
/// name that only looks like a keyword, stays.
@Suite struct DefinitionTrimmingTests {
    static func trimmed(_ yaml: String) throws -> Node {
        DefinitionTrimming.trim(try YAMLReader.read(Array(yaml.utf8), file: "openapi.yaml"))
    }

    @Test func keywordsGoAndNamesThatLookLikeKeywordsStay() throws {
        let document = try Self.trimmed(
            """
            openapi: 3.0.3
            info: {title: T, description: the API, version: '1', contact: {name: c}, license: {name: MIT}, termsOfService: https://t.example.com, x-logo: l}
            tags: [{name: a, description: d}]
            externalDocs: {url: https://d.example.com}
            x-vendor: v
            x-amazon-apigateway-binary-media-types: ['image/png']
            paths:
              x-paths-note: n
              /items:
                summary: s
                description: d
                parameters:
                  - {name: description, in: query, description: d, example: e, schema: {type: string, example: x}}
                get:
                  tags: [a]
                  summary: s
                  description: d
                  externalDocs: {url: https://d.example.com}
                  responses:
                    '200':
                      description: the items
                      headers: {summary: {description: d, schema: {type: string}}}
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              description: {type: string, description: d}
                              tags: {type: array, items: {type: string}}
                              example: {type: string, default: {description: kept}}
                          example: {description: gone}
                          examples: {one: {value: 1}}
                  x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
                  x-internal: true
            """)
        let expected = try YAMLReader.read(
            Array(
                """
                openapi: 3.0.3
                info: {title: T, description: the API, version: '1'}
                x-amazon-apigateway-binary-media-types: ['image/png']
                paths:
                  /items:
                    parameters:
                      - {name: description, in: query, schema: {type: string}}
                    get:
                      responses:
                        '200':
                          description: ''
                          headers: {summary: {schema: {type: string}}}
                          content:
                            application/json:
                              schema:
                                type: object
                                properties:
                                  description: {type: string}
                                  tags: {type: array, items: {type: string}}
                                  example: {type: string, default: {description: kept}}
                      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
                """.utf8), file: "expected.yaml")
        #expect(YAMLWriter.write(document) == YAMLWriter.write(expected))
    }

    @Test func unusedComponentsGoFollowingReferencesThroughComponents() throws {
        let document = try Self.trimmed(
            """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  parameters: [{$ref: '#/components/parameters/Limit'}]
                  responses:
                    '200': {$ref: '#/components/responses/Page'}
                  callbacks:
                    done:
                      '{$request.body#/url}':
                        post:
                          requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Event'}}}}
                          responses: {'200': {description: ok}}
            components:
              parameters:
                Limit: {name: limit, in: query, schema: {$ref: '#/components/schemas/Count'}}
                Unused: {name: u, in: query}
              responses:
                Page:
                  description: a page
                  content: {application/json: {schema: {$ref: '#/components/schemas/a~1b/properties/x'}}}
              schemas:
                Count: {type: integer}
                a/b: {type: object, properties: {x: {$ref: '#/components/schemas/Deep'}}}
                Deep: {type: string}
                Event: {type: object}
                Lonely: {type: object, properties: {p: {$ref: '#/components/schemas/OnlyLonely'}}}
                OnlyLonely: {type: string}
              securitySchemes:
                key: {type: apiKey, in: header, name: x-api-key, description: kept as a scheme}
              examples:
                e: {value: 1}
            """)
        let components = try #require(document["components"])
        #expect(components["schemas"]?.mapping?.keys.compactMap(\.text) == ["Count", "a/b", "Deep", "Event"])
        #expect(components["parameters"]?.mapping?.keys.compactMap(\.text) == ["Limit"])
        #expect(components["responses"]?["Page"]?["description"]?.text == "", "a response keeps an empty description")
        #expect(components["securitySchemes"]?["key"]?["name"]?.text == "x-api-key")
        #expect(components["securitySchemes"]?["key"]?["description"] == nil)
        #expect(components["examples"] == nil)
        // The callback's path item is walked as one: its response description is emptied.
        let callback = document["paths"]?["/a"]?["get"]?["callbacks"]?["done"]?["{$request.body#/url}"]?["post"]
        #expect(callback?["responses"]?["200"]?["description"]?.text == "")
    }

    /// Only paths, responses and callbacks take `x-` keys as extensions; a component, a
    /// property or a header may be named `x-…` (Open Banking's `x-fapi-auth-date`).
    @Test func namesThatStartWithXStayNames() throws {
        let document = try Self.trimmed(
            """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths:
              x-note: gone
              /a:
                get:
                  parameters: [{$ref: '#/components/parameters/x-fapi-auth-date'}]
                  responses:
                    x-note: gone
                    '200':
                      description: ok
                      headers: {x-request-id: {schema: {type: string}}}
                      content: {application/json: {schema: {type: object, properties: {x-kind: {type: string}}}}}
            components:
              parameters:
                x-fapi-auth-date: {name: x-fapi-auth-date, in: header, schema: {type: string}}
            """)
        let get = document["paths"]?["/a"]?["get"]
        #expect(document["paths"]?["x-note"] == nil)
        #expect(get?["responses"]?["x-note"] == nil)
        #expect(get?["responses"]?["200"]?["headers"]?["x-request-id"] != nil)
        #expect(get?["responses"]?["200"]?["content"]?["application/json"]?["schema"]?["properties"]?["x-kind"] != nil)
        #expect(document["components"]?["parameters"]?["x-fapi-auth-date"]?["in"]?.text == "header")
    }

    @Test func componentsNothingUsesLeaveNoEmptyMapping() throws {
        let document = try Self.trimmed(
            """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths: {/a: {get: {responses: {'200': {description: ok}}}}}
            components: {schemas: {Unused: {type: object}}}
            """)
        #expect(document["components"] == nil)
    }

    @Test func aTrimmedDocumentIsTheSameWhenTrimmedAgain() throws {
        let once = try Self.trimmed(
            """
            openapi: 3.0.3
            info: {title: T, version: '1', description: d}
            paths: {/a: {get: {summary: s, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}}}}
            components: {schemas: {A: {type: object, description: d}, B: {type: string}}}
            """)
        #expect(YAMLWriter.write(DefinitionTrimming.trim(once)) == YAMLWriter.write(once))
        #expect(once["components"]?["schemas"]?.mapping?.keys.compactMap(\.text) == ["A"])
    }
}
