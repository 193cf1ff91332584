import Diagnostics
import YAML
import Plan
import Support

/// An HTTP API (`plan.kind == .http`) as CloudFormation's `AWS::ApiGatewayV2::*` resources.
///
/// The template shares its parameters, Lambda permissions and access-log group with a REST
/// API's; what differs is the API's own resources. An HTTP API's stage deploys every change
/// by itself (`AutoDeploy`), so there is no Deployment and no fingerprint. In the body
/// styles the Api holds nothing but its definition: CloudFormation refuses a `Body` beside
/// `Name` or `CorsConfiguration`, and API Gateway does not take a definition together with
/// Route, Integration or Authorizer resources, so all of them are in the document.
extension CloudFormationRenderer {
    /// The resource-by-resource template: the Api, its authorizers, one integration per
    /// distinct backend, one route per method, the permissions and the stage.
    func httpAPIResources(_ plan: GatewayPlan) -> (template: Rendered, diagnostics: [Diagnostic]) {
        let ids = LogicalIDs(paths: plan.resources.map(\.path))
        var resources = Mapping()
        resources.append(key: .string(apiID), value: httpAPI(plan))
        for authorizer in plan.authorizers {
            resources.append(key: .string(LogicalIDs.authorizer(authorizer.name)), value: httpAuthorizer(authorizer))
        }
        // Each integration is written once, named after the first route that uses it; a
        // digest of its properties finds the routes that use the same one.
        var integrationIDs: [UInt64: [(properties: Node, id: String)]] = [:]
        var routes = Mapping()
        var routeIDs: [String] = []
        for resource in plan.resources {
            for method in resource.methods {
                let properties = httpIntegrationProperties(method.integration)
                var hash = StableHash()
                hash.combine(properties)
                let integrationID: String
                if let known = integrationIDs[hash.value]?.first(where: { $0.properties == properties }) {
                    integrationID = known.id
                } else {
                    integrationID = ids.integration(method.httpMethod, on: resource.path)
                    integrationIDs[hash.value, default: []].append((properties, integrationID))
                    resources.append(
                        key: .string(integrationID), value: ["Type": "AWS::ApiGatewayV2::Integration", "Properties": properties])
                }
                let routeID = ids.route(method.httpMethod, on: resource.path)
                routeIDs.append(routeID)
                routes.append(
                    key: .string(routeID), value: route(method, key: GatewayPlan.routeKey(path: resource.path, method: method.httpMethod), integrationID: integrationID))
            }
        }
        for (key, value) in routes.entries { resources.append(key: key, value: value) }
        addLambdaPermissions(plan.lambdaPermissions, ids: ids, to: &resources)
        addStageResources(plan.stage, to: &resources)
        // The stage's first deployment then has every route, and its route settings name
        // routes that exist.
        resources.append(key: "Stage", value: httpStage(plan.stage, routeIDs: routeIDs))
        return (.whole(template(plan, resources: resources)), limits(resourceCount: resources.count, kind: .http))
    }

    /// The template whose Api's `Body` is the OpenAPI output, with the paths made in parts
    /// while it is written, as for a REST API.
    func httpAPIBody(_ plan: GatewayPlan) -> (template: Rendered, diagnostics: [Diagnostic]) {
        let body = OpenAPIRenderer().renderInParts(plan)
        var resources = Mapping()
        resources.append(
            key: .string(apiID),
            value: ["Type": "AWS::ApiGatewayV2::Api", "Properties": ["Body": Self.substitutingServerURLs(body.root)]])
        addImportedHTTPAPIParts(plan, to: &resources)
        let document = SplicedDocument(
            root: template(plan, resources: resources),
            splicePath: ["Resources", apiID, "Properties", "Body"] + body.splicePath, entryCount: body.entryCount,
            makeEntries: body.makeEntries)
        return (.inParts(document), limits(resourceCount: resources.count, kind: .http))
    }

    /// The `body-s3` template: an Api that imports `definition` from the bucket and key the
    /// parameters name, pinned to its ETag, so a changed definition is imported again, and
    /// the stage deploys it by itself.
    func httpAPIWithDefinitionInS3(_ plan: GatewayPlan, definition: DefinitionFile) -> (template: Node, diagnostics: [Diagnostic]) {
        var resources = Mapping()
        resources.append(
            key: .string(apiID),
            value: [
                "Type": "AWS::ApiGatewayV2::Api",
                "Properties": [
                    "BodyS3Location": ["Bucket": ref("DefinitionBucket"), "Key": ref("DefinitionKey"), "Etag": ref("DefinitionETag")]
                ],
            ])
        addImportedHTTPAPIParts(plan, to: &resources)
        return (
            withDefinitionParameters(template(plan, resources: resources), definition: definition),
            limits(resourceCount: resources.count, kind: .http)
        )
    }

