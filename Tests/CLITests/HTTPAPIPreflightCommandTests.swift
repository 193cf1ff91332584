import Foundation
import Testing

/// `oas2apigw preflight` on an HTTP API: API Gateway answers the preflight from the CORS
/// configuration whatever the path, the configuration's headers replace the backend's, the
/// fix names the policy even for a proxy backend, and `--api` holds a definition to its kind.
///
/// The rules: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
/// ("API Gateway ignores CORS headers returned from your backend integration", preflights
/// answered without an OPTIONS route).
@Suite struct HTTPAPIPreflightCommandTests {
    static let root = PreflightCommandTests.root

    /// The pet store planned as an HTTP API with a Lambda backend.
    static let spec = [
        "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "--api", "http",
        "--backend", "lambda:arn:aws:lambda:us-east-1:123456789012:function:f",
    ]

    func preflight(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(["preflight"] + arguments, in: Self.root)
    }

    @Test func aSpecPlannedAsAnHTTPAPIAnswersAnAllowedOriginFromItsConfiguration() throws {
        let result = try preflight(
            Self.spec + ["--path", "/pets/7", "--origin", "https://shop.example.com", "--method", "DELETE", "--header", "X-Api-Key: k"])
        #expect(result.status == 0, "\(result.standardError)")
        // The only diagnostic: an HTTP API checks no API key.
        #expect(result.standardError.split(separator: "\n").map { $0.contains("warning: [HTTP012]") } == [true, false])
        let out = result.standardOutput
        // The $default stage is served at the base URL, without its name.
        #expect(out.contains("1. Preflight request the browser sends\n  OPTIONS https://api-id.execute-api.region.amazonaws.com/pets/7\n"))
        #expect(
            out.contains(
                """
                2. API Gateway's answer to the preflight
                  route: none
                  produced by: API Gateway's own answer to a preflight, from the API's CORS configuration
                  status: 204
                  access-control-allow-origin: https://shop.example.com
                      from allowOrigins of the API's CORS configuration
                  access-control-allow-methods: GET,POST,DELETE
                      from allowMethods of the API's CORS configuration
                  access-control-allow-headers: Content-Type,X-Api-Key
                      from allowHeaders of the API's CORS configuration
                  access-control-max-age: 600
                      from maxAge of the API's CORS configuration

                """))
        #expect(
            out.contains(
                """
                4. API Gateway's answer to the actual request
                  route: DELETE /pets/{petId}
                  produced by: AWS_PROXY integration (the backend's answer, assumed 200)
                  status: 200
                  access-control-allow-origin: https://shop.example.com
                      from allowOrigins of the API's CORS configuration

                """))
        #expect(out.hasSuffix("Verdict: allowed; the page reads status 200\n"))
    }

    /// A refused origin of a Lambda proxy route: the fix is the policy's allowOrigins, which
    /// becomes the CORS configuration, never the backend (whose CORS headers are dropped).
    @Test func aRefusedOriginIsFixedInThePolicyNotTheBackend() throws {
        let result = try preflight(Self.spec + ["--path", "/pets", "--origin", "https://evil.example.com"])
        #expect(result.status == 1)
        let out = result.standardOutput
        #expect(out.contains("  route: GET /pets\n  produced by: AWS_PROXY integration (the backend's answer, assumed 200)\n  status: 200\n  (no headers the browser checks)\n"))
        #expect(out.contains("Verdict: blocked: no Access-Control-Allow-Origin\n"))
        #expect(out.hasSuffix("\nFix: add https://evil.example.com to allowOrigins (specs/petstore/cors.yaml:4:3)\n"))
        #expect(!out.contains("backend must send"))
        // A path no route takes: the preflight would pass, the request gets 404 Not Found.
        let nowhere = try preflight(Self.spec + ["--path", "/owners", "--origin", "https://evil.example.com"])
        #expect(nowhere.status == 1)
        #expect(
            nowhere.standardOutput.hasSuffix(
                "\nFix: the URL reaches no route of the API (no route matches GET /owners and the API has no $default route), so "
                    + "call one it has; the browser then reports a CORS error, not the 404, because add https://evil.example.com "
                    + "to allowOrigins (specs/petstore/cors.yaml:4:3)\n"))
    }

    /// A template of an HTTP API: the listed origin is echoed with credentials, the
    /// backend's own CORS header is dropped, and another origin gets no CORS headers.
    @Test func anHTTPAPITemplateAnswersAllowedAndRefusedOrigins() throws {
        let template = "golden/http-lambda-jwt/cloudformation.yaml"
        let fetch = ["--path", "/orders", "--header", "Authorization: Bearer t", "--credentials"]
        let allowed = try preflight(
            [template] + fetch + ["--origin", "https://shop.example.com", "--backend-header", "Access-Control-Allow-Origin: *"])
        #expect(allowed.status == 0, "\(allowed.standardError)")
        #expect(allowed.standardError == "")
        let out = allowed.standardOutput
        #expect(out.contains("  status: 204\n  access-control-allow-origin: https://shop.example.com\n      from allowOrigins of the API's CORS configuration\n  access-control-allow-credentials: true\n"))
        #expect(out.contains("  note: the backend's Access-Control-Allow-Origin is dropped: the API's CORS configuration decides the CORS headers\n"))
        #expect(out.contains("  note: the token is assumed valid for the authorizer shopLogin and to carry one of orders.read\n"))
        #expect(out.hasSuffix("Verdict: allowed; the page reads status 200\n"))
        let refused = try preflight([template] + fetch + ["--origin", "https://evil.example.com"])
        #expect(refused.status == 1)
        #expect(
            refused.standardOutput.contains(
                "  note: origin https://evil.example.com is not among allowOrigins (https://shop.example.com, https://staff.shop.example.com), so the answer carries no CORS headers\n"))
        #expect(refused.standardOutput.contains("3. Actual request: not sent, the preflight failed\n"))
        // A template's fix is the template's to make: no policy edit is printed.
        #expect(!refused.standardOutput.contains("Fix:"))
    }

    /// `--api` names the kind a template is not: an error at the template's API (exit 2),
    /// and nothing simulated.
    @Test func apiOfTheOtherKindThanTheDefinitionIsAnError() throws {
        let result = try preflight(
            ["golden/http-lambda-jwt/cloudformation.yaml", "--api", "rest", "--path", "/orders", "--origin", "https://shop.example.com"])
        #expect(result.status == 2)
        #expect(result.standardOutput == "")
        #expect(
            result.standardError.hasPrefix(
                "golden/http-lambda-jwt/cloudformation.yaml:10:3: error: [READ007] the template's API is an HTTP API "
                    + "(AWS::ApiGatewayV2::Api), but --api rest asks for a REST API; a template says its kind by its resource "
                    + "types, so drop --api or give the template of a REST API\n"))
        let document = try preflight(
            ["golden/http-lambda-jwt/openapi.yaml", "--api", "rest", "--path", "/orders", "--origin", "https://shop.example.com"])
        #expect(document.status == 2)
        #expect(document.standardError.contains("error: [READ007] the document describes an HTTP API (it writes x-amazon-apigateway-"))
        let agreeing = try preflight(
            ["golden/http-lambda-jwt/cloudformation.yaml", "--api", "http", "--path", "/orders", "--origin", "https://shop.example.com"])
        #expect(agreeing.status == 0)
    }
}
