import YAML
import Plan
import Support

/// Renders a gateway plan as an OpenAPI 3.0 document with `x-amazon-apigateway-*`
/// extensions, ready for API Gateway's import (REST or HTTP, as `plan.kind` says) or a
/// CloudFormation `Body`.
///
/// It starts from the plan's `document` and changes only what API Gateway needs, so order,
/// descriptions, schemas and unrelated extensions come through as written: each method's
/// integration, an explicit `security` on every operation (API Gateway ignores the root
/// `security`), the declared response headers and request parameters, the preflight
/// operations the plan adds, the authorizers on their security schemes, and the root
/// extensions of the API's kind: a REST API's gateway responses, binary media types and API
/// key source; an HTTP API's CORS configuration (`OpenAPIRenderer+HTTPAPI.swift`).
public struct OpenAPIRenderer: Sendable {
    /// The name given to the API key security scheme when the document has none.
    public var apiKeySchemeName = "api_key"
    /// The name given to the IAM (SigV4) security scheme when a method needs one.
    public var iamSchemeName = "sigv4"
    /// Whether operations say their request validator: when the API has validators, or the
    /// spec wrote some that the plan replaces.
    var writesValidators = false
    /// The kind of API the document is imported as.
    var kind = APIKind.rest

    public init() {}

    public func render(_ plan: GatewayPlan) -> Node {
        renderInParts(plan).assembled()
    }

    /// The document with its `paths` made in parts while it is written, path item by path
    /// item: on a large spec they are nearly all of the output, and each part can be made
    /// on its own core and let go once written.
    ///
    /// With `digests`, each path item comes with a digest of what was made of it
    /// (`StableHash` of its key and value), for a fingerprint of the whole document.
    public func renderInParts(_ plan: GatewayPlan, digests: Bool = false) -> SplicedDocument {
        var root = plan.document?.mapping ?? Mapping()
        // A 3.1 spec has gone down to 3.0.3; `openapi: 3.0` (OAS109) is written in full.
        if root["openapi"]?.string?.hasPrefix("3.0.") != true { root["openapi"] = .string("3.0.3") }
        if root["info"] == nil {
            root["info"] = ["title": plan.api.name, "version": "1"]
        }
        var schemes = root["components"]?["securitySchemes"]?.mapping ?? Mapping()
        let apiKeyScheme = existingAPIKeyScheme(in: schemes) ?? apiKeySchemeName
        var paths = root["paths"]?.mapping ?? Mapping()
        // The entries are made in parts as the document is written; the key stays where it is.
        root["paths"] = .mapping(Mapping())
        var needsAPIKeyScheme = false
        var needsIAMScheme = false
        // Finding a path by key is a scan of `paths`; large specs have thousands of paths
        // and several methods on each, so look each key up once.
        var pathPositions: [String: Int] = [:]
        for position in 0..<paths.count {
            if let key = paths[position: position].key.text, pathPositions[key] == nil { pathPositions[key] = position }
        }
        // Each path item's methods, in the plan's order, which is the order they are applied
        // in: by position in `plan.resources`, so the plan's methods are not copied.
        var methodsAt = [[MethodPosition]](repeating: [], count: paths.count)
        for (resourceIndex, resource) in plan.resources.enumerated() {
            for (methodIndex, method) in resource.methods.enumerated() {
                let path = method.source?.path ?? Self.documentPath(resource.path)
                let position: Int
                if let known = pathPositions[path] {
                    position = known
                } else {
                    position = paths.count
                    paths.append(key: .string(path), value: .mapping(Mapping()))
                    methodsAt.append([])
                    pathPositions[path] = position
                }
                methodsAt[position].append(MethodPosition(resource: resourceIndex, method: methodIndex))
                needsAPIKeyScheme = needsAPIKeyScheme || method.apiKeyRequired
                needsIAMScheme = needsIAMScheme || method.authorization.type == "AWS_IAM"
            }
        }

        for authorizer in plan.authorizers {
            var scheme = schemes[authorizer.name]?.mapping ?? Mapping()
            if scheme["type"] == nil {
                scheme["type"] = "apiKey"
                scheme["name"] = .string(headerName(of: authorizer.identitySource) ?? "Authorization")
                scheme["in"] = "header"
            }
            // A label of a REST API's authorizer; an HTTP API reads the authorizer's `type`.
            if plan.kind == .rest {
                scheme["x-amazon-apigateway-authtype"] = .string(authorizer.type == "COGNITO_USER_POOLS" ? "cognito_user_pools" : "custom")
            }
            scheme["x-amazon-apigateway-authorizer"] = self.authorizer(authorizer)
            schemes[authorizer.name] = .mapping(scheme)
        }
        if needsAPIKeyScheme, schemes[apiKeyScheme] == nil {
            schemes[apiKeyScheme] = ["type": "apiKey", "name": "x-api-key", "in": "header"]
        }
        if needsIAMScheme, schemes[iamSchemeName] == nil {
            schemes[iamSchemeName] = [
                "type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4",
            ]
        }
        if !schemes.isEmpty {
            var components = root["components"]?.mapping ?? Mapping()
            components["securitySchemes"] = .mapping(schemes)
            root["components"] = .mapping(components)
        }

        let writesValidators: Bool
        switch plan.kind {
        case .rest: writesValidators = addRESTExtensions(to: &root, of: plan)
        case .http:
            addHTTPExtensions(to: &root, of: plan)
            writesValidators = false
        }
        let referenced = Self.referencedParameters(in: root)
        let items = paths
        let methods = methodsAt
        let resources = plan.resources
        var configured = self
        configured.writesValidators = writesValidators
        configured.kind = plan.kind
        let renderer = configured
        let sharedResponses = root["components"]?["responses"]?.mapping ?? Mapping()
        let sharedBodies = root["components"]?["requestBodies"]?.mapping ?? Mapping()
        return SplicedDocument(
            root: .mapping(root), splicePath: ["paths"], entryCount: items.count,
            makeEntries: { range in
                var entries = Mapping()
                var integrations = IntegrationNodes()
                for position in range {
                    let (key, item) = items[position: position]
                    let value =
                        methods[position].isEmpty
                        ? item
                        : renderer.pathItem(
                            item, methods: methods[position], of: resources, apiKeyScheme: apiKeyScheme,
                            sharedResponses: sharedResponses, sharedBodies: sharedBodies, referenced: referenced,
                            integrations: &integrations)
                    entries.append(key: key, value: value)
                }
                return (entries, [])
            },
            // Each path item's digest is taken once it is written, while its nodes are still
            // in the cache: taken before, it read them from memory a first time.
            noteOfEntry: digests ? Self.digest(key:value:) : nil)
    }

