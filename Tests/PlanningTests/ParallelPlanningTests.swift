import Diagnostics
import Testing
import YAML

import Plan
import Support
@testable import CORS
@testable import Spec
@testable import Planning

/// Planning a large spec on two threads gives the plan and the diagnostics, in their order,
/// that one thread gives.
@Suite struct ParallelPlanningTests {
    /// A spec with `count` resources whose problems are spread over all of them: unknown
    /// integration types and fields, proxies the CORS note lists, a scheme API Gateway does
    /// not enforce (reported once), alternatives of security (once per place), OPTIONS the
    /// policy keeps.
    static func spec(resources count: Int) -> String {
        var text = """
            openapi: 3.0.3
            info: {title: Many, version: "1"}
            components:
              securitySchemes:
                basic: {type: http, scheme: basic}
                key: {type: apiKey, in: header, name: x-api-key}
            paths:

            """
        for r in 0..<count {
            text += "  /r\(r):\n"
            text += "    get:\n      operationId: get\(r)\n      responses: {\"200\": {description: ok}}\n"
            switch r % 5 {
            case 0:
                text += "      x-amazon-apigateway-integration: {type: bogus\(r % 3), uri: 'https://b.example.com', colour: red}\n"
            case 1:
                text += "      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: 'https://b.example.com/r\(r)'}\n"
            case 2:
                text += "      security: [{basic: []}]\n"
            case 3:
                text += "      security: [{key: []}, {basic: []}]\n"
            default:
                text += "    options:\n      responses: {\"200\": {description: kept}}\n"
            }
        }
        return text
    }

    static func plans(resources count: Int) throws -> [(GatewayPlan, [Diagnostic])] {
        let files = InMemorySpecFiles(["openapi.yaml": spec(resources: count)])
        let loaded = try SpecLoader.load(entry: "openapi.yaml", reader: files).spec
        let (model, _) = APIModelBuilder.build(from: loaded)
        let (document, _) = DocumentPreparation.prepare(SpecBundler.bundle(loaded))
        let policy = try CORSPolicyReader.read(
            Array("allowOrigins: [https://a.example.com, https://*.b.example.com]\n".utf8), file: "cors.yaml"
        ).policy
        return [1, 2, 3].map { workers in
            var planner = GatewayPlanner()
            planner.workers = workers
            return planner.plan(model, document: document, cors: policy)
        }
    }

    @Test func twoAndThreeWorkersPlanWhatOneDoes() throws {
        let count = GatewayPlanner.resourcesPerWorker + 101
        let results = try Self.plans(resources: count)
        let (serialPlan, serialDiagnostics) = results[0]
        #expect(serialPlan.resources.count == count + 1)
        // Every kind of problem is there, more than once where it may repeat.
        let codes = serialDiagnostics.map(\.code)
        #expect(codes.filter { $0 == PlanError.unknownIntegrationType }.count == (count + 4) / 5)
        #expect(codes.filter { $0 == PlanError.integrationFieldDropped }.count == (count + 4) / 5)
        #expect(codes.filter { $0 == PlanError.alternativeSecurity }.count == (count + 1) / 5)
        #expect(codes.filter { $0 == PlanError.schemeNotEnforced }.count == 1)
        #expect(codes.contains(PlanError.proxyNeedsBackendHeaders.id))
        for (plan, diagnostics) in results.dropFirst() {
            #expect(plan == serialPlan)
            #expect(diagnostics == serialDiagnostics)
        }
    }

    @Test func slicesCoverEveryIndexOnceInOrder() {
        for count in [0, 1, 2, 7, 600] {
            for workers in 1...4 {
                let slices = (0..<workers).map { Batches.slice($0, of: workers, count: count) }
                #expect(slices.flatMap { Array($0) } == Array(0..<count))
            }
            let joined = Batches.run(count: count, workers: 3) { Array($0) }.flatMap { $0 }
            #expect(joined == Array(0..<count))
        }
    }
}
