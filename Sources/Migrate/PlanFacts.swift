import YAML
import Plan
import Read

/// Flattens a gateway plan into facts and compares two plans fact by fact.
///
/// Left out on purpose: logical IDs (a plan has none), the deployment and the document a
/// plan was read from (regenerated on every build), Lambda permissions and template
/// parameters (they live in the template around the API, not in the spec), the operation
/// name (the CloudFormation output does not carry it) and the order of anything API
/// Gateway keeps unordered.
public enum PlanFacts {
    /// Every fact of `plan`, in a stable order.
    public static func facts(of plan: GatewayPlan) -> [PlanFact] {
        var facts: [PlanFact] = []
        func add(
            _ key: String, _ value: String?, _ field: PlanFact.Field, verb: String? = nil, path: String? = nil,
            gatewayResponse: String? = nil, status: String? = nil, header: String? = nil, places: [PlanLocations.Key] = []
        ) {
            guard let value else { return }
            facts.append(
                PlanFact(
                    key: key, value: value, field: field, verb: verb, path: path, gatewayResponseType: gatewayResponse,
                    statusCode: status, header: header?.lowercased(), places: places))
        }
        add("api kind", plan.kind.rawValue, .api, places: [.api])
        add("api name", text(plan.api.name), .api, places: [.api])
        add("api description", plan.api.description.map(text), .api, places: [.api])
        if !plan.api.binaryMediaTypes.isEmpty {
            add("api binary media types", plan.api.binaryMediaTypes.joined(separator: ", "), .api, places: [.binaryMediaTypes, .api])
        }
        add("api key source", plan.api.apiKeySource, .api, places: [.api])
        add("api minimum compression size", plan.api.minimumCompressionSize.map(String.init), .api, places: [.api])
        add("api endpoint types", plan.api.endpointTypes.joined(separator: ", "), .api, places: [.api])
        if let cors = plan.cors {
            // An HTTP API's CORS configuration. Its lists are sets to API Gateway (it answers
            // with the request's origin and compares methods and headers in any order), so
            // their order is no difference.
            func setting(_ name: String, _ key: String, _ value: String?) {
                add("cors \(name)", value, .cors, places: [.corsSetting(key), .cors, .api])
            }
            func list(_ values: [String]) -> String { values.isEmpty ? "none" : values.sorted().joined(separator: ", ") }
            setting("allow origins", "allowOrigins", list(cors.allowOrigins))
            setting("allow methods", "allowMethods", list(cors.allowMethods))
            setting("allow headers", "allowHeaders", list(cors.allowHeaders))
            setting("expose headers", "exposeHeaders", list(cors.exposeHeaders))
            setting("max age", "maxAge", cors.maxAge.map(String.init))
            setting("allow credentials", "allowCredentials", String(cors.allowCredentials))
        }
        add("stage name", plan.stage.name, .stage, places: [.stage, .deployment, .api])
        if !plan.api.vpcEndpointIds.isEmpty {
            add("api vpc endpoints", plan.api.vpcEndpointIds.joined(separator: ", "), .api, places: [.api])
        }
        let stage = plan.stage
        if let log = stage.accessLog {
            add("stage access log destination", log.destinationARN.map(text) ?? "the stage's own log group", .stage, places: [.stage, .deployment, .api])
            add("stage access log format", log.format, .stage, places: [.stage, .deployment, .api])
            add("stage access log retention", log.retentionDays.map(String.init), .stage, places: [.stage, .deployment, .api])
        }
        if stage.tracingEnabled { add("stage tracing", "true", .stage, places: [.stage, .deployment, .api]) }
        add("stage cache size", stage.cacheClusterSize, .stage, places: [.stage, .deployment, .api])
        if stage.createsCloudWatchRole { add("account CloudWatch role", "created", .stage, places: [.stage, .deployment, .api]) }
        for variable in stage.variables.sorted(by: { $0.name < $1.name }) {
            add("stage variable \(variable.name)", variable.value, .stage, places: [.stage, .deployment, .api])
        }
        for setting in stage.methodSettings.sorted(by: { ($0.resourcePath, $0.httpMethod) < ($1.resourcePath, $1.httpMethod) }) {
            let on = "stage method setting \(setting.httpMethod) \(setting.resourcePath)"
            add("\(on) throttling rate", setting.throttlingRateLimit.map { String($0) }, .stage, places: [.stage, .deployment, .api])
            add("\(on) throttling burst", setting.throttlingBurstLimit.map(String.init), .stage, places: [.stage, .deployment, .api])
            add("\(on) caching", setting.cachingEnabled.map(String.init), .stage, places: [.stage, .deployment, .api])
            add("\(on) cache ttl", setting.cacheTtlInSeconds.map(String.init), .stage, places: [.stage, .deployment, .api])
            add("\(on) cache encrypted", setting.cacheDataEncrypted.map(String.init), .stage, places: [.stage, .deployment, .api])
            add("\(on) logging", setting.loggingLevel, .stage, places: [.stage, .deployment, .api])
            add("\(on) metrics", setting.metricsEnabled.map(String.init), .stage, places: [.stage, .deployment, .api])
        }
        for validator in plan.requestValidators.sorted(by: { $0.name < $1.name }) {
            let checks = [validator.validatesBody ? "body" : nil, validator.validatesParameters ? "parameters" : nil].compactMap { $0 }
            add(
                "request validator \(validator.name)", checks.isEmpty ? "nothing" : checks.joined(separator: " and "), .requestValidator,
                places: [.requestValidator(validator.name), .api])
        }

        for usagePlan in plan.usagePlans.sorted(by: { $0.name < $1.name }) {
            let values = [
                usagePlan.rateLimit.map { "rate \($0)" }, usagePlan.burstLimit.map { "burst \($0)" },
                usagePlan.quotaLimit.map { "quota \($0) a \(usagePlan.quotaPeriod ?? "")" }, usagePlan.quotaOffset.map { "offset \($0)" },
                usagePlan.apiKeys.isEmpty ? nil : "keys " + usagePlan.apiKeys.sorted().joined(separator: ", "),
            ].compactMap { $0 }
            add("usage plan \(usagePlan.name)", values.isEmpty ? "defined" : values.joined(separator: "; "), .stage, places: [.usagePlan(usagePlan.name), .api])
        }
        for model in plan.models.sorted(by: { $0.name < $1.name }) {
            add("model \(model.name) content type", model.contentType, .model, places: [.model(model.name), .api])
            add("model \(model.name) schema", text(model.schema), .model, places: [.model(model.name), .api])
        }
        for resource in plan.resources.sorted(by: { $0.path < $1.path }) {
            let path = resource.path
            add("resource \(path)", "defined", .resource, path: path, places: [.resource(path)])
            for method in resource.methods.sorted(by: { $0.httpMethod < $1.httpMethod }) {
                let verb = method.httpMethod
                // A route's key (`$default`, not `ANY $default`); a REST method's verb and path.
                let name = GatewayPlan.routeKey(path: path, method: verb)
                let at: [PlanLocations.Key] = [.method(verb, path), .resource(path)]
                func fact(
                    _ suffix: String, _ value: String?, _ field: PlanFact.Field, status: String? = nil, header: String? = nil,
                    places: [PlanLocations.Key] = []
                ) {
                    add("\(name) \(suffix)", value, field, verb: verb, path: path, status: status, header: header, places: places + at)
                }
                add(name, "defined", .method, verb: verb, path: path, places: at)
                var authorization = method.authorization.type
                if let authorizer = method.authorization.authorizerName { authorization += " by \(authorizer)" }
                if !method.authorization.scopes.isEmpty { authorization += " scopes " + method.authorization.scopes.joined(separator: ",") }
                fact("authorization", authorization, .authorization, places: [.authorization(verb, path)])
                if plan.kind.hasUsagePlans { fact("api key required", String(method.apiKeyRequired), .apiKey, places: [.apiKey(verb, path)]) }
                // A route of an HTTP API checks nothing before its integration, so the
                // parameters, validator and models a spec declares are not held by it.
                if plan.kind.validatesRequests {
                    fact("request validator", method.requestValidator, .methodValidator, places: [.methodValidator(verb, path)])
                    for model in method.requestModels.sorted(by: { $0.name < $1.name }) {
                        fact("request model \(model.name)", model.value, .methodModel)
                    }
                    for parameter in method.requestParameters.sorted(by: { $0.key < $1.key }) {
                        fact("request parameter \(parameter.key)", parameter.isRequired ? "required" : "optional", .requestParameter)
                    }
                }
                let integration = method.integration
                let inIntegration: [PlanLocations.Key] = [.integration(verb, path)]
                func integrationFact(_ suffix: String, _ value: String?) {
                    fact("integration \(suffix)", value, .integration, places: inIntegration)
                }
                integrationFact("type", integration.kind.rawValue)
                integrationFact("uri", integration.uri.map(text))
                integrationFact("http method", integration.httpMethod?.uppercased())
                integrationFact("passthrough behavior", integration.passthroughBehavior?.uppercased())
                integrationFact("content handling", integration.contentHandling)
                integrationFact("credentials", integration.credentials.map(text))
                integrationFact("timeout", integration.timeoutInMillis.map(String.init))
                integrationFact("connection type", integration.connectionType)
                integrationFact("connection id", integration.connectionID.map(text))
                integrationFact("payload format version", integration.payloadFormatVersion)
                if !integration.cacheKeyParameters.isEmpty {
                    integrationFact("cache key parameters", integration.cacheKeyParameters.sorted().joined(separator: ", "))
                }
                integrationFact("cache namespace", integration.cacheNamespace)
                for pair in integration.requestParameters.sorted(by: { $0.name < $1.name }) {
                    fact("integration request parameter \(pair.name)", pair.value, .integrationRequestParameter, places: inIntegration)
                }
                for pair in integration.requestTemplates.sorted(by: { $0.name < $1.name }) {
                    fact("integration request template \(pair.name)", pair.value, .requestTemplate, places: inIntegration)
                }
                for response in integration.responses.sorted(by: { ($0.selectionPattern ?? "") < ($1.selectionPattern ?? "") }) {
                    let pattern = response.selectionPattern.map { "\"\($0)\"" } ?? "default"
                    let status = response.statusCode
                    let inResponse: [PlanLocations.Key] = [.integrationResponse(verb, path, status)] + inIntegration
                    fact("integration response \(pattern) status", status, .responseStatus, places: inResponse)
                    for pair in response.responseParameters.sorted(by: { $0.name < $1.name }) {
                        fact(
                            "integration response \(pattern) parameter \(pair.name)", pair.value, .responseParameter,
                            header: headerName(pair.name, prefix: "method.response.header."),
                            places: [.responseParameter(verb, path, status, pair.name)] + inResponse)
                    }
                    for pair in response.responseTemplates.sorted(by: { $0.name < $1.name }) {
                        fact(
                            "integration response \(pattern) template \(pair.name)", pair.value, .responseTemplate,
                            places: [.responseTemplate(verb, path, status, pair.name)] + inResponse)
                    }
                    fact("integration response \(pattern) content handling", response.contentHandling, .responseContentHandling, places: inResponse)
                }
                for response in method.methodResponses.sorted(by: { $0.statusCode < $1.statusCode }) {
                    let status = response.statusCode
                    let inResponse: [PlanLocations.Key] = [.methodResponse(verb, path, status)]
                    fact("method response \(status)", "declared", .methodResponse, status: status, places: inResponse)
                    for header in response.headers.sorted() {
                        fact(
                            "method response \(status) header \(header)", "declared", .methodResponseHeader, status: status, header: header,
                            places: inResponse)
                    }
                }
            }
        }

        for authorizer in plan.authorizers.sorted(by: { $0.name < $1.name }) {
            let name = "authorizer \(authorizer.name)"
            let at: [PlanLocations.Key] = [.authorizer(authorizer.name)]
            add("\(name) type", authorizer.type, .authorizer, places: at)
            add("\(name) uri", authorizer.authorizerURI.map(text), .authorizer, places: at)
            add("\(name) credentials", authorizer.credentials.map(text), .authorizer, places: at)
            add("\(name) identity source", authorizer.identitySource, .authorizer, places: at)
            add("\(name) identity validation expression", authorizer.identityValidationExpression, .authorizer, places: at)
            add("\(name) result ttl", authorizer.resultTTLInSeconds.map(String.init), .authorizer, places: at)
            if !authorizer.providerARNs.isEmpty {
                add("\(name) provider ARNs", authorizer.providerARNs.map(text).joined(separator: ", "), .authorizer, places: at)
            }
            if let jwt = authorizer.jwtConfiguration {
                add("\(name) issuer", jwt.issuer.map(text), .authorizer, places: at)
                // A token names its audiences as a set: one of them must be the token's `aud`.
                add("\(name) audience", jwt.audience.map(text).sorted().joined(separator: ", "), .authorizer, places: at)
            }
            add("\(name) payload format version", authorizer.payloadFormatVersion, .authorizer, places: at)
            add("\(name) simple responses", authorizer.enableSimpleResponses.map(String.init), .authorizer, places: at)
        }

        for response in plan.gatewayResponses.sorted(by: { $0.type < $1.type }) {
            let type = response.type
            let name = "gateway response \(type)"
            // A gateway response the source lacks is placed at the API it is added to.
            let at: [PlanLocations.Key] = [.gatewayResponse(type), .api]
            add(name, "customised", .gatewayResponse, gatewayResponse: type, places: at)
            add("\(name) status", response.statusCode, .gatewayResponse, gatewayResponse: type, places: at)
            for pair in response.responseParameters.sorted(by: { $0.name < $1.name }) {
                add(
                    "\(name) parameter \(pair.name)", pair.value, .gatewayResponseParameter, gatewayResponse: type,
                    header: headerName(pair.name, prefix: "gatewayresponse.header."),
                    places: [.gatewayResponseParameter(type, pair.name)] + at)
            }
            for pair in response.responseTemplates.sorted(by: { $0.name < $1.name }) {
                add("\(name) template \(pair.name)", pair.value, .gatewayResponseTemplate, gatewayResponse: type, places: at)
            }
        }
        return facts
    }

