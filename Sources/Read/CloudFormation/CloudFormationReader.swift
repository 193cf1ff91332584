import Diagnostics
import YAML
import Plan
import Support

/// Reads an AWS CloudFormation (or SAM) template into a gateway plan.
///
/// Both ways of writing an API are read: resource by resource (`RestApi`, `Resource`
/// chains through `ParentId`, `Method`, `Authorizer`, `GatewayResponse`, `Deployment`,
/// `Stage`, `Lambda::Permission`) and a `RestApi` or `AWS::Serverless::Api` whose `Body`
/// is an OpenAPI document with extensions; a template may mix them. A SAM template is first
/// written out as the CloudFormation its transform makes (`SAMExpansion`, and
/// `SAMHTTPExpansion` for `AWS::Serverless::HttpApi`). JSON long forms and
/// YAML short forms read the same. Functions are evaluated where the template alone
/// decides their value, and reported where it does not. An HTTP API
/// (`AWS::ApiGatewayV2::Api`) is read by `readHTTPAPI`, in the extension beside this file.
struct CloudFormationReader {
    let context: ReadContext
    /// Reads a file beside the template (for SAM's `AWS::Include`); `nil`: none is read.
    var include: ((String) -> Node?)? = nil

    /// One entry of `Resources` that takes part (its `Condition` does not rule it out).
    struct Entry {
        var id: String
        var key: Node
        var type: String
        var definition: Node
        var properties: Mapping
    }

    private static let restAPITypes = ["AWS::ApiGateway::RestApi", "AWS::Serverless::Api"]

