import Diagnostics
import Testing
import YAML
import Plan
import CORS
import CORSDoctor
import Spec
import Planning

/// A method the policy keeps same-origin (a rule turns it off, or the preflight's
/// Allow-Methods leaves it out) gets no CORS headers, so nothing in the output says pages on
/// other origins may call what the browser blocks at the preflight.
@Suite struct SameOriginMethodsTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: Orders, version: "1"}
        paths:
          /orders/{orderId}:
            parameters: [{name: orderId, in: path, required: true, schema: {type: string}}]
            get: {responses: {"200": {description: one order}}}
            put: {responses: {"200": {description: replaced}}}
            delete: {responses: {"204": {description: removed}}}
        """

    func plan(cors: String, spec: String = Self.spec) throws -> GatewayPlan {
        let root = try YAMLReader.read(Array(spec.utf8), file: "openapi.yaml")
        let (model, _) = APIModelBuilder.build(from: LoadedSpec(entryFile: "openapi.yaml", root: root))
        let policy = try CORSPolicyReader.read(Array(cors.utf8), file: "cors.yaml").policy
        return GatewayPlanner(settings: IntegrationSettings(backend: .mock)).plan(model, document: root, cors: policy).0
    }

    /// Whether any response of `verb` on the path carries a CORS header, declared or mapped.
    func carriesCORS(_ plan: GatewayPlan, _ verb: String) throws -> Bool {
        let method = try #require(plan.resource(at: "/orders/{orderId}")?.method(verb))
        let declared = method.methodResponses.flatMap(\.headers).contains { $0.hasPrefix("Access-Control-") || $0 == "Vary" }
        let mapped = method.integration.responses.contains { response in
            response.responseParameters.contains { $0.name.hasPrefix("method.response.header.Access-Control-") }
                || response.responseTemplates.contains { $0.value.contains("Access-Control-Allow-Origin") }
        }
        return declared || mapped
    }

    func allowMethods(_ plan: GatewayPlan) throws -> String? {
        let options = try #require(plan.resource(at: "/orders/{orderId}")?.method("OPTIONS"))
        return options.integration.responses.first?.responseParameters.first {
            $0.name == "method.response.header.Access-Control-Allow-Methods"
        }?.value
    }

    @Test func aMethodARuleTurnsOffGetsNoCORSHeaders() throws {
        let plan = try plan(
            cors: """
                allowOrigins: [https://shop.example.com, https://support.example.com]
                rules:
                  - paths: ["/orders/{orderId}"]
                    methods: [DELETE]
                    enabled: false
                """)
        #expect(try allowMethods(plan) == "'GET,PUT,OPTIONS'")
        #expect(try !carriesCORS(plan, "DELETE"))
        #expect(try carriesCORS(plan, "GET"))
        #expect(try carriesCORS(plan, "PUT"))
        #expect(Doctor.examine(plan).filter { $0.severity == .error }.isEmpty)
    }

    /// GET is never checked against Allow-Methods, so only a rule can keep it same-origin.
    @Test func aSafelistedMethodARuleTurnsOffGetsNoCORSHeaders() throws {
        let plan = try plan(
            cors: """
                allowOrigins: [https://shop.example.com]
                rules:
                  - paths: ["/orders/{orderId}"]
                    methods: [GET]
                    enabled: false
                """)
        #expect(try !carriesCORS(plan, "GET"))
        #expect(try carriesCORS(plan, "PUT"))
    }

    @Test func aMethodAllowMethodsLeavesOutGetsNoCORSHeaders() throws {
        let plan = try plan(cors: "allowOrigins: [https://shop.example.com]\nallowMethods: [PUT, OPTIONS]\n")
        #expect(try allowMethods(plan) == "'PUT,OPTIONS'")
        #expect(try !carriesCORS(plan, "DELETE"))
        #expect(try carriesCORS(plan, "PUT"))
        #expect(try carriesCORS(plan, "GET"), "a browser sends GET cross-origin whatever Allow-Methods lists")
        #expect(Doctor.examine(plan).filter { $0.severity == .error }.isEmpty)
    }

    /// The spec's own OPTIONS, kept as written, is the preflight browsers get: what its
    /// Allow-Methods leaves out is same-origin, whatever the policy would have listed.
    @Test func aMethodAKeptPreflightLeavesOutGetsNoCORSHeaders() throws {
        let spec = Self.spec + """

                options:
                  responses:
                    "200":
                      description: preflight
                      headers:
                        Access-Control-Allow-Origin: {schema: {type: string}}
                        Access-Control-Allow-Methods: {schema: {type: string}}
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default:
                        statusCode: "200"
                        responseParameters:
                          method.response.header.Access-Control-Allow-Origin: "'https://shop.example.com'"
                          method.response.header.Access-Control-Allow-Methods: "'GET,DELETE,OPTIONS'"
            """
        let plan = try plan(cors: "allowOrigins: [https://shop.example.com]\n", spec: spec)
        #expect(try !carriesCORS(plan, "PUT"))
        #expect(try carriesCORS(plan, "DELETE"))
        #expect(try carriesCORS(plan, "GET"))
        #expect(Doctor.examine(plan).filter { $0.severity == .error }.isEmpty, "\(Doctor.examine(plan).map(\.message))")
    }
}
