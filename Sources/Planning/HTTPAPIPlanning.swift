import Diagnostics
import YAML
import Plan
import Support
import CORS
import Spec

/// A spec planned as an HTTP API (`--api http`): the methods, integrations and authorizers the
/// planner made for both kinds, turned into an HTTP API's, and the CORS policy turned into the
/// one CORS configuration API Gateway answers preflights from.
///
/// The planner plans what the kinds share; this step holds every decision only an HTTP API
/// needs, and says at its place each part of the spec, the policy or the settings an HTTP API
/// has no room for, with what happens instead. It asks `APIKind` what an HTTP API has.
public struct HTTPAPIPlanning {
    var settings: APISettings
    var integrations: IntegrationSettings

    /// The fields of `x-amazon-apigateway-integration` only an HTTP API reads.
    static let integrationFields: Set<String> = ["payloadFormatVersion"]

    /// The payload format of Lambda integrations and request authorizers that do not say.
    static let defaultPayloadFormat = "2.0"

    /// An error of planning an HTTP API, saying, as every refusal of the planner does, that
    /// `--repair` does not change it: each is a choice the spec, the policy or the settings
    /// must make.
    static func refusal(_ code: DiagnosticCode, _ message: String, at place: SourceLocation? = nil) -> Diagnostic {
        .error(code, message + " (\(Diagnostic.repairCannotFix))", at: place)
    }

    /// `Authorization.type` for a security scheme with an `x-amazon-apigateway-authorizer` of
    /// type `written` (`token` when it does not say).
    static func authorizationType(written: String?, kind: APIKind) -> String {
        switch (written?.lowercased(), kind) {
        case ("cognito_user_pools", .rest): "COGNITO_USER_POOLS"
        case ("cognito_user_pools", .http), ("jwt", .http): "JWT"
        default: "CUSTOM"
        }
    }

    /// Whether a security scheme without an authorizer is one whose tokens an HTTP API's JWT
    /// authorizer can check: OAuth 2 or OpenID Connect.
    static func isTokenIssuerScheme(_ scheme: SecurityScheme) -> Bool {
        scheme.type == "oauth2" || scheme.type == "openIdConnect"
    }

    func apply(
        to plan: inout GatewayPlan, model: APIModel, modelResources: [Resource], policy: CORSPolicy?,
        diagnostics: inout DiagnosticEngine
    ) {
        plan.kind = .http
        var operations: [String: Operation] = [:]
        for resource in modelResources {
            for operation in resource.operations { operations["\(operation.method.rawValue) \(resource.path)"] = operation }
        }
        // What a browser sends, read while the methods still hold the spec's header parameters
        // and the authorizers their REST spelling, which the steps below turn into an HTTP API's.
        let sent = policy.map { Self.requestHeaders(of: plan, model: model, modelResources: modelResources, under: $0) } ?? []
        reportRESTOnlySettings(diagnostics: &diagnostics)
        dropRESTOnlyParts(of: &plan, model: model, diagnostics: &diagnostics)
        planIntegrations(of: &plan, operations: operations, diagnostics: &diagnostics)
        placeDefaultRoute(in: &plan, operations: &operations, diagnostics: &diagnostics)
        plan.authorizers = authorizers(of: plan, model: model, diagnostics: &diagnostics)
        if let policy {
            plan.cors = corsConfiguration(policy, plan: plan, sent: sent, diagnostics: &diagnostics)
            addPreflightRoutes(to: &plan, operations: operations, diagnostics: &diagnostics)
        }
    }

    // MARK: - What only a REST API has

    /// HTTP005 at each settings-file key only a REST API takes: dropping a usage plan or
    /// request validation someone asked for would deploy less than they meant.
    private func reportRESTOnlySettings(diagnostics: inout DiagnosticEngine) {
        for (key, location) in settings.restOnlySettings {
            diagnostics.report(
                Self.refusal(
                    HTTPAPIError.restOnlySetting,
                    "the settings file's \(key) belongs to a REST API, and an HTTP API has no such setting; remove it, or convert "
                        + "with api: rest",
                    at: location))
        }
    }

