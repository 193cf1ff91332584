import Diagnostics
import YAML
import Plan
import Support

/// Renders a gateway plan as an AWS CloudFormation template, resource by resource, the
/// way hand-written templates are: a `RestApi`, one `Resource` per path segment, one
/// `Method` per verb, the customised `GatewayResponse`s, a `Deployment` and a `Stage`.
///
/// The template is a `Node` tree with CloudFormation's short forms as tags (`!Ref`,
/// `!GetAtt`, `!Sub`); `YAMLWriter` writes it as is and `JSONWriter` after
/// `IntrinsicFunctions.expandingShortForms`. It reads nothing but the plan.
public struct CloudFormationRenderer: Sendable {
    /// How the API is laid out in the template.
    public enum Style: String, Sendable, CaseIterable {
        /// One `AWS::ApiGateway::Resource` and `Method` per path segment and verb.
        case resources
        /// One `RestApi` whose `Body` is the OpenAPI output; the import builds the rest.
        /// Fits 500-resource limits and keeps the API readable as OpenAPI.
        case body
        /// One `RestApi` whose definition is a file in S3 (`BodyS3Location`): the OpenAPI
        /// output written beside the template, for an API whose Body would take the template
        /// past CloudFormation's 1 MB (`renderWithDefinitionInS3`).
        case bodyS3 = "body-s3"
    }

    /// The S3 file a `body-s3` template deploys: its name (the default key) and its MD5,
    /// which S3 gives as the ETag of a file uploaded in one part.
    public struct DefinitionFile: Sendable {
        public var name: String
        public var md5: String

        public init(name: String, md5: String) {
            self.name = name
            self.md5 = md5
        }
    }

    /// The template of the `body-s3` style around `definition`, already written: a RestApi
    /// reading it from the bucket and key the template's parameters name, pinned to its
    /// ETag, so a changed definition changes the RestApi (API Gateway imports it again) and
    /// the Deployment's logical ID (the stage takes the new API).
    public func renderWithDefinitionInS3(_ plan: GatewayPlan, definition: DefinitionFile) -> (template: Node, diagnostics: [Diagnostic]) {
        if plan.kind == .http { return httpAPIWithDefinitionInS3(plan, definition: definition) }
        var resources = Mapping()
        var api = restAPI(plan.api, body: nil).mapping ?? Mapping()
        var properties = api["Properties"]?.mapping ?? Mapping()
        // The definition says these as extensions; saying them twice would let the two disagree.
        for name in ["Description", "BinaryMediaTypes", "ApiKeySourceType", "MinimumCompressionSize", "Policy"] { properties[name] = nil }
        properties.append(
            key: "BodyS3Location",
            value: [
                "Bucket": ref("DefinitionBucket"),
                "Key": ref("DefinitionKey"),
                "ETag": ref("DefinitionETag"),
            ])
        api["Properties"] = .mapping(properties)
        resources.append(key: .string(apiID), value: .mapping(api))
        if !plan.lambdaPermissions.isEmpty {
            let ids = LogicalIDs(paths: plan.resources.map(\.path))
            addLambdaPermissions(plan.lambdaPermissions, ids: ids, to: &resources)
        }
        addStageResources(plan.stage, to: &resources)
        var hash = StableHash()
        hash.combine(.mapping(resources))
        hash.combine(definition.md5)
        for (key, value) in deploymentAndStage(fingerprint: hash.hex(), dependencies: [], plan.stage, usagePlans: plan.usagePlans).entries {
            resources.append(key: key, value: value)
        }
        return (withDefinitionParameters(template(plan, resources: resources), definition: definition), limits(resourceCount: resources.count))
    }

    /// The template with the parameters that say where the `body-s3` definition was uploaded.
    func withDefinitionParameters(_ template: Node, definition: DefinitionFile) -> Node {
        var root = template.mapping ?? Mapping()
        var parameters = root["Parameters"]?.mapping ?? Mapping()
        parameters.append(
            key: "DefinitionBucket",
            value: [
                "Type": "String",
                "Description": .string("The S3 bucket \(definition.name) is uploaded to (aws s3 cp \(definition.name) s3://BUCKET/KEY)."),
                "MinLength": 3,
            ])
        parameters.append(
            key: "DefinitionKey",
            value: ["Type": "String", "Description": "The key of the uploaded definition.", "Default": .string(definition.name)])
        parameters.append(
            key: "DefinitionETag",
            value: [
                "Type": "String",
                "Description": .string(
                    "The ETag S3 gives the uploaded definition, quotes included, as aws s3api head-object prints it: its MD5 when "
                        + "uploaded in one part without KMS encryption (the default)."),
                // S3 gives an ETag as an HTTP entity tag, in double quotes, and that is what is compared.
                "Default": .string("\"\(definition.md5)\""),
            ])
        root["Parameters"] = .mapping(parameters)
        return .mapping(root)
    }

