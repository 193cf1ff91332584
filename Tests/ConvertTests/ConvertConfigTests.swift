import Diagnostics
import Convert
import Testing
import YAML
import Planning
import Plan
import Foundation
import TestSupport

@Suite struct ConvertConfigTests {
    @Test func readsEverySetting() throws {
        let (config, problems) = try ConvertConfig.read(
            Array("backend: http:https://b.example.com\nstageName: prod\ncfnStyle: body\nformat: json\nrepair: true\ntrim: true\n".utf8),
            file: "c.yaml")
        #expect(problems.isEmpty)
        #expect(config.repair == true && config.trim == true)
        #expect(config.backend == .httpProxy(baseURL: "https://b.example.com"))
        #expect(config.stageName == "prod")
        #expect(config.cloudFormationStyle == .body)
        #expect(config.format == .json)
    }

    @Test(arguments: RequestValidationSetting.allCases)
    func readsRequestValidation(setting: RequestValidationSetting) throws {
        let (config, problems) = try ConvertConfig.read(Array("requestValidation: \(setting.rawValue)\n".utf8), file: "c.yaml")
        #expect(problems.isEmpty)
        #expect(config.api.requestValidation == setting)
    }

    @Test func aRequestValidationItDoesNotTakeIsNamedWithItsChoices() throws {
        let (config, problems) = try ConvertConfig.read(Array("requestValidation: strict\n".utf8), file: "c.yaml")
        #expect(config.api.requestValidation == nil)
        #expect(problems.map(\.message) == ["requestValidation takes none, parameters, body or all; correct the value"])
        #expect(problems.first?.location?.line == 1)
    }

    /// The stage settings read into the stage they describe, and written back the same.
    @Test func stageSettingsReadAndWriteBack() throws {
        let text = """
            stage:
              accessLog: true
              tracing: true
              throttling: {rateLimit: 100, burstLimit: 200}
              caching: {size: "1.6", ttl: 60}
              variables: {table: t}
              cloudWatchRole: true
              methods:
                POST /entries: {throttling: {rateLimit: 10, burstLimit: 20}}
            endpoint: {type: private, vpcEndpointIds: [vpce-1]}
            binaryMediaTypes: [image/png]
            minimumCompressionSize: 0

            """
        let (config, problems) = try ConvertConfig.read(Array(text.utf8), file: "c.yaml")
        #expect(problems.isEmpty, "\(problems)")
        let stage = try #require(config.api.stage)
        #expect(stage.accessLog == AccessLog(retentionDays: 90))
        #expect(stage.tracingEnabled && stage.createsCloudWatchRole)
        #expect(stage.cacheClusterSize == "1.6")
        #expect(stage.methodSettings.first?.throttlingRateLimit == 100 && stage.methodSettings.first?.cacheTtlInSeconds == 60)
        #expect(config.api.methodRoutes.map(\.route) == ["POST /entries"])
        #expect(config.api.endpointType == "PRIVATE" && config.api.vpcEndpointIds == ["vpce-1"])
        #expect(config.api.binaryMediaTypes == ["image/png"] && config.api.minimumCompressionSize == 0)
        // Written back (as migrate writes options.yaml) and read again: the same stage.
        var planned = stage
        var route = config.api.methodRoutes[0].setting
        route.resourcePath = MethodSetting.encodedPath("/entries")
        route.httpMethod = "POST"
        planned.methodSettings.append(route)
        let written = try #require(StageSettingsReader.written(planned).settings)
        let again = try ConvertConfig.read(Array(YAMLWriter.write(["stage": written]).utf8), file: "again.yaml")
        #expect(again.1.isEmpty)
        #expect(again.0.api.stage?.methodSettings == stage.methodSettings)
        #expect(again.0.api.methodRoutes.map(\.setting.throttlingRateLimit) == [10])
    }

