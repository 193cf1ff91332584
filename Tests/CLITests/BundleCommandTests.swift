import Foundation
import Testing

@Suite struct BundleCommandTests {
    /// A spec in `api/` whose schema lives in a nested folder and whose error lives one
    /// folder up, outside `api/`.
    func makeSpec() throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        let files = [
            "api/openapi.yaml": """
                openapi: 3.0.3
                info: {title: Pets, version: '1'}
                paths:
                  /pets:
                    get:
                      responses:
                        '200':
                          description: A pet
                          content:
                            application/json:
                              schema: {$ref: schemas/pet.json}
                        default: {$ref: ../shared/errors.yaml#/Error}
                """,
            "api/schemas/pet.json": #"{"type": "object", "properties": {"name": {"type": "string"}}}"#,
            "shared/errors.yaml": "Error:\n  description: Something went wrong\n",
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    @Test func refusesARefOutsideTheSpecFolderAndWritesNothing() throws {
        let folder = try makeSpec()
        let result = try CommandRunner.run(["bundle", "api/openapi.yaml", "-o", "out.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(
            result.standardError == """
                api/openapi.yaml:12:25: error: [OAS008] $ref "../shared/errors.yaml#/Error" leads to shared/errors.yaml, outside api where the spec starts; move the file into that folder or pass --allow-ref-outside (--repair cannot fix this)
                1 error

                """)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.yaml").path))
    }

    @Test func bundlesIntoOneDocumentWhenRefsOutsideAreAllowed() throws {
        let folder = try makeSpec()
        let result = try CommandRunner.run(["bundle", "api/openapi.yaml", "--allow-ref-outside"], in: folder)
        #expect(result.standardError == "")
        #expect(result.status == 0)
        #expect(
            result.standardOutput == """
                openapi: "3.0.3"
                info:
                  title: Pets
                  version: "1"
                paths:
                  /pets:
                    get:
                      responses:
                        "200":
                          description: A pet
                          content:
                            application/json:
                              schema:
                                $ref: "#/components/schemas/Pet"
                        default:
                          $ref: "#/components/responses/Error"
                components:
                  schemas:
                    Pet:
                      type: object
                      properties:
                        name:
                          type: string
                  responses:
                    Error:
                      description: Something went wrong

                """)
    }

    @Test func writesJSONToAFile() throws {
        let folder = try makeSpec()
        let result = try CommandRunner.run(
            ["bundle", "api/openapi.yaml", "--allow-ref-outside", "--format", "json", "-o", "bundle.json"], in: folder)
        #expect(result.status == 0)
        let written = try String(contentsOf: folder.appendingPathComponent("bundle.json"), encoding: .utf8)
        #expect(written.hasPrefix("{\n  \"openapi\": \"3.0.3\","))
        #expect(written.contains("\"$ref\": \"#/components/schemas/Pet\""))
    }

    @Test func readsTheEntryFromStandardInputWithRefsFromTheCurrentFolder() throws {
        let folder = try makeSpec()
        let entry = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /p: {$ref: 'api/schemas/pet.json'}\n"
        let result = try CommandRunner.run(["bundle", "-"], input: Data(entry.utf8), in: folder)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("  /p:\n    $ref: \"#/components/pathItems/Pet\"\n"))
    }

    @Test func reportsAMissingFileAtTheRef() throws {
        let folder = try makeSpec()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("api/schemas/pet.json"))
        let result = try CommandRunner.run(["bundle", "api/openapi.yaml", "--allow-ref-outside"], in: folder)
        #expect(result.status == 2)
        #expect(
            result.standardError == """
                api/openapi.yaml:11:30: error: [OAS009] $ref names api/schemas/pet.json, which cannot be read; fix the path or add the file (--repair cannot fix this)
                api/openapi.yaml:11:30: note: cannot open api/schemas/pet.json: no such file or directory; check the path
                1 error

                """)
    }
}
