import Convert
import CORSDoctor
import Migrate
import GoldenCases
import Diagnostics
import Foundation
import TestSupport
import Testing
import YAML
import Plan
import Preflight
import Read
import CORS
import Spec
import Planning

/// What a migration infers and what its round trip accepts, beyond the bytes of the goldens.
@Suite struct MigratorTests {
    /// The effective policy the migrated `cors.yaml` gives each path of the source.
    static func resolvedPolicy(_ caseName: String) throws -> [String: EffectiveCORSPolicy?] {
        let migration = try MigrateGoldenTests.migration(caseName)
        let cors = try #require(migration.files.cors)
        let reading = try CORSPolicyReader.read(Array(cors.utf8), file: "cors.yaml")
        #expect(!reading.hasErrors, "\(reading.diagnostics)")
        let source = try MigrateGoldenTests.migrateCase(caseName).source
        let plan = try #require(GatewayPlanReader.read(try DocumentReader.read(SpecCorpus.bytes(source), file: source), file: source).plan)
        let resources = plan.resources.filter { !$0.methods.isEmpty }.map { CORSResource(path: $0.path, methods: $0.methods.map(\.httpMethod)) }
        var result: [String: EffectiveCORSPolicy?] = [:]
        for resolved in CORSResolver.resolve(reading, resources: resources).resources { result[resolved.path] = resolved.policy }
        return result
    }

    @Test func severalStaticOriginsBecomeAnOriginListWhileEachResourceKeepsItsOwn() throws {
        let policies = try Self.resolvedPolicy("migrate-api-key")
        let migration = try MigrateGoldenTests.migration("migrate-api-key")
        #expect(migration.files.cors?.contains("allowOrigins:\n  - https://billing.partner.example.com\n  - https://reports.partner.example.com\n") == true)
        // A page on the billing portal could never call /reports; after the migration it still cannot.
        #expect(policies["/reports"]??.origins.staticAllowOrigin == "https://reports.partner.example.com")
        #expect(policies["/invoices"]??.origins.staticAllowOrigin == "https://billing.partner.example.com")
    }

    @Test func aResourceWithoutCORSStaysWithoutIt() throws {
        let policies = try Self.resolvedPolicy("migrate-gateway-responses")
        #expect(policies["/health"] == .some(nil))
        #expect(policies["/tickets"]??.allowMethods == ["GET", "OPTIONS"])
    }

    @Test func perResourceDifferencesBecomeRules() throws {
        let policies = try Self.resolvedPolicy("migrate-classic-options")
        #expect(policies["/orders"]??.allowHeaders == ["Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key"])
        #expect(policies["/orders/{orderId}"]??.allowHeaders.last == "If-Match")
        #expect(policies["/orders"]??.preflightStatus == 200)
    }

