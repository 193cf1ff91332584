import CORSDoctor
import Diagnostics
import Testing
import YAML
import Plan
import CORS
import Spec
import Planning

/// A preflight allows every request header its path's methods send, whatever the policy
/// forgot: the browser blocks a call whose header the preflight leaves out.
@Suite struct PreflightRequestHeadersTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: Ledger, version: "1"}
        security: [{ledgerKey: []}]
        paths:
          /entries:
            get:
              parameters:
                - {name: X-Request-Id, in: header, schema: {type: string}}
                - {name: Accept-Language, in: header, schema: {type: string}}
              responses: {"200": {description: ok}}
            post:
              security: [{bearer: []}]
              requestBody: {content: {application/json: {schema: {type: object}}}}
              responses: {"201": {description: added}}
          /public:
            get:
              security: []
              responses: {"200": {description: ok}}
        components:
          securitySchemes:
            ledgerKey: {type: apiKey, in: header, name: api_key}
            bearer: {type: http, scheme: bearer}
        """

    func plan(cors: String) throws -> (GatewayPlan, [Diagnostic]) {
        let root = try YAMLReader.read(Array(Self.spec.utf8), file: "openapi.yaml")
        let (model, _) = APIModelBuilder.build(from: LoadedSpec(entryFile: "openapi.yaml", root: root))
        let policy = try CORSPolicyReader.read(Array(cors.utf8), file: "cors.yaml").policy
        return GatewayPlanner().plan(model, document: root, cors: policy)
    }

    func allowedHeaders(_ plan: GatewayPlan, _ path: String) throws -> [String] {
        let options = try #require(plan.resource(at: path)?.method("OPTIONS"))
        let value = try #require(
            options.integration.responses.first?.responseParameters.first {
                $0.name == "method.response.header.Access-Control-Allow-Headers"
            }?.value)
        return value.dropFirst().dropLast().split(separator: ",").map(String.init)
    }

    @Test func theDeclaredHeadersTheSchemesHeadersAndContentTypeAreAllowed() throws {
        let (plan, diagnostics) = try plan(cors: "allowOrigins: [https://books.example.com]\nallowHeaders: [X-Request-Id]\n")
        // The policy's own list first, then what the methods send, in the order found.
        #expect(try allowedHeaders(plan, "/entries") == ["X-Request-Id", "api_key", "Content-Type", "Authorization"])
        #expect(try allowedHeaders(plan, "/public") == ["X-Request-Id"])
        let notes = diagnostics.filter { $0.code == "PLAN010" }
        #expect(notes.map(\.severity) == [.note, .note, .note])
        #expect(notes.first?.message.contains("add api_key to allowHeaders") == true)
    }

    @Test func aWildcardCoversEverythingButAuthorization() throws {
        let (plan, _) = try plan(cors: "allowOrigins: [https://books.example.com]\nallowHeaders: ['*']\n")
        #expect(try allowedHeaders(plan, "/entries") == ["*", "Authorization"])
    }

    @Test func withCredentialsAWildcardIsAPlainName() throws {
        let (plan, _) = try plan(
            cors: "allowOrigins: [https://books.example.com]\nallowCredentials: true\nallowHeaders: [x-request-id]\n")
        // Header names ignore case: the policy's spelling stands for the spec's.
        #expect(try allowedHeaders(plan, "/entries") == ["x-request-id", "api_key", "Content-Type", "Authorization"])
    }

    @Test func theDoctorFindsNothingMissingInThePlan() throws {
        let (plan, _) = try plan(cors: "allowOrigins: [https://books.example.com]\nallowHeaders: [X-Request-Id]\n")
        #expect(Doctor.examine(plan).filter { $0.code == "DOC006" } == [])
    }
}
