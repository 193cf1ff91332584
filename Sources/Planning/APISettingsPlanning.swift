import Diagnostics
import YAML
import Plan

/// The settings file's API and stage settings applied to a planned API: how the stage runs
/// (access log, tracing, throttling, caching, variables, the account's CloudWatch role),
/// the endpoint, binary media types and compression. The spec has no place for these; they
/// are what a team sets once and wants the same on every build (docs/settings.md).
enum APISettingsPlanning {
    static func apply(_ settings: APISettings, to plan: inout GatewayPlan, diagnostics: inout DiagnosticEngine) {
        if let stage = settings.stage {
            plan.stage.accessLog = stage.accessLog
            plan.stage.tracingEnabled = stage.tracingEnabled
            plan.stage.methodSettings = stage.methodSettings
            plan.stage.cacheClusterSize = stage.cacheClusterSize
            plan.stage.createsCloudWatchRole = stage.createsCloudWatchRole
            for variable in stage.variables {
                plan.stage.variables.removeAll { $0.name == variable.name }
                plan.stage.variables.append(variable)
            }
        }
        for (route, setting) in settings.methodRoutes {
            let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
            let verb = parts.first?.uppercased() ?? ""
            let path = parts.count == 2 ? parts[1] : ""
            guard let resource = plan.resource(at: path), resource.method(verb) != nil else {
                let known = plan.resources.flatMap { resource in
                    resource.methods.filter { $0.role != .preflight }.map { "\($0.httpMethod) \(resource.path)" }
                }
                let hint = known.isEmpty ? "" : "; the API's methods are \(known.prefix(8).joined(separator: ", "))\(known.count > 8 ? ", …" : "")"
                diagnostics.report(
                    .warning(
                        PlanError.unknownRoute,
                        "the settings file's stage.methods names \(route), which is no method of the API, so its settings are left out\(hint)"))
                continue
            }
            var placed = setting
            placed.resourcePath = MethodSetting.encodedPath(path)
            placed.httpMethod = verb
            plan.stage.methodSettings.append(placed)
        }
        let logs = plan.stage.accessLog != nil || plan.stage.methodSettings.contains { ($0.loggingLevel ?? "OFF") != "OFF" }
        // An HTTP API writes access logs without the account's role.
        if logs, !plan.stage.createsCloudWatchRole, plan.kind == .rest {
            diagnostics.report(
                .note(
                    PlanError.accessLogWithoutRole,
                    "the stage writes logs, which API Gateway does only once the account has a CloudWatch Logs role; a first "
                        + "deployment fails with \"CloudWatch Logs role ARN must be set in account settings\" without one, so set "
                        + "stage.cloudWatchRole: true to create it (one per account and region), or set it once by hand (docs/settings.md)"))
        }
        if let type = settings.endpointType { plan.api.endpointTypes = [type] }
        if !settings.vpcEndpointIds.isEmpty { plan.api.vpcEndpointIds = settings.vpcEndpointIds }
        if plan.api.endpointTypes.contains("PRIVATE"), plan.api.policy == nil {
            if plan.api.vpcEndpointIds.isEmpty {
                diagnostics.report(
                    .warning(
                        PlanError.privateWithoutEndpoints,
                        "a PRIVATE API answers only requests its resource policy allows, and it has neither vpcEndpointIds nor "
                            + "x-amazon-apigateway-policy; list the VPC endpoints under endpoint.vpcEndpointIds, or write the policy in the spec"))
            } else {
                plan.api.policy = privatePolicy(plan.api.vpcEndpointIds)
            }
        }
        plan.usagePlans = settings.usagePlans
        // Read where they lie: `plan.methods` copies every method of a large API.
        var keyed: [String] = []
        for resource in plan.resources {
            for method in resource.methods where method.apiKeyRequired { keyed.append("\(method.httpMethod) \(resource.path)") }
        }
        if !keyed.isEmpty, plan.usagePlans.isEmpty {
            diagnostics.report(
                .note(
                    PlanError.keysWithoutPlan,
                    "\(keyed.prefix(3).joined(separator: ", "))\(keyed.count > 3 ? " and \(keyed.count - 3) more" : "") require an API key, "
                        + "and API Gateway refuses (403) every key that is not in a usage plan of the stage; unless a plan you manage "
                        + "elsewhere takes this stage, add usagePlans to the settings file (docs/settings.md)"))
        } else if keyed.isEmpty, !plan.usagePlans.isEmpty {
            diagnostics.report(
                .note(
                    PlanError.planWithoutKeyedMethods,
                    "the usage plans limit callers by their API key, and no method requires one, so the limits apply to no request; "
                        + "require a key with an apiKey security scheme on the operations (name: x-api-key, in: header)"))
        }
        for type in settings.binaryMediaTypes where !plan.api.binaryMediaTypes.contains(type) { plan.api.binaryMediaTypes.append(type) }
        if let size = settings.minimumCompressionSize { plan.api.minimumCompressionSize = size }
    }

    /// The resource policy a PRIVATE API needs: invoke allowed through its VPC endpoints only.
    static func privatePolicy(_ endpoints: [String]) -> Node {
        [
            "Version": "2012-10-17",
            "Statement": [
                [
                    "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
                    "Condition": ["StringEquals": ["aws:SourceVpce": .sequence(endpoints.map { .string($0) })]],
                ]
            ],
        ]
    }
}
