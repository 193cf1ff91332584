import Foundation
import Testing

/// `oas2apigw preflight` as a user runs it: the steps it prints, its exit codes and its JSON.
@Suite struct PreflightCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let petstore = ["specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml"]

    func preflight(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(["preflight"] + arguments, in: Self.root)
    }

    @Test func anAllowedRequestShowsEachStepAndExitsZero() throws {
        let result = try preflight(
            Self.petstore + ["--path", "/pets/7", "--origin", "https://shop.example.com", "--method", "DELETE", "--header", "X-Api-Key: k"])
        #expect(result.status == 0)
        // Only the planner's note that the API-key methods need a usage plan.
        #expect(result.standardError.split(separator: "\n").allSatisfy { $0.contains("note: [PLAN038]") }, "\(result.standardError)")
        let out = result.standardOutput
        #expect(out.contains("1. Preflight request the browser sends\n  OPTIONS https://api-id.execute-api.region.amazonaws.com/v1/pets/7\n"))
        #expect(out.contains("  Access-Control-Request-Method: DELETE\n  Access-Control-Request-Headers: x-api-key\n"))
        #expect(out.contains("2. API Gateway's answer to the preflight\n  route: OPTIONS /pets/{petId}\n"))
        #expect(out.contains("  Access-Control-Allow-Origin: https://shop.example.com\n      from 'https://shop.example.com' (integration response 204)\n"))
        #expect(out.contains("4. API Gateway's answer to the actual request\n  route: DELETE /pets/{petId}\n"))
        #expect(out.hasSuffix("Verdict: allowed; the page reads status 204\n"))
    }

    @Test func aHandWrittenAWSServiceIntegrationAnswersThePoliciesOrigin() throws {
        // DynamoDB's "200" response is chosen by status; the spec's '*' gives way to the
        // policy, and the origin template runs before a template reading $input.path.
        let spec = ["specs/cors-integration-responses-overruled/openapi.yaml", "--cors", "specs/cors-integration-responses-overruled/cors.yaml"]
        let result = try preflight(
            spec + ["--path", "/orders", "--origin", "https://pr-3.preview.shop.example.com", "--credentials", "--header", "Content-Type: application/json"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("integration response 200 (selection pattern 200 matches 200)"))
        #expect(result.standardOutput.contains("  Access-Control-Allow-Origin: https://pr-3.preview.shop.example.com\n      from $context.responseOverride"))
        #expect(result.standardError.contains("warning: [PLAN011] the integration responses of GET /orders set Access-Control-Allow-Origin '*'"))
        let elsewhere = try preflight(spec + ["--path", "/orders", "--origin", "https://evil.example.com", "--credentials"])
        #expect(elsewhere.status != 0)
    }

    @Test func plansARepairedAPIWhenAsked() throws {
        let spec = ["specs/repair-mock-backend/openapi.yaml", "--cors", "specs/repair-mock-backend/cors.yaml"]
        let request = ["--path", "/api/v1/users/u1/factors", "--origin", "https://admin.example.com"]
        let repaired = try preflight(spec + request + ["--repair"])
        #expect(repaired.status == 0)
        #expect(repaired.standardOutput.contains("route: GET /api/v1/users/{userId}/factors\n"))
        #expect(repaired.standardError.contains("note: [GW020]"))
        let plain = try preflight(spec + request)
        #expect(plain.status == 2)
        #expect(plain.standardError.contains("error: [GW004]"))
    }

    /// The same fetch through the API's template and its exported document gives the
    /// verdict the spec and policy give: the readers rebuild the API the plan describes.
    @Test func aTemplateAndAnExportedDocumentGiveTheSpecsVerdict() throws {
        let folder = try CommandRunner.temporaryDirectory()
        var sources: [String] = []
        for (target, file) in [("cloudformation", "template.yaml"), ("openapi", "gateway.json")] {
            let output = folder.appendingPathComponent(file).path
            let convert = try CommandRunner.run(
                ["convert"] + Self.petstore + ["--to", target, "--format", file.hasSuffix("json") ? "json" : "yaml", "-o", output],
                in: Self.root)
            #expect(convert.status == 0, "\(convert.standardError)")
            sources.append(output)
        }
        for fetch in [
            ["--path", "/pets/7", "--origin", "https://shop.example.com", "--method", "DELETE", "--header", "X-Api-Key: k"],
            ["--path", "/pets/7", "--origin", "https://shop.example.com", "--method", "PUT"],
            ["--path", "/pets", "--origin", "https://elsewhere.example.com", "--method", "POST", "--header", "Content-Type: application/json"],
        ] {
            let fromSpec = try preflight(Self.petstore + fetch)
            for source in sources {
                let fromDefinition = try preflight([source] + fetch)
                #expect(fromDefinition.status == fromSpec.status, "\(source) \(fetch)")
                // The verdict alone: a spec's report adds the policy edit after it.
                let verdict = { (text: String) in
                    (text.components(separatedBy: "Verdict: ").last ?? "").components(separatedBy: "\nFix: ").first ?? ""
                }
                #expect(verdict(fromDefinition.standardOutput) == verdict(fromSpec.standardOutput), "\(source) \(fetch)")
            }
        }
        let ignored = try preflight([sources[0], "--cors", "specs/petstore/cors.yaml", "--path", "/pets", "--origin", "https://shop.example.com"])
        #expect(ignored.standardError.contains("[READ006]"))
    }

    /// The settings file convert reads plans the spec the same way here: `repair: true` in
    /// it reaches the renamed route as `--repair` does.
    @Test func readsTheSettingsFileConvertReads() throws {
        let fetch = ["--path", "/api/v1/users/u1/factors", "--origin", "https://admin.example.com"]
        let spec = ["specs/repair-mock-backend/openapi.yaml", "--cors", "specs/repair-mock-backend/cors.yaml"]
        let unrepaired = try preflight(spec + fetch)
        #expect(unrepaired.status == 2, "without the settings the spec's path conflict is an error")
        let configured = try preflight(spec + ["--config", "specs/repair-mock-backend/options.yaml"] + fetch)
        #expect(configured.status == 0, "\(configured.standardError)")
        #expect(configured.standardOutput.contains("route: GET /api/v1/users/{userId}/factors"))
    }

    /// A spec with its own x-amazon-apigateway-integration, given with a policy, is planned
    /// with that policy as convert plans it, not read as a finished definition without CORS.
    @Test func aSpecWithItsOwnIntegrationsIsPlannedWithThePolicy() throws {
        let result = try preflight([
            "specs/cors-http-integration/openapi.yaml", "--cors", "specs/cors-http-integration/cors.yaml", "--path", "/items/5",
            "--origin", "https://shop.example.com",
        ])
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(!result.standardError.contains("READ006"))
    }

    @Test func aBlockedRequestPrintsChromiumsMessageAndExitsOne() throws {
        let result = try preflight(Self.petstore + ["--path", "/pets/7", "--origin", "https://shop.example.com", "--method", "PUT"])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("3. Actual request: not sent, the preflight failed\n"))
        #expect(
            result.standardOutput.hasSuffix(
                """
                Verdict: blocked: method PUT not allowed
                  Access to fetch at 'https://api-id.execute-api.region.amazonaws.com/v1/pets/7' from origin 'https://shop.example.com' has been blocked by CORS policy: Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.

                Fix: /pets/{petId} has no PUT operation in the spec, and a preflight allows a path's own methods; add the operation to the spec, or allowMethods to specs/petstore/cors.yaml

                """))
    }

    @Test func anUnknownPathShowsTheGatewayResponse() throws {
        let result = try preflight(Self.petstore + ["--path", "/petz", "--origin", "https://shop.example.com", "--method", "PUT"])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("  produced by: gateway response MISSING_AUTHENTICATION_TOKEN (no resource matches /petz), customised through DEFAULT_4XX\n  status: 403\n"))
        #expect(result.standardOutput.contains("It does not have HTTP ok status."))
    }

    @Test func theOutputIsTheSameOnEveryRun() throws {
        let arguments = ["specs/cors-multi-origin/openapi.yaml", "--cors", "specs/cors-multi-origin/cors.yaml", "--path", "/orders/7",
            "--origin", "https://pr-1.preview.example.com", "--method", "PUT", "--header", "Content-Type: application/json", "--credentials"]
        let first = try preflight(arguments)
        let second = try preflight(arguments)
        #expect(first.status == 0)
        #expect(first.standardOutput == second.standardOutput)
        #expect(first.standardOutput.contains("      from $context.responseOverride in the application/json response template\n"))
    }

    @Test func jsonCarriesTheVerdict() throws {
        let result = try preflight(
            Self.petstore + ["--path", "/pets", "--origin", "https://evil.example.com", "--format", "json"])
        #expect(result.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let verdict = document?["verdict"] as? [String: Any]
        #expect(verdict?["allowed"] as? Bool == false)
        #expect(verdict?["summary"] as? String == "blocked: origin not allowed")
        #expect(document?["preflight"] is NSNull)
    }

    @Test(arguments: [
        ["--path", "/pets", "--origin", "https://shop.example.com/"],
        ["--path", "/pets", "--origin", "shop.example.com"],
        ["--path", "pets", "--origin", "https://shop.example.com"],
        ["--path", "/pets", "--origin", "https://shop.example.com", "--method", "TRACE"],
        ["--path", "/pets", "--origin", "https://shop.example.com", "--header", "Bad Name: x"],
        ["--origin", "https://shop.example.com"],
    ])
    func aWrongCommandLineExits64(_ arguments: [String]) throws {
        let result = try preflight(Self.petstore + arguments)
        #expect(result.status == 64)
        #expect(result.standardOutput == "")
    }

    @Test func aBrokenSpecExitsTwoAndPrintsNoReport() throws {
        let result = try preflight(["specs/ref-missing-target/openapi.yaml", "--path", "/", "--origin", "https://a.example"])
        #expect(result.status == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError.contains("error:"))
    }

    /// A path copied from the address bar, stage and all, is the same request as the path
    /// under the stage, and the command says how it read it (it used to ask for /v1/v1/pets).
    @Test func aPathWithTheStageIsReadAsTheBrowsersAndSaidSo() throws {
        let common = ["preflight", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "--origin", "https://shop.example.com"]
        let plain = try CommandRunner.run(common + ["--path", "/pets"], in: ConvertCommandTests.root)
        let staged = try CommandRunner.run(common + ["--path", "/v1/pets"], in: ConvertCommandTests.root)
        let url = try CommandRunner.run(
            common + ["--path", "https://abc123.execute-api.eu-west-1.amazonaws.com/v1/pets"], in: ConvertCommandTests.root)
        #expect(plain.status == 0 && staged.status == 0 && url.status == 0)
        #expect(staged.standardOutput == plain.standardOutput)
        // The whole URL is the same request, quoted with the host the page calls.
        #expect(url.standardOutput.contains("GET https://abc123.execute-api.eu-west-1.amazonaws.com/v1/pets\n"))
        #expect(
            url.standardOutput.replacing("https://abc123.execute-api.eu-west-1.amazonaws.com", with: "https://api-id.execute-api.region.amazonaws.com")
                == plain.standardOutput)
        #expect(!plain.standardOutput.contains("/v1/v1/"))
        let withoutNote = { (text: String) in text.split(separator: "\n").filter { !$0.contains("note: [PLAN038]") }.joined(separator: "\n") }
        #expect(withoutNote(staged.standardError) == "understood: --path /v1/pets names the stage v1: the request is for /pets on stage v1")
        #expect(withoutNote(plain.standardError).isEmpty)
    }

    /// A request the policy refuses ends with the edit that lets it through, at its line.
    @Test func aBlockedRequestEndsWithThePolicyEditThatFixesIt() throws {
        let result = try CommandRunner.run(
            ["preflight", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "--origin", "https://shop.example.com",
             "--path", "/pets/7", "--method", "DELETE", "--header", "X-Trace: 1"],
            in: ConvertCommandTests.root)
        #expect(result.status == 1)
        #expect(result.standardOutput.hasSuffix("\nFix: add x-trace to allowHeaders (specs/petstore/cors.yaml:5:15)\n"), "\(result.standardOutput.suffix(200))")
        // An allowed request, or a template (no policy decides it), gets no fix line.
        let allowed = try CommandRunner.run(
            ["preflight", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "--origin", "https://shop.example.com",
             "--path", "/pets"],
            in: ConvertCommandTests.root)
        #expect(allowed.status == 0 && !allowed.standardOutput.contains("Fix:"))
    }

    /// A request blocked for a reason other than the origin list never gets "add ORIGIN to
    /// allowOrigins" for an origin the policy allows: a wrong stage is told to call the
    /// right URL, a proxy's backend to send the header, a spec's own OPTIONS to be replaced.
    @Test(arguments: [
        (["specs/cors-multi-origin/openapi.yaml", "--cors", "specs/cors-multi-origin/cors.yaml", "--path", "/v2/orders",
          "--origin", "https://shop.example.com"],
         "Fix: the URL reaches no method of the API"),
        (["specs/backend-lambda-proxy/openapi.yaml", "--cors", "specs/backend-lambda-proxy/cors.yaml", "--backend", "lambda",
          "--path", "/pets/7", "--origin", "https://shop.example.com"],
         "Fix: GET /pets/{petId} is a proxy integration, whose response API Gateway passes through, so its backend must send"),
        (["specs/cors-existing-options/openapi.yaml", "--cors", "specs/cors-existing-options/cors.yaml", "--path", "/orders",
          "--method", "DELETE", "--origin", "https://shop.example.com"],
         "Fix: OPTIONS /orders is the spec's own operation, which the policy leaves as written; set existingOptions: replace"),
    ])
    func aBlockedRequestWhoseOriginIsAllowedGetsTheFixForItsRealCause(arguments: [String], fix: String) throws {
        let result = try CommandRunner.run(["preflight"] + arguments, in: ConvertCommandTests.root)
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("\n" + fix), "\(result.standardOutput.suffix(400))")
        #expect(!result.standardOutput.contains("to allowOrigins"))
    }

    /// Under `*/*` as a binary media type a MOCK preflight without CONVERT_TO_TEXT fails
    /// with 500: preflight says so, as the doctor's DOC013 does for the same template.
    @Test func aBinaryPreflightWithoutConvertToTextFailsAsTheDoctorSays() throws {
        let result = try CommandRunner.run(
            ["preflight", "specs/doctor-binary-preflight/template.yaml", "--path", "/photos", "--method", "PUT", "--origin", "https://app.example.com"],
            in: ConvertCommandTests.root)
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("gateway response API_CONFIGURATION_ERROR (the API treats */* as binary"))
        #expect(result.standardOutput.contains("Verdict: blocked: preflight status 500"))
    }

    /// A custom domain's URL has no stage in it: the report quotes it as given. The json
    /// report carries the fix the text report ends with; credentials against `*` get theirs;
    /// a template that chose no origin says it ran.
    @Test func aCustomDomainAJSONFixCredentialsAgainstStarAndASilentTemplate() throws {
        let root = ConvertCommandTests.root
        let custom = try CommandRunner.run(
            ["preflight", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "--path", "https://api.example.com/pets",
             "--origin", "https://shop.example.com"], in: root)
        #expect(custom.standardOutput.contains("GET https://api.example.com/pets\n"))
        #expect(!custom.standardOutput.contains("/v1/"))
        let json = try CommandRunner.run(
            ["preflight", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "--path", "/pets",
             "--origin", "https://evil.example.com", "--format", "json"], in: root)
        let document = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let verdict = document?["verdict"] as? [String: Any]
        #expect(verdict?["fix"] as? String == "add https://evil.example.com to allowOrigins (specs/petstore/cors.yaml:4:3)")
        let star = try CommandRunner.run(
            ["preflight", "specs/cors-root-path/openapi.yaml", "--cors", "specs/cors-root-path/cors.yaml", "--path", "/health",
             "--origin", "https://x.example", "--credentials"], in: root)
        #expect(star.standardOutput.contains("\nFix: allowOrigins is * (specs/cors-root-path/cors.yaml:1:15), which a browser refuses"))
        let silent = try CommandRunner.run(
            ["preflight", "specs/cors-multi-origin/openapi.yaml", "--cors", "specs/cors-multi-origin/cors.yaml", "--path", "/orders/7",
             "--origin", "https://evil.example.com", "--method", "PUT", "--credentials"], in: root)
        #expect(silent.standardOutput.contains("response template of integration response 200 ran and set no Access-Control-Allow-Origin"))
    }

    /// A validator that checks parameters refuses a request without a required one with
    /// BAD_REQUEST_PARAMETERS, which the page reads: the policy's origin and the reason.
    @Test func aMissingRequiredParameterIsRefusedWithAReasonThePageReads() throws {
        let result = try CommandRunner.run(
            ["preflight", "specs/validation-setting/openapi.yaml", "--cors", "specs/validation-setting/cors.yaml", "--config",
             "specs/validation-setting/options.yaml", "--path", "/signups", "--method", "POST", "--origin", "https://signup.example.com",
             "--header", "Content-Type: application/json"],
            in: ConvertCommandTests.root)
        #expect(result.status == 0, "the page reads the 400")
        #expect(result.standardOutput.contains("produced by: gateway response BAD_REQUEST_PARAMETERS (validator all requires method.request.querystring.campaign"))
        #expect(result.standardOutput.contains(#"body: {"message": "Missing required request parameters: [campaign]", "validationErrors": "Missing required request parameters: [campaign]"}"#))
        #expect(result.standardOutput.contains("Verdict: allowed; the page reads status 400"))
    }

    /// Several origins with cookies: API Gateway's own 403 for a path it does not have is
    /// readable by the page on the policy's gatewayResponseOrigin, and a CORS error elsewhere.
    /// (The end-to-end tier cannot show this: LocalStack applies only a gateway response's
    /// status, docs/testing.md.)
    @Test(arguments: [("https://shop.example.com", 0, "Verdict: allowed; the page reads status 403"), ("https://admin.example.com", 1, "Verdict: blocked: origin not allowed")])
    func apiGatewaysOwnErrorsAnswerTheNamedOrigin(origin: String, status: Int32, verdict: String) throws {
        let result = try CommandRunner.run(
            ["preflight", "specs/cors-multi-origin-errors/openapi.yaml", "--cors", "specs/cors-multi-origin-errors/cors.yaml",
             "--origin", origin, "--path", "/nothing", "--credentials"],
            in: ConvertCommandTests.root)
        #expect(result.status == status)
        #expect(result.standardOutput.contains(verdict), "\(result.standardOutput.suffix(300))")
    }
}
