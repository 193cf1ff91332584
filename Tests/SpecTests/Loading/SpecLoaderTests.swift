import Support
import Diagnostics
import Testing
import YAML
import Spec

/// The loader on specs held in memory: what loads, what each problem prints, and how
/// often each file is read.
@Suite struct SpecLoaderTests {
    static let header = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n"

    /// The printed diagnostics of a load that must fail.
    func printedErrors(_ files: [String: String], entry: String = "api/openapi.yaml", options: LoadOptions = LoadOptions())
        -> String
    {
        do {
            let result = try SpecLoader.load(entry: entry, reader: InMemorySpecFiles(files), options: options)
            return "loaded \(result.spec.fileOrder)"
        } catch let error as DiagnosticError {
            return DiagnosticFormatter(format: .text).render(error.diagnostics)
        } catch {
            return "unexpected \(error)"
        }
    }

    // MARK: versions

    @Test(arguments: ["3.0.0", "3.0.3", "3.0.4", "3.1.0", "3.1.1", "3.1.0-rc1", "3.0.10"])
    func loadsOpenAPI30And31(version: String) throws {
        let files = InMemorySpecFiles(["openapi.yaml": "openapi: \(version)\ninfo: {title: T, version: '1'}\npaths: {}\n"])
        let result = try SpecLoader.load(entry: "openapi.yaml", reader: files)
        #expect(result.spec.fileOrder == ["openapi.yaml"])
        #expect(result.warnings.isEmpty)
    }

    @Test(arguments: [
        (
            "swagger: '1.2'\ninfo: {title: T}\n",
            "openapi.yaml:1:10: error: [OAS002] swagger version \"1.2\" is not one this tool reads; write swagger: \"2.0\", or openapi: \"3.0.3\" or \"3.1.0\" for OpenAPI 3 (this tool reads Swagger 2.0, OpenAPI 3.0.x and 3.1.x; --repair cannot fix this)\n1 error\n"
        ),
        (
            "info: {title: T}\npaths: {}\n",
            "openapi.yaml:1:1: error: [OAS003] no \"openapi\" field at the top level; add one such as \"openapi: 3.1.0\" (this tool reads Swagger 2.0, OpenAPI 3.0.x and 3.1.x; --repair cannot fix this)\n1 error\n"
        ),
        (
            "openapi: 3.2\n",
            "openapi.yaml:1:10: error: [OAS004] the openapi version 3.2 is a number, not a string; write the full version in quotes, such as \"3.1.0\" (--repair cannot fix this)\n1 error\n"
        ),
        (
            "openapi: 2.0.0\n",
            "openapi.yaml:1:10: error: [OAS004] openapi version \"2.0.0\" is not supported; this tool reads Swagger 2.0, OpenAPI 3.0.x and 3.1.x, so write a version such as \"3.0.3\" or \"3.1.0\" (--repair cannot fix this)\n1 error\n"
        ),
        (
            "openapi: 3.0.x\n",
            "openapi.yaml:1:10: error: [OAS004] openapi version \"3.0.x\" is not supported; this tool reads Swagger 2.0, OpenAPI 3.0.x and 3.1.x, so write a version such as \"3.0.3\" or \"3.1.0\" (--repair cannot fix this)\n1 error\n"
        ),
        (
            "- openapi: 3.1.0\n",
            "openapi.yaml:1:1: error: [OAS001] the top level is a sequence, not a mapping; an OpenAPI document starts with fields such as \"openapi: 3.1.0\" (--repair cannot fix this)\n1 error\n"
        ),
    ])
    func refusesOtherVersionsSayingWhatIsSupported(text: String, printed: String) {
        #expect(printedErrors(["openapi.yaml": text], entry: "openapi.yaml") == printed)
    }

    /// `openapi: 3.0` (a number or a string) is what many specs say and API Gateway imports:
    /// a warning, and the spec is read.
    @Test(arguments: ["3.0", "\"3.0\"", "3.1", "'3.1'"])
    func aVersionWithoutItsPatchIsAWarning(written: String) throws {
        let text = "openapi: \(written)\ninfo: {title: T, version: '1'}\npaths: {}\n"
        let result = try SpecLoader.load(entry: "openapi.yaml", reader: InMemorySpecFiles(["openapi.yaml": text]))
        #expect(result.warnings.map(\.code) == [LoadError.versionWithoutPatch.id])
        #expect(result.warnings.first?.location == SourceLocation(file: "openapi.yaml", line: 1, column: 10))
    }

