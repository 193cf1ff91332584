import Diagnostics
import YAML
import Support

/// The REST parts of SAM's transform (`AWS::Serverless-2016-10-31`), applied to a template
/// before it is read, so that the plan is the API the transform deploys.
///
/// Each `AWS::Serverless::Api`, and the implicit `ServerlessRestApi` that functions' `Api`
/// events make, becomes the `RestApi` (with the definition SAM edits: the events' paths and
/// Lambda proxy integrations, the OPTIONS methods of `Cors`, the security of `Auth`, the
/// gateway responses, the binary media types), its `Deployment` and `Stage`, and each event
/// a `Lambda::Permission`, as `aws-sam-translator` writes them. `Globals: Api:` is merged
/// into each API first, the way SAM merges: mappings key by key, lists concatenated, any
/// other value replaced.
///
/// Every node the expansion writes carries the place of the SAM property it comes from (an
/// OPTIONS method the `Cors` property, its origin the `AllowOrigin` value, a method's
/// security the `DefaultAuthorizer`), so what the checks find is placed at the SAM
/// template's own lines. What SAM itself refuses is reported at the place too (READ027),
/// and the few properties this reader does not model are named (READ028). The HTTP APIs of
/// a template (`AWS::Serverless::HttpApi`, `HttpApi` events) are expanded beside these by
/// `SAMHTTPExpansion`.
struct SAMExpansion {
    let context: ReadContext
    /// Reads a definition `AWS::Include` names, relative to the template's folder; `nil` when
    /// the caller gives no files to read.
    let include: ((String) -> Node?)?

    static let transformName = "AWS::Serverless-2016-10-31"
    static let implicitAPI = "ServerlessRestApi"

    /// Whether `template` declares SAM's transform (or uses its resource types anyway).
    static func applies(to template: Node) -> Bool {
        let transform = template["Transform"]
        if transform?.text == transformName { return true }
        if transform?.sequence?.contains(where: { $0.text == transformName }) == true { return true }
        return template["Resources"]?.mapping?.values.contains { $0["Type"]?.text?.hasPrefix("AWS::Serverless::") == true } ?? false
    }


    /// `template` (long forms already collapsed) with its SAM APIs, functions' API events and
    /// `Globals` written as the CloudFormation the transform makes, and where SAM decides
    /// the first API's CORS (the first REST API's, else the first HTTP API's); `nil` for the
    /// source when the template has no SAM API.
    func expand(_ template: Node) -> (template: Node, source: SAMSource?) {
        guard let resources = template["Resources"]?.mapping else { return (template, nil) }
        let globals = template["Globals"]?["Api"]
        var apis: [SAMAPI] = []
        var output: [(key: Node, value: Node)] = []
        for (position, entry) in resources.entries.enumerated() {
            guard entry.value["Type"]?.text == "AWS::Serverless::Api", let id = entry.key.text else { continue }
            var properties = entry.value["Properties"]?.mapping ?? Mapping()
            if let globals { properties = Self.merged(globals, .mapping(properties)).mapping ?? properties }
            apis.append(api(id: id, key: entry.key, condition: entry.value["Condition"], properties: properties, position: position))
        }
        var permissions: [(position: Int, key: Node, value: Node)] = []
        for (position, entry) in resources.entries.enumerated() {
            guard entry.value["Type"]?.text == "AWS::Serverless::Function", let function = entry.key.text else { continue }
            for (eventKey, event) in entry.value["Properties"]?["Events"]?.mapping?.entries ?? Mapping().entries {
                guard event["Type"]?.text == "Api", let eventID = eventKey.text, let properties = event["Properties"]?.mapping else {
                    continue
                }
                let target: String
                if let reference = properties["RestApiId"] {
                    guard let name = reference.text else {
                        refuse("the RestApiId of event \(eventID) must name an AWS::Serverless::Api of this template with !Ref", at: reference)
                        continue
                    }
                    target = name
                } else {
                    target = Self.implicitAPI
                    if !apis.contains(where: { $0.isImplicit }) {
                        var properties = Mapping()
                        properties["StageName"] = .string("Prod", mark: eventKey.mark)
                        if let globals { properties = Self.merged(globals, .mapping(properties)).mapping ?? properties }
                        var implicit = api(
                            id: Self.implicitAPI, key: .string(Self.implicitAPI, mark: eventKey.mark), condition: nil,
                            properties: properties, position: resources.count)
                        implicit.isImplicit = true
                        apis.append(implicit)
                    }
                }
                guard let index = apis.firstIndex(where: { $0.id == target }) else {
                    refuse(
                        "the RestApiId of event \(eventID) names \(target), which is not an AWS::Serverless::Api of this template; "
                            + "SAM's transform stops here", at: properties["RestApiId"])
                    continue
                }
                guard let path = properties["Path"]?.text, let verb = properties["Method"]?.text?.lowercased() else {
                    refuse("event \(eventID) of \(function) needs a Path and a Method", at: eventKey)
                    continue
                }
                if apis[index].isManaged {
                    addEvent(
                        eventID, function: function, key: eventKey, event: event, path: path, verb: verb, properties: properties,
                        to: &apis[index])
                }
                permissions.append(
                    (position, .string("\(function)\(eventID)Permission", mark: eventKey.mark),
                     permission(function: function, api: target, path: path, verb: verb, mark: eventKey.mark, condition: entry.value["Condition"])))
            }
        }
        var source: SAMSource?
        var generated: [Int: [(key: Node, value: Node)]] = [:]
        for index in apis.indices {
            finish(&apis[index])
            let written = resourcesOf(apis[index])
            generated[apis[index].position, default: []] += written
            if source == nil { source = sourceOf(apis[index], globals: globals) }
        }
        // The HTTP APIs (`AWS::Serverless::HttpApi`, `HttpApi` events) after the REST ones, so a
        // template with both reads its REST API, as the reader chooses.
        let http = SAMHTTPExpansion(context: context, include: include).expand(resources, globals: template["Globals"]?["HttpApi"])
        for (position, written) in http.generated { generated[position, default: []] += written }
        permissions += http.permissions
        source = source ?? http.source
        for (position, entry) in resources.entries.enumerated() {
            if let made = generated[position] {
                output += made
                continue
            }
            output.append(entry)
            output += permissions.filter { $0.position == position }.map { ($0.key, $0.value) }
        }
        output += generated[resources.count] ?? []
        var expanded = template.mapping ?? Mapping()
        expanded["Resources"] = Node(.mapping(Mapping(output.map { ($0.key, $0.value) })), mark: template["Resources"]?.mark ?? .synthetic)
        expanded["Globals"] = nil
        return (Node(.mapping(expanded), tag: template.tag, mark: template.mark), source)
    }