    func read(_ written: Node, parameters: [String: String]) -> GatewayPlan? {
        // A split template's children (`convert -o FILE` over 500 resources) are read into it.
        var template = NestedStacks.inlined(IntrinsicFunctions.collapsingLongForms(written), include: include)
        if SAMExpansion.applies(to: template) {
            // The API SAM's transform deploys, written out as CloudFormation, is what is read.
            let expanded = SAMExpansion(context: context, include: include).expand(template)
            template = expanded.template
            context.sam = expanded.source
        }
        let resolver = IntrinsicResolver(template: template, passedIn: parameters)
        context.resolver = resolver
        guard let resourceMap = context.mapping(template["Resources"], "Resources") else {
            context.error(ReadDiagnosticCode.notADefinition, "the template has no Resources; add the API's resources", at: template)
            return nil
        }
        var entries: [Entry] = []
        for (key, definition) in resourceMap.entries {
            guard let id = key.text, let type = definition["Type"]?.text else { continue }
            if let condition = definition["Condition"]?.text {
                switch resolver.condition(condition) {
                case false?:
                    // CloudFormation does not create a resource whose condition is false.
                    continue
                case true?:
                    break
                case nil:
                    context.warning(
                        ReadDiagnosticCode.unknownCondition,
                        "condition \(condition) of \(id) depends on values not known before deployment, so \(id) is read as if it exists; "
                            + "pass the values with --parameter NAME=VALUE",
                        at: definition["Condition"])
                }
            }
            let properties = context.mapping(definition["Properties"], "the Properties of \(id)") ?? Mapping()
            entries.append(Entry(id: id, key: key, type: type, definition: definition, properties: properties))
        }
        // A template with a REST API reads it as it always has; its HTTP APIs are named below.
        let restAPIs = entries.filter { Self.restAPITypes.contains($0.type) }
        let httpAPIs = entries.filter(isHTTPAPI)
        let apis = restAPIs.isEmpty ? httpAPIs : restAPIs
        let unread = restAPIs.isEmpty ? [] : httpAPIs
        guard let api = apis.first else {
            if let webSocket = entries.first(where: { $0.type == Self.httpAPIType }) {
                context.error(
                    ReadDiagnosticCode.webSocketAPI,
                    "\(webSocket.id) is a WebSocket API, which is not an HTTP or REST API, so there is nothing here this tool reads; "
                        + "point at a template with an HTTP or REST API", at: webSocket.properties["ProtocolType"] ?? webSocket.key)
                return nil
            }
            context.error(
                ReadDiagnosticCode.noRestAPI,
                "the template defines no AWS::ApiGateway::RestApi, AWS::Serverless::Api or AWS::ApiGatewayV2::Api; "
                    + "point at the template that defines the API",
                at: template["Resources"])
            return nil
        }
        if apis.count > 1 {
            context.warning(
                ReadDiagnosticCode.severalRestAPIs,
                "the template defines \(apis.count) \(restAPIs.isEmpty ? "HTTP" : "REST") APIs and only the first, \(api.id), is read; "
                    + "split the template to check the others",
                at: apis[1].key)
        }
        if let http = unread.first {
            context.warning(
                ReadDiagnosticCode.severalRestAPIs,
                "the template defines HTTP APIs (\(unread.map(\.id).joined(separator: ", "))) beside its REST API, and only the REST "
                    + "API \(api.id) is read; split the template to check \(http.id)",
                at: http.key)
        }
        // With one API in the template, every API Gateway resource belongs to it.
        let idProperty = api.type == Self.httpAPIType ? "ApiId" : "RestApiId"
        func belongs(_ entry: Entry) -> Bool {
            guard apis.count > 1 else { return true }
            let reference = entry.properties[idProperty]
            return reference?.tag == "!Ref" && reference?.text == api.id
        }
        let members = entries.filter(belongs)
        if api.type == Self.httpAPIType {
            return readHTTPAPI(api, members: members, entries: entries, template: template)
        }

        var tree = PlanResourceTree()
        var plan = GatewayPlan(api: RestAPI(name: .string(api.id)))
        // A definition in S3 whose key names a file beside the template (as `--cfn-style
        // body-s3` writes them) is read from there.
        let besideTemplate = api.properties["BodyS3Location"].flatMap { definitionBeside($0) }
        if var body = api.properties["Body"] ?? api.properties["DefinitionBody"] ?? besideTemplate {
            if body.tag == "!Transform" { body = TemplateInclude(context: context, include: include).document(body) ?? .null() }
            if let document = context.mapping(body, "the Body of \(api.id)"),
                let read = GatewayOpenAPIReader(context: context, kind: .rest).read(Node(.mapping(document), mark: body.mark))
            {
                plan = read
                for resource in read.resources {
                    tree.addResource(resource.path)
                    for method in resource.methods { tree.add(method, on: resource.path) }
                }
            }
        } else if let external = api.properties["BodyS3Location"] ?? api.properties["DefinitionUri"] {
            context.warning(
                ReadDiagnosticCode.externalBody,
                "the API's definition is in a separate file, which is not read here; check that OpenAPI document itself",
                at: external)
        }
        readRestAPI(api, into: &plan.api)
        context.locations[.api] = context.location(api.key)
        context.locations[.binaryMediaTypes] = context.location(api.properties["BinaryMediaTypes"])

        let paths = resourcePaths(members, apiID: api.id)
        for (path, entry) in paths.located { tree.addResource(path); context.locations[.resource(path)] = context.location(entry.key) }
        var validatorNames: [String: String] = [:]
        for entry in members where entry.type == "AWS::ApiGateway::RequestValidator" {
            let validator = RequestValidator(
                name: context.text(entry.properties["Name"], "the Name of \(entry.id)") ?? entry.id,
                validatesBody: context.bool(entry.properties["ValidateRequestBody"], "ValidateRequestBody") ?? false,
                validatesParameters: context.bool(entry.properties["ValidateRequestParameters"], "ValidateRequestParameters") ?? false)
            validatorNames[entry.id] = validator.name
            context.locations[.requestValidator(validator.name)] = context.location(entry.key)
            plan.requestValidators.append(validator)
        }
        var modelNames: [String: String] = [:]
        for entry in members where entry.type == "AWS::ApiGateway::Model" {
            let model = readModel(entry)
            modelNames[entry.id] = model.name
            context.locations[.model(model.name)] = context.location(entry.key)
            plan.models.append(model)
        }
        var authorizerNames: [String: String] = [:]
        var authorizers: [Authorizer] = []
        for entry in members where entry.type == "AWS::ApiGateway::Authorizer" {
            let authorizer = readAuthorizer(entry)
            authorizerNames[entry.id] = authorizer.name
            context.locations[.authorizer(authorizer.name)] = context.location(entry.key)
            authorizers.append(authorizer)
        }
        for entry in members where entry.type == "AWS::ApiGateway::Method" {
            guard let path = paths.path(of: entry.properties["ResourceId"], apiID: api.id) else {
                context.warning(
                    ReadDiagnosticCode.unknownResource,
                    "the ResourceId of method \(entry.id) names no resource of the API, so the method is skipped; "
                        + "use !Ref to a Resource or !GetAtt \(api.id).RootResourceId",
                    at: entry.properties["ResourceId"] ?? entry.key)
                continue
            }
            guard var method = readMethod(entry, path: path, authorizerNames: authorizerNames) else { continue }
            for (key, value) in context.mapping(entry.properties["RequestModels"], "the RequestModels of \(entry.id)")?.entries ?? Mapping().entries {
                guard let contentType = key.text else { continue }
                // A !Ref names a Model of the template; a plain name, one API Gateway has (Empty, Error).
                let name = value.tag == "!Ref" ? value.text.flatMap { modelNames[$0] } : context.text(value, "a request model")
                if let name { method.requestModels.append(Mapped(contentType, name)) }
            }
            if let reference = entry.properties["RequestValidatorId"] {
                context.locations[.methodValidator(method.httpMethod, path)] = context.location(reference)
                if reference.tag == "!Ref", let id = reference.text, let name = validatorNames[id] {
                    method.requestValidator = name
                } else {
                    context.warning(
                        ReadDiagnosticCode.unknownValidator,
                        "the RequestValidatorId of \(entry.id) names no RequestValidator of the template; use !Ref to one",
                        at: reference)
                }
            }
            if tree.hasMethod(method.httpMethod, on: path) {
                context.warning(
                    ReadDiagnosticCode.duplicateMethod,
                    "\(entry.id) is a second \(method.httpMethod) on \(path); CloudFormation fails to create it, so remove one",
                    at: entry.key)
                continue
            }
            tree.add(method, on: path)
        }
        plan.resources = tree.resources
        plan.authorizers += authorizers
        for entry in members where entry.type == "AWS::ApiGateway::GatewayResponse" {
            plan.gatewayResponses.append(readGatewayResponse(entry))
        }
        readDeployment(members, api: api, into: &plan)
        plan.parameters = templateParameters(template, stageReference: plan.stage.name)
        plan.lambdaPermissions = entries.filter { $0.type == "AWS::Lambda::Permission" }.compactMap {
            lambdaPermission($0, apiID: api.id, resources: plan.resources)
        }
        return plan
    }