    @Test func readsJSONStrictlyIncludingSurrogatePairs() throws {
        let json = #"{"openapi": "3.1.0", "info": {"title": "\ud83d\ude00", "version": "1"}, "paths": {}}"#
        let result = try SpecLoader.load(entry: "openapi.json", reader: InMemorySpecFiles(["openapi.json": json]))
        #expect(result.spec.entryRoot["info"]?["title"]?.string == "😀")
    }

    // MARK: reading each file once

    @Test func readsEachFileOnceHoweverOftenItIsReferenced() throws {
        let files = ReadCountingSpecFiles(InMemorySpecFiles([
            "api/openapi.yaml": Self.header + """
                paths:
                  /a: {$ref: paths/a.yaml}
                  /b: {$ref: './paths/../paths/b.json'}
                components:
                  schemas:
                    One: {$ref: schemas/shared.yaml#/One}
                    Two: {$ref: 'schemas/shared.yaml#/Two'}
                    Three: {$ref: ./schemas/./shared.yaml}
                """,
            "api/paths/a.yaml": "get:\n  responses:\n    '200': {$ref: ../schemas/shared.yaml#/Ok}\n",
            "api/paths/b.json": #"{"get": {"responses": {"200": {"$ref": "../schemas/shared.yaml#/Ok"}}}}"#,
            "api/schemas/shared.yaml": "One: {type: string}\nTwo: {$ref: '#/One'}\nOk: {description: ok}\n",
        ]))
        let result = try SpecLoader.load(entry: "api/openapi.yaml", reader: files)
        #expect(files.readCounts == ["api/openapi.yaml": 1, "api/paths/a.yaml": 1, "api/paths/b.json": 1, "api/schemas/shared.yaml": 1])
        #expect(result.spec.fileOrder == ["api/openapi.yaml", "api/paths/a.yaml", "api/paths/b.json", "api/schemas/shared.yaml"])
    }

    @Test func knowsTheEntryByItsNormalisedNameWhenAFileRefersBackToIt() throws {
        let files = ReadCountingSpecFiles(InMemorySpecFiles([
            "api/openapi.yaml": Self.header + "components:\n  schemas:\n    A: {$ref: b.yaml}\n    C: {type: string}\n",
            "api/b.yaml": "properties:\n  c: {$ref: 'openapi.yaml#/components/schemas/C'}\n",
        ]))
        let result = try SpecLoader.load(entry: "./api//openapi.yaml", reader: files)
        #expect(result.spec.fileOrder == ["api/openapi.yaml", "api/b.yaml"])
        #expect(files.readCounts == ["api/openapi.yaml": 1, "api/b.yaml": 1])
    }

    @Test func readsAMissingFileOnceAndReportsEveryRefToItOnlyOnce() {
        let files = ReadCountingSpecFiles(InMemorySpecFiles([
            "api/openapi.yaml": Self.header + "components:\n  schemas:\n    A: {$ref: gone.yaml}\n    B: {$ref: gone.yaml#/B}\n"
        ]))
        #expect(throws: DiagnosticError.self) { try SpecLoader.load(entry: "api/openapi.yaml", reader: files) }
        #expect(files.readCounts == ["api/openapi.yaml": 1, "api/gone.yaml": 1])
    }

    // MARK: what resolves

    @Test func followsRefsToEveryKindOfObjectAcrossYAMLAndJSON() throws {
        let files = InMemorySpecFiles([
            "openapi.yaml": Self.header + """
                paths:
                  /pets/{id}:
                    $ref: paths.json#/~1pets~1%7Bid%7D
                """,
            "paths.json": """
                {"/pets/{id}": {
                  "parameters": [{"$ref": "common.yaml#/parameters/Id"}],
                  "put": {
                    "requestBody": {"$ref": "common.yaml#/bodies/Pet"},
                    "responses": {"200": {"$ref": "common.yaml#/responses/Ok"}}
                  }
                }}
                """,
            "common.yaml": """
                parameters:
                  Id: {name: id, in: path, required: true, schema: {type: string}}
                bodies:
                  Pet: {content: {application/json: {schema: {$ref: '#/schemas/Pet'}}}}
                responses:
                  Ok:
                    description: ok
                    headers:
                      X-Next: {$ref: '#/headers/Next'}
                headers:
                  Next: {schema: {type: string}}
                schemas:
                  Pet: {type: object}
                """,
        ])
        let spec = try SpecLoader.load(entry: "openapi.yaml", reader: files).spec
        let item = try #require(spec.dereferenced(spec.entryRoot["paths"]!["/pets/{id}"]!, in: "openapi.yaml"))
        #expect(item.file == "paths.json")
        let parameter = try #require(spec.dereferenced(item.node["parameters"]![0]!, in: item.file))
        #expect(parameter.node["name"]?.string == "id")
        #expect(parameter.file == "common.yaml")
        let response = try #require(spec.dereferenced(item.node["put"]!["responses"]!["200"]!, in: item.file))
        let header = try #require(spec.dereferenced(response.node["headers"]!["X-Next"]!, in: response.file))
        #expect(header.node["schema"]?["type"]?.string == "string")
    }

