import Testing
import CORSDoctor
import Diagnostics
import Spec

/// Request validators a browser cannot get past: on a preflight, a path parameter no URL
/// has, and a 400 without the origin.
@Suite struct DoctorValidationTests {
    static func findings(_ template: String) -> [Diagnostic] {
        Doctor.examine(source: "template.yaml", reader: InMemorySpecFiles(["template.yaml": template]), policy: nil)
    }

    static let template = """
        Resources:
          Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: a}}
          Strict:
            Type: AWS::ApiGateway::RequestValidator
            Properties: {RestApiId: !Ref Api, Name: strict, ValidateRequestBody: false, ValidateRequestParameters: true}
          Items: {Type: AWS::ApiGateway::Resource, Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: items}}
          Get:
            Type: AWS::ApiGateway::Method
            Properties:
              RestApiId: !Ref Api
              ResourceId: !Ref Items
              HttpMethod: GET
              AuthorizationType: NONE
              RequestValidatorId: !Ref Strict
              RequestParameters: {method.request.path.itemId: true}
              Integration:
                Type: MOCK
                RequestTemplates: {application/json: '{"statusCode": 200}'}
                IntegrationResponses: [{StatusCode: "200", ResponseParameters: {method.response.header.Access-Control-Allow-Origin: "'https://a.example'"}}]
              MethodResponses: [{StatusCode: "200", ResponseParameters: {method.response.header.Access-Control-Allow-Origin: true}}]
          Options:
            Type: AWS::ApiGateway::Method
            Properties:
              RestApiId: !Ref Api
              ResourceId: !Ref Items
              HttpMethod: OPTIONS
              AuthorizationType: NONE
              RequestValidatorId: !Ref Strict
              RequestParameters: {method.request.header.X-Tenant: true}
              Integration:
                Type: MOCK
                RequestTemplates: {application/json: '{"statusCode": 200}'}
                IntegrationResponses:
                  - StatusCode: "200"
                    ResponseParameters:
                      method.response.header.Access-Control-Allow-Origin: "'https://a.example'"
                      method.response.header.Access-Control-Allow-Methods: "'GET,OPTIONS'"
              MethodResponses:
                - StatusCode: "200"
                  ResponseParameters: {method.response.header.Access-Control-Allow-Origin: true, method.response.header.Access-Control-Allow-Methods: true}
        """

    @Test func aValidatedPreflightAndAPathParameterNoURLHasAreErrors() {
        let findings = Self.findings(Self.template)
        let preflight = findings.filter { $0.code == DoctorCode.validatedPreflight.id }
        #expect(preflight.count == 1)
        #expect(preflight.first?.message.hasPrefix("OPTIONS /items is validated by strict, which requires method.request.header.X-Tenant") == true)
        #expect(preflight.first?.location?.line == 28, "at the RequestValidatorId")
        let never = findings.filter { $0.code == DoctorCode.validatorNeverPasses.id }
        #expect(never.count == 1)
        #expect(never.first?.message.contains("requires the path parameter itemId, which its path has no variable for") == true)
        // The 400 reaches the page as a CORS error: DEFAULT_4XX has no origin either.
        #expect(findings.contains { $0.code == DoctorCode.refusalWithoutCORS.id && $0.message.hasPrefix("BAD_REQUEST_PARAMETERS") })
    }

    @Test func withoutAValidatorNothingIsSaid() {
        let plain = Self.template.replacing("      RequestValidatorId: !Ref Strict\n", with: "")
        #expect(plain != Self.template)
        let findings = Self.findings(plain)
        #expect(!findings.contains { [DoctorCode.validatedPreflight.id, DoctorCode.validatorNeverPasses.id, DoctorCode.refusalWithoutCORS.id].contains($0.code) })
    }
}