    /// The document a `BodyS3Location` names when its key (a text, or a parameter's
    /// `Default`) is a file beside the template that can be read; each of its nodes placed at
    /// the key, as with `AWS::Include`.
    func definitionBeside(_ location: Node) -> Node? {
        guard let include, let key = location["Key"] else { return nil }
        let name: String?
        if key.tag == "!Ref", let parameter = key.text {
            name = context.resolver?.parameterValues[parameter]?.text
        } else {
            name = key.tag == nil ? key.text : nil
        }
        guard let name, let document = include(name) else { return nil }
        return TemplateInclude.placed(IntrinsicFunctions.collapsingLongForms(document), at: key.mark)
    }

    // MARK: - The API

    private func readRestAPI(_ entry: Entry, into api: inout RestAPI) {
        let p = entry.properties
        if let name = context.node(p["Name"], "the Name of \(entry.id)") { api.name = name }
        if let description = context.node(p["Description"], "the Description of \(entry.id)") { api.description = description }
        if p["BinaryMediaTypes"] != nil {
            // CloudFormation and SAM write the `/` of a media type as `~1` (`image~1png`).
            api.binaryMediaTypes = context.texts(p["BinaryMediaTypes"], "BinaryMediaTypes").map { $0.replacing("~1", with: "/") }
        }
        if let source = context.text(p["ApiKeySourceType"], "ApiKeySourceType") { api.apiKeySource = source }
        if let size = context.int(p["MinimumCompressionSize"], "MinimumCompressionSize") { api.minimumCompressionSize = size }
        if let policy = p["Policy"] { api.policy = policy }
        if let configuration = p["EndpointConfiguration"] {
            // SAM also takes a bare `EndpointConfiguration: REGIONAL` or `{Type: REGIONAL}`.
            if configuration.isScalar {
                api.endpointTypes = context.text(configuration, "EndpointConfiguration").map { [$0] } ?? api.endpointTypes
            } else if configuration["Types"] != nil {
                api.endpointTypes = context.texts(configuration["Types"], "EndpointConfiguration Types")
            } else if let type = context.text(configuration["Type"], "EndpointConfiguration Type") {
                api.endpointTypes = [type]
            }
            if !configuration.isScalar, configuration["VpcEndpointIds"] != nil {
                api.vpcEndpointIds = context.texts(configuration["VpcEndpointIds"], "EndpointConfiguration VpcEndpointIds")
            }
        }
    }