    /// API Gateway's quotas on stage variables (100; names of 64 and values of 512 characters)
    /// and on an access log format (3 KB), refused where the settings file writes them.
    @Test func stageQuotasAreRefusedWhereTheyAreWritten() throws {
        let many = (0..<101).map { "    v\($0): x\n" }.joined()
        let longName = String(repeating: "k", count: 65)
        let format = "{\"requestId\":\"$context.requestId\"" + String(repeating: ",\"ip\":\"$context.identity.sourceIp\"", count: 100) + "}"
        let text = "stage:\n  accessLog: {format: '\(format)'}\n  variables:\n    \(longName): x\n    ok: '\(String(repeating: "v", count: 512))'\n" + many
        let (config, problems) = try ConvertConfig.read(Array(text.utf8), file: "c.yaml")
        #expect(problems.map(\.code) == [PlanError.accessLogFormatTooLarge.id, PlanError.stageVariableQuota.id, PlanError.stageVariableQuota.id])
        #expect(problems.map { $0.location?.line } == [2, 4, 3])
        #expect(problems.allSatisfy { $0.severity == .error })
        #expect(problems[0].message.contains("\(format.utf8.count) bytes"))
        #expect(config.api.stage?.variables.contains { $0.name == "ok" } == true, "512 characters is within the quota")
        let within = "stage:\n  variables:\n" + (0..<100).map { "    v\($0): x\n" }.joined()
        #expect(try ConvertConfig.read(Array(within.utf8), file: "c.yaml").1.isEmpty)
    }

    @Test func aStageSettingItDoesNotTakeIsRefusedAtItsLine() throws {
        let text = "stage:\n  tracng: true\n  caching: {size: \"2\"}\n  accessLog: {format: plain}\n  methods: {pets: {}}\n"
        let (_, problems) = try ConvertConfig.read(Array(text.utf8), file: "c.yaml")
        #expect(problems.map { $0.location?.line } == [2, 3, 4, 5])
        #expect(problems[0].message == "unknown stage setting \"tracng\"; did you mean tracing?")
        #expect(problems[1].message.hasPrefix("caching.size takes one of API Gateway's cache sizes in GB: 0.5, 1.6"))
        #expect(problems[2].message.hasPrefix("stage.accessLog.format must contain $context.requestId"))
        #expect(problems[3].message == "a stage.methods key is a route such as GET /pets/{petId}; correct pets")
    }

    /// A usage plan's throttling is read as the stage's is: a value that is not the mapping of
    /// the two limits is refused at its line (it used to be passed over without a word).
    @Test func aUsagePlansThrottlingIsCheckedAsTheStagesIs() throws {
        let text = "usagePlans:\n  - name: p\n    throttling: 5\n  - name: q\n    throttling: {rateLimit: -1}\n"
        let (config, problems) = try ConvertConfig.read(Array(text.utf8), file: "c.yaml")
        #expect(problems.map { $0.location?.line } == [3, 5])
        #expect(problems.first?.message == "throttling takes {rateLimit: requests per second, burstLimit: requests}; correct the value")
        #expect(problems.last?.message == "throttling.rateLimit takes requests per second, 0 or more")
        #expect(config.api.usagePlans.map(\.rateLimit) == [nil, nil])
    }

    /// docs/settings.md documents every key the file takes, in its table.
    @Test func everyKeyIsDocumented() throws {
        let page = try String(contentsOf: SpecCorpus.root.appendingPathComponent("docs/settings.md"), encoding: .utf8)
        for key in ConvertConfig.keys {
            #expect(page.contains("| `\(key)` |"), "docs/settings.md has no row for \(key)")
        }
    }

    @Test func reportsEveryMistakeWithItsPlace() throws {
        let (_, problems) = try ConvertConfig.read(
            Array("backend: ftp://x\nstagename: prod\ncfnStyle: inline\nrepair: yes please\n".utf8), file: "c.yaml")
        #expect(problems.map(\.code) == ["CONV020", "CONV020", "CONV020", "CONV020"])
        #expect(problems.map { $0.location?.line } == [1, 2, 3, 4])
        #expect(problems[3].message == "repair takes true or false; correct the value")
        #expect(problems[1].message == "unknown setting \"stagename\"; did you mean stageName?")
        #expect(problems[0].message == "backend takes mock, http:URL, lambda or lambda:ARN; write mock, http:URL, lambda or lambda:ARN")
    }

