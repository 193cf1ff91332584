import Diagnostics
import YAML
import Plan
import Support

/// Reads an OpenAPI document with `x-amazon-apigateway-*` extensions into a gateway plan,
/// the way API Gateway's import reads it.
///
/// Both OpenAPI 3 (`components.securitySchemes`) and the Swagger 2 that API Gateway also
/// exports (`securityDefinitions`) are read. Only what the import uses becomes plan:
/// each operation's integration, its effective security, its declared parameters and
/// response headers; the root's gateway responses, binary media types and API key
/// source; the authorizers on security schemes. Local `$ref`s are followed.
///
/// An HTTP API's document (`GatewayPlanReader.apiKind(ofDocument:)` says which a document is,
/// unless the caller says) is read the way the HTTP import reads it: the root's
/// `x-amazon-apigateway-cors` is the API's CORS configuration, `/$default` is the `$default`
/// route, integrations are Lambda or HTTP proxies with a payload format, authorizers are
/// `jwt` or `request` ones, and what only a REST API has (gateway responses, validators,
/// binary media types, the API key source, a policy) is not part of the plan.
struct GatewayOpenAPIReader {
    let context: ReadContext
    /// The kind of API the caller says the document describes; `nil` to decide from the
    /// document.
    var kind: APIKind? = nil

    /// The plan the document describes; `nil` when it has no `paths` mapping at all.
    func read(_ root: Node) -> GatewayPlan? {
        self.root = root
        let kind = self.kind ?? GatewayPlanReader.apiKind(ofDocument: root)
        let isREST = kind == .rest
        let info = root["info"]
        var api = RestAPI(
            name: context.node(info?["title"], "the API's title") ?? .string("API"),
            description: context.node(info?["description"], "the API's description"))
        if isREST {
            api.binaryMediaTypes = context.texts(root["x-amazon-apigateway-binary-media-types"], "x-amazon-apigateway-binary-media-types")
            api.apiKeySource = context.text(root["x-amazon-apigateway-api-key-source"], "x-amazon-apigateway-api-key-source")
            api.minimumCompressionSize = context.int(
                root["x-amazon-apigateway-minimum-compression-size"], "x-amazon-apigateway-minimum-compression-size")
            api.policy = root["x-amazon-apigateway-policy"]
        }
        context.locations[.api] = context.location(info?["title"]) ?? context.location(root)
        if isREST, let types = root["x-amazon-apigateway-binary-media-types"] {
            context.locations[.binaryMediaTypes] = context.location(types)
        }
        let schemes = context.mapping(root["components"]?["securitySchemes"] ?? root["securityDefinitions"], "the security schemes")
            ?? Mapping()
        let validators = isREST ? requestValidators(root["x-amazon-apigateway-request-validators"]) : []
        let defaultValidator = isREST ? validatorName(root["x-amazon-apigateway-request-validator"], among: validators) : nil
        var tree = PlanResourceTree()
        let paths = context.mapping(root["paths"], "paths")
        if paths == nil, root["paths"] == nil {
            context.error(ReadDiagnosticCode.notADefinition, "the document has no paths; an API needs at least one path", at: root)
        }
        for (pathKey, item) in paths?.entries ?? Mapping().entries {
            guard let written = pathKey.text, let item = context.mapping(resolved(item), "path \(written)") else { continue }
            var path = PlanResourceTree.normalized(written)
            // The HTTP import reads the path `/$default` as the `$default` route.
            if !isREST, path == GatewayPlan.defaultRouteDocumentPath { path = GatewayPlan.defaultRoutePath }
            tree.addResource(path)
            context.locations[.resource(path)] = context.location(pathKey)
            let shared = context.sequence(item["parameters"], "the parameters of \(written)") ?? []
            for (methodKey, operation) in item.entries {
                guard let key = methodKey.text, let verb = HTTPMethod(pathItemKey: key) else { continue }
                let verbText = verb.rawValue
                guard let operation = context.mapping(resolved(operation), "\(key) \(written)") else { continue }
                guard operation["x-amazon-apigateway-integration"] != nil else {
                    context.warning(
                        ReadDiagnosticCode.missingIntegration,
                        "\(verbText) \(written) has no x-amazon-apigateway-integration, so API Gateway's import refuses it; add one",
                        at: methodKey)
                    continue
                }
                if tree.hasMethod(verbText, on: path) {
                    context.warning(
                        ReadDiagnosticCode.duplicateMethod,
                        "\(verbText) \(path) is defined twice (as \(written) too); API Gateway keeps one, so remove the other",
                        at: methodKey)
                    continue
                }
                context.locations[.method(verbText, path)] = context.location(methodKey)
                guard
                    var method = self.method(
                        verbText, path: path, source: OperationSource(path: written, method: key), operation: operation,
                        shared: shared, schemes: schemes, kind: kind)
                else { continue }
                // The operation's own validator, else the document's default.
                if !isREST {
                    // An HTTP API validates nothing.
                } else if let own = operation["x-amazon-apigateway-request-validator"] {
                    context.locations[.methodValidator(verbText, path)] = context.location(own)
                    method.requestValidator = validatorName(own, among: validators)
                } else {
                    method.requestValidator = defaultValidator
                }
                tree.add(method, on: path)
            }
        }
        var plan = GatewayPlan(
            api: api, resources: tree.resources,
            gatewayResponses: isREST ? gatewayResponses(root["x-amazon-apigateway-gateway-responses"]) : [],
            authorizers: authorizers(schemes))
        plan.kind = kind
        if isREST {
            plan.requestValidators = validators
            plan.api.vpcEndpointIds = context.texts(
                root["x-amazon-apigateway-endpoint-configuration"]?["vpcEndpointIds"],
                "x-amazon-apigateway-endpoint-configuration vpcEndpointIds")
            // A document does not say its endpoint type; VPC endpoints are a PRIVATE API's alone.
            if !plan.api.vpcEndpointIds.isEmpty { plan.api.endpointTypes = ["PRIVATE"] }
            readModels(into: &plan, from: root)
        } else {
            // A document names no stage; an HTTP API imported on its own is served from `$default`.
            plan.stage = Stage(name: kind.defaultStageName)
            plan.cors = root["x-amazon-apigateway-cors"].flatMap {
                context.corsConfiguration(Self.functions($0), capitalized: false)
            }
            plan.markHTTPPreflightRoutes()
        }
        plan.document = root
        return plan
    }