    @Test func keepsRecursiveSchemasAsRefs() throws {
        let files = InMemorySpecFiles([
            "openapi.yaml": Self.header + "components:\n  schemas:\n    Category: {$ref: category.yaml}\n",
            "category.yaml": "type: object\nproperties:\n  children:\n    type: array\n    items: {$ref: category.yaml}\n  parent: {$ref: '#'}\n",
        ])
        let spec = try SpecLoader.load(entry: "openapi.yaml", reader: files).spec
        let category = try #require(spec.target(of: "category.yaml", from: "openapi.yaml"))
        let items = try #require(category.node["properties"]?["children"]?["items"])
        #expect(items["$ref"]?.string == "category.yaml")
        #expect(spec.dereferenced(items, in: "category.yaml")?.node["type"]?.string == "object")
    }

    @Test func leavesRefsInExamplesAndPropertyNamesAlone() throws {
        // Each of these "$ref"s would be a missing file if the loader took it for a reference.
        let files = ReadCountingSpecFiles(InMemorySpecFiles([
            "openapi.yaml": Self.header + """
                components:
                  schemas:
                    Doc:
                      type: object
                      properties:
                        $ref: {type: string}
                      example: {$ref: no-such-file.yaml}
                      default: {$ref: no-such-file.yaml}
                      enum: [{$ref: no-such-file.yaml}]
                      x-note: {$ref: no-such-file.yaml}
                  examples:
                    Ref:
                      value: {$ref: no-such-file.yaml}
                """
        ]))
        let result = try SpecLoader.load(entry: "openapi.yaml", reader: files)
        #expect(files.readCounts == ["openapi.yaml": 1])
        #expect(result.spec.fileOrder == ["openapi.yaml"])
    }