    @Test func aBareURLAsABackendIsSpeltForTheUser() throws {
        let (_, problems) = try ConvertConfig.read(Array("backend: https://api.example.com\n".utf8), file: "c.yaml")
        #expect(problems.map(\.message) == [
            "backend takes mock, http:URL, lambda or lambda:ARN; a backend URL is written with its kind first: http:https://api.example.com"
        ])
    }

    @Test(arguments: [
        ("mock", IntegrationSettings.Backend.mock), ("lambda", .lambdaProxy(functionARN: nil)),
        ("lambda:arn:aws:lambda:eu-west-1:123456789012:function:f", .lambdaProxy(functionARN: "arn:aws:lambda:eu-west-1:123456789012:function:f")),
        ("http:https://a.example.com/v1", .httpProxy(baseURL: "https://a.example.com/v1")),
    ])
    func spellsBackendsAsTheCommandLineDoes(text: String, backend: IntegrationSettings.Backend) {
        #expect(ConvertConfig.backend(from: text) == backend)
    }

    @Test(arguments: ["", "lambda:f", "http:ftp://x", "https://x"])
    func refusesOtherBackends(text: String) {
        #expect(ConvertConfig.backend(from: text) == nil)
    }
}

/// The keys of an HTTP API: its kind, its JWT issuers, its Lambda payload format, and where each
/// key only a REST API has is written, for the planner to refuse.
@Suite struct HTTPAPISettingsTests {
    @Test func readsTheKindTheIssuersAndThePayloadFormat() throws {
        let text = """
            api: http
            payloadFormatVersion: "1.0"
            jwt:
              cognito: {issuer: https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab, audience: [client-1, client-2]}
              oidc: {audience: app}
            """
        let (config, problems) = try ConvertConfig.read(Array(text.utf8), file: "c.yaml")
        #expect(problems.isEmpty)
        #expect(config.api.kind == .http)
        #expect(config.api.payloadFormatVersion == "1.0")
        #expect(config.api.jwtAuthorizers == [
            JWTAuthorizerSetting(
                scheme: "cognito", issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab", audience: ["client-1", "client-2"],
                location: Diagnostics.SourceLocation(file: "c.yaml", line: 4, column: 3)),
            JWTAuthorizerSetting(scheme: "oidc", audience: ["app"], location: Diagnostics.SourceLocation(file: "c.yaml", line: 5, column: 3)),
        ])
        // The stage an HTTP API gets when none is named.
        #expect(config.integrations().stageName == "$default")
        #expect(ConvertConfig().integrations().stageName == "v1")
    }

    @Test func valuesTheKeysDoNotTakeAreNamedAtTheirLine() throws {
        let text = """
            api: websocket
            payloadFormatVersion: 2
            jwt:
              oidc: {issuer: http://insecure.example.com, audience: [], scope: x}
            """
        let (_, problems) = try ConvertConfig.read(Array(text.utf8), file: "c.yaml")
        #expect(problems.map(\.message) == [
            "api takes rest or http; correct the value",
            "payloadFormatVersion takes \"1.0\" or \"2.0\" (an HTTP API's Lambda event format); correct the value",
            "jwt.oidc.issuer takes the issuer's https:// URL; correct the value",
            "jwt.oidc.audience takes a list of client IDs; correct the value",
            "unknown jwt setting \"scope\" of oidc; a scheme takes issuer and audience",
        ])
        #expect(problems.map { $0.location?.line } == [1, 2, 4, 4, 4])
    }

    @Test func keysOnlyARESTAPIHasAreRecordedWithTheirPlace() throws {
        let text = """
            requestValidation: all
            endpoint: {type: EDGE}
            stage:
              tracing: true
              throttling: {rateLimit: 10, burstLimit: 20}
              methods:
                GET /pets: {caching: {ttl: 60}}
            usagePlans: []
            """
        let (config, _) = try ConvertConfig.read(Array(text.utf8), file: "c.yaml")
        #expect(config.api.restOnlySettings.map(\.key) == [
            "requestValidation", "endpoint.type EDGE", "stage.tracing", "stage.methods GET /pets caching", "usagePlans",
        ])
        #expect(config.api.restOnlySettings.map { $0.location?.line } == [1, 2, 4, 7, 8])
    }
}