    /// The model of each request body a body validator checks, as the import makes them
    /// from the document's schemas (`ModelCatalog`, the rules the planner follows too).
    private func readModels(into plan: inout GatewayPlan, from root: Node) {
        var catalog = ModelCatalog(schemas: root["components"]?["schemas"]?.mapping)
        for resourceIndex in plan.resources.indices {
            for methodIndex in plan.resources[resourceIndex].methods.indices {
                let method = plan.resources[resourceIndex].methods[methodIndex]
                guard let name = method.requestValidator, plan.requestValidator(name)?.validatesBody == true, let source = method.source,
                    let body = ModelCatalog.requestBody(of: resolved(root["paths"]?[source.path]?[source.method] ?? .null()), in: root)
                else { continue }
                let suggested = ModelCatalog.suggestedName(operation: method.operationName, verb: method.httpMethod, path: source.path)
                plan.resources[resourceIndex].methods[methodIndex].requestModels = catalog.models(forBody: body, suggestedName: suggested).models
            }
        }
        plan.models = catalog.models
    }

    // MARK: - Request validation

    /// `x-amazon-apigateway-request-validators`: each name with the two checks it makes.
    private func requestValidators(_ node: Node?) -> [RequestValidator] {
        guard let node, let entries = context.mapping(node, "x-amazon-apigateway-request-validators") else { return [] }
        return entries.entries.compactMap { key, value in
            guard let name = key.text else { return nil }
            context.locations[.requestValidator(name)] = context.location(key)
            return RequestValidator(
                name: name,
                validatesBody: context.bool(value["validateRequestBody"], "validateRequestBody of \(name)") ?? false,
                validatesParameters: context.bool(value["validateRequestParameters"], "validateRequestParameters of \(name)") ?? false)
        }
    }

    /// The validator an `x-amazon-apigateway-request-validator` names, when the document has it.
    private func validatorName(_ node: Node?, among validators: [RequestValidator]) -> String? {
        guard let node, let name = context.text(node, "x-amazon-apigateway-request-validator") else { return nil }
        guard validators.contains(where: { $0.name == name }) else {
            context.warning(
                ReadDiagnosticCode.unknownValidator,
                "x-amazon-apigateway-request-validator names \(name), which x-amazon-apigateway-request-validators does not define; "
                    + "the import fails, so define it or name one that is",
                at: node)
            return nil
        }
        return name
    }