    // MARK: - Resources

    /// The full path of every `AWS::ApiGateway::Resource`, found through `ParentId`.
    private struct ResourcePaths {
        var byID: [String: String] = [:]
        /// Each resource's path and entry, in template order.
        var located: [(String, Entry)] = []

        /// The path a `ResourceId` or `ParentId` names: the root through
        /// `!GetAtt Api.RootResourceId`, a resource through `!Ref`.
        func path(of reference: Node?, apiID: String) -> String? {
            guard let reference else { return nil }
            if reference.tag == "!GetAtt", let target = reference.text, target.hasSuffix(".RootResourceId") { return "/" }
            if reference.tag == "!Ref", let id = reference.text { return byID[id] }
            return nil
        }
    }

    private func resourcePaths(_ members: [Entry], apiID: String) -> ResourcePaths {
        let resources = members.filter { $0.type == "AWS::ApiGateway::Resource" }
        var byID: [String: Entry] = [:]
        for entry in resources { byID[entry.id] = entry }
        var result = ResourcePaths()
        var reported: Set<String> = []
        func path(_ id: String, visiting: inout [String]) -> String? {
            if let known = result.byID[id] { return known }
            guard let entry = byID[id] else { return nil }
            guard !visiting.contains(id) else {
                if reported.insert(id).inserted {
                    context.warning(
                        ReadDiagnosticCode.unknownParent,
                        "resources \(visiting.joined(separator: " → ")) → \(id) are each other's parents; give one of them "
                            + "!GetAtt \(apiID).RootResourceId as ParentId",
                        at: entry.properties["ParentId"])
                }
                return nil
            }
            visiting.append(id)
            defer { visiting.removeLast() }
            let parentNode = entry.properties["ParentId"]
            let parent: String?
            if parentNode?.tag == "!GetAtt", parentNode?.text?.hasSuffix(".RootResourceId") == true {
                parent = "/"
            } else if parentNode?.tag == "!Ref", let parentID = parentNode?.text {
                parent = path(parentID, visiting: &visiting)
            } else {
                parent = nil
            }
            guard let parent else {
                if reported.insert(id).inserted {
                    context.warning(
                        ReadDiagnosticCode.unknownParent,
                        "the ParentId of \(id) leads to no resource of the API, so \(id) and its methods are skipped; "
                            + "use !Ref to a Resource or !GetAtt \(apiID).RootResourceId",
                        at: parentNode ?? entry.key)
                }
                return nil
            }
            guard let part = context.text(entry.properties["PathPart"], "the PathPart of \(id)"), !part.isEmpty else { return nil }
            let full = parent == "/" ? "/" + part : parent + "/" + part
            result.byID[id] = full
            return full
        }
        for entry in resources {
            var visiting: [String] = []
            if let found = path(entry.id, visiting: &visiting) { result.located.append((found, entry)) }
        }
        return result
    }

    // MARK: - Methods

    /// Who may call a method (a REST Method) or a route (an HTTP API's Route): the same four
    /// properties on both, with where each is written.
    func readAuthorization(of entry: Entry, verb: String, path: String, authorizerNames: [String: String]) -> Authorization {
        let p = entry.properties
        var authorization = Authorization(type: context.text(p["AuthorizationType"], "AuthorizationType")?.uppercased() ?? "NONE")
        if let reference = p["AuthorizerId"] {
            context.locations[.authorization(verb, path)] = context.location(reference)
            if reference.tag == "!Ref", let id = reference.text, let name = authorizerNames[id] {
                authorization.authorizerName = name
            } else {
                context.warning(
                    ReadDiagnosticCode.unknownAuthorizer,
                    "the AuthorizerId of \(entry.id) names no Authorizer of the template; use !Ref to one", at: reference)
            }
        } else if authorization.type != "NONE" {
            context.locations[.authorization(verb, path)] = context.location(p["AuthorizationType"])
        }
        authorization.scopes = context.texts(p["AuthorizationScopes"], "AuthorizationScopes")
        return authorization
    }