    // MARK: - The API and its definition

    private func api(id: String, key: Node, condition: Node?, properties: Mapping, position: Int) -> SAMAPI {
        var api = SAMAPI(
            id: id, key: key, condition: condition, properties: properties, isImplicit: false, isManaged: false, body: nil,
            bodyMark: key.mark, position: position)
        if let body = properties["DefinitionBody"] {
            api.body = Self.writtenDefinition(body, of: id, context: context, include: include)?.mapping
            if body.tag == nil { api.bodyMark = body.mark }
        } else if properties["DefinitionUri"] == nil {
            api.isManaged = true
            var skeleton = Mapping()
            if let version = properties["OpenApiVersion"]?.text, version.hasPrefix("3.") {
                skeleton["openapi"] = .string(version, mark: key.mark)
            } else {
                skeleton["swagger"] = .string("2.0", mark: key.mark)
            }
            skeleton["info"] = Self.map([("version", .string("1.0", mark: key.mark)), ("title", Node(.scalar(Scalar(text: "AWS::StackName", kind: .string)), tag: "!Ref", mark: key.mark))], key.mark)
            skeleton["paths"] = Node(.mapping(Mapping()), mark: key.mark)
            api.body = skeleton
        }
        return api
    }

    /// The path and Lambda proxy integration of one `Api` event, with the event's `Auth` and
    /// `RequestParameters`, added to a definition SAM writes.
    private func addEvent(
        _ eventID: String, function: String, key: Node, event: Node, path: String, verb: String, properties: Mapping, to api: inout SAMAPI
    ) {
        let mark = key.mark
        let methodKey = verb == "any" ? "x-amazon-apigateway-any-method" : verb
        var paths = api.body?["paths"]?.mapping ?? Mapping()
        var item = paths[path]?.mapping ?? Mapping()
        if item[methodKey]?["x-amazon-apigateway-integration"] != nil {
            refuse("API method \"\(verb)\" is defined several times for path \"\(path)\" (event \(eventID)); SAM's transform stops here", at: key)
            return
        }
        var operation = item[methodKey]?.mapping ?? Mapping()
        let uri = Node(
            .scalar(Scalar(text: "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${\(function).Arn}/invocations", kind: .string)),
            tag: "!Sub", mark: mark)
        operation["x-amazon-apigateway-integration"] = Self.map(
            [("type", .string("aws_proxy", mark: mark)), ("httpMethod", .string("POST", mark: mark)), ("uri", uri)], mark)
        if operation["responses"] == nil { operation["responses"] = Node(.mapping(Mapping()), mark: mark) }
        if let auth = properties["Auth"]?.mapping {
            var security = operation["security"]?.sequence ?? []
            let authMark = properties["Auth"]?.mark ?? mark
            if let authorizer = auth["Authorizer"]?.text {
                let apiAuth = api.properties["Auth"]
                if authorizer == "NONE", apiAuth?["DefaultAuthorizer"] == nil {
                    refuse(
                        "Authorizer NONE on event \(eventID) is only valid when the API has a DefaultAuthorizer; remove it",
                        at: auth["Authorizer"])
                } else if authorizer != "NONE", authorizer != "AWS_IAM", apiAuth?["Authorizers"]?[authorizer] == nil {
                    refuse(
                        "event \(eventID) names authorizer \(authorizer), which the Auth of \(api.id) does not define; add it to Authorizers",
                        at: auth["Authorizer"])
                }
                let scopes = auth["AuthorizationScopes"] ?? apiAuth?["Authorizers"]?[authorizer]?["AuthorizationScopes"]
                security.append(Self.map([(authorizer, scopes ?? Node(.sequence([]), mark: authMark))], auth["Authorizer"]?.mark ?? authMark))
                if authorizer == "AWS_IAM" { addIAMDefinition(to: &api, mark: authMark) }
            }
            if let required = auth["ApiKeyRequired"]?.boolValue {
                if required {
                    security.append(Self.map([("api_key", Node(.sequence([]), mark: authMark))], auth["ApiKeyRequired"]?.mark ?? authMark))
                    addAPIKeyDefinition(to: &api, mark: authMark)
                } else if api.properties["Auth"]?["ApiKeyRequired"]?.boolValue != true {
                    refuse(
                        "ApiKeyRequired false on event \(eventID) is only valid when the API's Auth requires API keys; remove it",
                        at: auth["ApiKeyRequired"])
                } else {
                    security.append(Self.map([("api_key_false", Node(.sequence([]), mark: authMark))], auth["ApiKeyRequired"]?.mark ?? authMark))
                }
            }
            if !security.isEmpty { operation["security"] = Node(.sequence(security), mark: authMark) }
        }
        if let parameters = properties["RequestParameters"]?.sequence {
            var written = operation["parameters"]?.sequence ?? []
            for parameter in parameters {
                let name = parameter.text ?? parameter.mapping?[position: 0].key.text
                guard let name, name.hasPrefix("method.request.") else {
                    refuse("a RequestParameters item of event \(eventID) must be method.request.(querystring|path|header).NAME", at: parameter)
                    continue
                }
                let rest = name.dropFirst("method.request.".count)
                guard let dot = rest.firstIndex(of: ".") else { continue }
                var location = String(rest[..<dot])
                if location == "querystring" { location = "query" }
                let required = parameter.mapping?[position: 0].value["Required"]?.boolValue ?? false
                written.append(
                    Self.map(
                        [("in", .string(location, mark: parameter.mark)), ("name", .string(String(rest[rest.index(after: dot)...]), mark: parameter.mark)),
                         ("required", .bool(required, mark: parameter.mark)), ("type", .string("string", mark: parameter.mark))], parameter.mark))
            }
            operation["parameters"] = Node(.sequence(written), mark: properties["RequestParameters"]?.mark ?? mark)
        }
        if let model = properties["RequestModel"] {
            context.warning(
                ReadDiagnosticCode.samNotRead,
                "the RequestModel of event \(eventID) (SAM's request validation) is not read, so checks do not see its validator; "
                    + "findings about validation may be missing", at: model)
        }
        item[methodKey] = Node(.mapping(operation), mark: mark)
        // The method's key carries the event's place, as the method's location.
        if let index = item.index(of: methodKey) {
            var rebuilt = Mapping()
            for (position, entry) in item.entries.enumerated() {
                rebuilt.append(key: position == index ? .string(methodKey, mark: mark) : entry.key, value: entry.value)
            }
            item = rebuilt
        }
        if paths[path] == nil {
            paths.append(key: .string(path, mark: mark), value: Node(.mapping(item), mark: mark))
        } else {
            paths[path] = Node(.mapping(item), mark: paths[path]?.mark ?? mark)
        }
        let pathsMark = api.body?["paths"]?.mark ?? mark
        api.body?["paths"] = Node(.mapping(paths), mark: pathsMark)
    }