    /// The facts that differ between `source` and `result`: changed and dropped facts in
    /// the source's order, then added ones in the result's.
    public static func differences(from source: GatewayPlan, to result: GatewayPlan) -> [PlanDifference] {
        let old = facts(of: source)
        let new = facts(of: result)
        var newByKey: [String: PlanFact] = [:]
        for fact in new { newByKey[fact.key] = fact }
        var oldKeys: Set<String> = []
        var differences: [PlanDifference] = []
        for fact in old {
            oldKeys.insert(fact.key)
            let other = newByKey[fact.key]
            if other?.value != fact.value { differences.append(PlanDifference(fact: fact, old: fact.value, new: other?.value)) }
        }
        for fact in new where !oldKeys.contains(fact.key) {
            differences.append(PlanDifference(fact: fact, old: nil, new: fact.value))
        }
        return differences
    }

    /// The header a `method.response.header.X` or `gatewayresponse.header.X` name sets.
    static func headerName(_ name: String, prefix: String) -> String? {
        name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : nil
    }

    /// A node as one line of text: CloudFormation functions keep their tag, so `!Sub x`
    /// and the plain string `x` differ.
    static func text(_ node: Node) -> String {
        let body: String
        switch node.content {
        case .scalar(let scalar): body = scalar.text
        case .sequence(let items): body = "[" + items.map(text).joined(separator: ", ") + "]"
        case .mapping(let mapping):
            body = "{" + mapping.entries.map { "\(text($0.key)): \(text($0.value))" }.joined(separator: ", ") + "}"
        }
        return node.tag.map { "\($0) \(body)" } ?? body
    }
}
