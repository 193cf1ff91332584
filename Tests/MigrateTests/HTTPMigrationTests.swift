import Convert
import CORSDoctor
import Migrate
import Diagnostics
import Foundation
import TestSupport
import Testing
import YAML
import Plan
import Read
import Spec

/// What `migrate` writes for an HTTP API and what its round trip proves, beyond the bytes of
/// the `migrate-http-*` goldens.
@Suite struct HTTPMigrationTests {
    static let httpCases = ["migrate-http-resources", "migrate-http-exported", "migrate-http-body-cors"]

    /// The round trip of a case's files after `edit`: each unexplained difference with its place.
    static func check(_ caseName: String, edit: (inout MigratedFiles) -> Void) throws -> [String] {
        try MigratorTests.check(caseName, edit: edit)
    }

    /// The spec is what people edit: the CORS configuration is the policy now, and the import
    /// version is convert's to write; the authorizers stay as the planner reads them.
    @Test func theSpecLeavesTheCORSConfigurationAndTheImportVersionToConvert() throws {
        let migration = try MigrateGoldenTests.migration("migrate-http-exported")
        let source = try String(contentsOf: Golden.url("specs/migrate-http-exported/gateway.yaml"), encoding: .utf8)
        #expect(source.contains("x-amazon-apigateway-cors:") && source.contains("x-amazon-apigateway-importexport-version:"))
        #expect(!migration.files.openAPI.contains("x-amazon-apigateway-cors"))
        #expect(!migration.files.openAPI.contains("x-amazon-apigateway-importexport-version"))
        #expect(migration.files.openAPI.contains(
            "      x-amazon-apigateway-authorizer:\n        type: jwt\n        identitySource: $request.header.Authorization\n"
                + "        jwtConfiguration:\n          issuer: https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Ph0t0sAbc\n"))
        #expect(migration.files.options == "api: http\n")
        #expect(migration.files.cors?.hasPrefix("allowOrigins:\n  - https://photos.example.net\nallowMethods:\n") == true)
    }

    /// The exported preflight route (OPTIONS /{proxy+} without authorization, beside the
    /// authorized ANY) is the planner's to add from the policy, so the spec does not hold it.
    @Test func theExportedPreflightRouteIsLeftToThePlanner() throws {
        let migration = try MigrateGoldenTests.migration("migrate-http-exported")
        let spec = try DocumentReader.read(Array(migration.files.openAPI.utf8), file: "openapi.yaml")
        let item = try #require(spec["paths"]?["/{proxy+}"]?.mapping)
        #expect(item.keys.compactMap(\.text) == ["x-amazon-apigateway-any-method", "parameters"])
        #expect(migration.fixes.isEmpty, "the rebuilt API has the route again: \(migration.fixes.map(\.difference.description))")
        #expect(migration.report.contains(
            "  OPTIONS /{proxy+}: the route without authorization that lets preflights past the authorizer; convert adds it again "
                + "while the policy gives the API CORS\n"))
    }

    /// No extension only a REST API has reaches an HTTP API's spec.
    @Test(arguments: httpCases)
    func theSpecHasNothingOnlyARESTAPIHas(caseName: String) throws {
        let spec = try MigrateGoldenTests.migration(caseName).files.openAPI
        for key in [
            "x-amazon-apigateway-gateway-responses", "x-amazon-apigateway-request-validator", "x-amazon-apigateway-binary-media-types",
            "x-amazon-apigateway-api-key-source", "x-amazon-apigateway-endpoint-configuration", "x-amazon-apigateway-policy",
            "passthroughBehavior", "requestTemplates",
        ] {
            #expect(!spec.contains(key), "\(caseName): \(key)")
        }
    }

    /// Why the import version is not kept: a spec that still carries it, converted as a REST
    /// API, gives a REST API's document that the readers take for an HTTP API's.
    @Test func theImportVersionInASpecPlannedAsRESTMakesItsDocumentReadAsHTTP() throws {
        let spec = """
            openapi: "3.0.3"
            info: {title: t, version: "1"}
            paths:
              /a:
                get:
                  responses: {"200": {description: ok}}
                  x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "https://b.example.com/a"}
            x-amazon-apigateway-importexport-version: "1.0"

            """
        let converted = Converter.convert(
            entry: "openapi.yaml", reader: InMemorySpecFiles(["openapi.yaml": spec]), policy: nil,
            request: Converter.Request(target: .openapi))
        let output = try #require(converted.output, "\(converted.diagnostics.map(\.message))")
        #expect(GatewayPlanReader.apiKind(ofDocument: try DocumentReader.read(Array(output.utf8), file: "out.yaml")) == .http)
    }

    /// An edit to what a route holds is a difference no fix explains, at its place in the source.
    @Test func anEditedPayloadFormatIsUnexplainedAtItsIntegration() throws {
        let found = try Self.check("migrate-http-resources") { files in
            files.openAPI = files.openAPI.replacingOccurrences(
                of: "payloadFormatVersion: \"2.0\"\n        timeoutInMillis: 10000", with: "payloadFormatVersion: \"1.0\"\n        timeoutInMillis: 10000")
        }
        #expect(found == ["specs/migrate-http-resources/template.yaml:43:3: POST /events/{eventId}/tickets integration payload format version: 2.0 → 1.0"])
    }

    @Test func anEditedScopeIsUnexplainedAtTheRoute() throws {
        let found = try Self.check("migrate-http-resources") { files in
            files.openAPI = files.openAPI.replacingOccurrences(of: "- tickets/buy", with: "- tickets/resell")
        }
        // At the route's AuthorizationType, where its authorization is written.
        #expect(found == [
            "specs/migrate-http-resources/template.yaml:94:21: POST /events/{eventId}/tickets authorization: "
                + "JWT by fans scopes tickets/buy → JWT by fans scopes tickets/resell"
        ])
    }

    @Test func anEditedAudienceIsUnexplainedAtTheAuthorizer() throws {
        let found = try Self.check("migrate-http-resources") { files in
            files.openAPI = files.openAPI.replacingOccurrences(of: "            - box-office\n", with: "")
        }
        #expect(found == ["specs/migrate-http-resources/template.yaml:61:3: authorizer fans audience: box-office, events-web → events-web"])
    }

    /// The policy is the CORS configuration: an origin added there is a difference at the
    /// source's AllowOrigins.
    @Test func anEditedPolicyIsUnexplainedAtTheCORSConfiguration() throws {
        let found = try Self.check("migrate-http-resources") { files in
            files.cors = files.cors?.replacingOccurrences(of: "  - https://box-office.example.org\n", with: "  - https://box-office.example.org\n  - https://resale.example.org\n")
        }
        #expect(found == [
            "specs/migrate-http-resources/template.yaml:12:11: cors allow origins: https://box-office.example.org, https://events.example.org → "
                + "https://box-office.example.org, https://events.example.org, https://resale.example.org"
        ])
    }

    /// Without `api: http` the files build a REST API, which cannot hold a JWT authorizer: the
    /// round trip says the files do not convert rather than comparing two kinds of API.
    @Test func settingsWithoutTheKindDoNotRebuildTheAPI() throws {
        let migration = try MigrateGoldenTests.migration("migrate-http-exported")
        var files = migration.files
        files.options = nil
        let source = try MigrateGoldenTests.migrateCase("migrate-http-exported").source
        let checked = Migrator.check(
            source: source, bytes: try SpecCorpus.bytes(source), files: files, names: MigratedFiles.Names(folder: "out"),
            expected: migration.fixes)
        #expect(checked.unexplained == nil)
        #expect(checked.diagnostics.map(\.code) == [MigrationCode.roundTripFailed.id])
        #expect(checked.diagnostics.first?.notes.contains { $0.message.hasPrefix("[PLAN024] authorizer \"members\" has type jwt") } == true)
    }

    /// A Body with a CorsConfiguration beside it (READ031): the configuration CloudFormation
    /// applies is the policy, the rebuilt template keeps it in the Body, and the report says so.
    @Test func aCORSConfigurationBesideABodyBecomesThePolicyAndMovesIntoTheBody() throws {
        let migration = try MigrateGoldenTests.migration("migrate-http-body-cors")
        #expect(migration.files.cors?.hasPrefix("allowOrigins:\n  - https://stock.example.com\n  - https://console.warehouse.example.com\n") == true)
        #expect(migration.files.options?.hasPrefix("api: http\nstageName: live\ncfnStyle: body\n") == true)
        #expect(migration.report.contains(
            "  specs/migrate-http-body-cors/template.yaml:64:7: [READ031] the CorsConfiguration beside the Body is the configuration "
                + "CloudFormation leaves the API with"))
        let rebuilt = try #require(try MigratorTests.rebuilt("migrate-http-body-cors").plan)
        #expect(rebuilt.cors?.allowOrigins == ["https://stock.example.com", "https://console.warehouse.example.com"])
    }

    /// The authorized catch-all had no OPTIONS route, so every preflight got the authorizer's
    /// 401 (DOC020); the rebuilt API has it, and the report lists it once, at the route it serves.
    /// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
    @Test func anOPTIONSRoutePastTheAuthorizerIsAListedFix() throws {
        let migration = try MigrateGoldenTests.migration("migrate-http-body-cors")
        let added = migration.fixes.filter { $0.kind == .preflightRouteAdded }
        #expect(added.count == migration.fixes.count && added.count == 7)
        #expect(Set(added.map { $0.location?.description }) == ["specs/migrate-http-body-cors/template.yaml:36:19"])
        #expect(added.contains { $0.difference.description == "OPTIONS /{proxy+} authorization: added NONE" })
        #expect(migration.report.contains(
            "deliberate fixes (7):\n  specs/migrate-http-body-cors/template.yaml:36:19: [OPTIONS route added] OPTIONS /{proxy+}: added, "
                + "without authorization, with the integration of the route it lets preflights past\n\nwhy:\n"))
        let source = try MigrateGoldenTests.migrateCase("migrate-http-body-cors").source
        let before = Doctor.examine(source: source, reader: CorpusFiles(), policy: nil).map(\.code)
        #expect(before.contains("DOC020"))
    }

    /// What an `AWS::ApiGatewayV2::*` resource holds beyond the plan is listed at its place: a
    /// property the plan does not carry, a stage that waits for deployments, a resource beside the API.
    @Test func whatAnHTTPAPITemplateHoldsBeyondThePlanIsListed() throws {
        let template = """
            Resources:
              Api:
                Type: AWS::ApiGatewayV2::Api
                Properties:
                  Name: plain
                  ProtocolType: HTTP
                  DisableExecuteApiEndpoint: true
              Integration:
                Type: AWS::ApiGatewayV2::Integration
                Properties:
                  ApiId: !Ref Api
                  IntegrationType: HTTP_PROXY
                  IntegrationMethod: GET
                  IntegrationUri: https://backend.example.com/
                  PayloadFormatVersion: "1.0"
                  RequestParameters: {"append:header.x-from": gateway}
              Route:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: GET /a
                  Target: !Sub integrations/${Integration}
              Stage:
                Type: AWS::ApiGatewayV2::Stage
                Properties:
                  ApiId: !Ref Api
                  StageName: $default
                  AutoDeploy: false
              Domain:
                Type: AWS::ApiGatewayV2::DomainName
                Properties:
                  DomainName: api.example.com

            """
        let migration = try #require(Migrator.migrate(source: "plain.yaml", bytes: Array(template.utf8)).migration)
        #expect(migration.gaps.map { "\($0.location?.description ?? "-"): \($0.message)" } == [
            "plain.yaml:7:7: DisableExecuteApiEndpoint of Api is not carried into the spec, the policy or the settings; set it on the generated API",
            "plain.yaml:16:7: RequestParameters of Integration is not carried into the spec, the policy or the settings; set it on the generated API",
            "plain.yaml:28:19: AutoDeploy false of Stage: the generated stage deploys every change by itself; deploy by hand only where a change must wait",
            "plain.yaml:29:3: Domain (AWS::ApiGatewayV2::DomainName): it sits beside the HTTP API rather than in it; keep it in the template and point it at the generated API",
        ])
        #expect(migration.unexplained.isEmpty)
        #expect(migration.files.cors == nil)
        #expect(migration.report.contains("CORS:\n  none: the API has no CORS configuration, so no cors.yaml is written\n"))
    }
}