    /// The root extensions only a REST API has: gateway responses, binary media types, the
    /// API key source, compression, the resource policy, VPC endpoints, request validators and
    /// the models they validate against. Returns whether operations name their validator.
    private func addRESTExtensions(to root: inout Mapping, of plan: GatewayPlan) -> Bool {
        if !plan.gatewayResponses.isEmpty {
            var responses = root["x-amazon-apigateway-gateway-responses"]?.mapping ?? Mapping()
            for response in plan.gatewayResponses {
                responses[response.type] = gatewayResponse(response)
            }
            root["x-amazon-apigateway-gateway-responses"] = .mapping(responses)
        }
        if !plan.api.binaryMediaTypes.isEmpty {
            root["x-amazon-apigateway-binary-media-types"] = .sequence(plan.api.binaryMediaTypes.map { .string($0) })
        }
        if let source = plan.api.apiKeySource { root["x-amazon-apigateway-api-key-source"] = .string(source) }
        if let size = plan.api.minimumCompressionSize {
            root["x-amazon-apigateway-minimum-compression-size"] = .int(size)
        }
        // With its placeholders made parameters, or filled for the import.
        if let policy = plan.api.policy { root["x-amazon-apigateway-policy"] = policy }
        if !plan.api.vpcEndpointIds.isEmpty {
            var configuration = root["x-amazon-apigateway-endpoint-configuration"]?.mapping ?? Mapping()
            configuration["vpcEndpointIds"] = .sequence(plan.api.vpcEndpointIds.map { .string($0) })
            root["x-amazon-apigateway-endpoint-configuration"] = .mapping(configuration)
        }
        // The validators the plan has, and each operation's named on it: a root default
        // would also reach the preflights the plan adds, which must not be validated.
        let writesValidators = !plan.requestValidators.isEmpty || root["x-amazon-apigateway-request-validators"] != nil
            || root["x-amazon-apigateway-request-validator"] != nil
        if writesValidators {
            root["x-amazon-apigateway-request-validator"] = nil
            var validators = Mapping()
            for validator in plan.requestValidators {
                validators.append(
                    key: .string(validator.name),
                    value: [
                        "validateRequestBody": .bool(validator.validatesBody),
                        "validateRequestParameters": .bool(validator.validatesParameters),
                    ])
            }
            root["x-amazon-apigateway-request-validators"] = validators.isEmpty ? nil : .mapping(validators)
        }
        // Each model in components.schemas, in OpenAPI 3.0's form, for the import to make it
        // again; a request body that is validated refers to its model there.
        if !plan.models.isEmpty {
            var components = root["components"]?.mapping ?? Mapping()
            var schemas = components["schemas"]?.mapping ?? Mapping()
            for model in plan.models { schemas[model.name] = GatewayModel.documentSchema(model.schema) }
            components["schemas"] = .mapping(schemas)
            root["components"] = .mapping(components)
        }
        return writesValidators
    }

