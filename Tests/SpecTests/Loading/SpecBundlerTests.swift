import Testing
import YAML
import Spec

/// Bundling specs held in memory: where external targets land, what they are called, and
/// that each is copied once.
@Suite struct SpecBundlerTests {
    static let header = "info: {title: T, version: '1'}\n"

    func bundled(_ files: [String: String], entry: String = "openapi.yaml") throws -> String {
        let spec = try SpecLoader.load(entry: entry, reader: InMemorySpecFiles(files)).spec
        return YAMLWriter.write(SpecBundler.bundle(spec))
    }

    /// A one-file spec that refers only to `#/…` is its own bundle; one that names its own
    /// file in a `$ref` is not, since the bundle may be saved under another name.
    @Test func aSelfContainedSpecIsItsOwnBundleAndASelfNamingOneIsRewritten() throws {
        let local = "openapi: 3.0.3\n" + Self.header + """
            paths:
              /pets:
                get:
                  responses: {'200': {$ref: '#/components/responses/Ok'}}
            components:
              responses:
                Ok: {description: ok}
            """
        let loaded = try SpecLoader.load(entry: "openapi.yaml", reader: InMemorySpecFiles(["openapi.yaml": local])).spec
        #expect(loaded.hasOnlyFragmentReferences)
        #expect(SpecBundler.bundle(loaded) == loaded.entryRoot)

        let selfNaming = local.replacing("'#/components/responses/Ok'", with: "'openapi.yaml#/components/responses/Ok'")
        let named = try SpecLoader.load(entry: "openapi.yaml", reader: InMemorySpecFiles(["openapi.yaml": selfNaming])).spec
        #expect(!named.hasOnlyFragmentReferences)
        #expect(try bundled(["openapi.yaml": selfNaming]).contains("$ref: \"#/components/responses/Ok\""))
    }

