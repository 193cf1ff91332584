import Testing
import CORSDoctor
import Planning
import Spec
import Diagnostics
import TestSupport

/// On a spec planned with a policy, a fault the policy decides also says the edit to the
/// policy file (what `preflight` says after a blocked verdict), and a fault in an OPTIONS
/// the spec writes itself says that the policy does not reach it.
@Suite struct DoctorPolicyEditTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: t, version: '1'}
        paths:
          /pets:
            get:
              responses:
                '200': {description: ok}
            put:
              responses:
                '200': {description: ok}
          /own:
            put:
              responses:
                '200': {description: ok}
            options:
              responses:
                '200':
                  description: preflight
                  headers:
                    Access-Control-Allow-Origin: {schema: {type: string}}
                    Access-Control-Allow-Methods: {schema: {type: string}}
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates: {application/json: '{"statusCode": 200}'}
                responses:
                  default:
                    statusCode: '200'
                    responseParameters:
                      method.response.header.Access-Control-Allow-Origin: "'https://a.example'"
                      method.response.header.Access-Control-Allow-Methods: "'GET,OPTIONS'"
        """

    static func findings(policy: String?) -> [Diagnostic] {
        let reader = InMemorySpecFiles(["openapi.yaml": spec])
        return Doctor.examine(
            source: "openapi.yaml", reader: reader, policy: policy.map { PolicyInput(bytes: Array($0.utf8), file: "cors.yaml") })
    }

    static func policyEdits(_ findings: [Diagnostic], _ code: String) -> [String] {
        findings.filter { $0.code == code }.flatMap(\.notes).map(\.message).filter { $0.hasPrefix("in the policy: ") }
    }

    @Test func aMethodARuleLeavesOutNamesTheRuleLine() {
        let policy = "allowOrigins: [https://a.example]\nrules:\n  - paths: [/pets]\n    allowMethods: [GET]\n"
        let found = Self.findings(policy: policy).filter { $0.message.contains("OPTIONS /pets ") }
        #expect(found.map(\.code) == [DoctorCode.methodNotAllowed.id])
        #expect(Self.policyEdits(found, DoctorCode.methodNotAllowed.id) == ["in the policy: add PUT to allowMethods of rule 1 (cors.yaml:4:19)"])
    }

    @Test func aFaultInTheSpecsOwnOptionsIsTheSpecsToFix() {
        let withPolicy = Self.findings(policy: "allowOrigins: [https://a.example]\n")
        let own = withPolicy.filter { $0.code == DoctorCode.methodNotAllowed.id && $0.message.contains("OPTIONS /own ") }
        #expect(own.count == 1)
        #expect(
            Self.policyEdits(own, DoctorCode.methodNotAllowed.id)
                == ["in the policy: OPTIONS /own is the spec's own operation, kept as written; correct it in the spec, or delete it "
                    + "and the policy writes the preflight"])
        #expect(own.first?.location?.file == "openapi.yaml")
    }

    @Test func aTemplateOrADocumentGetsNoPolicyEdit() {
        let findings = Doctor.examine(source: "specs/doctor-allow-methods-omits/gateway.yaml", reader: CorpusFiles(), policy: nil)
        #expect(findings.map(\.code).contains(DoctorCode.allowedOriginMethodNotAllowed.id))
        #expect(findings.flatMap(\.notes).allSatisfy { !$0.message.hasPrefix("in the policy: ") })
    }

    /// Several origins with cookies and no gatewayResponseOrigin: API Gateway's own errors
    /// are found at the policy's line, with the key that names the origin they carry.
    @Test func gatewayResponsesWithoutTheOriginAreThePolicysToFix() {
        let policy = "allowOrigins: [https://a.example, https://b.example]\nallowCredentials: true\n"
        let found = Self.findings(policy: policy).filter { $0.code == DoctorCode.gatewayResponseWithoutCORS.id }
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.location?.file == "cors.yaml" && $0.location?.line == 2 })
        #expect(
            Self.policyEdits(found, DoctorCode.gatewayResponseWithoutCORS.id).first
                == "in the policy: API Gateway's own answers (here DEFAULT_4XX) carry no origin when several origins call with "
                + "credentials; name the one they carry with gatewayResponseOrigin: https://a.example in cors.yaml")
        let named = policy + "gatewayResponseOrigin: https://a.example\n"
        #expect(Self.findings(policy: named).filter { $0.code == DoctorCode.gatewayResponseWithoutCORS.id }.isEmpty)
    }
}