    /// The digest of a path item as made: `StableHash` of its key and value.
    @Sendable static func digest(key: Node, value: Node) -> UInt64 {
        var hash = StableHash()
        hash.combine(key)
        hash.combine(value)
        return hash.value
    }

    /// A path item with its methods' integrations, security, parameters and responses, and
    /// the preflight the plan adds.
    private func pathItem(
        _ item: Node, methods: [MethodPosition], of resources: [PlanResource], apiKeyScheme: String,
        sharedResponses: Mapping, sharedBodies: Mapping, referenced: [String: ParameterKey], integrations: inout IntegrationNodes
    ) -> Node {
        var pathItem = item.mapping ?? Mapping()
        for position in methods {
            let resource = resources[position.resource]
            let method = resource.methods[position.method]
            let source = method.source ?? OperationSource(path: Self.documentPath(resource.path), method: method.httpMethod.lowercased())
            let key = source.method == "any" ? "x-amazon-apigateway-any-method" : source.method
            var operation = pathItem[key]?.mapping ?? Mapping()
            // Out of the path item while it is edited, so the edits do not copy it.
            if operation.count > 0 { pathItem[key] = .null() }
            if method.role == .preflight {
                // A preflight replaces whatever OPTIONS the spec had: its responses would
                // otherwise become method responses the preflight never sends.
                operation["responses"] = nil
                if operation["summary"] == nil { operation["summary"] = "CORS preflight" }
            }
            operation["security"] = security(for: method, apiKeyScheme: apiKeyScheme)
            // OpenAPI wants every template variable declared for every operation of the path.
            let variables = Self.templateVariables(source.path).filter { name in
                !method.requestParameters.contains { $0.location == "path" && $0.name == name }
            }
            let parameters = method.requestParameters + variables.map { RequestParameter(location: "path", name: $0, isRequired: true) }
            declare(parameters, in: &operation, pathItem: pathItem, referenced: referenced)
            declare(method.methodResponses, in: &operation, sharedResponses: sharedResponses)
            if operation["responses"]?.mapping?.isEmpty ?? true {
                // OpenAPI requires at least one response (SAM's own specs write `responses: {}`);
                // `default` declares no API Gateway method response.
                operation["responses"] = Self.defaultResponse
            }
            operation["x-amazon-apigateway-integration"] = integrations.node(for: method.integration, made: integration)
            if writesValidators { operation["x-amazon-apigateway-request-validator"] = method.requestValidator.map { .string($0) } }
            // An HTTP API validates nothing: a validator the spec named goes.
            if kind == .http { operation["x-amazon-apigateway-request-validator"] = nil }
            if !method.requestModels.isEmpty { Self.refer(&operation, to: method.requestModels, sharedBodies: sharedBodies) }
            pathItem[key] = .mapping(operation)
        }
        return .mapping(pathItem)
    }

