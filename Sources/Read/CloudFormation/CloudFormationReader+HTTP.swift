import Diagnostics
import YAML
import Plan

/// An HTTP API in a template (`AWS::ApiGatewayV2::Api` with protocol HTTP), read into a plan
/// of kind `.http`.
///
/// Either way of writing one is read: an `Api` whose `Body` (or a `BodyS3Location` beside the
/// template) is the OpenAPI document API Gateway imports, or an `Api` with `Route`,
/// `Integration` and `Authorizer` resources that name it by `ApiId`. Both have a `Stage` and
/// `Lambda::Permission`s. What AWS does not support (a `Body` beside a `CorsConfiguration`, or
/// beside `Route` resources for the same API) is reported where it is written.
extension CloudFormationReader {
    static let httpAPIType = "AWS::ApiGatewayV2::Api"

    /// The resources that make an HTTP API's routes when it has no `Body`.
    private static let routeResourceTypes = [
        "AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Integration", "AWS::ApiGatewayV2::Authorizer",
    ]

    /// Whether `entry` is an HTTP API: an `AWS::ApiGatewayV2::Api` that is not a WebSocket
    /// API. CloudFormation requires `ProtocolType` unless a `Body` is imported, and a body is
    /// an HTTP API's.
    func isHTTPAPI(_ entry: Entry) -> Bool {
        entry.type == Self.httpAPIType && entry.properties["ProtocolType"]?.text?.uppercased() != "WEBSOCKET"
    }

    func readHTTPAPI(_ api: Entry, members: [Entry], entries: [Entry], template: Node) -> GatewayPlan {
        let p = api.properties
        let hasBody = p["Body"] != nil || p["BodyS3Location"] != nil
        // CloudFormation sets CorsConfiguration on the API after importing a Body, so it is the
        // configuration the API ends with, and the place a fix goes.
        var cors: CORSConfiguration?
        if let configuration = p["CorsConfiguration"] {
            if hasBody {
                context.warning(
                    ReadDiagnosticCode.bodyWithCORSConfiguration,
                    "\(api.id) has both a Body and a CorsConfiguration, which AWS does not support together: CloudFormation "
                        + "applies CorsConfiguration over the imported Body, so the Body's x-amazon-apigateway-cors is lost (or the "
                        + "update fails); move the settings into the Body as x-amazon-apigateway-cors and remove CorsConfiguration",
                    at: p.keys.first { $0.text == "CorsConfiguration" } ?? configuration)
            }
            cors = context.corsConfiguration(configuration, capitalized: true)
        }
        var plan = GatewayPlan(api: RestAPI(name: .string(api.id)))
        let besideTemplate = p["BodyS3Location"].flatMap { definitionBeside($0) }
        if var body = p["Body"] ?? besideTemplate {
            if body.tag == "!Transform" { body = TemplateInclude(context: context, include: include).document(body) ?? .null() }
            if let document = context.mapping(body, "the Body of \(api.id)"),
                let read = GatewayOpenAPIReader(context: context, kind: .http).read(Node(.mapping(document), mark: body.mark))
            {
                plan = read
            }
        } else if let external = p["BodyS3Location"] {
            context.warning(
                ReadDiagnosticCode.externalBody,
                "the API's definition is in a separate file, which is not read here; check that OpenAPI document itself",
                at: external)
        }
        plan.kind = .http
        if let cors { plan.cors = cors }
        if let name = context.node(p["Name"], "the Name of \(api.id)") { plan.api.name = name }
        if let description = context.node(p["Description"], "the Description of \(api.id)") { plan.api.description = description }
        context.locations[.api] = context.location(api.key)

        let parts = members.filter { Self.routeResourceTypes.contains($0.type) }
        if hasBody {
            for entry in parts {
                context.warning(
                    ReadDiagnosticCode.bodyWithRouteResources,
                    "\(entry.id) is an \(entry.type) of \(api.id), whose routes come from its Body; AWS does not support the mix (a "
                        + "re-import of the Body replaces what the resource made), so it is not read; write it in the Body instead",
                    at: entry.key)
            }
        } else {
            readRoutes(members, apiID: api.id, into: &plan)
        }
        plan.stage = readStage(members)
        plan.markHTTPPreflightRoutes()
        plan.parameters = templateParameters(template, stageReference: plan.stage.name, stageType: "AWS::ApiGatewayV2::Stage")
        plan.lambdaPermissions = entries.filter { $0.type == "AWS::Lambda::Permission" }.compactMap {
            lambdaPermission($0, apiID: api.id, resources: plan.resources)
        }
        return plan
    }

    // MARK: - Routes, integrations, authorizers