    /// What an imported definition does not create: the permissions to invoke Lambda, the
    /// access-log group, and the stage.
    private func addImportedHTTPAPIParts(_ plan: GatewayPlan, to resources: inout Mapping) {
        if !plan.lambdaPermissions.isEmpty {
            addLambdaPermissions(plan.lambdaPermissions, ids: LogicalIDs(paths: plan.resources.map(\.path)), to: &resources)
        }
        addStageResources(plan.stage, to: &resources)
        resources.append(key: "Stage", value: httpStage(plan.stage, routeIDs: []))
    }

    /// The API's ID and base URL. `ApiEndpoint` is the URL of the `$default` stage; a stage
    /// with another name answers under its name.
    var httpAPIOutputs: Node {
        [
            "ApiId": ["Description": "The HTTP API's ID.", "Value": ref(apiID)],
            "ApiEndpoint": [
                "Description": "The API's base URL: the $default stage answers on it, any other stage under /STAGE_NAME.",
                "Value": getAtt("\(apiID).ApiEndpoint"),
            ],
        ]
    }

    // MARK: - Resources

    /// The `AWS::ApiGatewayV2::Api` of the resource-by-resource style.
    private func httpAPI(_ plan: GatewayPlan) -> Node {
        var properties = Mapping()
        properties.append(key: "Name", value: plan.api.name)
        if let description = plan.api.description { properties.append(key: "Description", value: description) }
        properties.append(key: "ProtocolType", value: "HTTP")
        if let cors = plan.cors { properties.append(key: "CorsConfiguration", value: corsConfiguration(cors)) }
        return ["Type": "AWS::ApiGatewayV2::Api", "Properties": .mapping(properties)]
    }

    /// `CorsConfiguration`: only what is set, since API Gateway treats a missing list as
    /// empty and a missing `AllowCredentials` as false.
    private func corsConfiguration(_ cors: CORSConfiguration) -> Node {
        var fields = Mapping()
        func list(_ key: String, _ values: [String]) {
            if !values.isEmpty { fields.append(key: .string(key), value: .sequence(values.map { .string($0) })) }
        }
        list("AllowOrigins", cors.allowOrigins)
        list("AllowMethods", cors.allowMethods)
        list("AllowHeaders", cors.allowHeaders)
        list("ExposeHeaders", cors.exposeHeaders)
        if let age = cors.maxAge { fields.append(key: "MaxAge", value: .int(age)) }
        if cors.allowCredentials { fields.append(key: "AllowCredentials", value: true) }
        return .mapping(fields)
    }

    /// The properties of an `AWS::ApiGatewayV2::Integration`: a Lambda proxy or an HTTP proxy.
    private func httpIntegrationProperties(_ integration: Integration) -> Node {
        var properties = Mapping()
        properties.append(key: "ApiId", value: ref(apiID))
        properties.append(key: "IntegrationType", value: .string(integration.kind.rawValue))
        if let uri = integration.uri { properties.append(key: "IntegrationUri", value: uri) }
        if let method = integration.httpMethod { properties.append(key: "IntegrationMethod", value: .string(method)) }
        if let version = integration.payloadFormatVersion { properties.append(key: "PayloadFormatVersion", value: .string(version)) }
        if let timeout = integration.timeoutInMillis { properties.append(key: "TimeoutInMillis", value: .int(timeout)) }
        if let type = integration.connectionType { properties.append(key: "ConnectionType", value: .string(type)) }
        if let id = integration.connectionID { properties.append(key: "ConnectionId", value: id) }
        if let credentials = integration.credentials { properties.append(key: "CredentialsArn", value: credentials) }
        return .mapping(properties)
    }

    /// An `AWS::ApiGatewayV2::Route` sending `key` to its integration.
    private func route(_ method: PlanMethod, key: String, integrationID: String) -> Node {
        var properties = Mapping()
        properties.append(key: "ApiId", value: ref(apiID))
        properties.append(key: "RouteKey", value: .string(key))
        properties.append(key: "Target", value: Node(.scalar(Scalar(text: "integrations/${\(integrationID)}", kind: .string)), tag: "!Sub"))
        properties.append(key: "AuthorizationType", value: .string(method.authorization.type))
        if let name = method.authorization.authorizerName {
            properties.append(key: "AuthorizerId", value: ref(LogicalIDs.authorizer(name)))
        }
        if !method.authorization.scopes.isEmpty {
            properties.append(key: "AuthorizationScopes", value: .sequence(method.authorization.scopes.map { .string($0) }))
        }
        if let name = method.operationName { properties.append(key: "OperationName", value: .string(name)) }
        return ["Type": "AWS::ApiGatewayV2::Route", "Properties": .mapping(properties)]
    }