    private func readMethod(_ entry: Entry, path: String, authorizerNames: [String: String]) -> PlanMethod? {
        let p = entry.properties
        guard let verb = context.text(p["HttpMethod"], "the HttpMethod of \(entry.id)")?.uppercased() else {
            context.warning(ReadDiagnosticCode.malformed, "method \(entry.id) has no HttpMethod; add one", at: entry.key)
            return nil
        }
        context.locations[.method(verb, path)] = context.location(entry.key)
        let authorization = readAuthorization(of: entry, verb: verb, path: path, authorizerNames: authorizerNames)
        let apiKeyRequired = context.bool(p["ApiKeyRequired"], "ApiKeyRequired") ?? false
        if apiKeyRequired { context.locations[.apiKey(verb, path)] = context.location(p["ApiKeyRequired"]) }
        var requestParameters: [RequestParameter] = []
        for (key, value) in context.mapping(p["RequestParameters"], "the RequestParameters of \(entry.id)")?.entries
            ?? Mapping().entries
        {
            guard let name = key.text, name.hasPrefix("method.request.") else { continue }
            let rest = name.dropFirst("method.request.".count)
            guard let dot = rest.firstIndex(of: ".") else { continue }
            requestParameters.append(
                RequestParameter(
                    location: String(rest[..<dot]), name: String(rest[rest.index(after: dot)...]),
                    isRequired: context.bool(value, "request parameter \(name)") ?? false))
        }
        let integrationNode = p["Integration"]
        context.locations[.integration(verb, path)] = context.location(integrationNode) ?? context.location(entry.key)
        let integration = readIntegration(integrationNode, verb: verb, path: path, id: entry.id)
        var methodResponses: [MethodResponse] = []
        for item in context.sequence(p["MethodResponses"], "the MethodResponses of \(entry.id)") ?? [] {
            guard let status = context.text(item["StatusCode"], "a method response StatusCode") else { continue }
            context.locations[.methodResponse(verb, path, status)] = context.location(item)
            let headers = (context.mapping(item["ResponseParameters"], "method response parameters")?.keys ?? []).compactMap { key -> String? in
                guard let name = key.text, name.hasPrefix("method.response.header.") else { return nil }
                return String(name.dropFirst("method.response.header.".count))
            }
            methodResponses.append(MethodResponse(statusCode: status, headers: headers))
        }
        return PlanMethod(
            httpMethod: verb, role: .inferred(httpMethod: verb, integration: integration),
            operationName: context.text(p["OperationName"], "OperationName"), authorization: authorization,
            apiKeyRequired: apiKeyRequired, requestParameters: requestParameters, integration: integration,
            methodResponses: methodResponses)
    }

    private func readIntegration(_ node: Node?, verb: String, path: String, id: String) -> Integration {
        guard let node else {
            // CloudFormation creates a method without an integration, but the deployment fails.
            context.warning(
                ReadDiagnosticCode.missingIntegration,
                "method \(id) has no Integration, so deploying the API fails; add one (a MOCK for a preflight)", at: nil)
            return Integration(kind: .mock)
        }
        let f = context.mapping(node, "the Integration of \(id)") ?? Mapping()
        let typeText = context.text(f["Type"], "the integration Type")?.uppercased() ?? "MOCK"
        let kind = Integration.Kind(rawValue: typeText) ?? {
            context.warning(
                ReadDiagnosticCode.unknownIntegrationType,
                "integration Type \"\(typeText)\" of \(id) is not one of AWS, AWS_PROXY, HTTP, HTTP_PROXY, MOCK; correct it",
                at: f["Type"])
            return .mock
        }()
        var responses: [IntegrationResponse] = []
        for item in context.sequence(f["IntegrationResponses"], "the IntegrationResponses of \(id)") ?? [] {
            guard let status = context.text(item["StatusCode"], "an integration response StatusCode") else {
                context.warning(
                    ReadDiagnosticCode.malformed,
                    "an integration response of \(id) has no StatusCode; add the method response status it selects", at: item)
                continue
            }
            context.locations[.integrationResponse(verb, path, status)] = context.location(item)
            responses.append(
                context.integrationResponse(
                    item, selectionPattern: context.text(item["SelectionPattern"], "SelectionPattern"), status: status,
                    verb: verb, path: path, spelling: .cloudFormation))
        }
        return context.integration(kind: kind, fields: f, responses: responses, spelling: .cloudFormation, owner: id)
    }

    // MARK: - Authorizers, gateway responses, deployment