    /// The API's logical ID; every other resource refers to it.
    public var apiID = "Api"
    public var style: Style

    public init(style: Style = .resources) {
        self.style = style
    }

    /// The template and any problem that would make CloudFormation refuse it.
    public func render(_ plan: GatewayPlan) -> (template: Node, diagnostics: [Diagnostic]) {
        let (template, diagnostics) = renderForWriting(plan)
        return (template.assembled(), diagnostics)
    }

    /// A template as it is best written: whole, or, in the body style, with the Body's
    /// paths made in parts while it is written (they are nearly all of a large template).
    public enum Rendered: Sendable {
        case whole(Node)
        case inParts(SplicedDocument)

        /// The whole template as one tree.
        public func assembled() -> Node {
            switch self {
            case .whole(let node): node
            case .inParts(let document): document.assembled()
            }
        }
    }

    /// The template ready to be written, and any problem that would make CloudFormation
    /// refuse it.
    ///
    /// The `body-s3` style has a second file, which the template names by its MD5: here it is
    /// taken as the OpenAPI output in YAML named `definition.yaml`. A writer that writes the
    /// definition itself (in JSON, or under another name) uses `renderWithDefinitionInS3`.
    public func renderForWriting(_ plan: GatewayPlan) -> (template: Rendered, diagnostics: [Diagnostic]) {
        var resources = Mapping()
        switch style {
        case .bodyS3:
            let definition = YAMLWriter.write(OpenAPIRenderer().render(plan))
            let rendered = renderWithDefinitionInS3(
                plan, definition: DefinitionFile(name: "definition.yaml", md5: MD5.hex(Array(definition.utf8))))
            return (.whole(rendered.template), rendered.diagnostics)
        case .resources where plan.kind == .http:
            return httpAPIResources(plan)
        case .body where plan.kind == .http:
            return httpAPIBody(plan)
        case .resources:
            let ids = LogicalIDs(paths: plan.resources.map(\.path))
            resources.append(key: .string(apiID), value: restAPI(plan.api, body: nil))
            var methodIDs: [String] = []
            var gatewayResponseIDs: [String] = []
            addResources(of: plan, ids: ids, to: &resources, methodIDs: &methodIDs, gatewayResponseIDs: &gatewayResponseIDs)
            addStageResources(plan.stage, to: &resources)
            let fingerprint = Self.fingerprint(of: .mapping(resources))
            for (key, value) in deploymentAndStage(
                fingerprint: fingerprint, dependencies: methodIDs + gatewayResponseIDs, plan.stage, usagePlans: plan.usagePlans
            ).entries {
                resources.append(key: key, value: value)
            }
            return (.whole(template(plan, resources: resources)), limits(resourceCount: resources.count))
        case .body:
            let body = OpenAPIRenderer().renderInParts(plan, digests: true)
            resources.append(key: .string(apiID), value: restAPI(plan.api, body: body.root))
            // A Body creates the methods, not the right to call Lambda: that needs permissions too.
            // Their logical IDs are the only ones this style needs.
            if !plan.lambdaPermissions.isEmpty {
                let ids = LogicalIDs(paths: plan.resources.map(\.path))
                addLambdaPermissions(plan.lambdaPermissions, ids: ids, to: &resources)
            }
            addStageResources(plan.stage, to: &resources)
            // The fingerprint covers the resources with the Body's paths left empty, then the
            // digest of each path item once it is written (`renderInParts(digests:)`). The first
            // part is hashed on another thread while the path items are made.
            let laidOut = resources
            let hashResources: @Sendable () -> StableHash = {
                var hash = StableHash()
                hash.combine(.mapping(laidOut))
                return hash
            }
            // Worth a thread only for a Body with a few dozen paths or more.
            let base = body.entryCount >= 32 ? BackgroundValue(hashResources) : BackgroundValue(computedNow: hashResources())
            let resourceCount = resources.count + 2
            let (renderer, stage, usagePlans) = (self, plan.stage, plan.usagePlans)
            let document = SplicedDocument(
                root: template(plan, resources: resources),
                splicePath: ["Resources", apiID, "Properties", "Body"] + body.splicePath, entryCount: body.entryCount,
                makeEntries: body.makeEntries,
                lateEntries: (
                    ["Resources"],
                    { digests in
                        var hash = base.value
                        hash.combine(word: UInt64(digests.count))
                        for digest in digests { hash.combine(word: digest) }
                        // With a Body the RestApi holds every method; its Ref already orders them.
                        return renderer.deploymentAndStage(fingerprint: hash.hex(), dependencies: [], stage, usagePlans: usagePlans)
                    }
                ),
                noteOfEntry: body.noteOfEntry)
            return (.inParts(document), limits(resourceCount: resourceCount))
        }
    }

