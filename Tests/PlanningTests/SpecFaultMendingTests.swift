import CORS
import CORSDoctor
import Diagnostics
import Plan
import Planning
import Render
import Spec
import Testing
import YAML

/// Faults public specs (often API Gateway exports) carry that would make API Gateway refuse
/// the output, each mended with a warning or refused at its place, so no written output is
/// one the doctor finds an error in.
@Suite struct SpecFaultMendingTests {
    /// The plan, the diagnostics as `CODE line:column`, and the doctor's errors on the plan.
    func planned(_ spec: String, cors: String = "allowOrigins: [https://app.example.com]\n") throws
        -> (plan: GatewayPlan, codes: [String], doctorErrors: [String])
    {
        let root = try YAMLReader.read(Array(spec.utf8), file: "openapi.yaml")
        let (model, modelDiagnostics) = APIModelBuilder.build(from: LoadedSpec(entryFile: "openapi.yaml", root: root))
        let policy = try CORSPolicyReader.read(Array(cors.utf8), file: "cors.yaml").policy
        let (document, _) = DocumentPreparation.prepare(root, file: "openapi.yaml")
        let (plan, diagnostics) = GatewayPlanner(settings: IntegrationSettings(backend: .mock)).plan(model, document: document, cors: policy)
        let codes = (modelDiagnostics + diagnostics).map { "\($0.code) \($0.location.map { "\($0.line):\($0.column)" } ?? "-")" }
        let doctorErrors = Doctor.examine(plan).filter { $0.severity == .error }.map(\.code)
        return (plan, codes, doctorErrors)
    }

    @Test func anUndeclaredPathVariableIsDeclaredOnEveryMethod() throws {
        let (plan, codes, doctorErrors) = try planned(
            """
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /things/{id}:
                get:
                  responses: {"200": {description: ok}}
                  x-amazon-apigateway-integration:
                    type: http_proxy
                    httpMethod: GET
                    uri: https://backend.example.com/things/{id}
                    requestParameters: {integration.request.path.id: method.request.path.id}
            """)
        let get = try #require(plan.resource(at: "/things/{id}")?.method("GET"))
        #expect(get.requestParameters == [RequestParameter(location: "path", name: "id", isRequired: true)])
        #expect(codes.contains("GW012 5:5"))
        #expect(doctorErrors.isEmpty)
    }

    @Test func aPathParameterThePathLacksIsLeftOut() throws {
        let spec = """
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /:
                parameters: [{name: domain, in: path, required: true, schema: {type: string}}]
                get: {responses: {"200": {description: ok}}}
            """
        let (plan, codes, _) = try planned(spec)
        #expect(try #require(plan.resource(at: "/")?.method("GET")).requestParameters.isEmpty)
        #expect(codes.contains("GW013 5:18"))
        let (document, _) = DocumentPreparation.prepare(try YAMLReader.read(Array(spec.utf8), file: "openapi.yaml"))
        #expect(document["paths"]?["/"]?["parameters"] == nil)
    }

    @Test func aMappedHeaderItsResponseLacksIsDeclared() throws {
        let (plan, codes, doctorErrors) = try planned(
            """
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /products:
                get:
                  responses:
                    "200": {description: ok, headers: {X-Trace: {schema: {type: string}}}}
                    "400": {description: bad}
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default: {statusCode: "200", responseParameters: {method.response.header.X-Trace: "'a'"}}
                      "4\\\\d{2}": {statusCode: "400", responseParameters: {method.response.header.X-Trace: "'b'"}}
            """)
        let get = try #require(plan.resource(at: "/products")?.method("GET"))
        #expect(get.methodResponses.first { $0.statusCode == "400" }?.headers.contains("X-Trace") == true)
        #expect(codes.filter { $0.hasPrefix("PLAN050") } == ["PLAN050 9:7"])
        #expect(doctorErrors.isEmpty)
    }

    @Test func aMethodItsOwnPreflightLeavesOutLosesTheCORSHeadersItMaps() throws {
        let (plan, codes, doctorErrors) = try planned(
            """
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /items:
                put:
                  responses: {"200": {description: ok, headers: {Access-Control-Allow-Origin: {schema: {type: string}}}}}
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default: {statusCode: "200", responseParameters: {method.response.header.Access-Control-Allow-Origin: "'*'"}}
                options:
                  responses: {"200": {description: ok, headers: {Access-Control-Allow-Methods: {schema: {type: string}}}}}
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default: {statusCode: "200", responseParameters: {method.response.header.Access-Control-Allow-Methods: "'GET,OPTIONS'"}}
            """)
        let put = try #require(plan.resource(at: "/items")?.method("PUT"))
        #expect(put.integration.responses.allSatisfy { $0.responseParameters.isEmpty })
        #expect(put.methodResponses.allSatisfy { $0.headers.isEmpty })
        // The OpenAPI output no longer declares what the spec's response declared either.
        let rendered = OpenAPIRenderer().render(plan)["paths"]?["/items"]?["put"]?["responses"]?["200"]
        #expect(rendered?["headers"]?["Access-Control-Allow-Origin"] == nil)
        #expect(rendered?["description"]?.string == "ok")
        #expect(codes.contains("PLAN011 7:7"))
        #expect(doctorErrors.isEmpty)
    }

    @Test func aKeptPreflightWhoseNamesAreQuotedOneByOneIsRefused() throws {
        let (_, codes, _) = try planned(
            """
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /items:
                get: {responses: {"200": {description: ok}}}
                options:
                  responses: {"200": {description: ok}}
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default:
                        statusCode: "200"
                        responseParameters:
                          method.response.header.Access-Control-Allow-Headers: "'Content-Type', 'Authorization'"
                          method.response.header.Access-Control-Allow-Methods: "'GET,OPTIONS'"
            """)
        #expect(codes.filter { $0.hasPrefix("PLAN051") } == ["PLAN051 8:7"])
    }
}