    @Test func checksDiscriminatorMappingsThatAreReferences() {
        let printed = printedErrors([
            "api/openapi.yaml": Self.header + """
                components:
                  schemas:
                    Pet:
                      discriminator:
                        propertyName: kind
                        mapping: {dog: pets/dgo.yaml, cat: Cat, bird: '#/components/schemas/Brid'}
                    Bird: {type: object}
                    Cat: {type: object}
                """,
            "api/pets/dog.yaml": "type: object\n",
        ])
        #expect(
            printed == """
                api/openapi.yaml:8:24: error: [OAS009] $ref names api/pets/dgo.yaml, which cannot be read; fix the path or add the file (--repair cannot fix this)
                api/openapi.yaml:8:24: note: cannot open api/pets/dgo.yaml: no such file; check the path
                api/openapi.yaml:8:55: error: [OAS010] $ref "#/components/schemas/Brid" leads nowhere: api/openapi.yaml has no "Brid" under #/components/schemas; did you mean "Bird"? (--repair cannot fix this)
                2 errors

                """)
    }

    @Test func decodesPercentEscapesInTheFilePart() throws {
        let files = InMemorySpecFiles([
            "openapi.yaml": Self.header + "components:\n  schemas:\n    Pet: {$ref: 'my%20pet.yaml#/Pet'}\n",
            "my pet.yaml": "Pet: {type: object}\n",
        ])
        let result = try SpecLoader.load(entry: "openapi.yaml", reader: files)
        #expect(result.spec.fileOrder == ["openapi.yaml", "my pet.yaml"])
    }

    // MARK: errors, as printed

    @Test func reportsAMissingFileAtTheRef() {
        let printed = printedErrors([
            "api/openapi.yaml": Self.header + "components:\n  schemas:\n    Pet:\n      $ref: schemas/pett.yaml\n",
            "api/schemas/pet.yaml": "type: object\n",
        ])
        #expect(
            printed == """
                api/openapi.yaml:6:13: error: [OAS009] $ref names api/schemas/pett.yaml, which cannot be read; fix the path or add the file (--repair cannot fix this)
                api/openapi.yaml:6:13: note: cannot open api/schemas/pett.yaml: no such file; check the path
                1 error

                """)
    }

    @Test func reportsAMissingPointerTargetWithTheClosestKey() {
        let printed = printedErrors([
            "api/openapi.yaml": Self.header + "components:\n  schemas:\n    Pet:\n      $ref: 'common.json#/schemas/Pett'\n",
            "api/common.json": #"{"schemas": {"Pets": {}, "Pet": {}, "Owner": {}}}"#,
        ])
        #expect(
            printed == """
                api/openapi.yaml:6:13: error: [OAS010] $ref "common.json#/schemas/Pett" leads nowhere: api/common.json has no "Pett" under #/schemas; did you mean "Pets"? (--repair cannot fix this)
                1 error

                """)
    }

    @Test func reportsAnIndexPastTheEndOfASequence() {
        let printed = printedErrors([
            "api/openapi.yaml": Self.header + "x-list: [a]\ncomponents:\n  schemas:\n    Pet: {$ref: '#/x-list/1'}\n"
        ])
        #expect(
            printed == """
                api/openapi.yaml:6:17: error: [OAS010] $ref "#/x-list/1" leads nowhere: api/openapi.yaml has no "1" under #/x-list (a sequence of 1 items, counted from 0); fix the index (--repair cannot fix this)
                1 error

                """)
    }

    @Test func reportsACycleOfBareRefsOnceWithItsMembers() {
        let printed = printedErrors([
            "api/openapi.yaml": Self.header + "components:\n  schemas:\n    A: {$ref: a.yaml}\n    B: {$ref: b.yaml}\n",
            "api/a.yaml": "$ref: b.yaml\n",
            "api/b.yaml": "$ref: c.yaml#/C\n",
            "api/c.yaml": "C:\n  $ref: a.yaml\n",
        ])
        #expect(
            printed == """
                api/a.yaml:1:7: error: [OAS011] $refs lead only to each other and never to a definition (api/a.yaml -> api/b.yaml -> api/c.yaml#/C -> api/a.yaml); point one of them at the real content
                api/b.yaml:1:7: note: the cycle continues here
                api/c.yaml:2:9: note: the cycle continues here
                1 error

                """)
    }

    @Test func reportsARefToItself() {
        let printed = printedErrors(["api/openapi.yaml": Self.header + "components:\n  schemas:\n    A: {$ref: '#/components/schemas/A'}\n"])
        #expect(printed.hasPrefix("api/openapi.yaml:5:15: error: [OAS011] $refs lead only to each other"))
    }

    @Test(arguments: [
        ("../shared/pet.yaml", "api/openapi.yaml:6:13: error: [OAS008] $ref \"../shared/pet.yaml\" leads to shared/pet.yaml, outside api where the spec starts; move the file into that folder or pass --allow-ref-outside (--repair cannot fix this)\n1 error\n"),
        ("sub/../../shared/pet.yaml", "api/openapi.yaml:6:13: error: [OAS008] $ref \"sub/../../shared/pet.yaml\" leads to shared/pet.yaml, outside api where the spec starts; move the file into that folder or pass --allow-ref-outside (--repair cannot fix this)\n1 error\n"),
        ("/etc/pet.yaml", "api/openapi.yaml:6:13: error: [OAS008] $ref \"/etc/pet.yaml\" leads to /etc/pet.yaml, outside api where the spec starts; move the file into that folder or pass --allow-ref-outside (--repair cannot fix this)\n1 error\n"),
    ])
    func refusesRefsThatLeaveTheSpecFolder(reference: String, printed: String) {
        let files = [
            "api/openapi.yaml": Self.header + "components:\n  schemas:\n    Pet:\n      $ref: \(reference)\n",
            "shared/pet.yaml": "type: object\n",
            "/etc/pet.yaml": "type: object\n",
        ]
        #expect(printedErrors(files) == printed)
        let allowed = printedErrors(files, options: LoadOptions(allowsRefsOutsideFolder: true))
        #expect(allowed.hasPrefix("loaded"))
    }

    @Test func allowsGoingUpAndBackDownInsideTheFolder() {
        let printed = printedErrors([
            "api/openapi.yaml": Self.header + "components:\n  schemas:\n    Pet: {$ref: 'a/../b/../pet.yaml'}\n",
            "api/pet.yaml": "type: object\n",
        ])
        #expect(printed == #"loaded ["api/openapi.yaml", "api/pet.yaml"]"#)
    }

    @Test func refusesNetworkRefsAndRefsThatAreNotStrings() {
        let printed = printedErrors([
            "api/openapi.yaml": Self.header + """
                components:
                  schemas:
                    A: {$ref: 'HTTP://example.com/a.yaml'}
                    B: {$ref: 'https://example.com/b.yaml#/B'}
                    C: {$ref: '//example.com/c.yaml'}
                    D: {$ref: 42}
                    E: {$ref: '#E'}
                """
        ])
        #expect(
            printed == """
                api/openapi.yaml:5:15: error: [OAS007] $ref "HTTP://example.com/a.yaml" names a network location, which this tool never fetches; save the file beside the spec and refer to it by a relative path
                api/openapi.yaml:6:15: error: [OAS007] $ref "https://example.com/b.yaml#/B" names a network location, which this tool never fetches; save the file beside the spec and refer to it by a relative path
                api/openapi.yaml:7:15: error: [OAS007] $ref "//example.com/c.yaml" names a network location, which this tool never fetches; save the file beside the spec and refer to it by a relative path
                api/openapi.yaml:8:15: error: [OAS005] $ref must be a string, not an integer; write the reference in quotes, such as "#/components/schemas/Pet"
                api/openapi.yaml:9:15: error: [OAS006] $ref "#E" has a fragment that is not a JSON pointer; write it as "#/a/b", escaping ~ as ~0 and / as ~1
                5 errors

                """)
    }

    @Test func reportsSyntaxErrorsInAReferencedFileWithTheRefThatReachedIt() {
        let printed = printedErrors([
            "api/openapi.yaml": Self.header + "components:\n  schemas:\n    Pet: {$ref: pet.json}\n",
            "api/pet.json": "{\"type\": \"object\",}",
        ])
        #expect(printed.hasPrefix("api/pet.json:1:18: error: [JSON001]"))
        #expect(printed.contains("api/openapi.yaml:5:17: note: the file is referenced here\n"))
    }

    @Test func reportsEveryProblemInOneRun() {
        let printed = printedErrors([
            "api/openapi.yaml": Self.header + """
                components:
                  schemas:
                    A: {$ref: missing.yaml}
                    B: {$ref: '#/components/schemas/Bee'}
                    C: {$ref: ../outside.yaml}
                    D: {$ref: other.yaml}
                """,
            "api/other.yaml": "properties:\n  x: {$ref: '#/nothing'}\n",
        ])
        let codes = printed.split(separator: "\n").compactMap { line -> String? in
            guard let start = line.firstRange(of: "[OAS")?.lowerBound else { return nil }
            return String(line.suffix(from: start).prefix(8))
        }
        #expect(codes == ["[OAS009]", "[OAS010]", "[OAS008]", "[OAS010]"])
        #expect(printed.hasSuffix("4 errors\n"))
    }

    // MARK: limits

    @Test func stopsAtTheFileLimit() {
        var files = ["api/openapi.yaml": Self.header + "components:\n  schemas:\n    A: {$ref: f0.yaml}\n"]
        for i in 0..<5 { files["api/f\(i).yaml"] = "$ref: f\(i + 1).yaml\n" }
        files["api/f5.yaml"] = "type: string\n"
        let reader = ReadCountingSpecFiles(InMemorySpecFiles(files))
        let printed: String
        do {
            _ = try SpecLoader.load(entry: "api/openapi.yaml", reader: reader, options: LoadOptions(maxFiles: 3))
            printed = ""
        } catch let error as DiagnosticError {
            printed = DiagnosticFormatter(format: .text).render(error.diagnostics)
        } catch {
            printed = "\(error)"
        }
        #expect(
            printed == """
                api/f1.yaml:1:7: error: [OAS012] the spec reaches more than 3 files; merge some of them, or check for $refs that build file names in a loop
                1 error

                """)
        #expect(reader.readCounts.count == 3)
    }

    @Test func stopsAtTheByteLimit() {
        let printed = printedErrors(
            [
                "api/openapi.yaml": Self.header + "components:\n  schemas:\n    A: {$ref: big.yaml}\n",
                "api/big.yaml": "description: " + String(repeating: "x", count: 200) + "\n",
            ], options: LoadOptions(maxTotalBytes: 150))
        #expect(
            printed == """
                api/openapi.yaml:5:15: error: [OAS013] the spec's files hold more than 150 bytes together; remove files the spec does not need
                1 error

                """)
    }
}