    /// The Deployment and the Stage that points at it.
    ///
    /// The deployment is a snapshot taken when it is created; a new logical ID whenever the
    /// API changes is what makes CloudFormation create a new one and move the stage.
    private func deploymentAndStage(fingerprint: String, dependencies: [String], _ stage: Stage, usagePlans: [UsagePlan] = []) -> Mapping {
        let deploymentID = "Deployment" + String(fingerprint.prefix(10))
        var deployment = Mapping()
        deployment.append(key: "Type", value: "AWS::ApiGateway::Deployment")
        if !dependencies.isEmpty { deployment.append(key: "DependsOn", value: .sequence(dependencies.map { .string($0) })) }
        deployment.append(
            key: "Properties",
            value: ["RestApiId": ref(apiID), "Description": .string("API fingerprint \(fingerprint)")])
        var entries = Mapping()
        entries.append(key: .string(deploymentID), value: .mapping(deployment))
        entries.append(key: "Stage", value: self.stage(stage, deploymentID: deploymentID))
        for (key, value) in usagePlanResources(usagePlans).entries { entries.append(key: key, value: value) }
        return entries
    }

    /// One `AWS::ApiGateway::UsagePlan` per plan, on this API's stage (`!Ref Stage`, so it
    /// is made after the stage), and per key an `AWS::ApiGateway::ApiKey` with a generated
    /// value and the `UsagePlanKey` that puts it in the plan.
    private func usagePlanResources(_ plans: [UsagePlan]) -> Mapping {
        var resources = Mapping()
        let ids = LogicalIDs.usagePlans(plans.map(\.name))
        var keyIDs: [String: String] = [:]
        for plan in plans {
            let id = ids[plan.name]!
            var properties = Mapping()
            properties.append(key: "UsagePlanName", value: .string(plan.name))
            if let description = plan.description { properties.append(key: "Description", value: .string(description)) }
            properties.append(key: "ApiStages", value: [["ApiId": ref(apiID), "Stage": ref("Stage")]])
            var throttle = Mapping()
            if let rate = plan.rateLimit {
                throttle.append(key: "RateLimit", value: .number(rate))
            }
            if let burst = plan.burstLimit { throttle.append(key: "BurstLimit", value: .int(burst)) }
            if !throttle.isEmpty { properties.append(key: "Throttle", value: .mapping(throttle)) }
            var quota = Mapping()
            if let limit = plan.quotaLimit { quota.append(key: "Limit", value: .int(limit)) }
            if let period = plan.quotaPeriod { quota.append(key: "Period", value: .string(period)) }
            if let offset = plan.quotaOffset { quota.append(key: "Offset", value: .int(offset)) }
            if !quota.isEmpty { properties.append(key: "Quota", value: .mapping(quota)) }
            resources.append(key: .string(id), value: ["Type": "AWS::ApiGateway::UsagePlan", "Properties": .mapping(properties)])
            for key in plan.apiKeys {
                if keyIDs[key] == nil {
                    let keyID = LogicalIDs.apiKey(key, taken: Set(keyIDs.values))
                    keyIDs[key] = keyID
                    resources.append(key: .string(keyID), value: ["Type": "AWS::ApiGateway::ApiKey", "Properties": ["Name": .string(key), "Enabled": true]])
                }
                resources.append(
                    key: .string(id + "Key" + keyIDs[key]!.dropFirst("ApiKey".count)),
                    value: [
                        "Type": "AWS::ApiGateway::UsagePlanKey",
                        "Properties": ["KeyId": ref(keyIDs[key]!), "KeyType": "API_KEY", "UsagePlanId": ref(id)],
                    ])
            }
        }
        return resources
    }

    /// The `Resource`, `Authorizer`, `Method` and `GatewayResponse` resources of the
    /// resource-by-resource style.
    private func addResources(
        of plan: GatewayPlan, ids: LogicalIDs, to resources: inout Mapping, methodIDs: inout [String],
        gatewayResponseIDs: inout [String]
    ) {
        for resource in plan.resources where !resource.isRoot {
            resources.append(key: .string(ids.resource(resource.path)), value: self.resource(resource, ids: ids))
        }
        for authorizer in plan.authorizers {
            resources.append(key: .string(LogicalIDs.authorizer(authorizer.name)), value: self.authorizer(authorizer))
        }
        let validatorIDs = LogicalIDs.requestValidators(plan.requestValidators.map(\.name))
        for validator in plan.requestValidators {
            resources.append(key: .string(validatorIDs[validator.name]!), value: requestValidator(validator))
        }
        for model in plan.models {
            resources.append(key: .string(LogicalIDs.model(model.name)), value: self.model(model))
        }
        // Each method read where it lies: `plan.methods` would copy every method first.
        for resource in plan.resources {
            for index in resource.methods.indices {
                let id = ids.method(resource.methods[index].httpMethod, on: resource.path)
                methodIDs.append(id)
                resources.append(
                    key: .string(id), value: self.method(resource.methods[index], on: resource, ids: ids, validatorIDs: validatorIDs))
            }
        }
        addLambdaPermissions(plan.lambdaPermissions, ids: ids, to: &resources)
        for response in plan.gatewayResponses {
            let id = LogicalIDs.gatewayResponse(response.type)
            gatewayResponseIDs.append(id)
            resources.append(key: .string(id), value: gatewayResponse(response))
        }
    }

