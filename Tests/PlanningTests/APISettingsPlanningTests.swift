import Diagnostics
import Testing
import YAML
import Plan
import Spec
import Planning

/// The settings file's stage and endpoint settings on a planned API.
@Suite struct APISettingsPlanningTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: t, version: '1'}
        paths:
          /entries:
            get:
              responses: {'200': {description: ok}}
        """

    static func plan(_ settings: APISettings, spec: String = spec) throws -> (GatewayPlan, [Diagnostic]) {
        let root = try YAMLReader.read(Array(spec.utf8), file: "openapi.yaml")
        let (model, _) = APIModelBuilder.build(from: LoadedSpec(entryFile: "openapi.yaml", root: root))
        return GatewayPlanner(api: settings).plan(model, document: root)
    }

    @Test func aRouteTheAPIHasGetsItsSettingAndAnotherIsNamed() throws {
        var settings = APISettings()
        var throttled = MethodSetting()
        throttled.throttlingRateLimit = 5
        settings.methodRoutes = [("GET /entries", throttled), ("POST /entries", throttled)]
        let (plan, diagnostics) = try Self.plan(settings)
        #expect(plan.stage.methodSettings.map(\.resourcePath) == ["/~1entries"])
        #expect(plan.stage.methodSettings.map(\.httpMethod) == ["GET"])
        let unknown = diagnostics.filter { $0.code == PlanError.unknownRoute.id }
        #expect(unknown.map(\.message) == [
            "the settings file's stage.methods names POST /entries, which is no method of the API, so its settings are left out; "
                + "the API's methods are GET /entries",
        ])
    }

    /// The spec's `x-amazon-apigateway-endpoint-configuration` decides the endpoint, so a
    /// template's RestApi deploys what the spec asks for; the settings file still overrides it.
    @Test func theSpecsEndpointIsPlannedAndTheSettingsOverrideIt() throws {
        let spec = Self.spec + "\nx-amazon-apigateway-endpoint-configuration: {types: [edge], vpcEndpointIds: [vpce-1]}\n"
        #expect(try Self.plan(APISettings()).0.api.endpointTypes == ["REGIONAL"], "without the extension")
        let (plan, _) = try Self.plan(APISettings(), spec: spec)
        #expect(plan.api.endpointTypes == ["EDGE"])
        #expect(plan.api.vpcEndpointIds == ["vpce-1"])
        var settings = APISettings()
        settings.endpointType = "REGIONAL"
        #expect(try Self.plan(settings, spec: spec).0.api.endpointTypes == ["REGIONAL"])
    }

    @Test func logsWithoutTheAccountRoleAreExplained() throws {
        var stage = Stage()
        stage.accessLog = AccessLog(retentionDays: 90)
        var settings = APISettings()
        settings.stage = stage
        let (_, withoutRole) = try Self.plan(settings)
        #expect(withoutRole.contains { $0.code == PlanError.accessLogWithoutRole.id })
        settings.stage?.createsCloudWatchRole = true
        let (plan, withRole) = try Self.plan(settings)
        #expect(!withRole.contains { $0.code == PlanError.accessLogWithoutRole.id })
        #expect(plan.stage.createsCloudWatchRole)
    }

    @Test func aPrivateAPIGetsThePolicyItsEndpointsNeed() throws {
        var settings = APISettings()
        settings.endpointType = "PRIVATE"
        let (bare, warned) = try Self.plan(settings)
        #expect(warned.contains { $0.code == PlanError.privateWithoutEndpoints.id })
        #expect(bare.api.policy == nil)
        settings.vpcEndpointIds = ["vpce-1"]
        let (plan, quiet) = try Self.plan(settings)
        #expect(!quiet.contains { $0.code == PlanError.privateWithoutEndpoints.id })
        #expect(plan.api.endpointTypes == ["PRIVATE"])
        #expect(plan.api.vpcEndpointIds == ["vpce-1"])
        #expect(plan.api.policy?["Statement"]?[0]?["Condition"]?["StringEquals"]?["aws:SourceVpce"] == ["vpce-1"])
    }

    /// Usage plans limit callers by key: with no keyed method their limits apply to nothing.
    @Test func usagePlansWithoutKeyedMethodsAreNoted() throws {
        var settings = APISettings()
        settings.usagePlans = [UsagePlan(name: "partners", apiKeys: ["acme"])]
        let (plan, diagnostics) = try Self.plan(settings)
        #expect(plan.usagePlans.map(\.name) == ["partners"])
        #expect(diagnostics.contains { $0.code == PlanError.planWithoutKeyedMethods.id })
        #expect(!diagnostics.contains { $0.code == PlanError.keysWithoutPlan.id })
    }
}