    /// The document, for following `$ref`s; set once by `read`.
    private var root: Node {
        get { context.openAPIRoot ?? .null() }
        nonmutating set { context.openAPIRoot = newValue }
    }

    // MARK: - Operations

    /// The method of one operation; `nil` for an HTTP API route whose integration is not one
    /// this tool reads, which is reported.
    private func method(
        _ verb: String, path: String, source: OperationSource, operation: Mapping, shared: [Node], schemes: Mapping, kind: APIKind
    ) -> PlanMethod? {
        let integrationNode = operation["x-amazon-apigateway-integration"]
        context.locations[.integration(verb, path)] = context.location(integrationNode)
        guard let integration = self.integration(integrationNode, verb: verb, path: path, kind: kind) else { return nil }
        var (authorization, apiKeyRequired) = access(operation["security"] ?? root["security"], schemes: schemes, verb: verb, path: path)
        // API keys are a REST API's; an HTTP API has no x-api-key to require.
        if kind == .http { apiKeyRequired = false }
        return PlanMethod(
            httpMethod: verb, role: .inferred(httpMethod: verb, integration: integration),
            operationName: context.text(operation["operationId"], "the operationId of \(verb) \(path)"),
            authorization: authorization, apiKeyRequired: apiKeyRequired,
            requestParameters: requestParameters(shared: shared, own: operation["parameters"], verb: verb, path: path),
            integration: integration, methodResponses: methodResponses(operation["responses"], verb: verb, path: path),
            source: source)
    }

    /// Path item parameters, each replaced in place by an operation parameter with the same
    /// name and `in`, then the operation's others; cookies have no place in API Gateway.
    private func requestParameters(shared: [Node], own: Node?, verb: String, path: String) -> [RequestParameter] {
        let ownItems = context.sequence(own, "the parameters of \(verb) \(path)") ?? []
        func parameter(_ node: Node) -> RequestParameter? {
            let node = resolved(node)
            guard let name = node["name"]?.text, let place = node["in"]?.text else { return nil }
            let location: String? =
                switch place {
                case "path": "path"
                case "query": "querystring"
                case "header": "header"
                default: nil
                }
            guard let location else { return nil }
            let isRequired = node["required"].flatMap { context.bool($0, "the required of parameter \(name)") } ?? false
            return RequestParameter(location: location, name: name, isRequired: isRequired)
        }
        var merged = shared.compactMap(parameter)
        for item in ownItems.compactMap(parameter) {
            if let index = merged.firstIndex(where: { $0.location == item.location && $0.name == item.name }) {
                merged[index] = item
            } else {
                merged.append(item)
            }
        }
        return merged
    }

    /// Every numeric response with the headers it declares; `default` and `2XX` are not
    /// method responses.
    private func methodResponses(_ node: Node?, verb: String, path: String) -> [MethodResponse] {
        guard let responses = context.mapping(node, "the responses of \(verb) \(path)") else { return [] }
        return responses.entries.compactMap { entry in
            guard let status = entry.key.text, Int(status) != nil else { return nil }
            context.locations[.methodResponse(verb, path, status)] = context.location(entry.key)
            let headers = resolved(entry.value)["headers"]?.mapping?.keys.compactMap(\.text) ?? []
            return MethodResponse(statusCode: status, headers: headers)
        }
    }