    /// One `AWS::Lambda::Permission` per method that invokes the tool's Lambda function.
    func addLambdaPermissions(_ permissions: [LambdaPermission], ids: LogicalIDs, to resources: inout Mapping) {
        for permission in permissions {
            let id = ids.method(permission.httpMethod, on: permission.path).replacing("Method", with: "") + "Permission"
            resources.append(key: .string(id), value: lambdaPermission(permission))
        }
    }

    /// The whole template around its resources: parameters, description, outputs.
    func template(_ plan: GatewayPlan, resources: Mapping) -> Node {
        var parameters = Mapping()
        parameters.append(
            key: "StageName",
            value: [
                "Type": "String",
                "Description": "The name of the stage the API is deployed to.",
                "Default": .string(plan.stage.name),
                "AllowedPattern": .string(Self.stageNamePattern(plan.kind)),
            ])
        for parameter in plan.parameters {
            var entries = Mapping()
            entries.append(key: "Type", value: "String")
            entries.append(key: "Description", value: .string(parameter.description))
            if let value = parameter.defaultValue { entries.append(key: "Default", value: .string(value)) }
            if let pattern = parameter.allowedPattern { entries.append(key: "AllowedPattern", value: .string(pattern)) }
            parameters.append(key: .string(parameter.name), value: .mapping(entries))
        }

        var template = Mapping()
        template.append(key: "AWSTemplateFormatVersion", value: "2010-09-09")
        // A template's Description takes no functions: use the first plain text there is.
        let description = [plan.api.description, plan.api.name].compactMap { $0 }.first { $0.tag == nil }?.text
        template.append(key: "Description", value: .string(Self.truncated(description ?? Self.defaultDescription(plan.kind))))
        template.append(key: "Parameters", value: .mapping(parameters))
        template.append(key: "Resources", value: .mapping(resources))
        template.append(key: "Outputs", value: plan.kind == .http ? httpAPIOutputs : restAPIOutputs)
        return .mapping(template)
    }

    /// A REST API's ID and the URL its stage answers on.
    private var restAPIOutputs: Node {
        [
            "ApiId": ["Description": "The REST API's ID.", "Value": ref(apiID)],
            "InvokeUrl": [
                "Description": "The URL the stage answers on.",
                "Value": Node(
                    .scalar(Scalar(text: "https://${\(apiID)}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}", kind: .string)),
                    tag: "!Sub"),
            ],
        ]
    }

    /// What a stage of the kind may be called: a REST API's stage names are letters, digits,
    /// `-` and `_`; an HTTP API also has the `$default` stage, served at the API's base URL.
    static func stageNamePattern(_ kind: APIKind) -> String {
        switch kind {
        case .rest: "^[A-Za-z0-9_-]{1,128}$"
        case .http: "^(\\$default|[A-Za-z0-9_-]{1,128})$"
        }
    }

    /// The template's description when the API has no plain-text name or description.
    static func defaultDescription(_ kind: APIKind) -> String {
        switch kind {
        case .rest: "A REST API on Amazon API Gateway"
        case .http: "An HTTP API on Amazon API Gateway"
        }
    }

    // MARK: - Resources

    /// The Body with each server URL that names a pseudo parameter (`${AWS::Region}`, as
    /// specs exported from a stage write it) made a `!Sub`: CloudFormation substitutes only
    /// inside one, and refuses the template otherwise (cfn-lint E1029). Any other `${name}`
    /// in such a URL is kept as text (`${!name}`), since the template defines no such name;
    /// a URL without a pseudo parameter stays text.
    static func substitutingServerURLs(_ body: Node) -> Node {
        guard var root = body.mapping, let servers = root["servers"]?.sequence,
            servers.contains(where: { $0.mapping?["url"]?.string?.contains("${AWS::") == true })
        else { return body }
        root["servers"] = .sequence(
            servers.map { server in
                guard var fields = server.mapping, let url = fields["url"], url.tag == nil, let text = url.string,
                    text.contains("${AWS::")
                else { return server }
                fields["url"] = IntrinsicFunctions.pseudoParameterSub(text, mark: url.mark)
                return Node(.mapping(fields), tag: server.tag, mark: server.mark)
            })
        return Node(.mapping(root), tag: body.tag, mark: body.mark)
    }


