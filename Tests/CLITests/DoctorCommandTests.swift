import Foundation
import Testing

@Suite struct DoctorCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func exitsOneAndSaysWhatTheBrowserDoesWhenItFindsAnError() throws {
        let result = try CommandRunner.run(["doctor", "specs/doctor-unquoted-value/template.yaml"], in: Self.root)
        #expect(result.status == 1)
        #expect(result.standardOutput == "")
        #expect(result.standardError.contains("template.yaml:47:67: error: [DOC003]"))
        #expect(result.standardError.contains("note: a browser: "))
    }

    @Test func exitsZeroOnWhatConvertGenerates() throws {
        for output in ["golden/petstore/cloudformation.yaml", "golden/petstore/openapi.yaml"] {
            let result = try CommandRunner.run(["doctor", output], in: Self.root)
            #expect(result.status == 0, "\(output): \(result.standardError)")
            // A clean run says so, on the summary line --quiet silences.
            #expect(result.standardError == "no CORS faults found in \(output)\n")
            let quiet = try CommandRunner.run(["doctor", output, "--quiet"], in: Self.root)
            #expect(quiet.standardError == "")
        }
    }

    @Test func plansASpecWithAPolicy() throws {
        let bare = try CommandRunner.run(["doctor", "specs/petstore/openapi.yaml"], in: Self.root)
        #expect(bare.status == 0)
        #expect(bare.standardError.contains("[DOC000]"))
        let planned = try CommandRunner.run(
            ["doctor", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml"], in: Self.root)
        #expect(planned.status == 0)
        #expect(planned.standardError == "no CORS faults found in specs/petstore/openapi.yaml\n")
    }

    /// A warning about the policy is about the input: under --strict it exits 2, as in
    /// every other command, not 1 as a fault the doctor found would.
    @Test func aPolicyWarningUnderStrictIsAnInputError() throws {
        let folder = try CommandRunner.temporaryDirectory()
        try "allowOrigins: [http://app.example.com]\n".write(to: folder.appendingPathComponent("cors.yaml"), atomically: true, encoding: .utf8)
        let spec = Self.root.appendingPathComponent("specs/petstore/openapi.yaml").path
        let plain = try CommandRunner.run(["doctor", spec, "--cors", "cors.yaml"], in: folder)
        #expect(plain.status == 0)
        #expect(plain.standardError.contains("warning: [CORS019]"))
        #expect(plain.standardError.hasSuffix("no CORS faults found in \(spec) beyond the warnings above\n"))
        let strict = try CommandRunner.run(["doctor", spec, "--cors", "cors.yaml", "--strict"], in: folder)
        #expect(strict.status == 2)
    }

    /// A Body beside a CorsConfiguration loses the body's CORS: the reader's warning reaches
    /// the report, and the summary does not call the API free of CORS faults without it.
    @Test func aReadersCORSWarningIsReportedAndKeptInTheSummary() throws {
        let source = "specs/doctor-http-body-and-cors-configuration/template.yaml"
        let result = try CommandRunner.run(["doctor", source], in: Self.root)
        #expect(result.status == 0)
        #expect(result.standardError.hasPrefix("\(source):9:7: warning: [READ031] CatalogueApi has both a Body and a CorsConfiguration"))
        #expect(result.standardError.hasSuffix("\n1 warning\nno CORS faults found in \(source) beyond the warnings above\n"))
        let strict = try CommandRunner.run(["doctor", source, "--strict"], in: Self.root)
        #expect(strict.status == 2)
    }

    @Test func takesParameterValues() throws {
        let template = Data(
            """
            Parameters: {Origin: {Type: String}}
            Resources:
              Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: a}}
              Options:
                Type: AWS::ApiGateway::Method
                Properties:
                  ResourceId: !GetAtt Api.RootResourceId
                  HttpMethod: OPTIONS
                  AuthorizationType: NONE
                  Integration:
                    Type: MOCK
                    IntegrationResponses:
                      - StatusCode: 200
                        ResponseParameters:
                          method.response.header.Access-Control-Allow-Origin: !Ref Origin
                          method.response.header.Access-Control-Allow-Methods: "'GET'"
                  MethodResponses:
                    - StatusCode: 200
                      ResponseParameters:
                        method.response.header.Access-Control-Allow-Origin: true
                        method.response.header.Access-Control-Allow-Methods: true

            """.utf8)
        let unknown = try CommandRunner.run(["doctor", "-"], input: template)
        #expect(unknown.standardError.contains("[READ010]"))
        #expect(!unknown.standardError.contains("[DOC003]"))
        let given = try CommandRunner.run(["doctor", "-", "--parameter", "Origin=https://a.example.com"], input: template)
        #expect(given.status == 1)
        #expect(given.standardError.contains("<stdin>:15:67: error: [DOC003] the value https://a.example.com"))
    }

    @Test func exitsTwoWhenTheSourceCannotBeRead() throws {
        let result = try CommandRunner.run(["doctor", "-"], input: Data("Resources:\n  Bucket: {Type: AWS::S3::Bucket}\n".utf8))
        #expect(result.status == 2)
        #expect(result.standardError.contains("[READ002]"))
    }

    /// A template whose PUT, and GET, answer with `carriedHeaders` beside a preflight whose
    /// Allow-Methods is 'OPTIONS,POST'.
    static func template(carriedHeaders: [String]) -> Data {
        func method(_ verb: String) -> [String] {
            var lines = [
                "  \(verb.capitalized):", "    Type: AWS::ApiGateway::Method", "    Properties:", "      RestApiId: !Ref Api",
                "      ResourceId: !GetAtt Api.RootResourceId", "      HttpMethod: \(verb)", "      AuthorizationType: NONE",
                "      Integration:", "        Type: MOCK", "        IntegrationResponses:", "          - StatusCode: 200",
            ]
            if !carriedHeaders.isEmpty { lines.append("            ResponseParameters:") }
            lines += carriedHeaders.map { "              method.response.header.\($0): \"'https://a.example'\"" }
            lines += ["      MethodResponses:", "        - StatusCode: 200"]
            if !carriedHeaders.isEmpty { lines.append("          ResponseParameters:") }
            lines += carriedHeaders.map { "            method.response.header.\($0): true" }
            return lines
        }
        let preflight = """
              Options:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: !Ref Api
                  ResourceId: !GetAtt Api.RootResourceId
                  HttpMethod: OPTIONS
                  AuthorizationType: NONE
                  Integration:
                    Type: MOCK
                    IntegrationResponses:
                      - StatusCode: 200
                        ResponseParameters:
                          method.response.header.Access-Control-Allow-Origin: "'https://a.example'"
                          method.response.header.Access-Control-Allow-Methods: "'OPTIONS,POST'"
                  MethodResponses:
                    - StatusCode: 200
                      ResponseParameters:
                        method.response.header.Access-Control-Allow-Origin: true
                        method.response.header.Access-Control-Allow-Methods: true
            """
        let lines = ["Resources:", "  Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: a}}"] + method("GET") + method("PUT") + [preflight]
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// A method whose responses carry Access-Control-Allow-Origin is meant for other origins,
    /// so a preflight that leaves it out blocks every such call: an error, and exit status 1.
    /// GET is never checked against Allow-Methods, so it is not named.
    @Test func aMethodWithAllowOriginThePreflightLeavesOutIsAnError() throws {
        let result = try CommandRunner.run(["doctor", "-"], input: Self.template(carriedHeaders: ["Access-Control-Allow-Origin", "Vary"]))
        #expect(result.status == 1, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "<stdin>:54:68: error: [DOC021] Access-Control-Allow-Methods of OPTIONS / is 'OPTIONS,POST' and omits PUT, whose responses "
                    + "carry Access-Control-Allow-Origin, so the browser blocks every call of it from another origin; add it to the list, "
                    + "or remove its CORS headers if it is not meant for other origins\n"
                    + "<stdin>:54:68: note: a browser: Method PUT is not allowed by Access-Control-Allow-Methods in preflight response\n"),
            "\(result.standardError)")
        #expect(!result.standardError.contains("[DOC005]"))
        #expect(!result.standardError.contains("omits GET"))
    }

    /// Without Access-Control-Allow-Origin the method may be same-origin on purpose: a warning.
    @Test func aMethodWithoutAllowOriginThePreflightLeavesOutIsAWarning() throws {
        let result = try CommandRunner.run(["doctor", "-"], input: Self.template(carriedHeaders: []))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains(
            "warning: [DOC005] Access-Control-Allow-Methods of OPTIONS / is 'OPTIONS,POST' and omits PUT; add it to the list if pages on "
                + "other origins call it\n"), "\(result.standardError)")
        #expect(!result.standardError.contains("[DOC021]"))
    }
}