    /// CORS, auth, gateway responses and binary media types, in the order the transform
    /// applies them to a definition.
    private func finish(_ api: inout SAMAPI) {
        let p = api.properties
        if api.body == nil {
            for name in ["Cors", "Auth", "GatewayResponses"] where p[name] != nil {
                context.warning(
                    name == "Cors" ? ReadDiagnosticCode.samCORS : ReadDiagnosticCode.externalBody,
                    "SAM applies \(name) of \(api.id) to a definition that is not read here, so findings about "
                        + (name == "Cors" ? "preflights" : name == "Auth" ? "authorization" : "gateway responses")
                        + " may not apply; check the deployed API, or write the definition inline in DefinitionBody", at: p[name])
            }
            return
        }
        if let cors = p["Cors"] { addCORS(cors, to: &api) }
        if let auth = p["Auth"]?.mapping { addAuth(auth, node: p["Auth"]!, to: &api) }
        if let responses = p["GatewayResponses"]?.mapping { addGatewayResponses(responses, node: p["GatewayResponses"]!, to: &api) }
        if let types = p["BinaryMediaTypes"]?.sequence {
            api.body?["x-amazon-apigateway-binary-media-types"] = Node(
                .sequence(types.map { type in
                    guard let text = type.string else { return type }
                    return .string(text.replacing("~1", with: "/"), mark: type.mark)
                }), mark: p["BinaryMediaTypes"]!.mark)
        }
        if let version = api.body?["openapi"]?.text, version.hasPrefix("3."), let definitions = api.body?["securityDefinitions"] {
            var components = api.body?["components"]?.mapping ?? Mapping()
            components["securitySchemes"] = definitions
            api.body?["components"] = Node(.mapping(components), mark: definitions.mark)
            api.body?["securityDefinitions"] = nil
        }
    }