    /// The routes the `Route` resources make, each with the `Integration` its `Target` names
    /// and the `Authorizer` its `AuthorizerId` names, laid out as the planner lays out
    /// resources.
    private func readRoutes(_ members: [Entry], apiID: String, into plan: inout GatewayPlan) {
        var integrations: [String: (integration: Integration, entry: Entry)] = [:]
        var unsupported: Set<String> = []
        for entry in members where entry.type == "AWS::ApiGatewayV2::Integration" {
            if let integration = readIntegration(entry) {
                integrations[entry.id] = (integration, entry)
            } else {
                unsupported.insert(entry.id)
            }
        }
        var authorizerNames: [String: String] = [:]
        for entry in members where entry.type == "AWS::ApiGatewayV2::Authorizer" {
            let authorizer = readAuthorizer(entry)
            authorizerNames[entry.id] = authorizer.name
            context.locations[.authorizer(authorizer.name)] = context.location(entry.key)
            plan.authorizers.append(authorizer)
        }
        var tree = PlanResourceTree()
        for entry in members where entry.type == "AWS::ApiGatewayV2::Route" {
            let p = entry.properties
            guard let key = context.text(p["RouteKey"], "the RouteKey of \(entry.id)"), let route = GatewayPlan.route(ofKey: key) else {
                context.warning(
                    ReadDiagnosticCode.malformed,
                    "route \(entry.id) has no RouteKey of the form \"GET /pets\" or \"$default\", so it is skipped; correct it",
                    at: p["RouteKey"] ?? entry.key)
                continue
            }
            let path = route.path == GatewayPlan.defaultRoutePath ? route.path : PlanResourceTree.normalized(route.path)
            let verb = route.method
            guard let target = p["Target"], let id = Self.integrationID(ofTarget: target), let found = integrations[id] else {
                if let target = p["Target"], let id = Self.integrationID(ofTarget: target), unsupported.contains(id) { continue }
                context.warning(
                    ReadDiagnosticCode.unknownRouteTarget,
                    "the Target of route \(entry.id) names no AWS::ApiGatewayV2::Integration of the template, so the route is skipped; "
                        + "write it as !Sub integrations/${Integration}",
                    at: p["Target"] ?? entry.key)
                continue
            }
            if tree.hasMethod(verb, on: path) {
                context.warning(
                    ReadDiagnosticCode.duplicateMethod,
                    "\(entry.id) is a second route \(key); CloudFormation fails to create it, so remove one", at: entry.key)
                continue
            }
            context.locations[.resource(path)] = context.location(p["RouteKey"])
            context.locations[.method(verb, path)] = context.location(entry.key)
            context.locations[.integration(verb, path)] = context.location(found.entry.key)
            let authorization = readAuthorization(of: entry, verb: verb, path: path, authorizerNames: authorizerNames)
            tree.add(
                PlanMethod(
                    httpMethod: verb, operationName: context.text(p["OperationName"], "OperationName"), authorization: authorization,
                    integration: found.integration),
                on: path)
        }
        plan.resources = tree.resources
    }

    /// The logical ID of the `Integration` a route's `Target` names: `integrations/${Id}`
    /// written with `!Sub` (the variable itself, or one set to `!Ref Id`), or a `!Join` of
    /// `integrations/` and `!Ref Id`. `nil` for anything else (an integration ID written out
    /// names nothing in the template).
    static func integrationID(ofTarget target: Node) -> String? {
        switch target.tag {
        case "!Sub":
            guard let text = target.string ?? target[0]?.string, text.hasPrefix("integrations/${"), text.hasSuffix("}") else {
                return nil
            }
            let name = String(text.dropFirst("integrations/${".count).dropLast())
            if let variable = target[1]?[name] { return variable.tag == "!Ref" ? variable.text : nil }
            return name.contains(".") ? nil : name
        case "!Join":
            guard let items = target.sequence, items.count == 2, let separator = items[0].string, let parts = items[1].sequence else {
                return nil
            }
            var written: [String] = []
            var id: String?
            for part in parts {
                if part.tag == "!Ref", let name = part.text, id == nil {
                    id = name
                    written.append("${}")
                } else if part.tag == nil, let text = part.string {
                    written.append(text)
                } else {
                    return nil
                }
            }
            return written.joined(separator: separator) == "integrations/${}" ? id : nil
        default:
            return nil
        }
    }

