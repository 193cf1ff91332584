import Foundation
import Testing

/// `convert --api http`: the same spec and policy as an HTTP API, the option winning over the
/// settings file, and a value it does not take refused before anything is read.
@Suite struct ConvertHTTPAPICommandTests {
    static let root = ConvertCommandTests.root
    static let folder = "specs/http-lambda-jwt"

    @Test func theOptionMakesTheCaseAnHTTPAPIAsItsSettingsDo() throws {
        // The case's options.yaml says api: http; without it, --api http gives the same template.
        let settings = try String(contentsOf: Self.root.appendingPathComponent("\(Self.folder)/options.yaml"), encoding: .utf8)
        let restSettings = try CommandRunner.temporaryDirectory().appendingPathComponent("options.yaml")
        try settings.replacing("api: http\n", with: "").write(to: restSettings, atomically: true, encoding: .utf8)
        let arguments = ["convert", "\(Self.folder)/openapi.yaml", "--cors", "\(Self.folder)/cors.yaml", "--config", restSettings.path]
        let result = try CommandRunner.run(arguments + ["--api", "http"], in: Self.root)
        #expect(result.status == 0, "\(result.standardError)")
        let golden = try String(contentsOf: Self.root.appendingPathComponent("golden/http-lambda-jwt/cloudformation.yaml"), encoding: .utf8)
        #expect(result.standardOutput == golden)
        #expect(result.standardError.hasSuffix(
            "wrote a CloudFormation template of an HTTP API to standard output: 4 routes, 2 authorizers, a CORS configuration "
                + "(\(golden.utf8.count) bytes)\n"))
        // And --api rest wins over the file's api: http.
        let rest = try CommandRunner.run(
            ["convert", "\(Self.folder)/openapi.yaml", "--config", "\(Self.folder)/options.yaml", "--api", "rest"], in: Self.root)
        #expect(rest.status == 0, "\(rest.standardError)")
        #expect(rest.standardOutput.contains("AWS::ApiGateway::RestApi"))
        #expect(!rest.standardOutput.contains("AWS::ApiGatewayV2"))
    }

    @Test func aKindItDoesNotKnowIsRefusedWithTheChoices() throws {
        let result = try CommandRunner.run(["convert", "specs/petstore/openapi.yaml", "--api", "websocket"], in: Self.root)
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --api takes rest or http, not websocket\n"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func aSpecWithoutIntegrationsNeedsABackendAsAnHTTPAPI() throws {
        let result = try CommandRunner.run(["convert", "specs/petstore/openapi.yaml", "--api", "http"], in: Self.root)
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains(
            "specs/petstore/openapi.yaml:18:5: error: [HTTP001] GET /pets and 3 more carry no x-amazon-apigateway-integration"))
    }
}