    // MARK: - Cors

    /// An OPTIONS MOCK on every path that has none, as SAM writes it: one static origin,
    /// Allow-Methods taken from every key of the path item unless `AllowMethods` is given.
    private func addCORS(_ cors: Node, to api: inout SAMAPI) {
        let origin: Node
        var headers: Node?
        var methods: Node?
        var maxAge: Node?
        var credentials = false
        if cors.isScalar || cors.tag != nil {
            origin = cors
        } else if let fields = cors.mapping {
            for key in fields.keys where !["AllowMethods", "AllowHeaders", "AllowOrigin", "MaxAge", "AllowCredentials"].contains(key.text ?? "") {
                refuse("Cors of \(api.id) has the key \(key.text ?? "?"), which SAM does not know; SAM's transform stops here", at: key)
            }
            origin = fields["AllowOrigin"] ?? .string("'*'", mark: cors.mark)
            headers = fields["AllowHeaders"]
            methods = fields["AllowMethods"]
            maxAge = fields["MaxAge"]
            credentials = fields["AllowCredentials"]?.boolValue == true
            if credentials, origin.text == "'*'" {
                refuse(
                    "SAM refuses AllowCredentials true with AllowOrigin '*' (or none), so the stack fails to deploy; name the origin "
                        + "in AllowOrigin, quoted: \"'https://app.example.com'\"", at: fields["AllowCredentials"])
            }
        } else {
            refuse("Cors of \(api.id) must be a string or a mapping", at: cors)
            return
        }
        let mark = cors.mark
        var paths = api.body?["paths"]?.mapping ?? Mapping()
        var seen: Set<String> = []
        var rebuilt = Mapping()
        for (key, value) in paths.entries {
            guard let path = key.text, var item = value.mapping, value.tag == nil else {
                rebuilt.append(key: key, value: value)
                continue
            }
            let normalized = path != "/" && path.hasSuffix("/") ? String(path.dropLast()) : path
            guard seen.insert(normalized).inserted, item["options"] == nil else {
                rebuilt.append(key: key, value: value)
                continue
            }
            let allowMethods = methods ?? .string("'\(Self.allowedMethods(item))'", mark: mark)
            var parameters: [(String, Node)] = [("method.response.header.Access-Control-Allow-Origin", origin)]
            var declared: [(String, Node)] = [("Access-Control-Allow-Origin", Self.map([("type", .string("string", mark: mark))], mark))]
            if let headers, !headers.isNull {
                parameters.append(("method.response.header.Access-Control-Allow-Headers", headers))
                declared.append(("Access-Control-Allow-Headers", Self.map([("type", .string("string", mark: mark))], mark)))
            }
            parameters.append(("method.response.header.Access-Control-Allow-Methods", allowMethods))
            declared.append(("Access-Control-Allow-Methods", Self.map([("type", .string("string", mark: mark))], mark)))
            if let maxAge, !maxAge.isNull {
                parameters.append(("method.response.header.Access-Control-Max-Age", maxAge))
                declared.append(("Access-Control-Max-Age", Self.map([("type", .string("integer", mark: mark))], mark)))
            }
            if credentials {
                let place = cors["AllowCredentials"]?.mark ?? mark
                parameters.append(("method.response.header.Access-Control-Allow-Credentials", .string("'true'", mark: place)))
                declared.append(("Access-Control-Allow-Credentials", Self.map([("type", .string("string", mark: mark))], mark)))
            }
            let integration = Self.map(
                [("type", .string("mock", mark: mark)),
                 ("requestTemplates", Self.map([("application/json", .string("{\n  \"statusCode\" : 200\n}\n", mark: mark))], mark)),
                 ("responses", Self.map(
                    [("default", Self.map(
                        [("statusCode", .string("200", mark: mark)), ("responseParameters", Self.map(parameters, mark)),
                         ("responseTemplates", Self.map([("application/json", .string("{}\n", mark: mark))], mark))], mark))], mark))],
                mark)
            item["options"] = nil
            item.append(
                key: .string("options", mark: mark),
                value: Self.map(
                    [("summary", .string("CORS support", mark: mark)),
                     ("consumes", Node(.sequence([.string("application/json", mark: mark)]), mark: mark)),
                     ("produces", Node(.sequence([.string("application/json", mark: mark)]), mark: mark)),
                     ("x-amazon-apigateway-integration", integration),
                     ("responses", Self.map(
                        [("200", Self.map(
                            [("description", .string("Default response for CORS method", mark: mark)), ("headers", Self.map(declared, mark))],
                            mark))], mark))], mark))
            rebuilt.append(key: key, value: Node(.mapping(item), mark: value.mark))
        }
        paths = rebuilt
        let pathsMark = api.body?["paths"]?.mark ?? mark
        api.body?["paths"] = Node(.mapping(paths), mark: pathsMark)
    }

    /// SAM's Allow-Methods for a path item: every key upper-cased (so `PARAMETERS` or
    /// `SUMMARY` when the item has them) plus OPTIONS, sorted; every method for ANY.
    static func allowedMethods(_ item: Mapping) -> String {
        let keys = item.keys.compactMap(\.text)
        let methods: [String]
        if keys.contains("x-amazon-apigateway-any-method") {
            methods = ["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"]
        } else {
            methods = keys + ["options"]
        }
        return Set(methods.map { $0.uppercased() }).sorted().joined(separator: ",")
    }

