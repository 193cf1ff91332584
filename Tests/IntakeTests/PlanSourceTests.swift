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

    /// A template says its kind by its resource types, so `--api` naming the other kind is an
    /// error at the API's resource, and no plan is made.
    @Test func aTemplateOfTheOtherKindIsAnError() throws {
        let result = try PlanSource.plan(
            "golden/http-proxy-catch-all/cloudformation.yaml", reader: RepositoryFiles(), policy: nil, readPolicy: { _ in [] },
            asked: .rest)
        #expect(result.plan == nil)
        #expect(result.diagnostics.map(\.code) == [IntakeCode.apiKindConflict.id])
        let error = try #require(result.diagnostics.first)
        #expect(error.severity == .error)
        #expect(error.location == SourceLocation(file: "golden/http-proxy-catch-all/cloudformation.yaml", line: 10, column: 3))
        #expect(
            error.message
                == "the template's API is an HTTP API (AWS::ApiGatewayV2::Api), but --api rest asks for a REST API; a template "
                + "says its kind by its resource types, so drop --api or give the template of a REST API")
        let same = try PlanSource.plan(
            "golden/http-proxy-catch-all/cloudformation.yaml", reader: RepositoryFiles(), policy: nil, readPolicy: { _ in [] },
            asked: .http)
        #expect(same.plan?.kind == .http)
        #expect(same.diagnostics.isEmpty)
    }

    /// A document read as `--api` says when nothing in it decides, and refused at the line
    /// that decides otherwise.
    @Test(arguments: [
        // The HTTP import alone reads x-amazon-apigateway-cors.
        ("x-amazon-apigateway-cors: {allowOrigins: ['*']}\n", "aws_proxy", false, "3:1", "an HTTP API (it writes x-amazon-apigateway-cors)"),
        ("", "mock", true, "8:15", "a REST API (the integration of get /items is of type mock)"),
        ("x-amazon-apigateway-gateway-responses: {}\n", "aws_proxy", true, "3:1", "a REST API (it writes x-amazon-apigateway-gateway-responses)"),
    ])
    func aDocumentThatSaysItsKindHoldsToIt(root: String, type: String, asksHTTP: Bool, place: String, what: String) throws {
        var files = InMemorySpecFiles()
        files.add("gateway.yaml", Self.document(root: root, type: type))
        let result = try PlanSource.plan(
            "gateway.yaml", reader: files, policy: nil, readPolicy: { _ in [] }, asked: asksHTTP ? .http : .rest)
        #expect(result.plan == nil)
        let error = try #require(result.diagnostics.first)
        #expect(error.code == IntakeCode.apiKindConflict && error.severity == .error)
        #expect(error.location.map { "\($0.line):\($0.column)" } == place)
        #expect(
            error.message == "the document describes \(what), but "
                + (asksHTTP ? "--api http asks for an HTTP API" : "--api rest asks for a REST API")
                + "; drop --api, which decides only for a document that could be either kind")
    }

    @Test func aDocumentThatCouldBeEitherIsReadAsAsked() throws {
        var files = InMemorySpecFiles()
        files.add("gateway.yaml", Self.document(root: "", type: "aws_proxy"))
        let asHTTP = try PlanSource.plan("gateway.yaml", reader: files, policy: nil, readPolicy: { _ in [] }, asked: .http)
        #expect(asHTTP.plan?.kind == .http)
        #expect(!asHTTP.diagnostics.contains { $0.severity == .error })
        let asREST = try PlanSource.plan("gateway.yaml", reader: files, policy: nil, readPolicy: { _ in [] }, asked: .rest)
        #expect(asREST.plan?.kind == .rest)
        let unasked = try PlanSource.plan("gateway.yaml", reader: files, policy: nil, readPolicy: { _ in [] })
        #expect(unasked.plan?.kind == .rest, "a document that says nothing reads as a REST API, as before HTTP APIs")
    }

    /// A document with one Lambda proxy operation, `root` written before its paths.
    static func document(root: String, type: String) -> String {
        """
        openapi: 3.0.1
        info: {title: exported, version: "1"}
        \(root)paths:
          /items:
            get:
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration:
                type: \(type)
                httpMethod: POST
                uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations
        """
    }

    @Test func aSourceThatCannotBeReadThrows() {
        #expect(throws: DiagnosticError.self) {
            try PlanSource.plan("specs/no-such-case/openapi.yaml", reader: RepositoryFiles(), policy: nil, readPolicy: { _ in [] })
        }
    }
}