    /// An `AWS::ApiGatewayV2::Integration`; `nil` (reported) for a type other than a Lambda or
    /// HTTP proxy.
    private func readIntegration(_ entry: Entry) -> Integration? {
        let p = entry.properties
        let typeText = context.text(p["IntegrationType"], "the IntegrationType of \(entry.id)")?.uppercased() ?? ""
        guard let kind = Integration.Kind(rawValue: typeText), APIKind.http.integrationKinds.contains(kind) else {
            context.warning(
                ReadDiagnosticCode.unsupportedHTTPIntegration,
                "IntegrationType \"\(typeText)\" of \(entry.id) is not AWS_PROXY or HTTP_PROXY, which is all this tool reads of an "
                    + "HTTP API, so the routes that use it are skipped; check them by hand",
                at: p["IntegrationType"] ?? entry.key)
            return nil
        }
        var integration = Integration(
            kind: kind,
            uri: context.node(p["IntegrationUri"], "the IntegrationUri of \(entry.id)"),
            httpMethod: context.text(p["IntegrationMethod"], "the IntegrationMethod of \(entry.id)")?.uppercased(),
            credentials: context.node(p["CredentialsArn"], "the CredentialsArn of \(entry.id)"),
            timeoutInMillis: context.int(p["TimeoutInMillis"], "TimeoutInMillis"),
            connectionType: context.text(p["ConnectionType"], "ConnectionType"),
            connectionID: context.node(p["ConnectionId"], "ConnectionId"))
        context.completeHTTPIntegration(&integration, payloadFormatVersion: p["PayloadFormatVersion"], of: entry.id)
        return integration
    }

    /// An `AWS::ApiGatewayV2::Authorizer`: a JWT authorizer's issuer and audiences, a Lambda
    /// (`REQUEST`) authorizer's function, payload format and response shape. Its identity
    /// sources, a list in the template, become one comma-separated text as the OpenAPI
    /// extension writes them.
    private func readAuthorizer(_ entry: Entry) -> Authorizer {
        let p = entry.properties
        let name = context.text(p["Name"], "the Name of \(entry.id)") ?? entry.id
        let sources = p["IdentitySource"]
        let identitySource =
            sources?.sequence != nil && sources?.tag == nil
            ? context.texts(sources, "IdentitySource").joined(separator: ", ") : context.text(sources, "IdentitySource")
        var authorizer = Authorizer(
            name: name,
            type: context.text(p["AuthorizerType"], "the AuthorizerType of \(entry.id)")?.uppercased() ?? "REQUEST",
            authorizerURI: context.node(p["AuthorizerUri"], "the AuthorizerUri of \(entry.id)"),
            credentials: context.node(p["AuthorizerCredentialsArn"], "the AuthorizerCredentialsArn of \(entry.id)"),
            identitySource: identitySource,
            resultTTLInSeconds: context.int(p["AuthorizerResultTtlInSeconds"], "AuthorizerResultTtlInSeconds"))
        if let jwt = p["JwtConfiguration"] {
            let fields = context.mapping(jwt, "the JwtConfiguration of \(entry.id)") ?? Mapping()
            authorizer.jwtConfiguration = context.jwtConfiguration(issuer: fields["Issuer"], audience: fields["Audience"], of: name)
        }
        authorizer.payloadFormatVersion = context.text(p["AuthorizerPayloadFormatVersion"], "AuthorizerPayloadFormatVersion")
        authorizer.enableSimpleResponses = context.bool(p["EnableSimpleResponses"], "EnableSimpleResponses")
        return authorizer
    }

    // MARK: - Stage

    /// The API's `AWS::ApiGatewayV2::Stage` (the first, as for a REST API): its name,
    /// variables, access log and `DefaultRouteSettings`, which the plan holds as the settings
    /// of every method (`/*` `*`). Without one the API is read as served from `$default`.
    private func readStage(_ members: [Entry]) -> Stage {
        var stage = Stage(name: APIKind.http.defaultStageName)
        guard let entry = members.first(where: { $0.type == "AWS::ApiGatewayV2::Stage" }) else { return stage }
        context.locations[.stage] = context.location(entry.key)
        let p = entry.properties
        if let name = context.text(p["StageName"], "the StageName of \(entry.id)") { stage.name = name }
        stage.variables = context.pairs(p["StageVariables"], "a stage variable")
        if let log = context.mapping(p["AccessLogSettings"], "the AccessLogSettings of \(entry.id)") {
            stage.accessLog = readAccessLog(log, members: members)
        }
        if let settings = context.mapping(p["DefaultRouteSettings"], "the DefaultRouteSettings of \(entry.id)") {
            var setting = MethodSetting()
            setting.throttlingRateLimit = context.text(settings["ThrottlingRateLimit"], "ThrottlingRateLimit").flatMap(Double.init)
            setting.throttlingBurstLimit = context.int(settings["ThrottlingBurstLimit"], "ThrottlingBurstLimit")
            setting.metricsEnabled = context.bool(settings["DetailedMetricsEnabled"], "DetailedMetricsEnabled")
            stage.methodSettings = [setting]
        }
        return stage
    }
}