    private func restAPI(_ api: RestAPI, body: Node?) -> Node {
        var properties = Mapping()
        properties.append(key: "Name", value: api.name)
        if let body {
            // The Body carries binary media types and the rest as extensions; saying them
            // twice would let the two disagree.
            properties.append(key: "Body", value: Self.substitutingServerURLs(body))
            if !api.endpointTypes.isEmpty { properties.append(key: "EndpointConfiguration", value: endpointConfiguration(api)) }
            return ["Type": "AWS::ApiGateway::RestApi", "Properties": .mapping(properties)]
        }
        if let description = api.description { properties.append(key: "Description", value: description) }
        if !api.endpointTypes.isEmpty { properties.append(key: "EndpointConfiguration", value: endpointConfiguration(api)) }
        if !api.binaryMediaTypes.isEmpty {
            properties.append(key: "BinaryMediaTypes", value: .sequence(api.binaryMediaTypes.map { .string($0) }))
        }
        if let source = api.apiKeySource { properties.append(key: "ApiKeySourceType", value: .string(source)) }
        if let size = api.minimumCompressionSize { properties.append(key: "MinimumCompressionSize", value: .int(size)) }
        if let policy = api.policy { properties.append(key: "Policy", value: policy) }
        return ["Type": "AWS::ApiGateway::RestApi", "Properties": .mapping(properties)]
    }

    private func resource(_ resource: PlanResource, ids: LogicalIDs) -> Node {
        [
            "Type": "AWS::ApiGateway::Resource",
            "Properties": [
                "RestApiId": ref(apiID),
                "ParentId": resourceReference(resource.parentPath ?? "/", ids: ids),
                "PathPart": .string(resource.pathPart),
            ],
        ]
    }

    private func endpointConfiguration(_ api: RestAPI) -> Node {
        var configuration = Mapping()
        configuration.append(key: "Types", value: .sequence(api.endpointTypes.map { .string($0) }))
        if !api.vpcEndpointIds.isEmpty { configuration.append(key: "VpcEndpointIds", value: .sequence(api.vpcEndpointIds.map { .string($0) })) }
        return .mapping(configuration)
    }

    /// The root's ID comes from the API itself; every other resource is referenced.
    private func resourceReference(_ path: String, ids: LogicalIDs) -> Node {
        path == "/" ? getAtt("\(apiID).RootResourceId") : ref(ids.resource(path))
    }

    private func method(_ method: PlanMethod, on resource: PlanResource, ids: LogicalIDs, validatorIDs: [String: String]) -> Node {
        var properties = Mapping()
        properties.append(key: "RestApiId", value: ref(apiID))
        properties.append(key: "ResourceId", value: resourceReference(resource.path, ids: ids))
        properties.append(key: "HttpMethod", value: .string(method.httpMethod))
        properties.append(key: "AuthorizationType", value: .string(method.authorization.type))
        if let name = method.authorization.authorizerName {
            properties.append(key: "AuthorizerId", value: ref(LogicalIDs.authorizer(name)))
        }
        if !method.authorization.scopes.isEmpty {
            properties.append(key: "AuthorizationScopes", value: .sequence(method.authorization.scopes.map { .string($0) }))
        }
        properties.append(key: "ApiKeyRequired", value: .bool(method.apiKeyRequired))
        if let name = method.operationName { properties.append(key: "OperationName", value: .string(name)) }
        if !method.requestParameters.isEmpty {
            var parameters = Mapping()
            for parameter in method.requestParameters {
                parameters.append(key: .string(parameter.key), value: .bool(parameter.isRequired))
            }
            properties.append(key: "RequestParameters", value: .mapping(parameters))
        }
        if let name = method.requestValidator, let id = validatorIDs[name] {
            properties.append(key: "RequestValidatorId", value: ref(id))
        }
        if !method.requestModels.isEmpty {
            var models = Mapping()
            for model in method.requestModels { models.append(key: .string(model.name), value: ref(LogicalIDs.model(model.value))) }
            properties.append(key: "RequestModels", value: .mapping(models))
        }
        properties.append(key: "Integration", value: integration(method.integration))
        if !method.methodResponses.isEmpty {
            properties.append(key: "MethodResponses", value: .sequence(method.methodResponses.map(methodResponse)))
        }
        return ["Type": "AWS::ApiGateway::Method", "Properties": .mapping(properties)]
    }

    /// An `AWS::ApiGateway::Model`: its schema as draft 4 JSON Schema, each reference to
    /// another model that model's URL in this API, and created after the models it names.
    private func model(_ model: GatewayModel) -> Node {
        var schema = Mapping()
        schema.append(key: "$schema", value: "http://json-schema.org/draft-04/schema#")
        schema.append(key: "title", value: .string(model.name))
        for (key, value) in (modelURLs(model.schema).mapping ?? Mapping()).entries where key.text != "$schema" && key.text != "title" {
            schema.append(key: key, value: value)
        }
        var definition = Mapping()
        definition.append(key: "Type", value: "AWS::ApiGateway::Model")
        if !model.references.isEmpty {
            definition.append(key: "DependsOn", value: .sequence(model.references.map { .string(LogicalIDs.model($0)) }))
        }
        definition.append(
            key: "Properties",
            value: [
                "RestApiId": ref(apiID), "Name": .string(model.name), "ContentType": .string(model.contentType),
                "Schema": .mapping(schema),
            ])
        return .mapping(definition)
    }