    /// The REST-only parts the spec writes: refused where dropping them would open the API
    /// (a resource policy, a private endpoint), otherwise dropped with a warning at their place.
    private func dropRESTOnlyParts(of plan: inout GatewayPlan, model: APIModel, diagnostics: inout DiagnosticEngine) {
        if let policy = model.extensions[shortName: "policy"] {
            diagnostics.report(
                Self.refusal(
                    HTTPAPIError.restOnlyAccess,
                    "an HTTP API has no resource policy, so x-amazon-apigateway-policy would not limit who calls it; guard the "
                        + "routes with IAM or an authorizer and remove the policy, or convert with --api rest",
                    at: policy.location))
        }
        if let endpoint = model.extensions[shortName: "endpoint-configuration"],
            let other = plan.api.endpointTypes.first(where: { !APIKind.http.endpointTypes.contains($0) })
        {
            diagnostics.report(
                Self.refusal(
                    HTTPAPIError.restOnlyAccess,
                    "an HTTP API is REGIONAL only and cannot be \(other); remove the endpoint configuration (a custom domain gives "
                        + "an HTTP API an edge or private reach), or convert with --api rest",
                    at: endpoint.location))
        }
        let dropped: [(name: String, what: String)] = [
            ("gateway-responses", "API Gateway's own error responses cannot be changed"),
            ("request-validators", "requests are not validated; validate them in the backend"),
            ("request-validator", "requests are not validated; validate them in the backend"),
            ("binary-media-types", "Lambda receives binary bodies base64-encoded by itself"),
            ("minimum-compression-size", "responses are not compressed by API Gateway"),
            ("api-key-source", "there are no API keys"),
        ]
        for (name, what) in dropped {
            guard let written = model.extensions[shortName: name] else { continue }
            diagnostics.report(
                .warning(
                    HTTPAPIError.restOnlyPart,
                    "x-amazon-apigateway-\(name) is a REST API's, and an HTTP API has none: \(what); it is left out",
                    at: written.location))
        }
        for operation in model.operations {
            guard let written = operation.extensions[shortName: "request-validator"] else { continue }
            diagnostics.report(
                .warning(
                    HTTPAPIError.restOnlyPart,
                    "x-amazon-apigateway-request-validator is a REST API's; an HTTP API does not validate requests, so "
                        + "\(operation.method.rawValue) \(operation.path) reaches its integration unchecked",
                    at: written.location))
        }
        plan.api.endpointTypes = APIKind.http.endpointTypes
        plan.api.vpcEndpointIds = []
        plan.api.policy = nil
        plan.api.binaryMediaTypes = []
        plan.api.minimumCompressionSize = nil
        plan.api.apiKeySource = nil
        plan.gatewayResponses = []
        plan.requestValidators = []
        plan.models = []
        plan.usagePlans = []
        plan.stage.name = integrations.stageName
    }

    // MARK: - The catch-all route

    /// The spec's `$default` path (the model's resource `/$default`) as the `$default` route:
    /// the plan's last resource, whose one method is `ANY`. A method of its own is refused,
    /// as the import refuses it.
    private func placeDefaultRoute(
        in plan: inout GatewayPlan, operations: inout [String: Operation], diagnostics: inout DiagnosticEngine
    ) {
        let written = GatewayPlan.defaultRouteDocumentPath
        guard let index = plan.resources.firstIndex(where: { $0.path == written }) else { return }
        let route = plan.resources.remove(at: index)
        for method in route.methods where method.httpMethod != "ANY" {
            diagnostics.report(
                Self.refusal(
                    HTTPAPIError.defaultRouteMethod,
                    "the $default route answers every method that no other route takes, so it has no \(method.httpMethod.lowercased()) "
                        + "of its own; write it as x-amazon-apigateway-any-method, or give the operation a path",
                    at: operations["\(method.httpMethod) \(written)"]?.location))
        }
        let methods = route.methods.filter { $0.httpMethod == "ANY" }
        // As the readers hold it, so a read plan and a planned one agree.
        if !methods.isEmpty { plan.resources.append(PlanResource(path: GatewayPlan.defaultRoutePath, methods: methods)) }
        for p in plan.lambdaPermissions.indices where plan.lambdaPermissions[p].path == written {
            plan.lambdaPermissions[p].path = GatewayPlan.defaultRoutePath
        }
        operations["ANY \(GatewayPlan.defaultRoutePath)"] = operations["ANY \(written)"]
        // The document names the path as the import does (`/$default`), where its operation is
        // found; SAM's spelling without the slash is not a path OpenAPI allows.
        if var document = plan.document?.mapping, var paths = document["paths"]?.mapping,
            let at = paths.index(of: GatewayPlan.defaultRoutePath), paths.index(of: written) == nil
        {
            let entries = paths.entries.enumerated().map { offset, entry in
                offset == at ? (Node(.scalar(Scalar(text: written, kind: .string)), mark: entry.key.mark), entry.value) : (entry.key, entry.value)
            }
            paths = Mapping(entries)
            document["paths"] = .mapping(paths)
            plan.document = Node(.mapping(document), tag: plan.document?.tag, mark: plan.document?.mark ?? .synthetic)
        }
    }

