import Foundation
import Testing

/// `oas2apigw inspect` as a user runs it: the tree on standard output, problems on
/// standard error, and the exit status a build step checks.
@Suite struct InspectCommandTests {
    static let petstore = """
        openapi: 3.0.3
        info: {title: Pets, version: "1"}
        paths:
          /pets:
            get: {operationId: listPets, responses: {"200": {description: ok}}}
            post:
              operationId: createPet
              security: [{apiKey: []}]
              responses: {"201": {description: ok}}
        components:
          securitySchemes:
            apiKey: {type: apiKey, in: header, name: x-api-key}
        """

    @Test func printsTheTreeAndExitsZero() throws {
        let result = try CommandRunner.run(["inspect", "-"], input: Data(Self.petstore.utf8))
        #expect(result.status == 0)
        #expect(result.standardError == "")
        #expect(
            result.standardOutput == """
                Pets 1 (OpenAPI 3.0.3)
                base path: none
                2 resources, 2 operations
                /
                  pets
                    GET     listPets   auth: none
                    POST    createPet  auth: apiKey

                """)
    }

    /// API Gateway's quotas are reported before any conversion: over 300 resources is a
    /// warning at the `paths` key (the tree is still printed and the exit status is 0).
    @Test func reportsAQuotaTheSpecBreaks() throws {
        let paths = (0..<300).map { "  /r\($0):\n    get: {responses: {\"200\": {description: ok}}}\n" }.joined()
        let spec = "openapi: 3.0.3\ninfo: {title: Big, version: \"1\"}\npaths:\n" + paths
        let result = try CommandRunner.run(["inspect", "-"], input: Data(spec.utf8))
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("301 resources"))
        #expect(result.standardError.contains("<stdin>:3:1: warning: [PLAN040] the API has 301 resources"), "\(result.standardError)")
    }

    @Test func showsTheRepairedTreeOnlyWhenAsked() throws {
        let spec = """
            openapi: 3.0.3
            info: {title: Files, version: "1"}
            paths:
              /files/{Name}.json:
                get: {parameters: [{name: Name, in: path, required: true}], responses: {"200": {description: ok}}}
            """
        let plain = try CommandRunner.run(["inspect", "-"], input: Data(spec.utf8))
        #expect(plain.status == 2)
        #expect(plain.standardOutput.contains("{Name}.json"))
        let repaired = try CommandRunner.run(["inspect", "--repair", "-"], input: Data(spec.utf8))
        #expect(repaired.status == 0)
        #expect(repaired.standardOutput.contains("    {Name}\n      GET"))
        #expect(repaired.standardError.contains("note: [GW022]"))
    }

    @Test func exitsZeroWithWarningsOnStandardError() throws {
        let spec = Self.petstore.replacingOccurrences(of: "    get:", with: "    trace: {responses: {}}\n    get:")
        let result = try CommandRunner.run(["inspect", "-"], input: Data(spec.utf8))
        #expect(result.status == 0)
        #expect(result.standardError.contains("<stdin>:5:5: warning: [GW011] TRACE /pets is dropped"))
        #expect(result.standardOutput.contains("GET     listPets"))
    }

    @Test func exitsTwoOnErrorsAndStillShowsTheTree() throws {
        let folder = try CommandRunner.temporaryDirectory()
        let file = folder.appendingPathComponent("openapi.yaml")
        let broken = """
            openapi: 3.0.3
            info: {title: Broken, version: "1"}
            paths:
              /files/{name}.json:
                get:
                  parameters: [{name: name, in: path, required: true}]
                  responses: {"200": {description: ok}}
            """
        try Data(broken.utf8).write(to: file)
        let result = try CommandRunner.run(["inspect", "openapi.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.standardOutput.contains("{name}.json"))
        #expect(
            result.standardError.hasPrefix(
                "openapi.yaml:4:3: error: [GW002] path segment \"{name}.json\" in /files/{name}.json is not a whole-segment variable"))
        #expect(result.standardError.hasSuffix("1 error\n"))
    }

    @Test func printsTheModelAsJSONForTools() throws {
        let result = try CommandRunner.run(["inspect", "-", "--format", "json"], input: Data(Self.petstore.utf8))
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let root = json?["root"] as? [String: Any]
        let pets = (root?["children"] as? [[String: Any]])?.first
        #expect(pets?["path"] as? String == "/pets")
        let methods = (pets?["operations"] as? [[String: Any]])?.compactMap { $0["method"] as? String }
        #expect(methods == ["GET", "POST"])
        #expect(json?["title"] as? String == "Pets")
    }

    /// With a policy, the tree shows the preflight each path gets and for whom.
    @Test func showsThePreflightsAPolicyAdds() throws {
        let result = try CommandRunner.run(
            ["inspect", "specs/cors-rules-precedence/openapi.yaml", "--cors", "specs/cors-rules-precedence/cors.yaml"],
            in: ConvertCommandTests.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("  orders\n    GET     -  auth: none\n    POST    -  auth: none\n    OPTIONS preflight added: https://shop.example.com; GET, POST, OPTIONS\n"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("      (no CORS: the policy turns it off here)\n"))
        let without = try CommandRunner.run(["inspect", "specs/cors-rules-precedence/openapi.yaml"], in: ConvertCommandTests.root)
        #expect(!without.standardOutput.contains("OPTIONS preflight added"))
    }

    /// A path whose OPTIONS the spec writes keeps it unless the policy says replace: inspect
    /// says which, rather than a preflight added that convert never adds.
    @Test func aSpecsOwnOptionsIsShownKeptOrReplaced() throws {
        let result = try CommandRunner.run(
            ["inspect", "specs/cors-existing-options/openapi.yaml", "--cors", "specs/cors-existing-options/cors.yaml"],
            in: ConvertCommandTests.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains(
            "    OPTIONS kept as the spec writes it (existingOptions: keep): it must send the policy's CORS headers itself\n"))
        #expect(result.standardOutput.contains("      OPTIONS preflight replaced: https://shop.example.com; PATCH, OPTIONS\n"))
        #expect(result.standardOutput.contains("    OPTIONS preflight added: https://shop.example.com; GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\n"))
    }

    /// Under --repair the tree shows the gateway's paths, and each path's preflight line
    /// follows its path there (it was missing where --repair renamed a variable).
    @Test func theRepairedTreeKeepsEachPathsPreflightLine() throws {
        let result = try CommandRunner.run(
            ["inspect", "specs/repair-mock-backend/openapi.yaml", "--cors", "specs/repair-mock-backend/cors.yaml", "--repair"],
            in: ConvertCommandTests.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains(
            "          factors\n            GET     listFactors  auth: none\n            OPTIONS preflight added: https://admin.example.com; GET, OPTIONS\n"),
            "\(result.standardOutput)")
    }
}