    // MARK: - Auth

    private func addAuth(_ auth: Mapping, node: Node, to api: inout SAMAPI) {
        let known = [
            "Authorizers", "DefaultAuthorizer", "InvokeRole", "AddDefaultAuthorizerToCorsPreflight", "AddApiKeyRequiredToCorsPreflight",
            "ApiKeyRequired", "ResourcePolicy", "UsagePlan",
        ]
        for key in auth.keys where !known.contains(key.text ?? "") {
            refuse("Auth of \(api.id) has the key \(key.text ?? "?"), which SAM does not know; SAM's transform stops here", at: key)
        }
        for name in ["ResourcePolicy", "UsagePlan"] where auth[name] != nil {
            context.warning(
                ReadDiagnosticCode.samNotRead,
                "Auth \(name) of \(api.id) is not read; checks do not see what it adds", at: auth[name])
        }
        let defaultAuthorizer = auth["DefaultAuthorizer"]
        var names: [String] = []
        if defaultAuthorizer?.text == "AWS_IAM" {
            names.append("AWS_IAM")
            addIAMDefinition(to: &api, mark: defaultAuthorizer!.mark)
        }
        for (key, value) in auth["Authorizers"]?.mapping?.entries ?? Mapping().entries {
            guard let name = key.text, let fields = value.mapping else { continue }
            names.append(name)
            var definitions = api.body?["securityDefinitions"]?.mapping ?? Mapping()
            definitions[name] = nil
            definitions.append(key: .string(name, mark: key.mark), value: authorizerDefinition(name, fields, mark: key.mark))
            api.body?["securityDefinitions"] = Node(.mapping(definitions), mark: node.mark)
        }
        if let defaultAuthorizer, let name = defaultAuthorizer.text {
            if names.isEmpty {
                // SAM's transform applies a default only from the authorizers it builds.
                context.warning(
                    ReadDiagnosticCode.samIgnored,
                    "DefaultAuthorizer \(name) of \(api.id) names no authorizer, and with no Authorizers SAM's transform drops it "
                        + "without a word, so every method is open; define \(name) under Authorizers", at: defaultAuthorizer)
            } else if !names.contains(name) {
                refuse(
                    "DefaultAuthorizer \(name) of \(api.id) is not among its Authorizers; SAM's transform stops here, so add it or "
                        + "correct the name", at: defaultAuthorizer)
            } else {
                let onPreflight = auth["AddDefaultAuthorizerToCorsPreflight"]?.boolValue ?? true
                let scopes = auth["Authorizers"]?[name]?["AuthorizationScopes"]
                editMethods(of: &api) { verb, operation in
                    if verb == "options", !onPreflight { return }
                    let all = operation["security"]?.sequence ?? []
                    let authorizerNames = Set(names + ["AWS_IAM"])
                    var others = all.filter { Set($0.mapping?.keys.compactMap(\.text) ?? []).isDisjoint(with: authorizerNames) }
                    let existing = all.filter { !Set($0.mapping?.keys.compactMap(\.text) ?? []).isDisjoint(with: authorizerNames) }
                    var chosen: [Node] = []
                    if let none = others.firstIndex(where: { $0.mapping?.keys.contains { $0.text == "NONE" } == true }) {
                        others.remove(at: none)
                    } else if !existing.isEmpty {
                        chosen = existing
                    } else {
                        chosen = [Self.map([(name, scopes ?? Node(.sequence([]), mark: defaultAuthorizer.mark))], defaultAuthorizer.mark)]
                    }
                    let security = others + chosen
                    if !security.isEmpty {
                        operation["security"] = Node(.sequence(security), mark: chosen.first?.mark ?? operation["security"]?.mark ?? defaultAuthorizer.mark)
                    }
                }
            }
        }
        if let required = auth["ApiKeyRequired"], required.boolValue == true {
            addAPIKeyDefinition(to: &api, mark: required.mark)
            let onPreflight = auth["AddApiKeyRequiredToCorsPreflight"]?.boolValue ?? true
            editMethods(of: &api) { verb, operation in
                let all = operation["security"]?.sequence ?? []
                let keyNames: Set<String> = ["api_key", "api_key_false"]
                let others = all.filter { Set($0.mapping?.keys.compactMap(\.text) ?? []).isDisjoint(with: keyNames) }
                var keys = all.filter { !Set($0.mapping?.keys.compactMap(\.text) ?? []).isDisjoint(with: keyNames) }
                var added: [Node] = []
                if let off = keys.firstIndex(where: { $0.mapping?.keys.contains { $0.text == "api_key_false" } == true }) {
                    keys.remove(at: off)
                } else {
                    added = [Self.map([("api_key", Node(.sequence([]), mark: required.mark))], required.mark)]
                }
                var security = others + added
                if verb == "options", !onPreflight { security = others }
                if security != all {
                    operation["security"] = Node(.sequence(security), mark: added.first?.mark ?? operation["security"]?.mark ?? required.mark)
                }
            }
        }
    }