    /// How the stage runs: its access log (a log group of the template is the stage's own,
    /// read with its retention), tracing, cache, method settings, and the account's
    /// CloudWatch role when the template sets it up.
    /// A stage's access log (a REST stage's `AccessLogSetting`, an HTTP API stage's
    /// `AccessLogSettings`): its format, and its destination, or the retention of the log group
    /// the template makes for it.
    func readAccessLog(_ log: Mapping, members: [Entry]) -> AccessLog {
        var accessLog = AccessLog(format: context.text(log["Format"], "the access log Format") ?? AccessLog.defaultFormat)
        let destination = log["DestinationArn"]
        // `!GetAtt Group.Arn` of a log group in this template: the stage's own group.
        if destination?.tag == "!GetAtt", let target = destination?.text?.split(separator: ".").first,
            let group = members.first(where: { $0.id == String(target) && $0.type == "AWS::Logs::LogGroup" })
        {
            accessLog.retentionDays = context.int(group.properties["RetentionInDays"], "RetentionInDays")
        } else {
            accessLog.destinationARN = context.node(destination, "the access log DestinationArn")
        }
        return accessLog
    }

    private func readStageSettings(_ stage: Entry, members: [Entry], into plan: inout Stage) {
        let p = stage.properties
        if let log = context.mapping(p["AccessLogSetting"], "the AccessLogSetting of \(stage.id)") {
            plan.accessLog = readAccessLog(log, members: members)
        }
        plan.tracingEnabled = context.bool(p["TracingEnabled"], "TracingEnabled") ?? false
        if context.bool(p["CacheClusterEnabled"], "CacheClusterEnabled") == true {
            plan.cacheClusterSize = context.text(p["CacheClusterSize"], "CacheClusterSize") ?? "0.5"
        }
        for item in context.sequence(p["MethodSettings"], "the MethodSettings of \(stage.id)") ?? [] {
            var setting = MethodSetting(
                resourcePath: context.text(item["ResourcePath"], "a MethodSettings ResourcePath") ?? "/*",
                httpMethod: context.text(item["HttpMethod"], "a MethodSettings HttpMethod") ?? "*")
            setting.throttlingRateLimit = context.text(item["ThrottlingRateLimit"], "ThrottlingRateLimit").flatMap(Double.init)
            setting.throttlingBurstLimit = context.int(item["ThrottlingBurstLimit"], "ThrottlingBurstLimit")
            setting.cachingEnabled = context.bool(item["CachingEnabled"], "CachingEnabled")
            setting.cacheTtlInSeconds = context.int(item["CacheTtlInSeconds"], "CacheTtlInSeconds")
            setting.cacheDataEncrypted = context.bool(item["CacheDataEncrypted"], "CacheDataEncrypted")
            setting.loggingLevel = context.text(item["LoggingLevel"], "LoggingLevel")
            setting.metricsEnabled = context.bool(item["MetricsEnabled"], "MetricsEnabled")
            plan.methodSettings.append(setting)
        }
        plan.createsCloudWatchRole = members.contains { $0.type == "AWS::ApiGateway::Account" }
    }

    /// The usage plans on this API's stage, with the keys their `UsagePlanKey`s give.
    private func readUsagePlans(entries: [Entry], apiID: String) -> [UsagePlan] {
        var plans: [UsagePlan] = []
        for entry in entries where entry.type == "AWS::ApiGateway::UsagePlan" {
            let stages = entry.properties["ApiStages"]?.sequence ?? []
            guard stages.contains(where: { $0["ApiId"]?.tag == "!Ref" && $0["ApiId"]?.text == apiID }) else { continue }
            var plan = UsagePlan(name: context.text(entry.properties["UsagePlanName"], "UsagePlanName") ?? entry.id)
            plan.description = context.text(entry.properties["Description"], "the Description of \(entry.id)")
            let throttle = entry.properties["Throttle"]
            plan.rateLimit = context.text(throttle?["RateLimit"], "RateLimit").flatMap(Double.init)
            plan.burstLimit = context.int(throttle?["BurstLimit"], "BurstLimit")
            let quota = entry.properties["Quota"]
            plan.quotaLimit = context.int(quota?["Limit"], "the quota Limit")
            plan.quotaPeriod = context.text(quota?["Period"], "the quota Period")
            plan.quotaOffset = context.int(quota?["Offset"], "the quota Offset")
            for key in entries where key.type == "AWS::ApiGateway::UsagePlanKey" {
                guard key.properties["UsagePlanId"]?.tag == "!Ref", key.properties["UsagePlanId"]?.text == entry.id,
                    let keyID = key.properties["KeyId"]?.text, let apiKey = entries.first(where: { $0.id == keyID && $0.type == "AWS::ApiGateway::ApiKey" })
                else { continue }
                plan.apiKeys.append(context.text(apiKey.properties["Name"], "the Name of \(apiKey.id)") ?? apiKey.id)
            }
            context.locations[.usagePlan(plan.name)] = context.location(entry.key)
            plans.append(plan)
        }
        return plans
    }

