import Foundation
import Testing

/// `new-policy` gives a new user a policy to edit that the tool accepts as it is.
@Suite struct NewPolicyCommandTests {
    @Test func theStarterIsAPolicyCORSCheckAcceptsWithoutAWord() throws {
        let folder = try CommandRunner.temporaryDirectory()
        let written = try CommandRunner.run(["new-policy", "-o", "cors.yaml"], in: folder)
        #expect(written.status == 0, "\(written.standardError)")
        // A file written is said, as every writing command says it.
        #expect(
            written.standardError
                == "wrote a CORS policy to cors.yaml: a placeholder origin to replace, credentials off; see what each path answers "
                + "with oas2apigw cors-check cors.yaml --spec SPEC\n")
        let text = try String(contentsOf: folder.appendingPathComponent("cors.yaml"), encoding: .utf8)
        #expect(text.contains("# Replace this placeholder"))
        #expect(text.contains("docs/cors-policy.md"))
        let checked = try CommandRunner.run(["cors-check", "cors.yaml"], in: folder)
        #expect(checked.status == 0)
        #expect(checked.standardError == "checked cors.yaml: no problems\n", "\(checked.standardError)")
    }

    @Test func theOriginsAndCredentialsGivenAreTheOnesAllowed() throws {
        let result = try CommandRunner.run(
            ["new-policy", "--origin", "https://shop.example.com", "--origin", "http://localhost:5173", "--credentials"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("allowOrigins:\n  - https://shop.example.com\n  - http://localhost:5173\n"))
        #expect(result.standardOutput.contains("\nallowCredentials: true\n"))
        #expect(!result.standardOutput.contains("placeholder"))
        // Applied to the pet store, each path answers for exactly those origins.
        let applied = try CommandRunner.run(
            ["cors-check", "-", "--spec", ConvertCommandTests.root.appendingPathComponent("specs/petstore/openapi.yaml").path],
            input: Data(result.standardOutput.utf8))
        #expect(applied.status == 0, "\(applied.standardError)")
        #expect(applied.standardOutput.contains("origins: https://shop.example.com, http://localhost:5173"))
        #expect(applied.standardOutput.contains("credentials: true"))
        // Two origins with cookies: the starter names the one API Gateway's own errors carry,
        // so cors-check has nothing to warn about (CORS029).
        #expect(result.standardOutput.contains("\ngatewayResponseOrigin: https://shop.example.com\n"))
        #expect(result.standardError.isEmpty, "\(result.standardError)")
        #expect(!applied.standardError.contains("CORS029"), "\(applied.standardError)")
    }

    /// Patterns alone give no origin to name: the key is left commented and the warning the
    /// policy then gets (CORS029) is printed, as cors-check would print it.
    @Test func patternsWithCookiesAreToldToNameTheOriginOfTheErrors() throws {
        let result = try CommandRunner.run(["new-policy", "--origin", "https://*.example.com", "--credentials"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("\n# gatewayResponseOrigin: ONE-ORIGIN-THE-PATTERNS-ALLOW\n"))
        #expect(result.standardError.contains("[CORS029]"))
        // Under --strict that warning is an error: exit 2, and no file.
        let folder = try CommandRunner.temporaryDirectory()
        let strict = try CommandRunner.run(["new-policy", "--origin", "https://*.example.com", "--credentials", "--strict", "-o", "cors.yaml"], in: folder)
        #expect(strict.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("cors.yaml").path))
    }

    /// Origins YAML would misread are written in quotes, so each is checked as given: `*`
    /// (an alias unquoted) is accepted, or refused beside credentials (CORS003); `null` is
    /// the null origin (CORS005), not a null entry; no message points into the generated text.
    @Test(arguments: [
        (["--origin", "*"], Int32(0), ""),
        (["--origin", "*", "--credentials"], Int32(2), "error: [CORS003]"),
        (["--origin", "null"], Int32(2), "error: [CORS005]"),
    ])
    func originsYAMLWouldMisreadAreQuoted(arguments: [String], status: Int32, message: String) throws {
        let result = try CommandRunner.run(["new-policy"] + arguments)
        #expect(result.status == status, "\(result.standardError)")
        if status == 0 { #expect(result.standardOutput.contains("allowOrigins:\n  - \"*\"\n")) }
        #expect(message.isEmpty || result.standardError.contains(message), "\(result.standardError)")
        #expect(!result.standardError.contains("--origin:"), "no place in text the user never saw")
        #expect(!result.standardError.contains("YAML"))
    }

    /// The comment on rules says how they combine, as docs/cors-policy.md and the resolver do.
    @Test func theStartersRuleCommentSaysLaterRulesWin() throws {
        let result = try CommandRunner.run(["new-policy"])
        #expect(result.standardOutput.contains("later rules over earlier ones"))
        #expect(!result.standardOutput.contains("first match wins"))
    }

    @Test func aMistypedOriginIsRefusedWithItsFix() throws {
        let result = try CommandRunner.run(["new-policy", "--origin", "https://app.example.com/"])
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("[CORS006] origin \"https://app.example.com/\" has a trailing slash"))
    }

    @Test func anExistingFileIsNeverOverwritten() throws {
        let folder = try CommandRunner.temporaryDirectory()
        try Data("allowOrigins: [https://mine.example.com]\n".utf8).write(to: folder.appendingPathComponent("cors.yaml"))
        let result = try CommandRunner.run(["new-policy", "-o", "cors.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.standardError.contains("cors.yaml exists; edit it"))
        #expect(try String(contentsOf: folder.appendingPathComponent("cors.yaml"), encoding: .utf8) == "allowOrigins: [https://mine.example.com]\n")
    }
}