    /// Applies `edit` to every operation of the definition that has an integration, as SAM's
    /// defaults do (`verb` is the path item's key).
    private func editMethods(of api: inout SAMAPI, _ edit: (String, inout Mapping) -> Void) {
        guard let paths = api.body?["paths"]?.mapping else { return }
        var rebuilt = Mapping()
        for (key, value) in paths.entries {
            guard var item = value.mapping, value.tag == nil else {
                rebuilt.append(key: key, value: value)
                continue
            }
            var edited = Mapping()
            for (verbKey, operationNode) in item.entries {
                guard let verb = verbKey.text, !["summary", "description", "parameters"].contains(verb),
                    var operation = operationNode.mapping, operation["x-amazon-apigateway-integration"] != nil
                else {
                    edited.append(key: verbKey, value: operationNode)
                    continue
                }
                edit(verb, &operation)
                edited.append(key: verbKey, value: Node(.mapping(operation), tag: operationNode.tag, mark: operationNode.mark))
            }
            item = edited
            rebuilt.append(key: key, value: Node(.mapping(item), mark: value.mark))
        }
        let pathsMark = api.body?["paths"]?.mark ?? api.bodyMark
        api.body?["paths"] = Node(.mapping(rebuilt), mark: pathsMark)
    }

    /// A security scheme as SAM writes one for an entry of `Auth: Authorizers:`.
    private func authorizerDefinition(_ name: String, _ fields: Mapping, mark: Mark) -> Node {
        let identity = fields["Identity"]?.mapping ?? Mapping()
        let isCognito = fields["UserPoolArn"] != nil
        let payload = fields["FunctionPayloadType"]?.text ?? "TOKEN"
        var entries: [(String, Node)] = [
            ("type", .string("apiKey", mark: mark)),
            ("name", .string(!isCognito && payload == "REQUEST" ? "Unused" : identity["Header"]?.text ?? "Authorization", mark: mark)),
            ("in", .string("header", mark: mark)),
            ("x-amazon-apigateway-authtype", .string(isCognito ? "cognito_user_pools" : "custom", mark: mark)),
        ]
        var authorizer: [(String, Node)] = []
        if isCognito {
            authorizer.append(("type", .string("cognito_user_pools", mark: mark)))
            let arns = fields["UserPoolArn"]!
            authorizer.append(("providerARNs", arns.sequence != nil && arns.tag == nil ? arns : Node(.sequence([arns]), mark: arns.mark)))
        } else {
            authorizer.append(("type", .string(payload.lowercased(), mark: mark)))
            let function = fields["FunctionArn"] ?? .null(mark: mark)
            authorizer.append(
                ("authorizerUri", Node(
                    .sequence([
                        .string("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations", mark: mark),
                        Self.map([("__FunctionArn__", function)], mark),
                    ]), tag: "!Sub", mark: mark)))
            if let ttl = identity["ReauthorizeEvery"] { authorizer.append(("authorizerResultTtlInSeconds", ttl)) }
            if let role = fields["FunctionInvokeRole"], role.text != "NONE" { authorizer.append(("authorizerCredentials", role)) }
            if payload == "REQUEST" {
                var sources: [String] = []
                for (key, prefix) in [("Headers", "method.request.header."), ("QueryStrings", "method.request.querystring."), ("StageVariables", "stageVariables."), ("Context", "context.")] {
                    for item in identity[key]?.sequence ?? [] { if let text = item.text { sources.append(prefix + text) } }
                }
                if !sources.isEmpty { authorizer.append(("identitySource", .string(sources.joined(separator: ", "), mark: mark))) }
            }
        }
        if isCognito || payload == "TOKEN", let expression = identity["ValidationExpression"] {
            authorizer.append(("identityValidationExpression", expression))
        }
        entries.append(("x-amazon-apigateway-authorizer", Self.map(authorizer, mark)))
        return Self.map(entries, mark)
    }

    private func addIAMDefinition(to api: inout SAMAPI, mark: Mark) {
        var definitions = api.body?["securityDefinitions"]?.mapping ?? Mapping()
        guard definitions["AWS_IAM"] == nil else { return }
        definitions.append(key: .string("AWS_IAM", mark: mark), value: Self.map(
            [("x-amazon-apigateway-authtype", .string("awsSigv4", mark: mark)), ("type", .string("apiKey", mark: mark)),
             ("name", .string("Authorization", mark: mark)), ("in", .string("header", mark: mark))], mark))
        api.body?["securityDefinitions"] = Node(.mapping(definitions), mark: mark)
    }

    private func addAPIKeyDefinition(to api: inout SAMAPI, mark: Mark) {
        var definitions = api.body?["securityDefinitions"]?.mapping ?? Mapping()
        guard definitions["api_key"] == nil else { return }
        definitions.append(
            key: .string("api_key", mark: mark),
            value: Self.map(
                [("type", .string("apiKey", mark: mark)), ("name", .string("x-api-key", mark: mark)), ("in", .string("header", mark: mark))], mark))
        api.body?["securityDefinitions"] = Node(.mapping(definitions), mark: mark)
    }

