import Support
import Diagnostics
import Spec
import Testing
import YAML

/// Swagger 2.0 specs read as OpenAPI 3.0.3: each part of the upgrade on a small spec, the
/// upgraded tree written as YAML, and where its diagnostics point.
@Suite struct Swagger2UpgradeTests {
    static let header = "swagger: '2.0'\ninfo: {title: T, version: '1'}\n"

    /// The entry file after loading, as YAML, and the diagnostics printed.
    func upgraded(_ files: [String: String], entry: String = "swagger.yaml") throws -> (yaml: String, printed: String) {
        let result = try SpecLoader.load(entry: entry, reader: InMemorySpecFiles(files))
        return (YAMLWriter.write(result.spec.entryRoot), DiagnosticFormatter(format: .text).render(result.warnings))
    }

    /// One file of a loaded spec, as YAML.
    func file(_ name: String, of files: [String: String], entry: String = "swagger.yaml") throws -> String {
        let result = try SpecLoader.load(entry: entry, reader: InMemorySpecFiles(files))
        return YAMLWriter.write(try #require(result.spec.documents[name]))
    }

    @Test func versionHostBasePathAndEndpointConfigurationMakeOneServer() throws {
        let spec = """
            swagger: "2.0"
            info: {title: T, version: '1'}
            host: api.example.com
            basePath: /v1
            schemes: [http, https]
            x-amazon-apigateway-endpoint-configuration: {disableExecuteApiEndpoint: true}
            paths: {}
            """
        let (yaml, printed) = try upgraded(["swagger.yaml": spec])
        #expect(
            yaml == """
                openapi: "3.0.3"
                info:
                  title: T
                  version: "1"
                servers:
                  - url: https://api.example.com/v1
                    x-amazon-apigateway-endpoint-configuration:
                      disableExecuteApiEndpoint: true
                paths: {}

                """)
        #expect(printed.hasPrefix("swagger.yaml:1:1: note: [OAS014] this Swagger 2.0 spec is read as OpenAPI 3.0.3"))
    }

    @Test(arguments: [
        ("basePath: /v1\n", "/v1"),
        ("host: h.example.com\n", "https://h.example.com"),
        ("host: h.example.com\nschemes: [http]\n", "http://h.example.com"),
        ("basePath: v2\n", "/v2"),
    ])
    func serverURL(fields: String, url: String) throws {
        let (yaml, _) = try upgraded(["swagger.yaml": Self.header + fields + "paths: {}\n"])
        #expect(yaml.contains("servers:\n  - url: \(url)\n"))
    }