    /// `schema` with each `$ref` to a model written as the model's URL in the API.
    private func modelURLs(_ schema: Node) -> Node {
        if let items = schema.sequence { return .sequence(items.map(modelURLs)) }
        guard let fields = schema.mapping else { return schema }
        if let reference = fields["$ref"]?.string, let name = GatewayModel.referencedName(reference) {
            let url = Node(
                .scalar(Scalar(text: "https://apigateway.amazonaws.com/restapis/${\(apiID)}/models/\(name)", kind: .string)), tag: "!Sub")
            return ["$ref": url]
        }
        var result = Mapping()
        for (key, value) in fields.entries { result.append(key: key, value: value.isScalar ? value : modelURLs(value)) }
        return .mapping(result)
    }

    /// An `AWS::ApiGateway::RequestValidator`.
    private func requestValidator(_ validator: RequestValidator) -> Node {
        [
            "Type": "AWS::ApiGateway::RequestValidator",
            "Properties": [
                "RestApiId": ref(apiID), "Name": .string(validator.name), "ValidateRequestBody": .bool(validator.validatesBody),
                "ValidateRequestParameters": .bool(validator.validatesParameters),
            ],
        ]
    }

    private func integration(_ integration: Integration) -> Node {
        var properties = Mapping()
        properties.append(key: "Type", value: .string(integration.kind.rawValue))
        if let method = integration.httpMethod { properties.append(key: "IntegrationHttpMethod", value: .string(method)) }
        if let uri = integration.uri { properties.append(key: "Uri", value: uri) }
        if let credentials = integration.credentials { properties.append(key: "Credentials", value: credentials) }
        if let behavior = integration.passthroughBehavior {
            properties.append(key: "PassthroughBehavior", value: .string(behavior))
        }
        if let handling = integration.contentHandling { properties.append(key: "ContentHandling", value: .string(handling)) }
        if let type = integration.connectionType { properties.append(key: "ConnectionType", value: .string(type)) }
        if let id = integration.connectionID { properties.append(key: "ConnectionId", value: id) }
        if let timeout = integration.timeoutInMillis { properties.append(key: "TimeoutInMillis", value: .int(timeout)) }
        if !integration.cacheKeyParameters.isEmpty {
            properties.append(key: "CacheKeyParameters", value: .sequence(integration.cacheKeyParameters.map { .string($0) }))
        }
        if let namespace = integration.cacheNamespace { properties.append(key: "CacheNamespace", value: .string(namespace)) }
        if !integration.requestParameters.isEmpty {
            properties.append(key: "RequestParameters", value: mapping(integration.requestParameters))
        }
        if !integration.requestTemplates.isEmpty {
            properties.append(key: "RequestTemplates", value: mapping(integration.requestTemplates))
        }
        if !integration.responses.isEmpty {
            properties.append(key: "IntegrationResponses", value: .sequence(integration.responses.map(integrationResponse)))
        }
        return .mapping(properties)
    }

    private func integrationResponse(_ response: IntegrationResponse) -> Node {
        var properties = Mapping()
        properties.append(key: "StatusCode", value: .string(response.statusCode))
        if let pattern = response.selectionPattern { properties.append(key: "SelectionPattern", value: .string(pattern)) }
        if !response.responseParameters.isEmpty {
            properties.append(key: "ResponseParameters", value: mapping(response.responseParameters))
        }
        if !response.responseTemplates.isEmpty {
            properties.append(key: "ResponseTemplates", value: mapping(response.responseTemplates))
        }
        if let handling = response.contentHandling { properties.append(key: "ContentHandling", value: .string(handling)) }
        return .mapping(properties)
    }

    private func methodResponse(_ response: MethodResponse) -> Node {
        var properties = Mapping()
        properties.append(key: "StatusCode", value: .string(response.statusCode))
        if !response.headers.isEmpty {
            var headers = Mapping()
            for header in response.headers {
                headers.append(key: .string("method.response.header.\(header)"), value: .bool(false))
            }
            properties.append(key: "ResponseParameters", value: .mapping(headers))
        }
        return .mapping(properties)
    }

    private func gatewayResponse(_ response: GatewayResponse) -> Node {
        var properties = Mapping()
        properties.append(key: "RestApiId", value: ref(apiID))
        properties.append(key: "ResponseType", value: .string(response.type))
        if let status = response.statusCode { properties.append(key: "StatusCode", value: .string(status)) }
        if !response.responseParameters.isEmpty {
            properties.append(key: "ResponseParameters", value: mapping(response.responseParameters))
        }
        if !response.responseTemplates.isEmpty {
            properties.append(key: "ResponseTemplates", value: mapping(response.responseTemplates))
        }
        return ["Type": "AWS::ApiGateway::GatewayResponse", "Properties": .mapping(properties)]
    }