    // MARK: - Gateway responses

    private func addGatewayResponses(_ responses: Mapping, node: Node, to api: inout SAMAPI) {
        var written = api.body?["x-amazon-apigateway-gateway-responses"]?.mapping ?? Mapping()
        for (key, value) in responses.entries {
            guard key.text != nil, let fields = value.mapping, value.tag == nil else {
                refuse("GatewayResponses \(key.text ?? "?") of \(api.id) must be a mapping", at: value)
                continue
            }
            var parameters: [(String, Node)] = []
            let given = fields["ResponseParameters"]?.mapping ?? Mapping()
            for name in given.keys.compactMap(\.text) where !["Headers", "Paths", "QueryStrings"].contains(name) {
                refuse("GatewayResponses \(key.text!) has the response parameter group \(name); SAM takes Headers, Paths and QueryStrings", at: fields["ResponseParameters"])
            }
            for (group, prefix) in [("Headers", "header."), ("Paths", "path."), ("QueryStrings", "querystring.")] {
                for (name, parameter) in given[group]?.mapping?.entries ?? Mapping().entries {
                    guard let text = name.text else { continue }
                    parameters.append(("gatewayresponse." + prefix + text, parameter))
                }
            }
            var entries: [(String, Node)] = [
                ("responseParameters", Self.map(parameters, fields["ResponseParameters"]?.mark ?? value.mark)),
                ("responseTemplates", fields["ResponseTemplates"] ?? Node(.mapping(Mapping()), mark: value.mark)),
            ]
            if let status = fields["StatusCode"] { entries.append(("statusCode", .string(status.text ?? "", mark: status.mark))) }
            written.append(key: key, value: Self.map(entries, value.mark))
        }
        api.body?["x-amazon-apigateway-gateway-responses"] = Node(.mapping(written), mark: node.mark)
    }

    // MARK: - The resources written

    /// The RestApi, Deployment and Stage of one API, in that order.
    private func resourcesOf(_ api: SAMAPI) -> [(key: Node, value: Node)] {
        let p = api.properties
        let mark = api.key.mark
        var properties: [(String, Node)] = []
        if let body = api.body {
            properties.append(("Body", Node(.mapping(body), mark: api.bodyMark)))
        } else if let uri = p["DefinitionUri"] {
            properties.append(("BodyS3Location", uri))
        }
        for name in ["Name", "Description", "BinaryMediaTypes", "MinimumCompressionSize", "ApiKeySourceType", "Policy"] {
            if let value = p[name] { properties.append((name, value)) }
        }
        if let configuration = p["EndpointConfiguration"] {
            if configuration.isScalar || configuration.tag != nil {
                properties.append(("EndpointConfiguration", Self.map([("Types", Node(.sequence([configuration]), mark: configuration.mark))], configuration.mark)))
            } else {
                var fields: [(String, Node)] = []
                if let type = configuration["Type"] { fields.append(("Types", Node(.sequence([type]), mark: type.mark))) }
                if let ids = configuration["VPCEndpointIds"] ?? configuration["VpcEndpointIds"] { fields.append(("VpcEndpointIds", ids)) }
                properties.append(("EndpointConfiguration", Self.map(fields, configuration.mark)))
            }
        }
        func resource(_ type: String, _ properties: [(String, Node)]) -> Node {
            var fields: [(String, Node)] = [("Type", .string(type, mark: mark))]
            if let condition = api.condition { fields.append(("Condition", condition)) }
            fields.append(("Properties", Self.map(properties, mark)))
            return Self.map(fields, mark)
        }
        // The deployment's ID changes with the definition, as SAM's does, so a change redeploys.
        var hash = StableHash()
        if let body = api.body { hash.combine(Node(.mapping(body))) }
        let digest = hash.hex(10)
        let deploymentID = "\(api.id)Deployment\(digest)"
        var deployment: [(String, Node)] = [
            ("RestApiId", Node(.scalar(Scalar(text: api.id, kind: .string)), tag: "!Ref", mark: mark)),
            ("Description", .string("RestApi deployment id: \(digest)", mark: mark)),
        ]
        if p["OpenApiVersion"] == nil { deployment.append(("StageName", .string("Stage", mark: mark))) }
        let stageName = p["StageName"] ?? .string("Prod", mark: mark)
        var stage: [(String, Node)] = [
            ("RestApiId", Node(.scalar(Scalar(text: api.id, kind: .string)), tag: "!Ref", mark: mark)),
            ("DeploymentId", Node(.scalar(Scalar(text: deploymentID, kind: .string)), tag: "!Ref", mark: mark)),
            ("StageName", stageName),
        ]
        for name in ["CacheClusterEnabled", "CacheClusterSize", "Variables", "MethodSettings", "AccessLogSetting", "TracingEnabled"] {
            if let value = p[name] { stage.append((name, value)) }
        }
        let stageID = api.id + (stageName.text.map { $0.allSatisfy { $0.isLetter || $0.isNumber } ? $0 : "" } ?? "") + "Stage"
        return [
            (Node.string(api.id, mark: mark), resource("AWS::ApiGateway::RestApi", properties)),
            (Node.string(deploymentID, mark: mark), resource("AWS::ApiGateway::Deployment", deployment)),
            (Node.string(stageID, mark: mark), resource("AWS::ApiGateway::Stage", stage)),
        ]
    }