    // MARK: - Integrations

    /// Each route's integration as an HTTP API holds it: a Lambda or HTTP proxy with its payload
    /// format, and nothing of a REST API's mapping. Integrations an HTTP API does not have are
    /// refused at their place; the default backend's once, at the setting that chose it.
    private func planIntegrations(of plan: inout GatewayPlan, operations: [String: Operation], diagnostics: inout DiagnosticEngine) {
        var defaultsRefused = 0
        var firstRefused: (route: String, place: SourceLocation?)?
        for r in plan.resources.indices {
            let path = plan.resources[r].path
            for m in plan.resources[r].methods.indices {
                var method = plan.resources[r].methods[m]
                let operation = operations["\(method.httpMethod) \(path)"]
                let written = operation?.extensions[shortName: "integration"]
                let place = written?.location ?? operation?.location
                method.requestParameters = []
                method.requestValidator = nil
                method.requestModels = []
                guard APIKind.http.integrationKinds.contains(method.integration.kind) else {
                    if written == nil {
                        defaultsRefused += 1
                        firstRefused = firstRefused ?? ("\(method.httpMethod) \(path)", place)
                    } else {
                        diagnostics.report(
                            Self.refusal(
                                HTTPAPIError.integrationType,
                                "\(method.httpMethod) \(path) has a \(method.integration.kind.rawValue.lowercased()) integration, and an HTTP "
                                    + "API's routes reach only a Lambda function (aws_proxy) or an HTTP URL (http_proxy); "
                                    + "write one of those, or convert with --api rest",
                                at: place))
                    }
                    plan.resources[r].methods[m] = method
                    continue
                }
                method.integration = httpIntegration(method.integration, route: "\(method.httpMethod) \(path)", written: written, diagnostics: &diagnostics)
                plan.resources[r].methods[m] = method
            }
        }
        if let firstRefused {
            let more = defaultsRefused > 1 ? " and \(defaultsRefused - 1) more" : ""
            diagnostics.report(
                Self.refusal(
                    HTTPAPIError.integrationType,
                    "\(firstRefused.route)\(more) carry no x-amazon-apigateway-integration, and the default backend is mock, which "
                        + "an HTTP API does not have (it answers only through an integration); give --backend lambda, lambda:ARN or "
                        + "http:URL (backend: in the settings file)",
                    at: firstRefused.place))
        }
    }