    private func lambdaPermission(_ permission: LambdaPermission) -> Node {
        let arn = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${\(apiID)}" + permission.sourceARNSuffix
        return [
            "Type": "AWS::Lambda::Permission",
            "Properties": [
                "FunctionName": permission.functionName,
                "Action": "lambda:InvokeFunction",
                "Principal": "apigateway.amazonaws.com",
                "SourceArn": Node(.scalar(Scalar(text: arn, kind: .string)), tag: "!Sub"),
            ],
        ]
    }

    private func authorizer(_ authorizer: Authorizer) -> Node {
        var properties = Mapping()
        properties.append(key: "RestApiId", value: ref(apiID))
        properties.append(key: "Name", value: .string(authorizer.name))
        properties.append(key: "Type", value: .string(authorizer.type))
        if let uri = authorizer.authorizerURI { properties.append(key: "AuthorizerUri", value: uri) }
        if let credentials = authorizer.credentials { properties.append(key: "AuthorizerCredentials", value: credentials) }
        if let source = authorizer.identitySource { properties.append(key: "IdentitySource", value: .string(source)) }
        if let expression = authorizer.identityValidationExpression {
            properties.append(key: "IdentityValidationExpression", value: .string(expression))
        }
        if let ttl = authorizer.resultTTLInSeconds { properties.append(key: "AuthorizerResultTtlInSeconds", value: .int(ttl)) }
        if !authorizer.providerARNs.isEmpty { properties.append(key: "ProviderARNs", value: .sequence(authorizer.providerARNs)) }
        return ["Type": "AWS::ApiGateway::Authorizer", "Properties": .mapping(properties)]
    }

    private func stage(_ stage: Stage, deploymentID: String) -> Node {
        var properties = Mapping()
        properties.append(key: "RestApiId", value: ref(apiID))
        properties.append(key: "StageName", value: ref("StageName"))
        properties.append(key: "DeploymentId", value: ref(deploymentID))
        if !stage.variables.isEmpty { properties.append(key: "Variables", value: mapping(stage.variables)) }
        if let log = stage.accessLog {
            properties.append(
                key: "AccessLogSetting",
                value: ["DestinationArn": log.destinationARN ?? getAtt("\(Self.accessLogGroupID).Arn"), "Format": .string(log.format)])
        }
        if stage.tracingEnabled { properties.append(key: "TracingEnabled", value: true) }
        if let size = stage.cacheClusterSize {
            properties.append(key: "CacheClusterEnabled", value: true)
            properties.append(key: "CacheClusterSize", value: .string(size))
        }
        if !stage.methodSettings.isEmpty {
            properties.append(key: "MethodSettings", value: .sequence(stage.methodSettings.map(methodSetting)))
        }
        var definition = Mapping()
        definition.append(key: "Type", value: "AWS::ApiGateway::Stage")
        // Logs need the account's CloudWatch role first.
        if stage.createsCloudWatchRole { definition.append(key: "DependsOn", value: .sequence([.string(Self.accountID)])) }
        definition.append(key: "Properties", value: .mapping(properties))
        return .mapping(definition)
    }

    private func methodSetting(_ setting: MethodSetting) -> Node {
        var fields = Mapping()
        fields.append(key: "ResourcePath", value: .string(setting.resourcePath))
        fields.append(key: "HttpMethod", value: .string(setting.httpMethod))
        if let rate = setting.throttlingRateLimit {
            fields.append(key: "ThrottlingRateLimit", value: .number(rate))
        }
        if let burst = setting.throttlingBurstLimit { fields.append(key: "ThrottlingBurstLimit", value: .int(burst)) }
        if let caching = setting.cachingEnabled { fields.append(key: "CachingEnabled", value: .bool(caching)) }
        if let ttl = setting.cacheTtlInSeconds { fields.append(key: "CacheTtlInSeconds", value: .int(ttl)) }
        if let encrypted = setting.cacheDataEncrypted { fields.append(key: "CacheDataEncrypted", value: .bool(encrypted)) }
        if let level = setting.loggingLevel { fields.append(key: "LoggingLevel", value: .string(level)) }
        if let metrics = setting.metricsEnabled { fields.append(key: "MetricsEnabled", value: .bool(metrics)) }
        return .mapping(fields)
    }

    /// The logical IDs of what a stage's settings add around it.
    static let accessLogGroupID = "AccessLogs"
    static let accountID = "ApiGatewayAccount"
    static let cloudWatchRoleID = "ApiGatewayCloudWatchRole"