    /// The permission SAM gives API Gateway to call the function for one event.
    private func permission(function: String, api: String, path: String, verb: String, mark: Mark, condition: Node?) -> Node {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        let method = verb == "any" ? "*" : verb.uppercased()
        let arn = "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/\(method)\(trimmed)"
        var fields: [(String, Node)] = [("Type", .string("AWS::Lambda::Permission", mark: mark))]
        if let condition { fields.append(("Condition", condition)) }
        fields.append(
            ("Properties", Self.map(
                [("Action", .string("lambda:InvokeFunction", mark: mark)),
                 ("FunctionName", Node(.scalar(Scalar(text: function, kind: .string)), tag: "!Ref", mark: mark)),
                 ("Principal", .string("apigateway.amazonaws.com", mark: mark)),
                 ("SourceArn", Node(
                    .sequence([
                        .string(arn, mark: mark),
                        Self.map([("__ApiId__", Node(.scalar(Scalar(text: api, kind: .string)), tag: "!Ref", mark: mark)), ("__Stage__", .string("*", mark: mark))], mark),
                    ]), tag: "!Sub", mark: mark))], mark)))
        return Self.map(fields, mark)
    }

    private func sourceOf(_ api: SAMAPI, globals: Node?) -> SAMSource {
        var source = SAMSource(apiID: api.id, isImplicit: api.isImplicit)
        let p = api.properties
        source.api = context.location(api.key)
        source.globals = context.location(globals)
        source.cors = context.location(p["Cors"])
        source.allowOrigin = context.location(p["Cors"]?.mapping != nil ? p["Cors"]?["AllowOrigin"] : p["Cors"])
        let originNode = p["Cors"]?.mapping != nil ? p["Cors"]?["AllowOrigin"] : p["Cors"]
        if let text = originNode?.string, text.count > 2, text.hasPrefix("'"), text.hasSuffix("'"), !text.contains(","), text != "'*'" {
            source.origin = String(text.dropFirst().dropLast())
        }
        source.allowMethods = context.location(p["Cors"]?.mapping != nil ? p["Cors"]?["AllowMethods"] : nil)
        source.allowHeaders = context.location(p["Cors"]?.mapping != nil ? p["Cors"]?["AllowHeaders"] : nil)
        source.auth = context.location(p["Auth"])
        source.defaultAuthorizer = p["Auth"]?["DefaultAuthorizer"]?.text
        source.authorizerOnPreflight = context.location(p["Auth"]?["AddDefaultAuthorizerToCorsPreflight"])
        source.apiKeyOnPreflight = context.location(p["Auth"]?["AddApiKeyRequiredToCorsPreflight"])
        source.apiKeyRequired = p["Auth"]?["ApiKeyRequired"]?.boolValue == true ? context.location(p["Auth"]?["ApiKeyRequired"]) : nil
        source.gatewayResponses = context.location(p["GatewayResponses"])
        return source
    }

    // MARK: - Helpers

    /// An API's own `DefinitionBody`, written inline or included with `AWS::Include`, for a
    /// REST and an HTTP API alike; `nil`, with a warning at it, for anything else.
    static func writtenDefinition(
        _ body: Node, of id: String, context: ReadContext, include: ((String) -> Node?)?
    ) -> Node? {
        if body.tag == "!Transform" { return TemplateInclude(context: context, include: include).document(body) }
        if body.mapping != nil, body.tag == nil { return body }
        context.warning(
            ReadDiagnosticCode.malformed,
            "the DefinitionBody of \(id) is \(body.tag.map { "the function \($0)" } ?? body.kindDescription), not an OpenAPI "
                + "document; write the document inline or include it with AWS::Include", at: body)
        return nil
    }

    private func refuse(_ message: String, at node: Node?) {
        context.warning(ReadDiagnosticCode.samRefused, message, at: node)
    }

    /// A mapping whose keys and node carry `mark`.
    static func map(_ entries: [(String, Node)], _ mark: Mark) -> Node {
        Node(.mapping(Mapping(entries.map { (Node.string($0.0, mark: mark), $0.1) })), mark: mark)
    }

    /// SAM's merge of `Globals` into a resource's properties: mappings key by key (the
    /// resource's value wins), lists concatenated (the global items first), anything else
    /// (functions included) the resource's.
    static func merged(_ global: Node, _ local: Node) -> Node {
        if let globalItems = global.sequence, let localItems = local.sequence, global.tag == nil, local.tag == nil {
            return Node(.sequence(globalItems + localItems), mark: local.mark)
        }
        guard let globalFields = global.mapping, let localFields = local.mapping, global.tag == nil, local.tag == nil else {
            return local
        }
        var result = globalFields
        for (key, value) in localFields.entries {
            guard let name = key.text else { continue }
            if let existing = result[name] {
                result[name] = merged(existing, value)
            } else {
                result.append(key: key, value: value)
            }
        }
        return Node(.mapping(result), mark: local.mark)
    }
}