    @Test func theDeliberateFixesTheIssueNamesAreFoundAtTheirPlaces() throws {
        let api = try MigrateGoldenTests.migration("migrate-api-key")
        let auth = api.fixes.filter { $0.kind == .preflightAuthRemoved }
        #expect(auth.map(\.difference.description) == [
            "OPTIONS /invoices api key required: true → false", "OPTIONS /reports api key required: true → false",
        ])
        #expect(auth.map { $0.location?.description } == ["specs/migrate-api-key/template.yaml:77:23", "specs/migrate-api-key/template.yaml:41:23"])
        let quotes = try MigrateGoldenTests.migration("migrate-lambda-mapping-templates").fixes.filter { $0.kind == .unquotedValue }
        #expect(quotes.map { $0.location?.description } == ["specs/migrate-lambda-mapping-templates/template.yaml:44:67"])
        let classic = try MigrateGoldenTests.migration("migrate-classic-options")
        #expect(classic.fixes.contains { $0.kind == .missingVary && $0.difference.fact.verb == "OPTIONS" })
        #expect(classic.fixes.contains { $0.kind == .gatewayResponseCORS && $0.difference.fact.gatewayResponseType == "DEFAULT_5XX" })
    }

    @Test func everyKindOfFixIsShownByACase() throws {
        var kinds: Set<MigrationFix.Kind> = []
        for name in SpecCorpus.migrateCaseNames { kinds.formUnion(try MigrateGoldenTests.migration(name).fixes.map(\.kind)) }
        #expect(kinds == Set(MigrationFix.Kind.allCases))
    }

    /// The round trip of the classic case's files after `edit`; the unexplained differences.
    static func check(_ caseName: String, edit: (inout MigratedFiles) -> Void) throws -> [String] {
        let migration = try MigrateGoldenTests.migration(caseName)
        var files = migration.files
        edit(&files)
        let source = try MigrateGoldenTests.migrateCase(caseName).source
        let checked = Migrator.check(
            source: source, bytes: try SpecCorpus.bytes(source), files: files, names: MigratedFiles.Names(folder: "out"),
            expected: migration.fixes)
        let unexplained = try #require(checked.unexplained, "\(checked.diagnostics.map(\.message))")
        return unexplained.map { ($0.location.map { "\($0): " } ?? "") + $0.difference.description }
    }

    /// The doctor's hand-written definitions, each with a CORS fault, migrate too: every
    /// difference their rebuild shows is a fix the report explains.
    @Test(arguments: SpecCorpus.doctorCaseNames)
    func everyDoctorCaseMigratesWithoutUnexplainedDifferences(caseName: String) throws {
        let doctorCase = try #require(DoctorCase(folder: "specs/\(caseName)", name: caseName, exists: Golden.exists))
        let result = Migrator.migrate(
            source: doctorCase.source, bytes: try SpecCorpus.bytes(doctorCase.source),
            include: GatewayPlanReader.includes(from: doctorCase.source) { try CorpusFiles().read($0) })
        let migration = try #require(result.migration, "\(caseName): \(result.diagnostics.map(\.message))")
        #expect(migration.unexplained.isEmpty, "\(caseName): \(migration.unexplained.map(\.difference.description))")
    }

    /// What convert writes migrates back to what it came from: the tool's own outputs are
    /// the hand-written definitions with the fewest surprises, so any unexplained
    /// difference there is a fault of the migration.
    @Test(arguments: SpecCorpus.caseNames)
    func everyGeneratedOutputMigratesWithoutUnexplainedDifferences(caseName: String) throws {
        let outputs = ["cloudformation.yaml", "cloudformation.json", "openapi.yaml", "openapi.json"]
            .map { "golden/\(caseName)/\($0)" }.filter(Golden.exists)
        for output in outputs {
            let result = Migrator.migrate(
                source: output, bytes: try SpecCorpus.bytes(output),
                include: GatewayPlanReader.includes(from: output) { try CorpusFiles().read($0) })
            guard let migration = result.migration else {
                // A document without paths has no extension to tell it from a plain spec.
                #expect(result.diagnostics.map(\.code) == [MigrationCode.plainSpec.id], "\(output): \(result.diagnostics.map(\.message))")
                continue
            }
            #expect(migration.unexplained.isEmpty, "\(output): \(migration.unexplained.map(\.difference.description))")
        }
    }

    @Test func severalOriginsInOneHeaderBecomeAListMatchedPerRequest() throws {
        let source = "specs/doctor-several-origins/gateway.yaml"
        let migration = try #require(Migrator.migrate(source: source, bytes: try SpecCorpus.bytes(source)).migration)
        #expect(migration.files.cors?.hasPrefix("allowOrigins:\n  - https://app.example.com\n  - https://admin.example.com\n") == true)
        #expect(migration.fixes.contains { $0.kind == .severalOrigins && $0.location?.description == "\(source):50:67" })
    }

    /// The API the migrated files of a case build, read back as the source was.
    static func rebuilt(_ caseName: String) throws -> GatewayReading {
        let migration = try MigrateGoldenTests.migration(caseName)
        var config = ConvertConfig()
        if let options = migration.files.options { config = try ConvertConfig.read(Array(options.utf8), file: "options.yaml").0 }
        // As convert reads the settings: an HTTP API's kind and stage are in them.
        var request = Converter.Request(
            target: migration.target, cloudFormationStyle: config.cloudFormationStyle ?? .resources, integrations: config.integrations())
        config.apply(to: &request)
        let converted = Converter.convert(
            entry: "openapi.yaml", reader: InMemorySpecFiles(["openapi.yaml": migration.files.openAPI]),
            policy: migration.files.cors.map { Converter.PolicyInput(bytes: Array($0.utf8), file: "cors.yaml") }, request: request)
        let output = try #require(converted.output, "\(converted.diagnostics.map(\.message))")
        return GatewayPlanReader.reading(try DocumentReader.read(Array(output.utf8), file: "rebuilt.yaml"), file: "rebuilt.yaml")
    }

    /// The faults a migration keeps because the source chose them: a preflight whose
    /// Allow-Methods leaves out PUT keeps doing so, and the doctor says how to allow it.
    static let keptByChoice: [String: [String]] = ["migrate-same-origin-method": [DoctorCode.methodNotAllowed.id]]

    static func sourcePlan(_ caseName: String) throws -> GatewayPlan {
        let source = try MigrateGoldenTests.migrateCase(caseName).source
        return try #require(GatewayPlanReader.read(try DocumentReader.read(SpecCorpus.bytes(source), file: source), file: source).plan)
    }

    /// What the doctor finds wrong with the old APIs is gone from the rebuilt ones, but for
    /// the warnings a case keeps on purpose (`keptByChoice`), which its report lists.
    @Test(arguments: SpecCorpus.migrateCaseNames)
    func theRebuiltAPIHasNoCORSFault(caseName: String) throws {
        let reading = try Self.rebuilt(caseName)
        let plan = try #require(reading.plan)
        let faults = Doctor.examine(plan, locations: reading.locations).filter { $0.severity != .note }
        #expect(faults.map(\.code) == Self.keptByChoice[caseName, default: []], "\(caseName): \(faults.map { "[\($0.code)] \($0.message)" })")
        #expect(faults.allSatisfy { $0.severity == .warning })
        #expect(try MigrateGoldenTests.migration(caseName).keptFaults.map(\.code) == faults.map(\.code))
        // The old API had at least one of them, or the case would show no fix. An HTTP API's
        // CORS is one configuration the policy states whole, so an HTTP case may have none.
        let source = try MigrateGoldenTests.migrateCase(caseName).source
        let before = Doctor.examine(source: source, reader: CorpusFiles(), policy: nil).filter { $0.code.hasPrefix("DOC") && $0.severity != .note }
        #expect(!before.isEmpty || plan.kind == .http, "\(caseName) has no CORS fault to fix")
    }

    /// A browser can do against the rebuilt API whatever it could against the old one, and a
    /// page on an origin a resource never answered is still refused there.
    @Test(arguments: SpecCorpus.migrateCaseNames)
    func aBrowserLosesNothingAndGainsNoOrigin(caseName: String) throws {
        let before = try Self.sourcePlan(caseName)
        let after = try #require(try Self.rebuilt(caseName).plan)
        var origins = ["https://elsewhere.example"]
        for (_, method) in before.methods {
            for response in method.integration.responses {
                for parameter in response.responseParameters where parameter.name.hasSuffix(".Access-Control-Allow-Origin") {
                    let text = parameter.value.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
                    for origin in text.split(separator: ",").map(String.init) where origin != "*" && !origins.contains(origin) {
                        origins.append(origin)
                    }
                }
            }
        }
        var compared = 0
        for (resource, method) in before.methods where method.httpMethod != "OPTIONS" {
            let path = resource.path.replacingOccurrences(of: "{", with: "x").replacingOccurrences(of: "}", with: "")
            let verb = method.httpMethod == "ANY" ? "GET" : method.httpMethod
            for origin in origins {
                for headers in [[], [Mapped("Content-Type", "application/json")]] {
                    // A proxy's backend answers the actual request the same way before and after.
                    func verdict(_ plan: GatewayPlan) -> (allowed: Bool, byGatewayResponse: Bool) {
                        let input = PreflightSimulation.Input(
                            plan: plan, path: path, origin: origin, method: verb, headers: headers,
                            backendHeaders: [Mapped("Access-Control-Allow-Origin", origin)])
                        let report = PreflightSimulation.run(input)
                        let answer = report.actualAnswer ?? report.preflightAnswer
                        return (report.verdict.failure == nil, answer?.gatewayResponseType != nil)
                    }
                    let (allowedBefore, _) = verdict(before)
                    let (allowedAfter, errorAfter) = verdict(after)
                    compared += 1
                    if allowedBefore {
                        #expect(allowedAfter, "\(caseName): \(verb) \(path) from \(origin) \(headers) worked before and is blocked after")
                    }
                    let answeredBefore = before.methods.contains { entry in
                        entry.resource.path == resource.path
                            && entry.method.integration.responses.contains { $0.responseParameters.contains { $0.value.contains(origin) || $0.value == "'*'" } }
                    }
                    // API Gateway's own errors (a 403 for a missing API key) may be read by any
                    // origin when several are allowed: gateway responses run no template, so
                    // the planner reflects the Origin of requests without credentials.
                    if !allowedBefore, !answeredBefore, !errorAfter {
                        #expect(!allowedAfter, "\(caseName): \(verb) \(path) is now open to \(origin), which it never answered")
                    }
                }
            }
        }
        #expect(compared > 0)
    }

    @Test func anEditedIntegrationIsAnUnexplainedDifference() throws {
        let found = try Self.check("migrate-http-proxy-join") { files in
            files.openAPI = files.openAPI.replacingOccurrences(of: "timeoutInMillis: 5000", with: "timeoutInMillis: 29000")
        }
        #expect(found == ["specs/migrate-http-proxy-join/template.json:28:24: GET /items integration timeout: 5000 → 29000"])
    }

    @Test func aFixTheReportDoesNotListIsAnUnexplainedDifference() throws {
        // Dropping the rule that keeps /items without CORS gives it a preflight: a kind of
        // change the tool makes on purpose elsewhere, but not one this migration lists.
        let found = try Self.check("migrate-http-proxy-join") { files in
            files.cors = files.cors?.replacingOccurrences(of: "rules:\n  - paths:\n      - /items\n    enabled: false\n", with: "")
        }
        #expect(found.contains("specs/migrate-http-proxy-join/template.json:12:5: OPTIONS /items: added"))
        #expect(found.count > 5)
    }

    @Test func aChangedPreflightOriginIsNotAFix() throws {
        let found = try Self.check("migrate-cognito-authorizer") { files in
            files.cors = files.cors?.replacingOccurrences(of: "https://members.example.com", with: "https://members.example.org")
        }
        #expect(found.contains {
            $0.hasSuffix("OPTIONS /profile integration response default parameter method.response.header.Access-Control-Allow-Origin: "
                + "'https://members.example.com' → 'https://members.example.org'")
        })
    }

    @Test func aDifferenceNoFixExplainsIsReportedWithItsPlace() throws {
        // Method settings for every method of one path: the settings file names a route
        // (GET /a) or every method of every path, so this one cannot come back as it was.
        let template = """
            Resources:
              Api:
                Type: AWS::ApiGateway::RestApi
                Properties:
                  Name: throttled
              Get:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: !Ref Api
                  ResourceId: !GetAtt Api.RootResourceId
                  HttpMethod: GET
                  AuthorizationType: NONE
                  Integration: {Type: HTTP_PROXY, IntegrationHttpMethod: GET, Uri: https://backend.example.com/}
              Stage:
                Type: AWS::ApiGateway::Stage
                Properties:
                  RestApiId: !Ref Api
                  StageName: v1
                  MethodSettings: [{ResourcePath: /~1a, HttpMethod: "*", ThrottlingRateLimit: 5}]

            """
        let result = Migrator.migrate(source: "throttled.yaml", bytes: Array(template.utf8))
        let migration = try #require(result.migration)
        let difference = "api: stage method setting * /~1a throttling rate: removed 5.0"
        #expect(migration.unexplained.map { "\($0.location.map { _ in "api" } ?? ""): \($0.difference)" } == [difference])
        #expect(migration.report.contains("unexplained differences (1):\n  throttled.yaml:2:3: stage method setting * /~1a throttling rate: removed 5.0\n"))
        #expect(result.diagnostics.contains { $0.code == MigrationCode.unexplainedDifference && $0.severity == .warning })
        #expect(migration.gaps.map(\.message).contains { $0.hasPrefix("the method settings of * /~1a cover every method of a path") })
    }

    /// An EDGE or PRIVATE endpoint is carried in the settings file and comes back.
    @Test func theEndpointComesBackThroughTheSettings() throws {
        let template = """
            Resources:
              Api:
                Type: AWS::ApiGateway::RestApi
                Properties:
                  Name: edge
                  EndpointConfiguration: {Types: [EDGE]}
              Get:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: !Ref Api
                  ResourceId: !GetAtt Api.RootResourceId
                  HttpMethod: GET
                  AuthorizationType: NONE
                  Integration: {Type: HTTP_PROXY, IntegrationHttpMethod: GET, Uri: https://backend.example.com/}

            """
        let migration = try #require(Migrator.migrate(source: "edge.yaml", bytes: Array(template.utf8)).migration)
        #expect(migration.unexplained.isEmpty)
        #expect(migration.gaps.isEmpty)
        #expect(migration.files.options?.contains("endpoint:\n  type: EDGE\n") == true)
    }

    /// What the spec and policy cannot say is a warning at its place too, not only a line
    /// of the report: a build step sees it among the diagnostics.
    @Test func whatIsNotExpressedIsAWarningAtItsPlace() throws {
        let source = "specs/migrate-classic-options/template.yaml"
        let result = Migrator.migrate(source: source, bytes: try SpecCorpus.bytes(source))
        let migration = try #require(result.migration)
        let warnings = result.diagnostics.filter { $0.code == "MIG010" }
        #expect(warnings.count == migration.gaps.count && warnings.count == 3)
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(warnings.map { $0.location?.line } == [6, 136, nil])
        #expect(warnings.first?.message.hasPrefix("parameter Stage is written into the spec as \"prod\"") == true)
    }

    /// A validator, a model and the method that uses them are carried into the spec and
    /// come back from it: nothing about them is left unexpressed or unexplained.
    @Test func validatorsAndModelsAreCarriedAndComeBack() throws {
        let source = "specs/migrate-request-validators/template.yaml"
        let result = Migrator.migrate(source: source, bytes: try SpecCorpus.bytes(source))
        let migration = try #require(result.migration)
        #expect(migration.gaps.isEmpty, "\(migration.gaps)")
        #expect(migration.unexplained.isEmpty)
        #expect(migration.files.openAPI.contains("x-amazon-apigateway-request-validator: body-and-params"))
        #expect(migration.files.openAPI.contains("$ref: \"#/components/schemas/Signup\""))
        #expect(migration.fixes.contains { $0.kind == .validationRefusalReadable })
    }

    @Test(arguments: MigrationCode.codes.map(\.id))
    func everyCodeIsDocumented(code: String) throws {
        let page = try String(contentsOf: SpecCorpus.root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        #expect(page.contains("| \(code) |"), "docs/diagnostics.md has no row for \(code)")
    }

    @Test func aPlainSpecIsRefused() throws {
        let result = Migrator.migrate(source: "specs/petstore/openapi.yaml", bytes: try SpecCorpus.bytes("specs/petstore/openapi.yaml"))
        #expect(result.migration == nil)
        #expect(result.diagnostics.map(\.code) == [MigrationCode.plainSpec.id])
    }

    @Test func migratedFilesThatDoNotConvertAreReportedNotCompared() throws {
        let migration = try MigrateGoldenTests.migration("migrate-classic-options")
        var files = migration.files
        files.cors = "allowOrigins: [https://a.example, \"*\"]\n"
        let source = try MigrateGoldenTests.migrateCase("migrate-classic-options").source
        let checked = Migrator.check(
            source: source, bytes: try SpecCorpus.bytes(source), files: files, names: MigratedFiles.Names(folder: "out"),
            expected: migration.fixes)
        #expect(checked.unexplained == nil)
        #expect(checked.diagnostics.map(\.code) == [MigrationCode.roundTripFailed.id])
        #expect(checked.diagnostics.first?.notes.contains { $0.message.hasPrefix("[CORS004]") } == true)
    }

    /// When the migrated files do not convert, migrate writes none of them: MIG002's notes
    /// say where in the file it would have written, and point to no file that is not there.
    @Test func aFailedRoundTripNamesTheFilesItDidNotWrite() {
        let failed = Diagnostic.error(
            MigrationCode.roundTripFailed, "the migrated files do not convert, so the round trip cannot be checked; fix the errors that follow",
            notes: [
                .init("[CORS004] * cannot stand beside other origins", at: SourceLocation(file: "cors.yaml", line: 1, column: 31)),
                .init("[READ010] a value the template leaves open", at: SourceLocation(file: "template.yaml", line: 9, column: 5)),
            ])
        let said = Migrator.unwrittenPlaces(failed)
        #expect(said.notes[0].location == nil)
        #expect(said.notes[0].message == "[CORS004] * cannot stand beside other origins (at 1:31 of the cors.yaml migrate would write; nothing was written)")
        #expect(said.notes[1] == failed.notes[1], "a place in the source is a place to open")
    }

    /// What the migration keeps of the source's CORS faults is in the report, not left for a
    /// doctor run on the rebuilt template to find.
    @Test func theReportListsTheCORSFaultsTheRebuiltAPIKeeps() throws {
        let source = "specs/doctor-allow-methods-omits/gateway.yaml"
        let migration = try #require(Migrator.migrate(source: source, bytes: try SpecCorpus.bytes(source)).migration)
        #expect(migration.keptFaults.map(\.code) == ["DOC005"])
        #expect(migration.report.contains(
            "CORS faults the rebuilt API keeps (1):\n  openapi.yaml:6:3: warning [DOC005] Access-Control-Allow-Methods of OPTIONS /pets is "
                + "'GET,OPTIONS' and omits PUT; add it to the list if pages on other origins call it\n"
                + "    in the policy: add PUT to allowMethods of rule 1 (cors.yaml:10:7)\n"))
        let clean = try MigrateGoldenTests.migration("migrate-classic-options")
        #expect(clean.keptFaults.isEmpty)
        #expect(clean.report.contains("CORS faults the rebuilt API keeps (0):\n  none: oas2apigw doctor finds nothing in the rebuilt API\n"))
    }

    /// A kept fault on a path the source answers no preflight for, with no policy written:
    /// the report says how to start one, at the place in the written spec.
    @Test func aKeptMissingPreflightWithoutAPolicySaysHowToStartOne() throws {
        let source = "specs/doctor-missing-options/template.yaml"
        let migration = try #require(Migrator.migrate(source: source, bytes: try SpecCorpus.bytes(source)).migration)
        #expect(migration.files.cors == nil)
        let fault = try #require(migration.keptFaults.first)
        #expect(fault.code == "DOC001")
        #expect(fault.location?.file == "openapi.yaml")
        #expect(migration.report.contains(
            "    in the policy: the migration wrote no cors.yaml, as the source answers no preflight here; write one "
                + "(oas2apigw new-policy > cors.yaml) and add --cors cors.yaml to the rebuild command\n"))
    }
}
