import Support
import Diagnostics
import TestSupport
import Testing
import YAML
import Spec

/// The loader finds the entry file's `$ref`s from the places its YAML reader noted, and walks
/// the whole tree when there are none (JSON, or a document with an alias). Both ways must
/// find the same references, in the same order, with the same diagnostics: each test loads
/// a spec as written and again with an alias added at its end, which forces the walk.
@Suite struct NotedReferencesTests {
    /// Lines that make a YAML document take the walk: an anchor and an alias in extensions,
    /// which the loader never looks into.
    static let aliasLines = "\nx-oas2apigw-anchor: &walked 1\nx-oas2apigw-alias: *walked\n"

    /// The files of a spec with the entry as given, the rest from `base`.
    struct EntryOverride: SpecFileReader {
        var entry: String
        var bytes: [UInt8]
        var base: any SpecFileReader

        func read(_ path: String) throws -> [UInt8] {
            path == entry ? bytes : try base.read(path)
        }
    }

    /// What a load came to: the files and warnings, or the errors, as printed.
    static func outcome(entry: String, reader: some SpecFileReader) -> String {
        do {
            let result = try SpecLoader.load(entry: entry, reader: reader)
            return "loaded \(result.spec.fileOrder), own bundle \(result.spec.hasOnlyFragmentReferences)\n"
                + DiagnosticFormatter(format: .text).render(result.warnings)
        } catch let error as DiagnosticError {
            return DiagnosticFormatter(format: .text).render(error.diagnostics)
        } catch {
            return "unexpected \(error)"
        }
    }

    /// Loads `files` noted and walked; returns both outcomes.
    static func bothWays(_ files: [String: String], entry: String = "openapi.yaml") -> (noted: String, walked: String) {
        let plain = InMemorySpecFiles(files)
        var aliased = files
        aliased[entry, default: ""] += aliasLines
        return (outcome(entry: entry, reader: plain), outcome(entry: entry, reader: InMemorySpecFiles(aliased)))
    }

    @Test(arguments: SpecCorpus.caseNames)
    func everyCaseFindsTheSameReferencesEitherWay(caseName: String) throws {
        guard let entry = SpecCorpus.specPath(of: caseName), entry.hasSuffix(".yaml") else { return }
        let bytes = try SpecCorpus.bytes(entry)
        // Only a document whose top level is a block mapping can take two more keys at its end.
        guard let root = try? YAMLReader.read(bytes, file: entry), root.mapping != nil,
            !String(decoding: bytes, as: UTF8.self).contains("\n...")
        else { return }
        let noted = Self.outcome(entry: entry, reader: CorpusFiles())
        let walked = Self.outcome(
            entry: entry, reader: EntryOverride(entry: entry, bytes: bytes + Array(Self.aliasLines.utf8), base: CorpusFiles()))
        #expect(noted == walked)
    }

    /// Every place a `$ref` may or may not be a reference, in one spec.
    static let awkwardSpec = """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths:
          /pets:
            get:
              parameters:
                - $ref: '#/components/parameters/Missing'
                - $ref: '#/components/parameters/Limit'
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        allOf:
                          - $ref: '#/components/schemas/Pet'
                          - properties:
                              $ref: {type: string}
                              mapping: {type: object, properties: {$ref: {$ref: '#/components/schemas/Nowhere'}}}
                      example: {$ref: '#/not/a/reference'}
                      examples:
                        first: {value: {$ref: '#/still/data'}}
              callbacks:
                done:
                  '{$request.body#/url}':
                    post:
                      requestBody: {$ref: '#/components/requestBodies/Gone'}
                      responses: {'200': {description: ok}}
          /cats:
            $ref: '#/components/pathItems/Cats'
            x-owner: {$ref: '#/extension/data'}
          x-paths-note: {$ref: '#/more/extension/data'}
        components:
          parameters:
            Limit: {name: limit, in: query, schema: {type: integer}}
          pathItems:
            Cats:
              get:
                responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Loop1'}}}}}
          schemas:
            Pet:
              type: object
              discriminator:
                propertyName: kind
                mapping:
                  dog: '#/components/schemas/Dog'
                  cat: Cat
                  bird: '#/components/schemas/Bird'
              properties:
                tags: {type: array, items: {$ref: 42}}
            Dog: {type: object, examples: [{$ref: '#/data'}]}
            Loop1: {$ref: '#/components/schemas/Loop2'}
            Loop2: {$ref: '#/components/schemas/Loop1'}

        """

    @Test func awkwardPlacesFindTheSameReferencesEitherWay() {
        let (noted, walked) = Self.bothWays(["openapi.yaml": Self.awkwardSpec])
        #expect(noted == walked)
        // The references that are wrong are found, and nothing written as data is taken for one.
        for expected in [
            "#/components/parameters/Missing", "#/components/schemas/Nowhere", "#/components/requestBodies/Gone",
            "#/components/schemas/Bird", "$ref must be a string", "Loop1 -> ",
        ] {
            #expect(noted.contains(expected), "missing \(expected) in\n\(noted)")
        }
        for data in ["#/not/a/reference", "#/still/data", "#/data", "Cat\"", "extension/data"] {
            #expect(!noted.contains(data), "\(data) is data, not a reference:\n\(noted)")
        }
    }

    /// A discriminator's `mapping` (a noted key) given as an alias, or holding one: the
    /// reader gives up its notes there, and loading must still end in references, not a crash
    /// (the reader fuzz target found it).
    @Test func aNotedEntryWhoseValueIsOrHoldsAnAliasLoads() {
        for mapping in ["*dogs", "{dog: *dog}"] {
            let spec = """
                openapi: 3.0.3
                info: {title: T, version: '1'}
                x-anchors:
                  dogs: &dogs {dog: '#/components/schemas/Dog'}
                  dog: &dog '#/components/schemas/Dog'
                paths:
                  /pets:
                    get:
                      responses:
                        '200':
                          description: ok
                          content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
                components:
                  schemas:
                    Pet:
                      oneOf: [{$ref: '#/components/schemas/Dog'}]
                      discriminator: {propertyName: kind, mapping: \(mapping)}
                    Dog: {type: object}

                """
            let outcome = Self.outcome(entry: "openapi.yaml", reader: InMemorySpecFiles(["openapi.yaml": spec]))
            #expect(outcome.hasPrefix("loaded [\"openapi.yaml\"]"), "\(mapping): \(outcome)")
        }
    }

    @Test func aSpecOfSeveralFilesFindsTheSameReferencesEitherWay() {
        let files = [
            "openapi.yaml": """
                openapi: 3.0.3
                info: {title: T, version: '1'}
                paths:
                  /a: {$ref: 'paths/a.yaml'}
                  /b:
                    get:
                      responses: {'200': {$ref: 'responses.yaml#/Ok'}}
                components:
                  schemas:
                    Local: {$ref: 'schemas.yaml#/Thing'}

                """,
            "paths/a.yaml": "get:\n  responses: {'200': {$ref: '../responses.yaml#/Missing'}}\n",
            "responses.yaml": "Ok: {description: ok, content: {application/json: {schema: {$ref: 'schemas.yaml#/Thing'}}}}\n",
            "schemas.yaml": "Thing: {type: object, properties: {next: {$ref: '#/Thing'}}}\n",
        ]
        let (noted, walked) = Self.bothWays(files)
        #expect(noted == walked)
        #expect(noted.contains("../responses.yaml#/Missing") || noted.contains("responses.yaml has no \"Missing\""), "\(noted)")
    }
}
