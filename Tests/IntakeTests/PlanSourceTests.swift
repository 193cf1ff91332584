import Testing
import Diagnostics
import Spec
import Read
import Planning
import Intake
import TestSupport

/// One decision for every command that takes a SOURCE: a definition is read as API Gateway
/// holds it, a spec is planned with its policy, and a policy never silently does nothing.
@Suite struct PlanSourceTests {
    /// Reads the policy from the repository, counting the reads.
    final class PolicyReads: @unchecked Sendable {
        var paths: [String] = []
        func read(_ path: String) throws -> [UInt8] {
            paths.append(path)
            return try SpecCorpus.bytes(path)
        }
    }

    @Test func aTemplateIsReadAndItsPolicyIsLeftUnreadWithAWarning() throws {
        let reads = PolicyReads()
        let result = try PlanSource.plan(
            "specs/doctor-unquoted-value/template.yaml", reader: RepositoryFiles(), policy: "specs/petstore/cors.yaml",
            readPolicy: reads.read)
        #expect(result.kind == .cloudFormationTemplate)
        #expect(!result.isPlanned)
        #expect(result.plan != nil)
        #expect(reads.paths == [], "a template's plan does not depend on a policy")
        let warning = try #require(result.diagnostics.first)
        #expect(warning.code == IntakeCode.policyWithDefinition && warning.severity == .warning)
        #expect(warning.message.contains("the CORS policy specs/petstore/cors.yaml is not applied"))
        // Where the template writes its parts is known, for the doctor's findings.
        #expect(result.locations[.api] != nil)
    }

    @Test func aSpecIsPlannedWithItsPolicy() throws {
        let reads = PolicyReads()
        let result = try PlanSource.plan(
            "specs/petstore/openapi.yaml", reader: RepositoryFiles(), policy: "specs/petstore/cors.yaml", readPolicy: reads.read)
        #expect(result.kind == .openAPISpec)
        #expect(result.isPlanned)
        #expect(reads.paths == ["specs/petstore/cors.yaml"])
        let plan = try #require(result.plan)
        #expect(plan.methods.contains { $0.method.httpMethod == "OPTIONS" }, "the policy's preflights are planned")
        #expect(!result.diagnostics.contains { $0.severity == .error })
        // Each planned operation is located at its key in the spec.
        let located = plan.methods.filter { $0.method.source != nil && $0.method.httpMethod != "OPTIONS" }
        #expect(!located.isEmpty)
        for (resource, method) in located {
            #expect(result.locations[.method(method.httpMethod, resource.path)]?.file == "specs/petstore/openapi.yaml")
        }
    }

    @Test func aSpecWithoutAPolicyIsPlannedWithoutCORS() throws {
        let result = try PlanSource.plan(
            "specs/petstore/openapi.yaml", reader: RepositoryFiles(), policy: nil, readPolicy: { _ in [] })
        #expect(result.isPlanned)
        #expect(result.plan?.methods.contains { $0.method.httpMethod == "OPTIONS" } == false)
        #expect(result.diagnostics.contains { $0.code == "CORS027" })
    }

    /// An exported document with extensions is a finished definition without a policy, and
    /// a spec to plan (which may carry its own integrations) with one.
    @Test func aDocumentWithExtensionsIsReadAloneAndPlannedWithAPolicy() throws {
        var files = InMemorySpecFiles()
        files.add(
            "gateway.yaml",
            """
            openapi: 3.0.1
            info: {title: exported, version: "1"}
            paths:
              /items:
                get:
                  responses: {"200": {description: ok}}
                  x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
            """)
        let read = try PlanSource.plan("gateway.yaml", reader: files, policy: nil, readPolicy: { _ in [] })
        #expect(read.kind == .gatewayOpenAPI && !read.isPlanned)
        #expect(read.plan?.methods.map(\.method.httpMethod) == ["GET"])
        let policy = Array("allowOrigins: [https://app.example.com]\n".utf8)
        let planned = try PlanSource.plan("gateway.yaml", reader: files, policy: "cors.yaml", readPolicy: { _ in policy })
        #expect(planned.kind == .gatewayOpenAPI && planned.isPlanned)
        #expect(planned.plan?.methods.map(\.method.httpMethod).sorted() == ["GET", "OPTIONS"])
    }

    @Test func aSourceThatCannotBeReadThrows() {
        #expect(throws: DiagnosticError.self) {
            try PlanSource.plan("specs/no-such-case/openapi.yaml", reader: RepositoryFiles(), policy: nil, readPolicy: { _ in [] })
        }
    }
}