    /// The operation's request body with each modelled content type's schema a reference to
    /// its model; a body written as a `$ref` to `components.requestBodies` is copied in first.
    static func refer(_ operation: inout Mapping, to models: [Mapped], sharedBodies: Mapping) {
        var body = operation["requestBody"]?.mapping ?? Mapping()
        if let reference = body["$ref"]?.string, reference.hasPrefix("#/components/requestBodies/"),
            let shared = sharedBodies[String(reference.dropFirst("#/components/requestBodies/".count))]?.mapping
        {
            body = shared
        }
        var content = body["content"]?.mapping ?? Mapping()
        for model in models {
            var media = content[model.name]?.mapping ?? Mapping()
            media["schema"] = ["$ref": .string(GatewayModel.reference(to: model.value))]
            content[model.name] = .mapping(media)
        }
        body["content"] = .mapping(content)
        operation["requestBody"] = .mapping(body)
    }

    /// The integrations made last, with their nodes: most methods of a large spec share a
    /// few integrations (every mock with the same CORS headers, every Lambda proxy), and an
    /// integration compares with another much faster than its node is made.
    struct IntegrationNodes {
        private var made: [(integration: Integration, node: Node)] = []
        private static let kept = 8

        mutating func node(for integration: Integration, made make: (Integration) -> Node) -> Node {
            if let index = made.firstIndex(where: { Self.isSame($0.integration, integration) }) { return made[index].node }
            let node = make(integration)
            if made.count == Self.kept { made.removeFirst() }
            made.append((integration, node))
            return node
        }

        /// Whether two integrations make the same node: equal, and their nodes written
        /// alike and at the same place (`==` on a node compares meaning only, and a mark is
        /// where a diagnostic about the node points).
        private static func isSame(_ a: Integration, _ b: Integration) -> Bool {
            func same(_ x: Node?, _ y: Node?) -> Bool {
                switch (x, y) {
                case (nil, nil): true
                case (let x?, let y?): x.isIdentical(to: y)
                default: false
                }
            }
            // The URI first: it tells most integrations apart, and `==` compares every field.
            return same(a.uri, b.uri) && a == b && same(a.credentials, b.credentials) && same(a.connectionID, b.connectionID)
        }
    }

    /// Where a method is in the plan: `plan.resources[resource].methods[method]`.
    private struct MethodPosition: Sendable {
        var resource: Int
        var method: Int
    }

    // MARK: - Operations

    /// The operation's `security`, written out even when empty: `[]` keeps a root
    /// `security` from reading as if it applied (API Gateway ignores root security, tools
    /// reading the document do not).
    private func security(for method: PlanMethod, apiKeyScheme: String) -> Node {
        var requirement = Mapping()
        switch method.authorization.type {
        case "CUSTOM", "COGNITO_USER_POOLS", "JWT":
            if let name = method.authorization.authorizerName {
                requirement[name] = .sequence(method.authorization.scopes.map { .string($0) })
            }
        case "AWS_IAM":
            requirement[iamSchemeName] = []
        default:
            break
        }
        if method.apiKeyRequired { requirement[apiKeyScheme] = [] }
        return requirement.isEmpty ? [] : [.mapping(requirement)]
    }

    /// A parameter by what identifies it in OpenAPI: its name and where it is sent.
    struct ParameterKey: Hashable, Sendable {
        var name: String
        var location: String
    }

    /// Each `components.parameters` entry by the `$ref` that names it, so a referenced
    /// parameter counts as declared: the bundled document's references are all local.
    static func referencedParameters(in root: Mapping) -> [String: ParameterKey] {
        guard let parameters = root["components"]?["parameters"]?.mapping else { return [:] }
        var keys: [String: ParameterKey] = [:]
        for (key, value) in parameters.entries {
            guard let component = key.text, let name = value["name"]?.text, let location = value["in"]?.text else { continue }
            let escaped = component.replacing("~", with: "~0").replacing("/", with: "~1")
            keys["#/components/parameters/" + escaped] = ParameterKey(name: name, location: location)
        }
        return keys
    }