    /// The integration without a REST API's mapping, with its payload format checked.
    private func httpIntegration(
        _ integration: Integration, route: String, written: GatewayExtension?, diagnostics: inout DiagnosticEngine
    ) -> Integration {
        var http = Integration(
            kind: integration.kind, uri: integration.uri, httpMethod: integration.httpMethod, credentials: integration.credentials,
            timeoutInMillis: integration.timeoutInMillis, connectionType: integration.connectionType,
            connectionID: integration.connectionID)
        if let written {
            let restOnly = ["requestTemplates", "responses", "passthroughBehavior", "contentHandling", "requestParameters",
                "cacheKeyParameters", "cacheNamespace"].filter { written.value[$0] != nil }
            if !restOnly.isEmpty {
                diagnostics.report(
                    .warning(
                        HTTPAPIError.restOnlyPart,
                        "\(route)'s integration sets \(restOnly.joined(separator: ", ")), which only a REST API's integrations "
                            + "have: an HTTP API passes the request and the response through as they are; left out",
                        at: written.location))
            }
        }
        let isLambda = integration.kind == .awsProxy
        let version = integration.payloadFormatVersion ?? (isLambda ? settings.payloadFormatVersion ?? Self.defaultPayloadFormat : "1.0")
        let allowed = isLambda ? APIKind.http.payloadFormatVersions : ["1.0"]
        if !allowed.contains(version) {
            diagnostics.report(
                Self.refusal(
                    HTTPAPIError.integrationSetting,
                    "\(route)'s integration has payloadFormatVersion \(version), and \(isLambda ? "a Lambda" : "an HTTP proxy") "
                        + "integration takes \(allowed.joined(separator: " or ")); correct it",
                    at: written?.location))
        }
        http.payloadFormatVersion = version
        if let timeout = integration.timeoutInMillis, !(50...APIKind.http.maximumIntegrationTimeout).contains(timeout) {
            diagnostics.report(
                Self.refusal(
                    HTTPAPIError.integrationSetting,
                    "\(route)'s integration has timeoutInMillis \(timeout), and an HTTP API's integrations take 50 to "
                        + "\(APIKind.http.maximumIntegrationTimeout) (30 s, which AWS does not raise); correct it",
                    at: written?.location))
        }
        return http
    }

    // MARK: - Authorizers

    /// The authorizers an HTTP API has: each written REQUEST authorizer with the HTTP API's
    /// identity sources and payload format, a Cognito user pool or a `jwt` one as a JWT
    /// authorizer, and a JWT authorizer for each OAuth 2 or OpenID Connect scheme a route uses.
    private func authorizers(of plan: GatewayPlan, model: APIModel, diagnostics: inout DiagnosticEngine) -> [Authorizer] {
        var used: [String] = []
        for resource in plan.resources {
            for method in resource.methods where method.authorization.type == "JWT" {
                if let name = method.authorization.authorizerName, !used.contains(name) { used.append(name) }
            }
        }
        var result: [Authorizer] = []
        for scheme in model.securitySchemes {
            if let written = scheme.extensions[shortName: "authorizer"] {
                let planned = plan.authorizers.first { $0.name == scheme.name }
                if let authorizer = writtenAuthorizer(planned, scheme: scheme, written: written, diagnostics: &diagnostics) {
                    result.append(authorizer)
                }
            } else if Self.isTokenIssuerScheme(scheme), used.contains(scheme.name) {
                let issuer = openIDIssuer(of: scheme.name, in: plan.document)
                if let authorizer = jwtAuthorizer(scheme.name, issuer: issuer, audience: [], place: scheme.location, diagnostics: &diagnostics) {
                    result.append(authorizer)
                }
            }
        }
        return result
    }