    /// An `AWS::ApiGateway::Model`: its schema, given as a mapping or as JSON text, without
    /// the `$schema` and the `title` that only repeats the name; each reference to another
    /// model's URL read as the plan writes it (`#/components/schemas/NAME`).
    private func readModel(_ entry: Entry) -> GatewayModel {
        let name = context.text(entry.properties["Name"], "the Name of \(entry.id)") ?? entry.id
        var schema = entry.properties["Schema"] ?? .mapping(Mapping())
        if let text = schema.string, let parsed = try? DocumentReader.read(Array(text.utf8), file: "Schema", format: .json) {
            schema = parsed
        }
        var references: [String] = []
        var fields = Self.modelReferences(schema, references: &references).mapping ?? Mapping()
        fields["$schema"] = nil
        return GatewayModel(
            name: name, contentType: context.text(entry.properties["ContentType"], "the ContentType of \(entry.id)") ?? "application/json",
            schema: GatewayModel.untitled(.mapping(fields), name: name), references: references)
    }

    /// `schema` with each `$ref` to a model URL (`https://apigateway.amazonaws.com/restapis/…/models/NAME`,
    /// or its `!Sub`) written as the plan writes a model reference.
    static func modelReferences(_ schema: Node, references: inout [String]) -> Node {
        if let items = schema.sequence { return .sequence(items.map { modelReferences($0, references: &references) }) }
        guard let fields = schema.mapping else { return schema }
        if let url = fields["$ref"]?.text, url.contains("/models/"), let last = url.split(separator: "/").last {
            let name = String(last)
            if GatewayModel.isModelName(name) {
                if !references.contains(name) { references.append(name) }
                return ["$ref": .string(GatewayModel.reference(to: name))]
            }
        }
        var result = Mapping()
        for (key, value) in fields.entries { result.append(key: key, value: value.isScalar ? value : modelReferences(value, references: &references)) }
        return .mapping(result)
    }

    private func readAuthorizer(_ entry: Entry) -> Authorizer {
        let p = entry.properties
        return Authorizer(
            name: context.text(p["Name"], "the Name of \(entry.id)") ?? entry.id,
            type: context.text(p["Type"], "the Type of \(entry.id)")?.uppercased() ?? "TOKEN",
            authorizerURI: context.node(p["AuthorizerUri"], "the AuthorizerUri of \(entry.id)"),
            credentials: context.node(p["AuthorizerCredentials"], "the AuthorizerCredentials of \(entry.id)"),
            identitySource: context.text(p["IdentitySource"], "IdentitySource"),
            identityValidationExpression: context.text(p["IdentityValidationExpression"], "IdentityValidationExpression"),
            resultTTLInSeconds: context.int(p["AuthorizerResultTtlInSeconds"], "AuthorizerResultTtlInSeconds"),
            providerARNs: context.sequence(p["ProviderARNs"], "ProviderARNs")?.compactMap { context.node($0, "a provider ARN") } ?? [])
    }

    private func readGatewayResponse(_ entry: Entry) -> GatewayResponse {
        let p = entry.properties
        let type = context.text(p["ResponseType"], "the ResponseType of \(entry.id)") ?? entry.id
        context.locations[.gatewayResponse(type)] = context.location(entry.key)
        return GatewayResponse(
            type: type,
            statusCode: context.text(p["StatusCode"], "StatusCode"),
            responseParameters: context.pairs(p["ResponseParameters"], "a gateway response parameter") {
                .gatewayResponseParameter(type, $0)
            },
            responseTemplates: context.pairs(p["ResponseTemplates"], "a gateway response template"))
    }