    /// Adds each request parameter API Gateway must know of that the operation and its
    /// path item do not declare yet.
    ///
    /// A `$ref`'d parameter counts as the one it leads to; one that leads elsewhere than
    /// `components.parameters` may be any, so nothing of its kind is added beside it (two
    /// declarations of one parameter are invalid), except path parameters, which every
    /// operation must declare.
    private func declare(
        _ parameters: [RequestParameter], in operation: inout Mapping, pathItem: Mapping, referenced: [String: ParameterKey]
    ) {
        guard !parameters.isEmpty else { return }
        var list = operation["parameters"]?.sequence ?? []
        // An operation has a handful of parameters: a list searched in place costs less than
        // a set hashing each one, and this runs for every method.
        var known: [ParameterKey] = []
        var hasUnknownReferences = false
        for declared in [pathItem["parameters"]?.sequence ?? [], list] {
            for item in declared {
                if let reference = item["$ref"]?.text {
                    if let key = referenced[reference] { known.append(key) } else { hasUnknownReferences = true }
                } else if let name = item["name"]?.text, let location = item["in"]?.text {
                    known.append(ParameterKey(name: name, location: location))
                }
            }
        }
        var added = false
        for parameter in parameters {
            let location =
                switch parameter.location {
                case "querystring": "query"
                default: parameter.location
                }
            let key = ParameterKey(name: parameter.name, location: location)
            if known.contains(key) || (hasUnknownReferences && location != "path") { continue }
            known.append(key)
            list.append([
                "name": .string(parameter.name), "in": .string(location), "required": .bool(parameter.isRequired),
                "schema": Self.stringType,
            ])
            added = true
        }
        if added { operation["parameters"] = .sequence(list) }
    }

    /// Makes sure every method response exists with every header it declares, since the
    /// import rejects a mapped header or an integration status code without one.
    ///
    /// A response written as a `$ref` to `components/responses` is copied in place before
    /// anything is added to it: OpenAPI ignores whatever stands beside a `$ref`, so headers
    /// added there would be mapped by the integration but declared nowhere the import looks.
    private func declare(_ responses: [MethodResponse], in operation: inout Mapping, sharedResponses: Mapping) {
        guard !responses.isEmpty else { return }
        var all = operation["responses"]?.mapping ?? Mapping()
        if all.count > 0 { operation["responses"] = .null() }
        for response in responses {
            // Each level is taken out of its parent while it is edited, so no edit copies it.
            let index = all.index(of: response.statusCode)
            var entry = index.flatMap { all[valueAt: $0].mapping } ?? Mapping()
            if let index { all[valueAt: index] = .null() }
            if entry["$ref"] != nil {
                guard needsEdit(entry, for: response, sharedResponses: sharedResponses) else {
                    all[response.statusCode] = .mapping(entry)
                    continue
                }
                entry = Self.resolvedResponse(entry, in: sharedResponses) ?? entry
                // A reference that leads nowhere in this document stays as it is: adding
                // beside it would not declare anything either.
                if entry["$ref"] != nil {
                    all[response.statusCode] = .mapping(entry)
                    continue
                }
            }
            if entry["description"] == nil { entry["description"] = .string(Self.description(of: response.statusCode)) }
            if !response.headers.isEmpty {
                let headersIndex = entry.index(of: "headers")
                var headers = headersIndex.flatMap { entry[valueAt: $0].mapping } ?? Mapping()
                if let headersIndex { entry[valueAt: headersIndex] = .null() }
                for name in response.headers where headers.index(of: name) == nil {
                    headers.append(key: .string(name), value: Self.stringSchema)
                }
                entry["headers"] = .mapping(headers)
            }
            all[response.statusCode] = .mapping(entry)
        }
        operation["responses"] = .mapping(all)
    }