    /// The log group the stage's access log writes to, when the settings name none, and the
    /// account's CloudWatch Logs role, when asked for.
    func addStageResources(_ stage: Stage, to resources: inout Mapping) {
        if let log = stage.accessLog, log.destinationARN == nil {
            var properties = Mapping()
            if let days = log.retentionDays { properties.append(key: "RetentionInDays", value: .int(days)) }
            var group = Mapping()
            group.append(key: "Type", value: "AWS::Logs::LogGroup")
            group.append(key: "DeletionPolicy", value: "Retain")
            group.append(key: "UpdateReplacePolicy", value: "Retain")
            group.append(key: "Properties", value: .mapping(properties))
            resources.append(key: .string(Self.accessLogGroupID), value: .mapping(group))
        }
        guard stage.createsCloudWatchRole else { return }
        resources.append(
            key: .string(Self.cloudWatchRoleID),
            value: [
                "Type": "AWS::IAM::Role",
                "Properties": [
                    "AssumeRolePolicyDocument": [
                        "Version": "2012-10-17",
                        "Statement": [
                            ["Effect": "Allow", "Principal": ["Service": "apigateway.amazonaws.com"], "Action": "sts:AssumeRole"]
                        ],
                    ],
                    "ManagedPolicyArns": [
                        Node(
                            .scalar(Scalar(text: "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs", kind: .string)),
                            tag: "!Sub")
                    ],
                ],
            ])
        resources.append(
            key: .string(Self.accountID),
            value: ["Type": "AWS::ApiGateway::Account", "Properties": ["CloudWatchRoleArn": getAtt("\(Self.cloudWatchRoleID).Arn")]])
    }

    // MARK: - Helpers

    /// CloudFormation takes a template description of at most 1,024 bytes.
    static func truncated(_ text: String, toBytes limit: Int = 1_024) -> String {
        guard text.utf8.count > limit else { return text }
        var result = ""
        for character in text {
            if result.utf8.count + character.utf8.count > limit - 3 { break }
            result.append(character)
        }
        return result + "..."
    }

    func ref(_ name: String) -> Node {
        Node(.scalar(Scalar(text: name, kind: .string)), tag: "!Ref")
    }

    func getAtt(_ target: String) -> Node {
        Node(.scalar(Scalar(text: target, kind: .string)), tag: "!GetAtt")
    }

    func mapping(_ pairs: [Mapped]) -> Node {
        var entries = Mapping()
        for pair in pairs { entries.append(key: .string(pair.name), value: pair.function ?? .string(pair.value)) }
        return .mapping(entries)
    }

    /// A hash of everything that shapes the API: its resources as the plan orders them,
    /// which is the same whatever order the spec listed things in.
    static func fingerprint(of resources: Node) -> String {
        var hash = StableHash()
        hash.combine(resources)
        return hash.hex()
    }

    /// CloudFormation refuses a template with more than 500 resources.
    func limits(resourceCount: Int, kind: APIKind = .rest) -> [Diagnostic] {
        guard resourceCount > Self.maxResources else { return [] }
        // Only a REST API's resources are split along its path tree (`StackSplit`).
        let fix =
            switch kind {
            case .rest:
                "give -o FILE, and the template is split into nested stacks written beside it, or use --cfn-style body-s3, "
                    + "which puts the whole API in one RestApi resource"
            case .http: "use --cfn-style body or body-s3, which put the routes in the Api resource's definition"
            }
        return [
            .error(
                RenderError.tooManyResources,
                "the template needs \(resourceCount) resources, more than CloudFormation's limit of \(Self.maxResources); "
                    + fix + " (--repair does not change the count)")
        ]
    }

    /// CloudFormation's limit on resources in one template.
    public static let maxResources = 500
    /// The largest template CloudFormation takes in the request itself; larger ones must be
    /// uploaded to S3 first (`aws cloudformation deploy --s3-bucket …` does it).
    public static let maxInlineTemplateBytes = 51_200
    /// The largest template CloudFormation takes at all, from S3.
    public static let maxTemplateBytes = 1_000_000

    /// Problems with the size of the written template: a warning when it must go through S3,
    /// an error when CloudFormation cannot take it at all.
    public static func sizeDiagnostics(templateBytes: Int) -> [Diagnostic] {
        if templateBytes > maxTemplateBytes {
            return [
                .error(
                    RenderError.templateTooLarge,
                    "the template is \(templateBytes) bytes, more than CloudFormation's limit of \(maxTemplateBytes); "
                        + "split the API into several specs, or write --to openapi and import it (aws apigateway import-rest-api); "
                        + "--repair does not make it smaller")
            ]
        }
        if templateBytes > maxInlineTemplateBytes {
            return [
                .warning(
                    RenderError.templateNeedsS3,
                    "the template is \(templateBytes) bytes, more than the \(maxInlineTemplateBytes) CloudFormation takes inline; "
                        + "deploy it through an S3 bucket (aws cloudformation deploy --s3-bucket BUCKET)")
            ]
        }
        return []
    }
}