    /// `AuthorizationType` and `ApiKeyRequired` as the import takes them from the security
    /// requirements: the authorizer (or IAM) of the first requirement that names one, and
    /// the API key when any requirement names the key scheme. SAM writes the two as separate
    /// requirements (`[{Auth: []}, {api_key: []}]`) and the deployed method has both; a
    /// document this tool writes puts them in one.
    private func access(_ node: Node?, schemes: Mapping, verb: String, path: String) -> (Authorization, Bool) {
        guard let requirements = node?.sequence, requirements.contains(where: { !($0.mapping?.isEmpty ?? true) }) else {
            return (.none, false)
        }
        var authorization: Authorization?
        var apiKeyRequired = false
        for requirement in requirements {
            for (key, scopes) in requirement.mapping?.entries ?? Mapping().entries {
                guard let name = key.text else { continue }
                guard let scheme = schemes[name].map(resolved) else {
                    context.warning(
                        ReadDiagnosticCode.unknownAuthorizer,
                        "\(verb) \(path) names security scheme \"\(name)\", which the document does not define; define it or correct the name",
                        at: key)
                    continue
                }
                if let authorizer = scheme["x-amazon-apigateway-authorizer"] {
                    guard authorization == nil else { continue }
                    let type =
                        switch authorizer["type"]?.text?.lowercased() {
                        case "cognito_user_pools": "COGNITO_USER_POOLS"
                        // An HTTP API's JWT authorizer; its scopes are the route's authorization scopes.
                        case "jwt": "JWT"
                        default: "CUSTOM"
                        }
                    authorization = Authorization(type: type, authorizerName: name, scopes: scopes.sequence?.compactMap(\.text) ?? [])
                    context.locations[.authorization(verb, path)] = context.location(requirement) ?? context.location(node)
                } else if scheme["x-amazon-apigateway-authtype"]?.text == "awsSigv4" {
                    guard authorization == nil else { continue }
                    authorization = Authorization(type: "AWS_IAM")
                    context.locations[.authorization(verb, path)] = context.location(requirement) ?? context.location(node)
                } else if scheme["type"]?.text == "apiKey", scheme["in"]?.text == "header",
                    scheme["name"]?.text?.lowercased() == "x-api-key"
                {
                    apiKeyRequired = true
                    context.locations[.apiKey(verb, path)] = context.location(requirement) ?? context.location(node)
                }
            }
        }
        context.locations[.authorization(verb, path)] = context.location(node)
        context.locations[.apiKey(verb, path)] = context.location(node)
        return (authorization ?? .none, apiKeyRequired)
    }

    // MARK: - Extensions

    /// The integration of `verb path`; `nil` for an HTTP API integration other than a Lambda
    /// or HTTP proxy (an AWS service integration with a subtype), reported.
    private func integration(_ written: Node?, verb: String, path: String, kind apiKind: APIKind) -> Integration? {
        let node = written.map(Self.functions)
        let fields = context.mapping(node, "the x-amazon-apigateway-integration of \(verb) \(path)") ?? Mapping()
        let typeText = context.text(fields["type"], "the integration type")?.uppercased() ?? "MOCK"
        if apiKind == .http {
            guard let kind = Integration.Kind(rawValue: typeText), apiKind.integrationKinds.contains(kind) else {
                context.warning(
                    ReadDiagnosticCode.unsupportedHTTPIntegration,
                    "integration type \"\(typeText.lowercased())\" of \(verb) \(path) is not a Lambda (aws_proxy) or HTTP (http_proxy) "
                        + "proxy, which is all this tool reads of an HTTP API, so the route is skipped; check it by hand",
                    at: fields["type"] ?? written)
                return nil
            }
            var integration = context.integration(kind: kind, fields: fields, responses: [], spelling: .openAPI, owner: "\(verb) \(path)")
            context.completeHTTPIntegration(&integration, payloadFormatVersion: fields["payloadFormatVersion"], of: "\(verb) \(path)")
            return integration
        }
        let kind = Integration.Kind(rawValue: typeText) ?? {
            context.warning(
                ReadDiagnosticCode.unknownIntegrationType,
                "integration type \"\(typeText.lowercased())\" of \(verb) \(path) is not one of aws, aws_proxy, http, http_proxy, mock; correct it",
                at: fields["type"])
            return .mock
        }()
        let responses = (context.mapping(fields["responses"], "the integration responses of \(verb) \(path)")?.entries)
            .map { entries in
                entries.compactMap { entry -> IntegrationResponse? in
                    guard let pattern = entry.key.text else { return nil }
                    guard let status = context.text(entry.value["statusCode"], "the statusCode of integration response \(pattern)")
                    else {
                        context.warning(
                            ReadDiagnosticCode.malformed,
                            "integration response \"\(pattern)\" of \(verb) \(path) has no statusCode; add the method response status it selects",
                            at: entry.key)
                        return nil
                    }
                    context.locations[.integrationResponse(verb, path, status)] = context.location(entry.key)
                    return context.integrationResponse(
                        entry.value, selectionPattern: pattern == "default" ? nil : pattern, status: status, verb: verb,
                        path: path, spelling: .openAPI)
                }
            } ?? []
        return context.integration(kind: kind, fields: fields, responses: responses, spelling: .openAPI, owner: "\(verb) \(path)")
    }