    /// Whether a response written as `$ref` lacks something the method response declares,
    /// so that it has to be copied in place to be completed.
    private func needsEdit(_ entry: Mapping, for response: MethodResponse, sharedResponses: Mapping) -> Bool {
        guard !response.headers.isEmpty else { return false }
        guard let target = Self.resolvedResponse(entry, in: sharedResponses) else { return true }
        let headers = target["headers"]?.mapping
        return response.headers.contains { headers?.index(of: $0) == nil }
    }

    /// The response a `#/components/responses/NAME` reference leads to, following a chain
    /// of such references (at most eight); `nil` when one of them leads elsewhere.
    static func resolvedResponse(_ entry: Mapping, in sharedResponses: Mapping) -> Mapping? {
        var current = entry
        var hops = 0
        while let reference = current["$ref"]?.text {
            let prefix = "#/components/responses/"
            guard hops < 8, reference.hasPrefix(prefix) else { return nil }
            let name = String(reference.dropFirst(prefix.count)).replacing("~1", with: "/").replacing("~0", with: "~")
            guard let target = sharedResponses[name]?.mapping else { return nil }
            current = target
            hops += 1
        }
        return current
    }

    // Subtrees every operation gets the same: one shared copy each, not one per operation.
    private static let stringType: Node = ["type": "string"]
    private static let stringSchema: Node = ["schema": stringType]
    private static let defaultResponse: Node = ["default": ["description": "The backend's response"]]

    /// `["id", "proxy"]` for `/a/{id}/b/{proxy+}`.
    ///
    /// Read as bytes when the path is ASCII (every path a spec may use is): this runs for
    /// every method, and splitting into `Character`s cost more than the rest of its path
    /// item's rendering.
    static func templateVariables(_ path: String) -> [String] {
        var text = path
        if let names = text.withUTF8({ asciiTemplateVariables($0) }) { return names }
        return path.split(separator: "/").compactMap { segment in
            guard segment.hasPrefix("{"), segment.hasSuffix("}") else { return nil }
            var name = segment.dropFirst().dropLast()
            if name.hasSuffix("+") { name = name.dropLast() }
            return String(name)
        }
    }