    /// An `AWS::ApiGatewayV2::Authorizer`: a JWT authorizer, or a Lambda `REQUEST` one.
    private func httpAuthorizer(_ authorizer: Authorizer) -> Node {
        var properties = Mapping()
        properties.append(key: "ApiId", value: ref(apiID))
        properties.append(key: "Name", value: .string(authorizer.name))
        properties.append(key: "AuthorizerType", value: .string(authorizer.type))
        // A list here; the OpenAPI extension writes the same sources as one comma-separated string.
        if let source = authorizer.identitySource {
            // A selection expression has no spaces; the list may have them after its commas.
            let sources = source.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }.filter { !$0.isEmpty }
            properties.append(key: "IdentitySource", value: .sequence(sources.map { Node.string($0) }))
        }
        if let jwt = authorizer.jwtConfiguration {
            var configuration = Mapping()
            if let issuer = jwt.issuer { configuration.append(key: "Issuer", value: issuer) }
            if !jwt.audience.isEmpty { configuration.append(key: "Audience", value: .sequence(jwt.audience)) }
            properties.append(key: "JwtConfiguration", value: .mapping(configuration))
        }
        if let uri = authorizer.authorizerURI { properties.append(key: "AuthorizerUri", value: uri) }
        if let version = authorizer.payloadFormatVersion {
            properties.append(key: "AuthorizerPayloadFormatVersion", value: .string(version))
        }
        if let simple = authorizer.enableSimpleResponses { properties.append(key: "EnableSimpleResponses", value: .bool(simple)) }
        if let ttl = authorizer.resultTTLInSeconds { properties.append(key: "AuthorizerResultTtlInSeconds", value: .int(ttl)) }
        if let credentials = authorizer.credentials { properties.append(key: "AuthorizerCredentialsArn", value: credentials) }
        return ["Type": "AWS::ApiGatewayV2::Authorizer", "Properties": .mapping(properties)]
    }

    /// The `AWS::ApiGatewayV2::Stage`, deploying every change by itself. The `/*` `*` method
    /// setting is its `DefaultRouteSettings`; any other is the `RouteSettings` of one route.
    private func httpStage(_ stage: Stage, routeIDs: [String]) -> Node {
        var properties = Mapping()
        properties.append(key: "ApiId", value: ref(apiID))
        properties.append(key: "StageName", value: ref("StageName"))
        properties.append(key: "AutoDeploy", value: true)
        if !stage.variables.isEmpty { properties.append(key: "StageVariables", value: mapping(stage.variables)) }
        if let log = stage.accessLog {
            properties.append(
                key: "AccessLogSettings",
                value: ["DestinationArn": log.destinationARN ?? getAtt("\(Self.accessLogGroupID).Arn"), "Format": .string(log.format)])
        }
        var perRoute = Mapping()
        for setting in stage.methodSettings {
            guard let settings = routeSettings(setting) else { continue }
            if setting.resourcePath == "/*" && setting.httpMethod == "*" {
                properties.append(key: "DefaultRouteSettings", value: settings)
            } else {
                let key = GatewayPlan.routeKey(path: MethodSetting.decodedPath(setting.resourcePath), method: setting.httpMethod)
                perRoute.append(key: .string(key), value: settings)
            }
        }
        if !perRoute.isEmpty { properties.append(key: "RouteSettings", value: .mapping(perRoute)) }
        var definition = Mapping()
        definition.append(key: "Type", value: "AWS::ApiGatewayV2::Stage")
        // Logs need the account's CloudWatch role first, when the template sets it up.
        let dependencies = routeIDs + (stage.createsCloudWatchRole ? [Self.accountID] : [])
        if !dependencies.isEmpty { definition.append(key: "DependsOn", value: .sequence(dependencies.map { .string($0) })) }
        definition.append(key: "Properties", value: .mapping(properties))
        return .mapping(definition)
    }

    /// A route's throttling and detailed metrics; `nil` when the setting has neither. An HTTP
    /// API has no cache and no execution logs (`LoggingLevel` is for WebSocket APIs).
    private func routeSettings(_ setting: MethodSetting) -> Node? {
        var fields = Mapping()
        if let burst = setting.throttlingBurstLimit { fields.append(key: "ThrottlingBurstLimit", value: .int(burst)) }
        if let rate = setting.throttlingRateLimit { fields.append(key: "ThrottlingRateLimit", value: .number(rate)) }
        if let metrics = setting.metricsEnabled { fields.append(key: "DetailedMetricsEnabled", value: .bool(metrics)) }
        return fields.isEmpty ? nil : .mapping(fields)
    }
}