    /// An extension's value with CloudFormation's long-form functions (`{"Fn::Sub": …}`) read
    /// as the functions they are: a document an `AWS::Include` brings into a template writes
    /// them there (a template's own body has them collapsed already). Only the extensions the
    /// reader reads are looked through, not the whole document.
    static func functions(_ node: Node) -> Node {
        IntrinsicFunctions.hasLongForm(node) ? IntrinsicFunctions.collapsingLongForms(node) : node
    }

    private func gatewayResponses(_ node: Node?) -> [GatewayResponse] {
        guard let responses = context.mapping(node.map(Self.functions), "x-amazon-apigateway-gateway-responses") else { return [] }
        return responses.entries.compactMap { entry in
            guard let type = entry.key.text else { return nil }
            context.locations[.gatewayResponse(type)] = context.location(entry.key)
            return GatewayResponse(
                type: type,
                statusCode: context.text(entry.value["statusCode"], "the statusCode of gateway response \(type)"),
                responseParameters: context.pairs(entry.value["responseParameters"], "a gateway response parameter") {
                    .gatewayResponseParameter(type, $0)
                },
                responseTemplates: context.pairs(entry.value["responseTemplates"], "a gateway response template"))
        }
    }

    /// The authorizer of each security scheme that has one. An HTTP API's `jwt` authorizer
    /// names its issuer and audiences; its `request` authorizer its payload format and
    /// whether it answers simply. An `identitySource` may be written as one comma-separated
    /// text or as a list.
    private func authorizers(_ schemes: Mapping) -> [Authorizer] {
        schemes.entries.compactMap { entry in
            guard let name = entry.key.text, let authorizer = resolved(entry.value)["x-amazon-apigateway-authorizer"].map(Self.functions)
            else { return nil }
            context.locations[.authorizer(name)] = context.location(entry.key)
            let type = (context.text(authorizer["type"], "the authorizer type") ?? "token").uppercased()
            let header = resolved(entry.value)["name"]?.text
            let sources = authorizer["identitySource"]
            let identitySource =
                sources?.sequence != nil && sources?.tag == nil
                ? context.texts(sources, "identitySource").joined(separator: ", ") : context.text(sources, "identitySource")
            var read = Authorizer(
                name: name,
                type: type,
                authorizerURI: context.node(authorizer["authorizerUri"], "the authorizerUri of \(name)"),
                credentials: context.node(authorizer["authorizerCredentials"], "the authorizerCredentials of \(name)"),
                identitySource: identitySource ?? Authorizer.defaultIdentitySource(type: type, schemeHeader: header),
                identityValidationExpression: context.text(authorizer["identityValidationExpression"], "identityValidationExpression"),
                resultTTLInSeconds: context.int(authorizer["authorizerResultTtlInSeconds"], "authorizerResultTtlInSeconds"),
                providerARNs: context.sequence(authorizer["providerARNs"], "providerARNs")?.compactMap { context.node($0, "a provider ARN") } ?? [])
            if let jwt = authorizer["jwtConfiguration"] {
                let fields = context.mapping(jwt, "the jwtConfiguration of \(name)") ?? Mapping()
                read.jwtConfiguration = context.jwtConfiguration(issuer: fields["issuer"], audience: fields["audience"], of: name)
            }
            read.payloadFormatVersion = context.text(authorizer["authorizerPayloadFormatVersion"], "authorizerPayloadFormatVersion")
            read.enableSimpleResponses = context.bool(authorizer["enableSimpleResponses"], "enableSimpleResponses")
            return read
        }
    }

    // MARK: - References

    /// The node a local `$ref` points at, followed up to a few times; the node itself when
    /// it is not a reference or the reference leads nowhere.
    private func resolved(_ node: Node) -> Node {
        var current = node
        for _ in 0..<8 {
            guard let reference = current["$ref"]?.string, reference.hasPrefix("#/") else { return current }
            var target: Node? = root
            for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
                let key = String(token).replacing("~1", with: "/").replacing("~0", with: "~")
                target = target?[key]
            }
            guard let target else { return current }
            current = target
        }
        return current
    }
}