    @Test func sectionsBecomeComponentsAndReferencesFollow() throws {
        let spec = Self.header + """
            paths:
              /a:
                get:
                  parameters:
                    - $ref: "#/parameters/limit"
                  responses:
                    "200": {$ref: "#/responses/Ok"}
                post:
                  parameters:
                    - $ref: "#/parameters/item"
                  responses:
                    "204": {description: stored}
            parameters:
              limit: {name: limit, in: query, type: integer, maximum: 9}
              item: {name: item, in: body, schema: {$ref: "#/definitions/Item"}}
              upload: {name: file, in: formData, type: file}
            responses:
              Ok: {description: ok, schema: {$ref: "#/definitions/Item"}}
            definitions:
              Item: {type: object}
            """
        let (yaml, _) = try upgraded(["swagger.yaml": spec])
        #expect(yaml.contains("        - $ref: \"#/components/parameters/limit\"\n"))
        #expect(yaml.contains("      requestBody:\n        $ref: \"#/components/requestBodies/item\"\n"))
        #expect(yaml.contains("        \"200\":\n          $ref: \"#/components/responses/Ok\"\n"))
        #expect(
            yaml.hasSuffix(
                """
                components:
                  parameters:
                    limit:
                      name: limit
                      in: query
                      schema:
                        type: integer
                        maximum: 9
                  requestBodies:
                    item:
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Item"
                  responses:
                    Ok:
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Item"
                  schemas:
                    Item:
                      type: object

                """))
        // A shared form parameter has no place in 3.0's components.
        #expect(!yaml.contains("upload"))
    }

    @Test func bodyTakesTheOperationsConsumes() throws {
        let spec = Self.header + """
            consumes: [application/json]
            paths:
              /a:
                put:
                  consumes: [application/xml, text/plain]
                  parameters:
                    - {name: x, in: query, type: string}
                    - {name: item, in: body, required: true, description: the item, schema: {type: string}}
                  responses:
                    "204": {description: stored}
            """
        let (yaml, _) = try upgraded(["swagger.yaml": spec])
        #expect(
            yaml.contains(
                """
                      requestBody:
                        required: true
                        description: the item
                        content:
                          application/xml:
                            schema:
                              type: string
                          text/plain:
                            schema:
                              type: string
                      responses:
                """))
        #expect(!yaml.contains("consumes"))
    }

    @Test func formParametersMakeOneObjectBody() throws {
        let spec = Self.header + """
            paths:
              /a:
                post:
                  parameters:
                    - {name: photo, in: formData, type: file, required: true}
                    - {name: note, in: formData, type: string, description: a caption}
                  responses:
                    "204": {description: stored}
              /b:
                post:
                  consumes: [application/x-www-form-urlencoded]
                  parameters:
                    - {name: q, in: formData, type: string}
                  responses:
                    "204": {description: stored}
            """
        let (yaml, _) = try upgraded(["swagger.yaml": spec])
        #expect(
            yaml.contains(
                """
                      requestBody:
                        required: true
                        content:
                          multipart/form-data:
                            schema:
                              type: object
                              properties:
                                photo:
                                  type: string
                                  format: binary
                                note:
                                  type: string
                                  description: a caption
                              required:
                                - photo
                """))
        #expect(yaml.contains("        content:\n          application/x-www-form-urlencoded:\n"))
    }

    @Test(arguments: [
        ("query", "csv", "style: form\n          explode: false\n"),
        ("query", "multi", "style: form\n          explode: true\n"),
        ("query", "ssv", "style: spaceDelimited\n          explode: false\n"),
        ("query", "pipes", "style: pipeDelimited\n          explode: false\n"),
        ("header", "csv", ""),
    ])
    func collectionFormatsBecomeStyles(location: String, format: String, style: String) throws {
        let spec = Self.header + """
            paths:
              /a:
                get:
                  parameters:
                    - {name: v, in: \(location), type: array, items: {type: string}, collectionFormat: \(format)}
                  responses:
                    "200": {description: ok}
            """
        let (yaml, printed) = try upgraded(["swagger.yaml": spec])
        #expect(yaml.contains("              type: string\n" + (style.isEmpty ? "      responses" : "          " + style)))
        #expect(!printed.contains("OAS015"))
    }

    @Test func collectionFormatsWithoutA3Form() throws {
        let spec = Self.header + """
            paths:
              /a:
                get:
                  schemes: [https]
                  parameters:
                    - {name: v, in: query, type: array, items: {type: string}, collectionFormat: tsv}
                  responses:
                    "200": {description: ok}
            """
        let (yaml, printed) = try upgraded(["swagger.yaml": spec])
        #expect(!yaml.contains("tsv") && !yaml.contains("schemes"))
        #expect(printed.contains("swagger.yaml:6:7: warning: [OAS015] OpenAPI 3.0 has no schemes of an operation's own"))
        #expect(printed.contains("swagger.yaml:8:86: warning: [OAS015] OpenAPI 3.0 has no way to say collectionFormat tsv"))
    }

    @Test func secondBodyIsLeftOutWithAWarning() throws {
        let spec = Self.header + """
            paths:
              /a:
                post:
                  parameters:
                    - {name: one, in: body, schema: {type: string}}
                    - {name: two, in: formData, type: string}
                  responses:
                    "204": {description: stored}
            """
        let (yaml, printed) = try upgraded(["swagger.yaml": spec])
        #expect(!yaml.contains("two"))
        #expect(printed.contains("swagger.yaml:8:11: warning: [OAS016] an operation has one body; this form parameter is left out"))
    }

    @Test func responsesGetContentHeadersAndExamples() throws {
        let spec = Self.header + """
            produces: [application/json, text/csv]
            paths:
              /a:
                get:
                  responses:
                    "200":
                      description: ok
                      schema: {type: string}
                      examples: {application/json: "a", text/html: "<b>"}
                      headers:
                        X-Count: {type: integer, description: how many}
            """
        let (yaml, _) = try upgraded(["swagger.yaml": spec])
        #expect(
            yaml.contains(
                """
                          content:
                            application/json:
                              schema:
                                type: string
                              example: a
                            text/csv:
                              schema:
                                type: string
                            text/html:
                              example: <b>
                          headers:
                            X-Count:
                              schema:
                                type: integer
                              description: how many
                """))
    }

    /// SAM bodies write an integration response's `statusCode` into the response.
    @Test func aResponseKeyOpenAPIDoesNotHaveIsLeftOut() throws {
        let spec = Self.header + """
            paths:
              /a:
                get:
                  responses:
                    "200": {statusCode: "200", description: ok, x-note: kept}
            """
        let (yaml, printed) = try upgraded(["swagger.yaml": spec])
        #expect(yaml.contains("        \"200\":\n          description: ok\n          x-note: kept\n"))
        #expect(printed.contains("swagger.yaml:7:17: warning: [OAS015] a response has no statusCode in OpenAPI (2.0 or 3.0)"))
    }

    @Test func securityDefinitionsKeepTheGatewayExtensions() throws {
        let spec = Self.header + """
            paths: {}
            securityDefinitions:
              login: {type: basic}
              key:
                type: apiKey
                name: Authorization
                in: header
                x-amazon-apigateway-authtype: custom
                x-amazon-apigateway-authorizer: {type: token, authorizerUri: arn:x}
              app: {type: oauth2, flow: application, tokenUrl: https://t.example.com, scopes: {a: b}}
              web: {type: oauth2, flow: implicit, authorizationUrl: https://a.example.com}
            """
        let (yaml, _) = try upgraded(["swagger.yaml": spec])
        #expect(
            yaml.hasSuffix(
                """
                components:
                  securitySchemes:
                    login:
                      type: http
                      scheme: basic
                    key:
                      type: apiKey
                      name: Authorization
                      in: header
                      x-amazon-apigateway-authtype: custom
                      x-amazon-apigateway-authorizer:
                        type: token
                        authorizerUri: arn:x
                    app:
                      type: oauth2
                      flows:
                        clientCredentials:
                          tokenUrl: https://t.example.com
                          scopes:
                            a: b
                    web:
                      type: oauth2
                      flows:
                        implicit:
                          authorizationUrl: https://a.example.com
                          scopes: {}

                """))
    }

    @Test func schemasSay3Words() throws {
        let spec = Self.header + """
            paths: {}
            definitions:
              Pet:
                type: object
                discriminator: kind
                properties:
                  kind: {type: string, x-nullable: true}
                  photo: {type: file}
                  tags: {type: array, items: {$ref: "#/definitions/Tag"}}
                example: {kind: cat, x-nullable: kept as data}
              Tag: {allOf: [{$ref: "#/definitions/Pet"}]}
              Pair: {type: array, items: [{$ref: "#/definitions/Tag"}, {type: string}]}
            """
        let (yaml, _) = try upgraded(["swagger.yaml": spec])
        #expect(yaml.contains("      discriminator:\n        propertyName: kind\n"))
        #expect(yaml.contains("          type: string\n          nullable: true\n"))
        #expect(yaml.contains("        photo:\n          type: string\n          format: binary\n"))
        #expect(yaml.contains("            $ref: \"#/components/schemas/Tag\"\n"))
        #expect(yaml.contains("        - $ref: \"#/components/schemas/Pet\"\n"))
        #expect(yaml.contains("        x-nullable: kept as data\n"))
        #expect(yaml.contains("    Pair:\n      type: array\n      items:\n        - $ref: \"#/components/schemas/Tag\"\n"))
    }

    @Test func pathItemParametersReachEachOperation() throws {
        let spec = Self.header + """
            paths:
              /a/{id}:
                parameters:
                  - {name: id, in: path, required: true, type: integer}
                  - {name: item, in: body, schema: {type: object}}
                put:
                  responses:
                    "204": {description: stored}
                patch:
                  parameters:
                    - {name: item, in: body, schema: {type: string}}
                  responses:
                    "204": {description: stored}
            """
        let (yaml, _) = try upgraded(["swagger.yaml": spec])
        #expect(yaml.contains("    parameters:\n      - name: id\n        in: path\n        required: true\n        schema:\n          type: integer\n"))
        #expect(yaml.contains("    put:\n      responses:\n        \"204\":\n          description: stored\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n"))
        #expect(yaml.contains("    patch:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: string\n"))
    }

    @Test func partsOfOtherFilesAreUpgradedAsWhatTheirRefsStandFor() throws {
        let files = [
            "api/swagger.yaml": Self.header + """
                paths:
                  /a:
                    $ref: paths/a.yaml
                  /b:
                    put:
                      consumes: [text/plain]
                      parameters:
                        - $ref: shared.yaml#/parameters/body
                      responses:
                        "204": {$ref: shared.yaml#/responses/Stored}
                """,
            "api/paths/a.yaml": """
                get:
                  parameters:
                    - $ref: ../shared.yaml#/parameters/limit
                  responses:
                    "200": {description: ok, schema: {$ref: ../pet.yaml}}
                post:
                  parameters:
                    - $ref: ../shared.yaml#/parameters/body
                  responses:
                    "204": {description: stored}
                """,
            "api/shared.yaml": """
                parameters:
                  limit: {name: limit, in: query, type: integer}
                  body: {name: pet, in: body, schema: {$ref: "#/definitions/Pet"}}
                responses:
                  Stored: {description: stored, headers: {Location: {type: string}}}
                definitions:
                  Pet: {$ref: pet.yaml}
                """,
            "api/pet.yaml": "type: object\nproperties:\n  name: {type: string, x-nullable: true}\n",
        ]
        let entry = "api/swagger.yaml"
        let (yaml, _) = try upgraded(files, entry: entry)
        // The body written out for its own media type keeps pointing at the shared file.
        #expect(yaml.contains("      requestBody:\n        content:\n          text/plain:\n            schema:\n              $ref: shared.yaml#/definitions/Pet\n"))
        #expect(yaml.contains("          $ref: shared.yaml#/responses/Stored\n"))
        let pathItem = try file("api/paths/a.yaml", of: files, entry: entry)
        #expect(pathItem.contains("  requestBody:\n    $ref: \"../shared.yaml#/parameters/body\"\n"))
        #expect(pathItem.contains("        application/json:\n          schema:\n            $ref: \"../pet.yaml\"\n"))
        let shared = try file("api/shared.yaml", of: files, entry: entry)
        #expect(
            shared.hasPrefix(
                """
                parameters:
                  limit:
                    name: limit
                    in: query
                    schema:
                      type: integer
                  body:
                    content:
                      application/json:
                        schema:
                          $ref: "#/definitions/Pet"
                responses:
                  Stored:
                    description: stored
                    headers:
                      Location:
                        schema:
                          type: string
                """))
        #expect(try file("api/pet.yaml", of: files, entry: entry).contains("nullable: true"))
    }

    @Test(arguments: [("swagger: '2.0'", true), ("swagger: 2.0", true), ("swagger: '1.2'", false), ("openapi: 3.0.3", false)])
    func tellsSwagger2Apart(line: String, isSwagger2: Bool) throws {
        let root = try YAMLReader.read(Array("\(line)\ninfo: {}\n".utf8), file: "x.yaml")
        #expect(Swagger2Upgrade.isSwagger2(root) == isSwagger2)
    }

    @Test func modelErrorsPointIntoThe20File() throws {
        let spec = Self.header + """
            paths:
              /a:
                get:
                  parameters:
                    - {name: q, in: query, type: string}
                    - {name: q, in: query, type: string}
                  responses:
                    "200": {description: ok}
            """
        let result = try SpecLoader.load(entry: "swagger.yaml", reader: InMemorySpecFiles(["swagger.yaml": spec]))
        let (_, diagnostics) = APIModelBuilder.build(from: result.spec)
        let printed = DiagnosticFormatter(format: .text).render(diagnostics)
        #expect(printed.contains("swagger.yaml:8:11: warning: [OAS104]"))
    }
}
