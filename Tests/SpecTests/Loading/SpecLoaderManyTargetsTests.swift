import Support
import Diagnostics
import Testing
import Spec

/// The loader on a spec whose `$ref`s point into a mapping large enough to be indexed.
@Suite struct SpecLoaderManyTargetsTests {
    /// A spec with `count` schemas S0 … whose refs name `targets`, one per path.
    static func spec(schemas count: Int, targets: [String]) -> String {
        var text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n"
        for (i, target) in targets.enumerated() {
            text += "  /p\(i):\n    get:\n      responses:\n        '200':\n          description: ok\n"
            text += "          content: {application/json: {schema: {$ref: '#/components/schemas/\(target)'}}}\n"
        }
        text += "components:\n  schemas:\n"
        for i in 0..<count { text += "    S\(i): {type: object}\n" }
        return text
    }

    func printed(_ text: String) -> String {
        do {
            let result = try SpecLoader.load(entry: "openapi.yaml", reader: InMemorySpecFiles(["openapi.yaml": text]))
            return "loaded \(result.spec.fileOrder)"
        } catch let error as DiagnosticError {
            return DiagnosticFormatter(format: .text).render(error.diagnostics)
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func everyExistingTargetOfALargeMappingIsFound() {
        #expect(printed(Self.spec(schemas: 60, targets: ["S0", "S59", "S17", "S0", "S30"])) == "loaded [\"openapi.yaml\"]")
    }

    @Test func aMissingTargetOfALargeMappingIsReportedAtItsRef() {
        let text = Self.spec(schemas: 60, targets: ["S3", "S60x", "S3"])
        #expect(
            printed(text) == """
                openapi.yaml:15:55: error: [OAS010] $ref "#/components/schemas/S60x" leads nowhere: openapi.yaml has no "S60x" under #/components/schemas; fix the pointer or add the missing entry (--repair cannot fix this)
                1 error

                """)
    }
}