    private func writtenAuthorizer(
        _ planned: Authorizer?, scheme: SecurityScheme, written: GatewayExtension, diagnostics: inout DiagnosticEngine
    ) -> Authorizer? {
        let fields = written.value
        let type = (fields["type"]?.text ?? "token").lowercased()
        let typePlace = fields["type"].flatMap { $0.mark.isSynthetic ? nil : SourceLocation(file: written.location.file, mark: $0.mark) }
            ?? written.location
        switch type {
        case "request":
            guard var authorizer = planned else { return nil }
            authorizer.identitySource = Self.httpIdentitySource(authorizer.identitySource)
            authorizer.identityValidationExpression = nil
            authorizer.payloadFormatVersion = fields["authorizerPayloadFormatVersion"]?.text ?? "1.0"
            authorizer.enableSimpleResponses = fields["enableSimpleResponses"]?.boolValue
            if authorizer.enableSimpleResponses == true, authorizer.payloadFormatVersion != "2.0" {
                diagnostics.report(
                    Self.refusal(
                        HTTPAPIError.integrationSetting,
                        "authorizer \"\(scheme.name)\" asks for simple responses, which only payload format 2.0 has; set "
                            + "authorizerPayloadFormatVersion: \"2.0\"",
                        at: written.location))
            }
            return authorizer
        case "jwt":
            let configuration = fields["jwtConfiguration"]
            let audience = configuration?["audience"]?.sequence?.compactMap(\.text) ?? []
            var authorizer = jwtAuthorizer(
                scheme.name, issuer: configuration?["issuer"]?.text, audience: audience, place: written.location,
                diagnostics: &diagnostics)
            if let source = fields["identitySource"]?.text { authorizer?.identitySource = source }
            return authorizer
        case "cognito_user_pools":
            // A user pool is a JWT issuer: its URL is the pool's, from its ARN when written out.
            let arn = planned?.providerARNs.first?.text
            let issuer = arn.flatMap(Self.cognitoIssuer(ofPoolARN:))
            guard issuer != nil || setting(for: scheme.name)?.issuer != nil else {
                diagnostics.report(
                    Self.refusal(
                        HTTPAPIError.authorizerType,
                        "authorizer \"\(scheme.name)\" is a Cognito user pool whose ARN is not written out, and an HTTP API checks a "
                            + "pool's tokens with a JWT authorizer that needs the pool's issuer URL; give it under jwt: "
                            + "\(scheme.name): {issuer: https://cognito-idp.REGION.amazonaws.com/POOL_ID, audience: [APP_CLIENT_ID]} "
                            + "in the settings file",
                        at: typePlace))
                return nil
            }
            return jwtAuthorizer(scheme.name, issuer: issuer, audience: [], place: written.location, diagnostics: &diagnostics)
        default:
            diagnostics.report(
                Self.refusal(
                    HTTPAPIError.authorizerType,
                    "authorizer \"\(scheme.name)\" has type \(type), and an HTTP API's Lambda authorizers are request authorizers; "
                        + "write type: request with identitySource: $request.header.Authorization (the function then reads the "
                        + "header from the request event), or convert with --api rest",
                    at: typePlace))
            return nil
        }
    }

    /// A JWT authorizer for `scheme`; the settings file's issuer and audience win over the
    /// spec's. HTTP004 when either is missing.
    private func jwtAuthorizer(
        _ scheme: String, issuer: String?, audience: [String], place: SourceLocation?, diagnostics: inout DiagnosticEngine
    ) -> Authorizer? {
        let setting = setting(for: scheme)
        let issuer = setting?.issuer ?? issuer
        let audience = setting.map(\.audience).flatMap { $0.isEmpty ? nil : $0 } ?? audience
        guard let issuer, !audience.isEmpty else {
            let missing = [issuer == nil ? "an issuer" : nil, audience.isEmpty ? "an audience" : nil].compactMap { $0 }
            diagnostics.report(
                Self.refusal(
                    HTTPAPIError.jwtIncomplete,
                    "security scheme \"\(scheme)\" becomes a JWT authorizer, which needs \(missing.joined(separator: " and ")) "
                        + "(who issues the tokens, and the client IDs they are for); add jwt: {\(scheme): {issuer: https://…, "
                        + "audience: [CLIENT_ID]}} to the settings file (docs/http-apis.md)",
                    at: setting?.location ?? place))
            return nil
        }
        var authorizer = Authorizer(name: scheme, type: "JWT", identitySource: "$request.header.Authorization")
        authorizer.jwtConfiguration = JWTConfiguration(issuer: .string(issuer), audience: audience.map { .string($0) })
        return authorizer
    }

    private func setting(for scheme: String) -> JWTAuthorizerSetting? {
        settings.jwtAuthorizers.first { $0.scheme == scheme }
    }

    /// An OpenID Connect scheme's issuer: its discovery URL without the well-known part.
    private func openIDIssuer(of scheme: String, in document: Node?) -> String? {
        let url = document?["components"]?["securitySchemes"]?[scheme]?["openIdConnectUrl"]?.text
        let suffix = "/.well-known/openid-configuration"
        guard let url, url.hasSuffix(suffix) else { return nil }
        return String(url.dropLast(suffix.count))
    }