    /// `templateVariables` of an ASCII path; `nil` for any other.
    private static func asciiTemplateVariables(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var names: [String] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "/") {
                if bytes[end] >= 0x80 { return nil }
                end += 1
            }
            if end - start >= 2, bytes[start] == UInt8(ascii: "{"), bytes[end - 1] == UInt8(ascii: "}") {
                var nameEnd = end - 1
                if nameEnd > start + 1, bytes[nameEnd - 1] == UInt8(ascii: "+") { nameEnd -= 1 }
                names.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<nameEnd]), as: UTF8.self))
            }
            start = end + 1
        }
        return names
    }

    private static func description(of status: String) -> String {
        switch status {
        case "200": "OK"
        case "204": "No Content"
        default: "Response \(status)"
        }
    }

    // MARK: - Extensions

    private func integration(_ integration: Integration) -> Node {
        var entries = Mapping()
        // Every key once, in a fixed order: appended, not looked up.
        entries.append(key: "type", value: .string(integration.kind.rawValue.lowercased()))
        if let method = integration.httpMethod { entries.append(key: "httpMethod", value: .string(method)) }
        if let uri = integration.uri { entries.append(key: "uri", value: uri) }
        if let version = integration.payloadFormatVersion { entries.append(key: "payloadFormatVersion", value: .string(version)) }
        if let credentials = integration.credentials { entries.append(key: "credentials", value: credentials) }
        if let behavior = integration.passthroughBehavior { entries.append(key: "passthroughBehavior", value: .string(behavior.lowercased())) }
        if let handling = integration.contentHandling { entries.append(key: "contentHandling", value: .string(handling)) }
        if let type = integration.connectionType { entries.append(key: "connectionType", value: .string(type)) }
        if let id = integration.connectionID { entries.append(key: "connectionId", value: id) }
        if let timeout = integration.timeoutInMillis { entries.append(key: "timeoutInMillis", value: .int(timeout)) }
        if !integration.cacheKeyParameters.isEmpty {
            entries.append(key: "cacheKeyParameters", value: .sequence(integration.cacheKeyParameters.map { .string($0) }))
        }
        if let namespace = integration.cacheNamespace { entries.append(key: "cacheNamespace", value: .string(namespace)) }
        if !integration.requestParameters.isEmpty { entries.append(key: "requestParameters", value: mapping(integration.requestParameters)) }
        if !integration.requestTemplates.isEmpty { entries.append(key: "requestTemplates", value: mapping(integration.requestTemplates)) }
        if !integration.responses.isEmpty {
            var responses = Mapping()
            for response in integration.responses {
                var entry = Mapping()
                entry.append(key: "statusCode", value: .string(response.statusCode))
                if !response.responseParameters.isEmpty { entry.append(key: "responseParameters", value: mapping(response.responseParameters)) }
                if !response.responseTemplates.isEmpty { entry.append(key: "responseTemplates", value: mapping(response.responseTemplates)) }
                if let handling = response.contentHandling { entry.append(key: "contentHandling", value: .string(handling)) }
                responses[response.selectionPattern ?? "default"] = .mapping(entry)
            }
            entries.append(key: "responses", value: .mapping(responses))
        }
        return .mapping(entries)
    }

    private func gatewayResponse(_ response: GatewayResponse) -> Node {
        var entries = Mapping()
        if let status = response.statusCode, let code = Int(status) { entries["statusCode"] = .int(code) }
        if !response.responseParameters.isEmpty { entries["responseParameters"] = mapping(response.responseParameters) }
        if !response.responseTemplates.isEmpty { entries["responseTemplates"] = mapping(response.responseTemplates) }
        return .mapping(entries)
    }

    private func authorizer(_ authorizer: Authorizer) -> Node {
        var entries = Mapping()
        entries["type"] = .string(authorizer.type.lowercased())
        if let uri = authorizer.authorizerURI { entries["authorizerUri"] = uri }
        if let credentials = authorizer.credentials { entries["authorizerCredentials"] = credentials }
        if let source = authorizer.identitySource { entries["identitySource"] = .string(source) }
        if let jwt = authorizer.jwtConfiguration {
            var configuration = Mapping()
            if let issuer = jwt.issuer { configuration["issuer"] = issuer }
            if !jwt.audience.isEmpty { configuration["audience"] = .sequence(jwt.audience) }
            entries["jwtConfiguration"] = .mapping(configuration)
        }
        if let version = authorizer.payloadFormatVersion { entries["authorizerPayloadFormatVersion"] = .string(version) }
        if let simple = authorizer.enableSimpleResponses { entries["enableSimpleResponses"] = .bool(simple) }
        if let expression = authorizer.identityValidationExpression {
            entries["identityValidationExpression"] = .string(expression)
        }
        if let ttl = authorizer.resultTTLInSeconds { entries["authorizerResultTtlInSeconds"] = .int(ttl) }
        if !authorizer.providerARNs.isEmpty { entries["providerARNs"] = .sequence(authorizer.providerARNs) }
        return .mapping(entries)
    }

    private func existingAPIKeyScheme(in schemes: Mapping) -> String? {
        schemes.entries.first { entry in
            entry.value["type"]?.string == "apiKey" && entry.value["in"]?.string == "header"
                && entry.value["name"]?.string?.lowercased() == "x-api-key"
        }?.key.text
    }

    /// The header an identity source reads: `method.request.header.NAME` (REST) or
    /// `$request.header.NAME` (HTTP), the first of several.
    private func headerName(of identitySource: String?) -> String? {
        guard let first = identitySource?.split(separator: ",").first?.filter({ !$0.isWhitespace }) else { return nil }
        for prefix in ["method.request.header.", "$request.header."] where first.hasPrefix(prefix) {
            return String(first.dropFirst(prefix.count))
        }
        return nil
    }

    private func mapping(_ pairs: [Mapped]) -> Node {
        var entries = Mapping()
        for pair in pairs { entries[pair.name] = pair.function ?? .string(pair.value) }
        return .mapping(entries)
    }
}