    @Test func copiesEachExternalTargetOnceUnderTheKindItsPlaceSays() throws {
        let output = try bundled([
            "openapi.yaml": "openapi: 3.0.3\n" + Self.header + """
                paths:
                  /pets:
                    post:
                      parameters:
                        - $ref: common.yaml#/Limit
                      requestBody: {$ref: common.yaml#/Body}
                      responses:
                        '200':
                          $ref: common.yaml#/Ok
                        '201':
                          $ref: common.yaml#/Ok
                """,
            "common.yaml": """
                Limit: {name: limit, in: query}
                Body: {content: {application/json: {schema: {$ref: schemas/pet.yaml}}}}
                Ok:
                  description: ok
                  headers:
                    X-Id: {$ref: '#/Id'}
                Id: {schema: {$ref: schemas/pet.yaml#/properties/id}}
                """,
            "schemas/pet.yaml": "type: object\nproperties:\n  id: {type: string}\n",
        ])
        #expect(
            output == """
                openapi: "3.0.3"
                info:
                  title: T
                  version: "1"
                paths:
                  /pets:
                    post:
                      parameters:
                        - $ref: "#/components/parameters/Limit"
                      requestBody:
                        $ref: "#/components/requestBodies/Body"
                      responses:
                        "200":
                          $ref: "#/components/responses/Ok"
                        "201":
                          $ref: "#/components/responses/Ok"
                components:
                  parameters:
                    Limit:
                      name: limit
                      in: query
                  requestBodies:
                    Body:
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Pet"
                  responses:
                    Ok:
                      description: ok
                      headers:
                        X-Id:
                          $ref: "#/components/headers/Id"
                  schemas:
                    Pet:
                      type: object
                      properties:
                        id:
                          type: string
                    id:
                      type: string
                  headers:
                    Id:
                      schema:
                        $ref: "#/components/schemas/id"

                """)
    }

    @Test func namesCollisionsWithASuffixInTheOrderTargetsAreReached() throws {
        let output = try bundled([
            "openapi.yaml": "openapi: 3.0.3\n" + Self.header + """
                paths: {}
                components:
                  schemas:
                    Error: {type: string}
                    List:
                      type: array
                      items:
                        anyOf:
                          - $ref: b/error.yaml
                          - $ref: a.yaml#/Error
                          - $ref: c.json#/Error
                          - $ref: a.yaml#/Error
                """,
            "a.yaml": "Error: {type: integer}\n",
            "b/error.yaml": "type: boolean\n",
            "c.json": #"{"Error": {"type": "number"}}"#,
        ])
        #expect(
            output.hasSuffix("""
                        anyOf:
                          - $ref: "#/components/schemas/Error2"
                          - $ref: "#/components/schemas/Error3"
                          - $ref: "#/components/schemas/Error4"
                          - $ref: "#/components/schemas/Error3"
                    Error2:
                      type: boolean
                    Error3:
                      type: integer
                    Error4:
                      type: number

                """))
    }

    @Test func givesAnEntryComponentThatOnlyRefersOutTheContentItRefersTo() throws {
        let output = try bundled([
            "openapi.yaml": "openapi: 3.0.3\n" + Self.header + """
                paths: {}
                components:
                  schemas:
                    Node: {$ref: 'tree.yaml'}
                """,
            "tree.yaml": "type: object\nproperties:\n  children: {type: array, items: {$ref: tree.yaml}}\n  root: {$ref: '#'}\n",
        ])
        #expect(
            output.hasSuffix("""
                components:
                  schemas:
                    Node:
                      type: object
                      properties:
                        children:
                          type: array
                          items:
                            $ref: "#/components/schemas/Node"
                        root:
                          $ref: "#/components/schemas/Node"

                """))
    }

    @Test func copiesPathItemsInPlaceFor30AndIntoPathItemsFor31() throws {
        let files = [
            "paths/ping.yaml": "get:\n  responses: {'200': {$ref: '../openapi.yaml#/components/responses/Ok'}}\n",
            "openapi.yaml": Self.header + """
                paths:
                  /ping: {$ref: paths/ping.yaml}
                components:
                  responses:
                    Ok: {description: ok}
                """,
        ]
        var v30 = files
        v30["openapi.yaml"] = "openapi: 3.0.3\n" + files["openapi.yaml"]!
        #expect(
            try bundled(v30).contains("""
                paths:
                  /ping:
                    get:
                      responses:
                        "200":
                          $ref: "#/components/responses/Ok"
                components:
                  responses:
                    Ok:
                      description: ok

                """))
        var v31 = files
        v31["openapi.yaml"] = "openapi: 3.1.0\n" + files["openapi.yaml"]!
        #expect(
            try bundled(v31).contains("""
                paths:
                  /ping:
                    $ref: "#/components/pathItems/Ping"
                components:
                  responses:
                    Ok:
                      description: ok
                  pathItems:
                    Ping:
                      get:
                        responses:
                          "200":
                            $ref: "#/components/responses/Ok"

                """))
    }

    @Test func makesRefsThatNameTheEntryFileLocal() throws {
        let output = try bundled(
            [
                "api/openapi.yaml": "openapi: 3.1.0\n" + Self.header + """
                    paths: {}
                    components:
                      schemas:
                        A: {$ref: 'openapi.yaml#/components/schemas/B'}
                        B: {$ref: './b.yaml'}
                    """,
                "api/b.yaml": "properties:\n  a: {$ref: 'openapi.yaml#/components/schemas/A'}\n",
            ], entry: "api/openapi.yaml")
        #expect(
            output.hasSuffix("""
                    A:
                      $ref: "#/components/schemas/B"
                    B:
                      properties:
                        a:
                          $ref: "#/components/schemas/A"

                """))
    }

    @Test func leavesASpecWithOnlyLocalRefsAsItWas() throws {
        let text = "openapi: 3.1.0\n" + Self.header + """
            paths:
              /a:
                get:
                  responses:
                    "200":
                      $ref: "#/components/responses/Ok"
            components:
              responses:
                Ok:
                  description: ok

            """
        let normalized = YAMLWriter.write(try YAMLReader.read(Array(text.utf8), file: "openapi.yaml"))
        #expect(try bundled(["openapi.yaml": text]) == normalized)
        #expect(normalized.contains("$ref: \"#/components/responses/Ok\""))
    }

    @Test func copiesInPlaceWhereTheKindIsUnknownAndRefersBackToTheFirstCopyOnRecursion() throws {
        // A 3.0 path item whose callback is the same path item again: copying it in place
        // would never end, so the inner copy refers to the outer one.
        let output = try bundled([
            "openapi.yaml": "openapi: 3.0.3\n" + Self.header + "paths:\n  /hook: {$ref: hook.yaml}\n",
            "hook.yaml": """
                post:
                  requestBody:
                    content:
                      application/json: {$ref: media.yaml}
                  callbacks:
                    again:
                      '{$request.body#/url}': {$ref: hook.yaml}
                  responses: {'200': {description: ok}}
                """,
            "media.yaml": "schema: {type: string}\n",
        ])
        #expect(
            output.hasSuffix("""
                paths:
                  /hook:
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema:
                              type: string
                      callbacks:
                        again:
                          "{$request.body#/url}":
                            $ref: "#/paths/~1hook"
                      responses:
                        "200":
                          description: ok

                """))
    }

    @Test func pointsADiscriminatorMappingIntoTheBundle() throws {
        let output = try bundled([
            "openapi.yaml": "openapi: 3.0.3\n" + Self.header + """
                paths: {}
                components:
                  schemas:
                    Pet:
                      oneOf: [{$ref: 'pets/dog.yaml'}, {$ref: '#/components/schemas/Cat'}]
                      discriminator:
                        propertyName: kind
                        mapping:
                          dog: pets/dog.yaml
                          cat: Cat
                          kitten: '#/components/schemas/Cat'
                    Cat: {type: object}
                """,
            "pets/dog.yaml": "type: object\n",
        ])
        #expect(
            output.contains("""
                        mapping:
                          dog: "#/components/schemas/Dog"
                          cat: Cat
                          kitten: "#/components/schemas/Cat"
                """))
        #expect(output.hasSuffix("    Dog:\n      type: object\n"))
    }

    @Test func survivesAHostileChainOfPathItemRefs() throws {
        // 3.0 copies path items in place; 5,000 files that only refer to the next would
        // otherwise recurse 5,000 levels deep.
        var files = ["openapi.yaml": "openapi: 3.0.3\n" + Self.header + "paths:\n  /a: {$ref: p0.yaml}\n"]
        for i in 0..<5_000 { files["p\(i).yaml"] = "$ref: p\(i + 1).yaml\n" }
        files["p5000.yaml"] = "get: {responses: {'200': {description: ok}}}\n"
        let output = try bundled(files)
        #expect(output.contains("$ref: p200.yaml"))
    }

    @Test(arguments: [
        ("schemas/pet.yaml", "", "Pet"),
        ("schemas/pet-owner.v2.json", "", "PetOwnerV2"),
        ("common.yaml", "#/Error", "Error"),
        ("common.yaml", "#/components/schemas/Error_Detail", "Error_Detail"),
        ("paths.yaml", "#/~1pets~1{id}", "PetsId"),
        ("list.yaml", "#/items/0", "items"),
        ("common/parameters.yaml", "#/Item%20Id", "ItemId"),
        ("common/_.yaml", "", "Parameter"),
    ])
    func derivesNamesFromThePointerOrTheFileName(file: String, fragment: String, name: String) throws {
        let pointer = try #require(JSONPointer(fragment: fragment))
        #expect(SpecBundler.baseName(file: file, pointer: pointer, kind: .parameters) == name)
    }
}