    /// `https://cognito-idp.REGION.amazonaws.com/POOL_ID` for
    /// `arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID`.
    static func cognitoIssuer(ofPoolARN arn: String) -> String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[2] == "cognito-idp", parts[5].hasPrefix("userpool/") else { return nil }
        return "https://cognito-idp.\(parts[3]).amazonaws.com/\(parts[5].dropFirst("userpool/".count))"
    }

    /// A REST API's identity source (`method.request.header.Auth, method.request.querystring.t`)
    /// in an HTTP API's spelling (`$request.header.Auth,$request.querystring.t`).
    static func httpIdentitySource(_ source: String?) -> String? {
        guard let source else { return nil }
        return source.split(separator: ",").map { part -> String in
            let trimmed = Self.trimmed(part)
            for (rest, http) in [("method.request.header.", "$request.header."), ("method.request.querystring.", "$request.querystring."),
                ("stageVariables.", "$stageVariables."), ("context.", "$context.")] where trimmed.hasPrefix(rest) {
                return http + trimmed.dropFirst(rest.count)
            }
            return String(trimmed)
        }.joined(separator: ", ")
    }

    // MARK: - CORS

    /// The policy as the API's one CORS configuration. What it cannot hold is said at the
    /// policy's line: a rule for some paths and an origin pattern are refused (the API would
    /// answer other origins than the policy says), settings API Gateway decides itself are
    /// warned about.
    private func corsConfiguration(
        _ policy: CORSPolicy, plan: GatewayPlan, sent: [GatewayPlanner.AddedHeader], diagnostics: inout DiagnosticEngine
    ) -> CORSConfiguration {
        for rule in policy.rules where rule.disables || !rule.settings.isEmpty || rule.methods != nil {
            diagnostics.report(
                Self.refusal(
                    HTTPAPIError.corsRule,
                    "an HTTP API has one CORS configuration for every path, so a rule for \(rule.paths.map(\.value.description).joined(separator: ", ")) "
                        + "cannot apply there alone; API Gateway would answer those paths as the rest. Move what it sets to the "
                        + "top of the policy, or convert with --api rest, whose preflights are per path",
                    at: rule.location ?? rule.paths.first?.location))
        }
        let top = policy.settings
        var origins: [String] = []
        for origin in top.allowOrigins?.value ?? [] {
            if case .subdomains = origin.value {
                diagnostics.report(
                    Self.refusal(
                        HTTPAPIError.originPattern,
                        "\(origin.value) is an origin pattern, and an HTTP API's CORS configuration takes whole origins or *; list "
                            + "each origin, or convert with --api rest, whose preflights match the pattern",
                        at: origin.location ?? top.allowOrigins?.location))
            } else {
                origins.append(origin.value.description)
            }
        }
        let ignored: [(what: String, instead: String, location: SourceLocation?)] = [
            top.preflightStatus.map { ("preflightStatus", "API Gateway answers every preflight with 204", $0.location) },
            policy.gatewayResponses.map { ("gatewayResponses", "API Gateway's own error responses cannot be changed", $0.location) },
            policy.gatewayResponseOrigin.map { ("gatewayResponseOrigin", "API Gateway's own error responses cannot be changed", $0.location) },
            top.existingOptions.map { ("existingOptions", "API Gateway answers preflights before any OPTIONS route", $0.location) },
        ].compactMap { $0 }
        for (what, instead, location) in ignored {
            diagnostics.report(
                .warning(
                    HTTPAPIError.corsSettingIgnored,
                    "\(what) has no place in an HTTP API's CORS configuration: \(instead); it is left out",
                    at: location))
        }
        var headers = top.allowHeaders?.value.map(\.value) ?? CORSResolver.defaultAllowHeaders
        for header in sent where !headers.contains(where: { PlanMethod.isSameHeaderName($0, header.name) }) {
            headers.append(header.name)
            let count = sent.filter { PlanMethod.isSameHeaderName($0.name, header.name) }.count
            let more = count > 1 ? " (and routes of \(count - 1) more path\(count == 2 ? "" : "s"))" : ""
            diagnostics.report(
                .note(
                    HTTPAPIError.identityHeaderAllowed,
                    "the CORS configuration allows request header \(header.name), which \(header.method) \(header.path)\(more) sends but "
                        + "the policy's allowHeaders does not list, since a browser would block the call without it; add "
                        + "\(header.name) to allowHeaders to say so in the policy",
                    at: header.location))
        }
        return CORSConfiguration(
            allowOrigins: origins,
            allowMethods: top.allowMethods?.value.map(\.value) ?? Self.routeMethods(of: plan),
            allowHeaders: headers,
            exposeHeaders: top.exposeHeaders?.value.map(\.value) ?? [],
            maxAge: top.maxAge?.value,
            allowCredentials: top.allowCredentials?.value ?? false)
    }

    /// The methods of every route in canonical order; `*` when a route takes any method.
    public static func routeMethods(of plan: GatewayPlan) -> [String] {
        var methods = Set<String>()
        for resource in plan.resources {
            for method in resource.methods { methods.insert(method.httpMethod) }
        }
        if methods.contains("ANY") { return ["*"] }
        return HTTPMethod.allCases.map(\.rawValue).filter(methods.contains)
    }

    private static func trimmed(_ text: Substring) -> Substring {
        text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed().reduce(into: "") { $0.append($1) }[...]
    }

    /// Every request header a browser sends to some route and the policy's top-level
    /// `allowHeaders` leaves out, with the first route that sends it: the header parameters,
    /// the authorizers' identity headers, the credentials of schemes left to the backend, a
    /// JSON `Content-Type`, found as a REST API's preflights find them, route by route.
    static func requestHeaders(
        of plan: GatewayPlan, model: APIModel, modelResources: [Resource], under policy: CORSPolicy
    ) -> [GatewayPlanner.AddedHeader] {
        let effective = CORSResolver.defaultPolicy(policy)
        let schemeHeaders = GatewayPlanner.backendSchemeHeaders(in: model)
        var added: [GatewayPlanner.AddedHeader] = []
        // The planner made one plan resource per model resource, in order.
        for (resource, modelResource) in zip(plan.resources, modelResources) where resource.path == modelResource.path {
            _ = GatewayPlanner.allowingRequestHeaders(
                of: resource, operations: modelResource.operations, under: effective, schemeHeaders: schemeHeaders,
                authorizers: plan.authorizers, added: &added)
        }
        return added
    }

    /// An unauthenticated OPTIONS route beside each catch-all (`$default`, `ANY` on a greedy
    /// path) that requires authorization: a preflight matches the catch-all, whose authorizer
    /// refuses it (no browser sends credentials with a preflight) before API Gateway's CORS
    /// answer; an OPTIONS route without authorization is matched first and answered.
    private func addPreflightRoutes(to plan: inout GatewayPlan, operations: [String: Operation], diagnostics: inout DiagnosticEngine) {
        let catchAlls = plan.resources.compactMap { resource -> (route: String, path: String, integration: Integration)? in
            guard let any = resource.method("ANY"), any.authorization.type != "NONE" else { return nil }
            let isDefault = resource.path == GatewayPlan.defaultRoutePath
            guard isDefault || resource.path.hasSuffix("+}") else { return nil }
            return ("ANY \(resource.path)", isDefault ? "/{proxy+}" : resource.path, any.integration)
        }
        for (route, path, integration) in catchAlls where plan.resource(at: path)?.method("OPTIONS") == nil {
            let preflight = PlanMethod(httpMethod: "OPTIONS", role: .preflight, integration: integration)
            if let at = plan.resources.firstIndex(where: { $0.path == path }) {
                plan.resources[at].methods.append(preflight)
                plan.resources[at].methods.sort { GatewayPlanner.rank($0) < GatewayPlanner.rank($1) }
            } else {
                // `$default` stays last.
                let at = plan.resources.firstIndex { $0.path == GatewayPlan.defaultRoutePath } ?? plan.resources.endIndex
                plan.resources.insert(PlanResource(path: path, methods: [preflight]), at: at)
            }
            diagnostics.report(
                .note(
                    HTTPAPIError.preflightRouteAdded,
                    "\(GatewayPlan.routeKey(path: String(route.dropFirst(4)), method: "ANY")) requires authorization, and a preflight sent to it would be refused before API Gateway's CORS answer "
                        + "(browsers send no credentials with one); the route OPTIONS \(path) without authorization is added, so that "
                        + "API Gateway answers it",
                    at: operations[route]?.location))
        }
    }
}