    /// The deployment and the stage: the stage's name and variables, and the facts that
    /// decide whether the deployment is ever taken again.
    private func readDeployment(_ members: [Entry], api: Entry, into plan: inout GatewayPlan) {
        plan.usagePlans = readUsagePlans(entries: members, apiID: api.id)
        if let deployment = members.first(where: { $0.type == "AWS::ApiGateway::Deployment" }) {
            context.locations[.deployment] = context.location(deployment.key)
            let dependsOn = deployment.definition["DependsOn"]
            plan.deployment = Deployment(
                logicalID: deployment.id,
                description: deployment.properties["Description"].flatMap { $0.containsTag ? ReadContext.shortForm($0) : $0.text },
                dependsOn: dependsOn?.sequence?.compactMap(\.text) ?? dependsOn?.text.map { [$0] } ?? [])
            if let name = context.text(deployment.properties["StageName"], "the StageName of \(deployment.id)") {
                plan.stage.name = name
            }
        }
        if let stage = members.first(where: { $0.type == "AWS::ApiGateway::Stage" }) {
            if let name = context.text(stage.properties["StageName"], "the StageName of \(stage.id)") { plan.stage.name = name }
            plan.stage.variables = context.pairs(stage.properties["Variables"], "a stage variable")
            readStageSettings(stage, members: members, into: &plan.stage)
        } else if api.type == "AWS::Serverless::Api", let name = context.text(api.properties["StageName"], "StageName") {
            plan.stage.name = name
        }
    }

    /// The template's parameters, except the stage name every rendered template offers.
    func templateParameters(
        _ template: Node, stageReference: String, stageType: String = "AWS::ApiGateway::Stage"
    ) -> [TemplateParameter] {
        let stage = template["Resources"]?.mapping?.values.first { $0["Type"]?.text == stageType }
        let stageParameter = stage?["Properties"]?["StageName"].flatMap { $0.tag == "!Ref" ? $0.text : nil }
        return (template["Parameters"]?.mapping?.entries ?? Mapping().entries).compactMap { entry in
            guard let name = entry.key.text, name != stageParameter else { return nil }
            return TemplateParameter(
                name: name, description: entry.value["Description"]?.text ?? "", defaultValue: entry.value["Default"]?.text,
                allowedPattern: entry.value["AllowedPattern"]?.text)
        }
    }

    /// A permission for API Gateway to call a function on one method of this API: its
    /// `SourceArn` ends `${Api}/STAGE/VERB/path`, or `${Api}/STAGE/$default` for an HTTP API's
    /// `$default` route.
    func lambdaPermission(_ entry: Entry, apiID: String, resources: [PlanResource]) -> LambdaPermission? {
        guard let function = entry.properties["FunctionName"], let arn = entry.properties["SourceArn"],
            arn.tag == "!Sub", let text = arn.string ?? arn[0]?.string
        else { return nil }
        // The API is `${Api}`, or a variable of the list form set to `!Ref Api` (`${__ApiId__}`,
        // as SAM writes it).
        let variable = arn[1]?.mapping?.entries.first { $0.value.tag == "!Ref" && $0.value.text == apiID }?.key.text
        guard let marker = text.firstRange(of: "${\(apiID)}") ?? variable.flatMap({ text.firstRange(of: "${\($0)}") }) else { return nil }
        let parts = text[marker.upperBound...].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // `${Api}/authorizers/*` lets an authorizer's function be called, not a method's.
        guard parts.count >= 3, parts[0].isEmpty, parts[1] != "authorizers" else { return nil }
        if parts[2] == GatewayPlan.defaultRoutePath {
            return LambdaPermission(
                functionName: context.node(function, "the FunctionName of \(entry.id)") ?? function, httpMethod: "ANY",
                path: GatewayPlan.defaultRoutePath)
        }
        let verb = parts[2] == "*" ? "ANY" : parts[2].uppercased()
        let segments = Array(parts.dropFirst(3)).filter { !$0.isEmpty }
        // `*` in the ARN stands for a path variable; find the resource it was written for.
        func matches(_ resource: PlanResource) -> Bool {
            let own: [String] = resource.path.split(separator: "/").map(String.init)
            guard own.count == segments.count else { return false }
            for (written, pattern) in zip(own, segments) where written != pattern {
                if pattern != "*" || !written.hasPrefix("{") { return false }
            }
            return true
        }
        let path = resources.first(where: matches)?.path ?? "/" + segments.joined(separator: "/")
        return LambdaPermission(functionName: context.node(function, "the FunctionName of \(entry.id)") ?? function, httpMethod: verb, path: path)
    }
}
