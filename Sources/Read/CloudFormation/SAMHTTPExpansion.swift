import Diagnostics
import YAML
import Plan
import Support

/// The HTTP API parts of SAM's transform (`AWS::Serverless-2016-10-31`), applied beside the
/// REST parts (`SAMExpansion`) before a template is read, so that the plan is the HTTP API
/// the transform deploys.
///
/// Each `AWS::Serverless::HttpApi`, and the implicit `ServerlessHttpApi` that functions'
/// `HttpApi` events without an `ApiId` make, becomes the `AWS::ApiGatewayV2::Api` whose `Body`
/// is the OpenAPI 3 document SAM writes (the events' routes and Lambda proxy integrations,
/// `x-amazon-apigateway-cors` from `CorsConfiguration`, the security schemes of `Auth` and the
/// routes' security) and its `Stage` (with `AutoDeploy`, as SAM writes it), and each event a
/// `Lambda::Permission`. `Globals: HttpApi:` is merged into each API first.
///
/// Unlike a REST API's events, an HTTP API's events also add their route to a
/// `DefinitionBody` the template writes itself, unless the route is there with an integration
/// already; their `Auth`, `TimeoutInMillis` and `PayloadFormatVersion` then edit that route.
/// That is what `aws-sam-translator` does, and the oracle tests hold this expansion to it.
///
/// Every node written carries the place of the SAM property it comes from (a route the event,
/// its security the `Authorizer` or the `DefaultAuthorizer`, the CORS settings the
/// `CorsConfiguration`'s own values), so findings are placed at the template's lines. What the
/// transform refuses is READ027 at its place; what it deploys that a plan cannot hold (a route's
/// own throttling, a custom domain, a disabled default endpoint) is READ035.
struct SAMHTTPExpansion {
    let context: ReadContext
    /// Reads a definition `AWS::Include` names; `nil` when the caller gives no files to read.
    let include: ((String) -> Node?)?

    static let implicitAPI = "ServerlessHttpApi"
    static let anyMethod = "x-amazon-apigateway-any-method"


    /// What the HTTP APIs of a template expand to: the resources that replace each API (by its
    /// position among the template's resources; the implicit API's at the end), the permission
    /// of each event (after its function), and where SAM decides the first API.
    struct Expansion {
        var generated: [Int: [(key: Node, value: Node)]] = [:]
        var permissions: [(position: Int, key: Node, value: Node)] = []
        var source: SAMSource?
    }

    func expand(_ resources: Mapping, globals: Node?) -> Expansion {
        var apis: [SAMAPI] = []
        for (position, entry) in resources.entries.enumerated() {
            guard entry.value["Type"]?.text == "AWS::Serverless::HttpApi", let id = entry.key.text else { continue }
            var properties = entry.value["Properties"]?.mapping ?? Mapping()
            if let globals { properties = SAMExpansion.merged(globals, .mapping(properties)).mapping ?? properties }
            apis.append(api(id: id, key: entry.key, condition: entry.value["Condition"], properties: properties, position: position))
        }
        var expansion = Expansion()
        for (position, entry) in resources.entries.enumerated() {
            guard entry.value["Type"]?.text == "AWS::Serverless::Function", let function = entry.key.text else { continue }
            for (eventKey, event) in entry.value["Properties"]?["Events"]?.mapping?.entries ?? Mapping().entries {
                guard event["Type"]?.text == "HttpApi", let eventID = eventKey.text else { continue }
                let properties = event["Properties"]?.mapping ?? Mapping()
                let target: String
                let apiReference: Node
                if let reference = properties["ApiId"] {
                    guard let name = reference.text, reference.tag == nil || reference.tag == "!Ref" else {
                        refuse("the ApiId of event \(eventID) must name an AWS::Serverless::HttpApi of this template with !Ref", at: reference)
                        continue
                    }
                    target = name
                    apiReference = reference
                } else {
                    target = Self.implicitAPI
                    apiReference = Node(.scalar(Scalar(text: Self.implicitAPI, kind: .string)), tag: "!Ref", mark: eventKey.mark)
                    if !apis.contains(where: { $0.isImplicit }) {
                        var properties = Mapping()
                        if let globals { properties = SAMExpansion.merged(globals, .mapping(properties)).mapping ?? properties }
                        var implicit = api(
                            id: Self.implicitAPI, key: .string(Self.implicitAPI, mark: eventKey.mark), condition: nil,
                            properties: properties, position: resources.count)
                        implicit.isImplicit = true
                        apis.append(implicit)
                    }
                }
                guard let index = apis.firstIndex(where: { $0.id == target }) else {
                    refuse(
                        "the ApiId of event \(eventID) names \(target), which is not an AWS::Serverless::HttpApi of this template; "
                            + "SAM's transform stops here", at: properties["ApiId"])
                    continue
                }
                // An event without Path and Method is the catch-all `$default` route.
                let path: String
                let verb: String
                switch (properties["Path"], properties["Method"]) {
                case (nil, nil):
                    (path, verb) = (GatewayPlan.defaultRoutePath, Self.anyMethod)
                case (let written?, let method?) where written.text != nil && method.text != nil:
                    (path, verb) = (written.text!, method.text!)
                default:
                    refuse("event \(eventID) of \(function) needs both a Path and a Method, or neither (the $default route)", at: eventKey)
                    continue
                }
                let methodKey = verb.lowercased() == "any" ? Self.anyMethod : verb.lowercased()
                if apis[index].isManaged, Self.hasIntegration(apis[index].body, path: path, methodKey: methodKey) {
                    refuse("API method \"\(verb.lowercased())\" is defined several times for path \"\(path)\" (event \(eventID)); SAM's transform stops here", at: eventKey)
                    continue
                }
                // The permission is decided before the route is added: a function that the
                // definition's `$default` route calls already has one for every path.
                if let permission = permission(
                    function: function, api: apis[index], apiReference: apiReference, path: path, verb: verb, methodKey: methodKey,
                    mark: eventKey.mark, condition: entry.value["Condition"])
                {
                    expansion.permissions.append((position, .string("\(function)\(eventID)Permission", mark: eventKey.mark), permission))
                }
                if apis[index].body != nil {
                    addEvent(eventID, function: function, key: eventKey, path: path, methodKey: methodKey, properties: properties, to: &apis[index])
                }
                if let settings = properties["RouteSettings"] {
                    notHeld(
                        "the RouteSettings of event \(eventID) (the throttling of one route, on the stage of \(target)) are not part of "
                            + "the plan; checks assume the stage's default throttling on the route, so check it on the deployed stage", at: settings)
                }
            }
        }
        for index in apis.indices {
            finish(&apis[index])
            expansion.generated[apis[index].position, default: []] += resourcesOf(apis[index])
        }
        // The API read is the first in the template's order; the implicit one comes last.
        if let first = apis.min(by: { $0.position < $1.position }) {
            expansion.source = sourceOf(first, globals: globals)
        }
        return expansion
    }

    // MARK: - The API and its definition

    private func api(id: String, key: Node, condition: Node?, properties: Mapping, position: Int) -> SAMAPI {
        var api = SAMAPI(
            id: id, key: key, condition: condition, properties: properties, isImplicit: false, isManaged: false, body: nil,
            bodyMark: key.mark, position: position)
        if let body = properties["DefinitionBody"] {
            let document = SAMExpansion.writtenDefinition(body, of: id, context: context, include: include)
            if body.tag == nil, document != nil { api.bodyMark = body.mark }
            if let document {
                if Self.isOpenAPI3(document) {
                    api.body = document.mapping
                } else {
                    refuse(
                        "the DefinitionBody of \(id) is not an OpenAPI 3 document (openapi: 3.x and paths), which SAM's transform "
                            + "requires of an HttpApi's definition; SAM's transform stops here", at: body)
                }
            }
        } else if properties["DefinitionUri"] == nil {
            api.isManaged = true
            api.body = Self.skeleton(mark: key.mark)
        }
        return api
    }

    /// The document SAM starts from when it writes an HTTP API's definition itself.
    private static func skeleton(mark: Mark) -> Mapping {
        var skeleton = Mapping()
        skeleton["openapi"] = .string("3.0.1", mark: mark)
        skeleton["info"] = SAMExpansion.map(
            [("version", .string("1.0", mark: mark)), ("title", Node(.scalar(Scalar(text: "AWS::StackName", kind: .string)), tag: "!Ref", mark: mark))],
            mark)
        skeleton["paths"] = Node(.mapping(Mapping()), mark: mark)
        return skeleton
    }

    /// SAM's test of a definition it can edit: an `openapi` version 3 and a `paths` mapping.
    static func isOpenAPI3(_ document: Node) -> Bool {
        guard document["paths"]?.mapping != nil, let version = document["openapi"]?.text else { return false }
        return version.hasPrefix("3.")
    }

    /// Whether the route `methodKey path` of the definition has an integration.
    private static func hasIntegration(_ body: Mapping?, path: String, methodKey: String) -> Bool {
        truthy(body?["paths"]?[path]?[methodKey]?["x-amazon-apigateway-integration"])
    }

    /// The route of one `HttpApi` event: a Lambda proxy integration (payload format 2.0 unless
    /// the event says), added when the route has no integration yet; then the event's `Auth`,
    /// `TimeoutInMillis`, path parameters and `PayloadFormatVersion`, which edit the route
    /// whether it was added or written in the definition.
    private func addEvent(_ eventID: String, function: String, key: Node, path: String, methodKey: String, properties: Mapping, to api: inout SAMAPI) {
        let mark = key.mark
        var paths = api.body?["paths"]?.mapping ?? Mapping()
        var item = paths[path]?.mapping ?? Mapping()
        var operation = item[methodKey]?.mapping ?? Mapping()
        var methodNode = Node.string(methodKey, mark: mark)
        if Self.truthy(operation["x-amazon-apigateway-integration"]) {
            // The route the definition writes keeps its place.
            methodNode = item.keys.first { $0.text == methodKey } ?? methodNode
        } else {
            let uri = Node(
                .scalar(Scalar(text: "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${\(function).Arn}/invocations", kind: .string)),
                tag: "!Sub", mark: mark)
            operation["x-amazon-apigateway-integration"] = SAMExpansion.map(
                [("type", .string("aws_proxy", mark: mark)), ("httpMethod", .string("POST", mark: mark)),
                 ("payloadFormatVersion", .string("2.0", mark: mark)), ("uri", uri)], mark)
            if path == GatewayPlan.defaultRoutePath, methodKey == Self.anyMethod { operation["isDefaultRoute"] = .bool(true, mark: mark) }
            if operation["responses"] == nil { operation["responses"] = Node(.mapping(Mapping()), mark: mark) }
        }
        if let auth = properties["Auth"], Self.truthy(auth) {
            addAuth(auth, eventID: eventID, path: path, methodKey: methodKey, to: &operation, api: api)
        }
        var integration = operation["x-amazon-apigateway-integration"]?.mapping ?? Mapping()
        if let timeout = properties["TimeoutInMillis"], Self.truthy(timeout) { integration["timeoutInMillis"] = timeout }
        if let version = properties["PayloadFormatVersion"], Self.truthy(version) { integration["payloadFormatVersion"] = version }
        let integrationMark = operation["x-amazon-apigateway-integration"]?.mark ?? mark
        operation["x-amazon-apigateway-integration"] = Node(.mapping(integration), mark: integrationMark)
        let names = Self.pathParameters(path)
        if !names.isEmpty {
            var parameters = operation["parameters"]?.sequence ?? []
            for name in names {
                if let index = parameters.firstIndex(where: { $0["name"]?.text == name }), var existing = parameters[index].mapping {
                    existing["in"] = .string("path", mark: mark)
                    existing["required"] = .bool(true, mark: mark)
                    parameters[index] = Node(.mapping(existing), mark: parameters[index].mark)
                } else {
                    parameters.append(
                        SAMExpansion.map(
                            [("name", .string(name, mark: mark)), ("in", .string("path", mark: mark)), ("required", .bool(true, mark: mark))], mark))
                }
            }
            operation["parameters"] = Node(.sequence(parameters), mark: operation["parameters"]?.mark ?? mark)
        }
        let written = Node(.mapping(operation), mark: item[methodKey]?.mark ?? mark)
        if let index = item.index(of: methodKey) {
            var rebuilt = Mapping()
            for (position, entry) in item.entries.enumerated() {
                rebuilt.append(key: position == index ? methodNode : entry.key, value: position == index ? written : entry.value)
            }
            item = rebuilt
        } else {
            item.append(key: methodNode, value: written)
        }
        paths[path] = Node(.mapping(item), mark: paths[path]?.mark ?? mark)
        let pathsMark = api.body?["paths"]?.mark ?? mark
        api.body?["paths"] = Node(.mapping(paths), mark: pathsMark)
    }

    /// An event's `Auth`: its `Authorizer` (the API's `DefaultAuthorizer` when it names none)
    /// added to the route's security, with the event's `AuthorizationScopes`, else the
    /// authorizer's. `NONE` is written as SAM writes it, a requirement of no scheme, so the
    /// default passes the route by; `finish` removes it once the default is applied.
    private func addAuth(_ auth: Node, eventID: String, path: String, methodKey: String, to operation: inout Mapping, api: SAMAPI) {
        let apiAuth = api.properties["Auth"]
        let authorizers = apiAuth?["Authorizers"]
        guard let authorizer = auth["Authorizer"] ?? apiAuth?["DefaultAuthorizer"] else {
            refuse(
                "the Auth of event \(eventID) names no Authorizer and \(api.id) has no DefaultAuthorizer; name the authorizer, "
                    + "as SAM's transform stops here", at: auth)
            return
        }
        guard let name = authorizer.text else {
            refuse("the Authorizer of event \(eventID) must be the name of one of the Authorizers of \(api.id)", at: authorizer)
            return
        }
        let iamEnabled = apiAuth?["EnableIamAuthorizer"]?.boolValue == true
        if name == "NONE" {
            if apiAuth?["DefaultAuthorizer"] == nil {
                refuse("Authorizer NONE on event \(eventID) is only valid when \(api.id) has a DefaultAuthorizer; remove it", at: authorizer)
                return
            }
        } else if !(name == "AWS_IAM" && iamEnabled), authorizers?[name] == nil {
            let fix = name == "AWS_IAM" ? "set EnableIamAuthorizer: true in the Auth of \(api.id)" : "add it to Authorizers"
            refuse("event \(eventID) names authorizer \(name), which the Auth of \(api.id) does not define; \(fix)", at: authorizer)
            return
        }
        let eventScopes = auth["AuthorizationScopes"]
        if let eventScopes, eventScopes.sequence == nil || eventScopes.tag != nil {
            refuse("the AuthorizationScopes of event \(eventID) must be a list of scopes", at: eventScopes)
            return
        }
        var scopes = Node(.sequence([]), mark: authorizer.mark)
        if name != "NONE", name != "AWS_IAM" {
            let own = Self.truthy(eventScopes) ? eventScopes : authorizers?[name]?["AuthorizationScopes"]
            if let own, Self.truthy(own), Self.truthy(authorizers?[name]) { scopes = own }
        }
        var security = operation["security"]?.sequence ?? []
        security.append(SAMExpansion.map([(name, scopes)], authorizer.mark))
        operation["security"] = Node(.sequence(security), mark: authorizer.mark)
    }

    /// The variables of a route path (`{id}`, `{proxy+}`), as SAM declares them.
    static func pathParameters(_ path: String) -> [String] {
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    // MARK: - CORS, authorizers and the rest of the API's properties

    /// `CorsConfiguration`, `Auth`, `Name`, `Description`, `FailOnWarnings` and the settings a
    /// plan cannot hold, in the order the transform applies them to a definition.
    private func finish(_ api: inout SAMAPI) {
        let p = api.properties
        if api.body == nil {
            for name in ["CorsConfiguration", "Auth", "Name", "Description", "DisableExecuteApiEndpoint"] where Self.truthy(p[name]) {
                refuse(
                    "\(name) of \(api.id) works only with a definition written in DefinitionBody, not one in DefinitionUri; "
                        + "SAM's transform stops here", at: p[name])
            }
        } else {
            if let cors = p["CorsConfiguration"], Self.truthy(cors) { addCORS(cors, to: &api) }
            if let auth = p["Auth"], Self.truthy(auth) { addAuthorizers(auth, to: &api) }
            if let name = p["Name"] { setTitle(name, of: &api) }
            if let description = p["Description"], Self.truthy(description) { setDescription(description, of: &api) }
            if Self.truthy(p["FailOnWarnings"]), var paths = api.body?["paths"]?.mapping, let index = paths.index(of: GatewayPlan.defaultRoutePath) {
                // With FailOnWarnings SAM writes the catch-all as the path `/$default`, which the
                // import reads without a warning.
                let entry = paths[position: index]
                paths[GatewayPlan.defaultRoutePath] = nil
                paths.append(key: .string("/" + GatewayPlan.defaultRoutePath, mark: entry.key.mark), value: entry.value)
                let pathsMark = api.body?["paths"]?.mark ?? api.bodyMark
                api.body?["paths"] = Node(.mapping(paths), mark: pathsMark)
            }
            removeNoneRequirements(&api)
        }
        if let settings = p["RouteSettings"] {
            notHeld(
                "the RouteSettings of \(api.id) (the throttling of single routes) are not part of the plan; checks assume the stage's "
                    + "default throttling on every route, so check those routes on the deployed stage", at: settings)
        }
        if let domain = p["Domain"] {
            notHeld(
                "the Domain of \(api.id) (a custom domain and its base paths) is not part of the plan; checks see the API at its "
                    + "default endpoint, so check the paths under the custom domain's base path by hand", at: domain)
        }
        if let disabled = p["DisableExecuteApiEndpoint"], api.body != nil {
            notHeld(
                "DisableExecuteApiEndpoint of \(api.id) is not part of the plan; checks assume the default execute-api endpoint "
                    + "answers, so call the API through its custom domain",
                at: disabled)
        }
    }

    /// `CorsConfiguration` as SAM writes it into `x-amazon-apigateway-cors`: `true` allows any
    /// origin; a mapping sets each setting it gives over the definition's own.
    private func addCORS(_ cors: Node, to api: inout SAMAPI) {
        var settings: [(String, Node)] = []
        if cors.boolValue == true {
            settings = [("allowOrigins", Node(.sequence([.string("*", mark: cors.mark)]), mark: cors.mark))]
        } else if let fields = cors.mapping, cors.tag == nil {
            let known = ["AllowMethods", "AllowHeaders", "AllowOrigins", "MaxAge", "ExposeHeaders", "AllowCredentials"]
            for key in fields.keys where !known.contains(key.text ?? "") {
                refuse("CorsConfiguration of \(api.id) has the key \(key.text ?? "?"), which SAM does not know; SAM's transform stops here", at: key)
                return
            }
            let origins = fields["AllowOrigins"]
            if fields["AllowCredentials"]?.boolValue == true, origins?.sequence?.count == 1, origins?[0]?.text == "*" {
                refuse(
                    "SAM refuses AllowCredentials true with AllowOrigins [\"*\"], so the stack fails to deploy; list the origins "
                        + "that send credentials in AllowOrigins", at: fields["AllowCredentials"])
                return
            }
            for (name, key) in [("allowOrigins", "AllowOrigins"), ("allowHeaders", "AllowHeaders"), ("allowMethods", "AllowMethods"), ("exposeHeaders", "ExposeHeaders")] {
                if let value = fields[key], Self.truthy(value) { settings.append((name, value)) }
            }
            if let maxAge = fields["MaxAge"], !maxAge.isNull { settings.append(("maxAge", maxAge)) }
            if let credentials = fields["AllowCredentials"], credentials.boolValue == true { settings.append(("allowCredentials", credentials)) }
        } else if cors.tag != nil {
            notHeld(
                "the CorsConfiguration of \(api.id) is a function, whose value SAM writes into the definition as it stands, so "
                    + "checks see no CORS configuration; write the settings out as a mapping", at: cors)
            return
        } else {
            refuse("CorsConfiguration of \(api.id) must be true or a mapping; SAM's transform stops here", at: cors)
            return
        }
        var written = api.body?["x-amazon-apigateway-cors"]?.mapping ?? Mapping()
        for (name, value) in settings { written[name] = value }
        api.body?["x-amazon-apigateway-cors"] = Node(.mapping(written), mark: cors.mark)
    }

    /// The security schemes of `Auth` (the IAM one when `EnableIamAuthorizer`, then each of
    /// `Authorizers`), and the `DefaultAuthorizer` on every route with an integration and no
    /// security of its own, except OPTIONS routes.
    private func addAuthorizers(_ auth: Node, to api: inout SAMAPI) {
        guard let fields = auth.mapping else {
            refuse("Auth of \(api.id) must be a mapping; SAM's transform stops here", at: auth)
            return
        }
        for key in fields.keys where !["Authorizers", "DefaultAuthorizer", "EnableIamAuthorizer"].contains(key.text ?? "") {
            refuse("Auth of \(api.id) has the key \(key.text ?? "?"), which SAM does not know for an HttpApi; SAM's transform stops here", at: key)
            return
        }
        var schemes: [(name: Node, scheme: Node, scopes: Node?)] = []
        if let iam = fields["EnableIamAuthorizer"], iam.boolValue == true {
            let mark = iam.mark
            schemes.append(
                (.string("AWS_IAM", mark: mark),
                 SAMExpansion.map(
                    [("type", .string("apiKey", mark: mark)), ("name", .string("Authorization", mark: mark)), ("in", .string("header", mark: mark)),
                     ("x-amazon-apigateway-authtype", .string("awsSigv4", mark: mark))], mark), nil))
        }
        for (key, value) in fields["Authorizers"]?.mapping?.entries ?? Mapping().entries {
            guard let name = key.text else { continue }
            guard let authorizer = value.mapping, value.tag == nil else {
                refuse("authorizer \(name) of \(api.id) must be a mapping; SAM's transform stops here", at: value)
                return
            }
            guard let scheme = securityScheme(name, authorizer, api: api.id, key: key) else { return }
            schemes.append((key, scheme, authorizer["AuthorizationScopes"]))
        }
        var definitions = api.body?["components"]?["securitySchemes"]?.mapping ?? Mapping()
        for (name, scheme, _) in schemes {
            definitions[name.text ?? ""] = nil
            definitions.append(key: name, value: scheme)
        }
        if !definitions.isEmpty {
            var components = api.body?["components"]?.mapping ?? Mapping()
            components["securitySchemes"] = Node(.mapping(definitions), mark: auth.mark)
            let componentsMark = api.body?["components"]?.mark ?? auth.mark
            api.body?["components"] = Node(.mapping(components), mark: componentsMark)
        }
        guard let defaultAuthorizer = fields["DefaultAuthorizer"],
            !(defaultAuthorizer.tag == "!Ref" && defaultAuthorizer.text == "AWS::NoValue")
        else { return }
        guard let name = defaultAuthorizer.text, defaultAuthorizer.tag == nil else {
            refuse("the DefaultAuthorizer of \(api.id) must be the name of one of its Authorizers", at: defaultAuthorizer)
            return
        }
        guard let chosen = schemes.first(where: { $0.name.text == name }) else {
            refuse(
                "DefaultAuthorizer \(name) of \(api.id) is not among its Authorizers; SAM's transform stops here, so add it or correct "
                    + "the name", at: defaultAuthorizer)
            return
        }
        let scopes = chosen.scopes ?? Node(.sequence([]), mark: defaultAuthorizer.mark)
        editRoutes(of: &api) { verb, operation in
            guard verb != "options", !Self.truthy(operation["security"]) else { return }
            operation["security"] = Node(
                .sequence([SAMExpansion.map([(name, scopes)], defaultAuthorizer.mark)]), mark: defaultAuthorizer.mark)
        }
    }

    /// The security scheme SAM writes for one of `Authorizers`: a JWT authorizer when it has a
    /// `JwtConfiguration` (its keys lower-cased, as SAM writes them), else a Lambda `request`
    /// authorizer; `nil` (reported) for one SAM refuses.
    private func securityScheme(_ name: String, _ fields: Mapping, api: String, key: Node) -> Node? {
        let mark = key.mark
        if let url = fields["OpenIdConnectUrl"] {
            refuse("authorizer \(name) of \(api) has OpenIdConnectUrl, which SAM no longer takes; use JwtConfiguration issuer", at: url)
            return nil
        }
        if let scopes = fields["AuthorizationScopes"], scopes.sequence == nil || scopes.tag != nil {
            refuse("the AuthorizationScopes of authorizer \(name) of \(api) must be a list", at: scopes)
            return nil
        }
        let isJWT = Self.truthy(fields["JwtConfiguration"])
        let allowed: Set<String> =
            isJWT
            ? ["AuthorizationScopes", "JwtConfiguration", "IdentitySource"]
            : ["FunctionArn", "FunctionInvokeRole", "Identity", "AuthorizerPayloadFormatVersion", "EnableSimpleResponses", "EnableFunctionDefaultPermissions"]
        let all: Set<String> = [
            "AuthorizationScopes", "JwtConfiguration", "IdentitySource", "FunctionArn", "FunctionInvokeRole", "Identity",
            "AuthorizerPayloadFormatVersion", "EnableSimpleResponses", "EnableFunctionDefaultPermissions",
        ]
        for key in fields.keys {
            guard let text = key.text, all.contains(text), !allowed.contains(text), fields[text]?.isNull == false else { continue }
            refuse(
                "authorizer \(name) of \(api) is a \(isJWT ? "JWT (OAuth2)" : "Lambda") authorizer, which SAM does not give \(text); "
                    + "SAM's transform stops here", at: key)
            return nil
        }
        var authorizer: [(String, Node)] = []
        if isJWT {
            guard let configuration = fields["JwtConfiguration"]?.mapping, fields["JwtConfiguration"]?.tag == nil else {
                refuse("the JwtConfiguration of authorizer \(name) of \(api) must be a mapping", at: fields["JwtConfiguration"])
                return nil
            }
            guard let source = fields["IdentitySource"], Self.truthy(source) else {
                refuse("JWT authorizer \(name) of \(api) needs an IdentitySource; SAM's transform stops here", at: key)
                return nil
            }
            let lowered = Mapping(configuration.entries.map { (Node.string($0.key.text?.lowercased() ?? "", mark: $0.key.mark), $0.value) })
            authorizer = [
                ("jwtConfiguration", Node(.mapping(lowered), mark: fields["JwtConfiguration"]!.mark)), ("identitySource", source),
                ("type", .string("jwt", mark: mark)),
            ]
            return SAMExpansion.map([("type", .string("oauth2", mark: mark)), ("x-amazon-apigateway-authorizer", SAMExpansion.map(authorizer, mark))], mark)
        }
        guard let function = fields["FunctionArn"], Self.truthy(function) else {
            refuse("Lambda authorizer \(name) of \(api) needs a FunctionArn; SAM's transform stops here", at: key)
            return nil
        }
        guard let version = fields["AuthorizerPayloadFormatVersion"], Self.truthy(version) else {
            refuse("Lambda authorizer \(name) of \(api) needs an AuthorizerPayloadFormatVersion (\"1.0\" or \"2.0\"); SAM's transform stops here", at: function)
            return nil
        }
        authorizer.append(("type", .string("request", mark: mark)))
        authorizer.append(
            ("authorizerUri", Node(
                .sequence([
                    .string("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations", mark: mark),
                    SAMExpansion.map([("__FunctionArn__", function)], mark),
                ]), tag: "!Sub", mark: mark)))
        if let role = fields["FunctionInvokeRole"], Self.truthy(role), role.text != "NONE" { authorizer.append(("authorizerCredentials", role)) }
        if let identity = fields["Identity"]?.mapping {
            if let ttl = identity["ReauthorizeEvery"], !ttl.isNull { authorizer.append(("authorizerResultTtlInSeconds", ttl)) }
            var sources: [Node] = []
            for (key, prefix) in [("Headers", "$request.header."), ("QueryStrings", "$request.querystring."), ("StageVariables", "$stageVariables."), ("Context", "$context.")] {
                for item in identity[key]?.sequence ?? [] {
                    if let text = item.text { sources.append(.string(prefix + text, mark: item.mark)) }
                }
            }
            authorizer.append(("identitySource", Node(.sequence(sources), mark: fields["Identity"]!.mark)))
        }
        authorizer.append(("authorizerPayloadFormatVersion", version))
        if let simple = fields["EnableSimpleResponses"], Self.truthy(simple) { authorizer.append(("enableSimpleResponses", simple)) }
        return SAMExpansion.map(
            [("type", .string("apiKey", mark: mark)), ("name", .string("Unused", mark: mark)), ("in", .string("header", mark: mark)),
             ("x-amazon-apigateway-authorizer", SAMExpansion.map(authorizer, mark))], mark)
    }

    /// SAM writes `Authorizer: NONE` as a requirement of the scheme `NONE`, which no document
    /// defines: the route is open. Once the default authorizer has passed such routes by, the
    /// requirement is written as what it means, no security, so reading it reports no
    /// undefined scheme.
    private func removeNoneRequirements(_ api: inout SAMAPI) {
        editRoutes(of: &api) { _, operation in
            guard let security = operation["security"], let requirements = security.sequence else { return }
            let kept = requirements.filter { $0.mapping?.keys.contains { $0.text == "NONE" } != true }
            if kept.count != requirements.count { operation["security"] = Node(.sequence(kept), mark: security.mark) }
        }
    }

    private func setTitle(_ name: Node, of api: inout SAMAPI) {
        let title = api.body?["info"]?["title"]
        guard title?.tag == "!Ref", title?.text == "AWS::StackName" else {
            refuse(
                "the Name of \(api.id) cannot be set: its DefinitionBody has a title of its own, and SAM's transform stops here; "
                    + "remove one of them", at: name)
            return
        }
        var info = api.body?["info"]?.mapping ?? Mapping()
        info["title"] = name
        let infoMark = api.body?["info"]?.mark ?? name.mark
        api.body?["info"] = Node(.mapping(info), mark: infoMark)
    }

    private func setDescription(_ description: Node, of api: inout SAMAPI) {
        guard !Self.truthy(api.body?["info"]?["description"]) else {
            refuse(
                "the Description of \(api.id) cannot be set: its DefinitionBody has a description of its own, and SAM's transform "
                    + "stops here; remove one of them", at: description)
            return
        }
        var info = api.body?["info"]?.mapping ?? Mapping()
        info["description"] = description
        let infoMark = api.body?["info"]?.mark ?? description.mark
        api.body?["info"] = Node(.mapping(info), mark: infoMark)
    }

    /// Applies `edit` to every route of the definition that has an integration (`verb` is
    /// the path item's key, lower-cased).
    private func editRoutes(of api: inout SAMAPI, _ edit: (String, inout Mapping) -> Void) {
        guard let paths = api.body?["paths"]?.mapping else { return }
        var rebuilt = Mapping()
        for (key, value) in paths.entries {
            guard let item = value.mapping, value.tag == nil else {
                rebuilt.append(key: key, value: value)
                continue
            }
            var edited = Mapping()
            for (verbKey, operationNode) in item.entries {
                guard let verb = verbKey.text?.lowercased(), verb != "parameters", var operation = operationNode.mapping,
                    operationNode.tag == nil, Self.truthy(operation["x-amazon-apigateway-integration"])
                else {
                    edited.append(key: verbKey, value: operationNode)
                    continue
                }
                edit(verb, &operation)
                edited.append(key: verbKey, value: Node(.mapping(operation), mark: operationNode.mark))
            }
            rebuilt.append(key: key, value: Node(.mapping(edited), mark: value.mark))
        }
        let pathsMark = api.body?["paths"]?.mark ?? api.bodyMark
        api.body?["paths"] = Node(.mapping(rebuilt), mark: pathsMark)
    }

    // MARK: - The resources written

    /// The `AWS::ApiGatewayV2::Api` and its `Stage`, which SAM always writes (`$default` unless
    /// `StageName` says), with `AutoDeploy`.
    private func resourcesOf(_ api: SAMAPI) -> [(key: Node, value: Node)] {
        let p = api.properties
        let mark = api.key.mark
        var properties: [(String, Node)] = []
        if let body = api.body {
            properties.append(("Body", Node(.mapping(body), mark: api.bodyMark)))
        } else if let uri = p["DefinitionUri"] {
            properties.append(("BodyS3Location", Self.s3Location(uri)))
        }
        func resource(_ type: String, _ properties: [(String, Node)]) -> Node {
            var fields: [(String, Node)] = [("Type", .string(type, mark: mark))]
            if let condition = api.condition { fields.append(("Condition", condition)) }
            fields.append(("Properties", SAMExpansion.map(properties, mark)))
            return SAMExpansion.map(fields, mark)
        }
        let stageName = p["StageName"].flatMap { Self.truthy($0) ? $0 : nil } ?? .string(GatewayPlan.defaultRoutePath, mark: mark)
        var stage: [(String, Node)] = [
            ("ApiId", Node(.scalar(Scalar(text: api.id, kind: .string)), tag: "!Ref", mark: mark)), ("StageName", stageName),
        ]
        for (written, name) in [("StageVariables", "StageVariables"), ("AccessLogSettings", "AccessLogSettings"), ("DefaultRouteSettings", "DefaultRouteSettings")] {
            if let value = p[written] { stage.append((name, value)) }
        }
        stage.append(("AutoDeploy", .bool(true, mark: mark)))
        let stageID: String
        switch stageName.tag == nil ? stageName.text : nil {
        case let name? where !name.isEmpty && name.allSatisfy({ $0.isLetter || $0.isNumber }):
            stageID = api.id + name + "Stage"
        case GatewayPlan.defaultRoutePath?:
            stageID = api.id + "ApiGatewayDefaultStage"
        default:
            // SAM names such a stage by a hash of its name; any stable name serves here.
            var hash = StableHash()
            hash.combine(stageName)
            stageID = api.id + "Stage" + hash.hex(10)
        }
        return [
            (Node.string(api.id, mark: mark), resource("AWS::ApiGatewayV2::Api", properties)),
            (Node.string(stageID, mark: mark), resource("AWS::ApiGatewayV2::Stage", stage)),
        ]
    }

    /// `DefinitionUri` as the `BodyS3Location` SAM writes: `s3://bucket/key` split into
    /// `Bucket` and `Key`; a mapping (or anything else) as written.
    private static func s3Location(_ uri: Node) -> Node {
        guard uri.tag == nil, let text = uri.text, text.hasPrefix("s3://") else { return uri }
        let rest = text.dropFirst("s3://".count)
        guard let slash = rest.firstIndex(of: "/") else { return uri }
        var key = rest[rest.index(after: slash)...]
        var version: Substring?
        if let query = key.firstIndex(of: "?") {
            let parameters = key[key.index(after: query)...]
            if parameters.hasPrefix("versionId=") { version = parameters.dropFirst("versionId=".count) }
            key = key[..<query]
        }
        var fields: [(String, Node)] = [("Bucket", .string(String(rest[..<slash]), mark: uri.mark)), ("Key", .string(String(key), mark: uri.mark))]
        if let version { fields.append(("Version", .string(String(version), mark: uri.mark))) }
        return SAMExpansion.map(fields, uri.mark)
    }

    /// The permission SAM gives API Gateway to call the function for one event; `nil` when
    /// the definition's `$default` route already calls the function, whose permission covers
    /// every route.
    private func permission(
        function: String, api: SAMAPI, apiReference: Node, path written: String, verb: String, methodKey: String, mark: Mark, condition: Node?
    ) -> Node? {
        var path = written.count > 1 && written.hasSuffix("/") ? String(written.dropLast()) : written
        if path == GatewayPlan.defaultRoutePath {
            path = ""
        } else if Self.defaultRoute(of: api.body, calls: function) {
            return nil
        }
        path = Self.wildcarded(path)
        let method = methodKey == Self.anyMethod ? "*" : methodKey.uppercased()
        var resource = "${__ApiId__}/${__Stage__}"
        // SAM's own exception: `ANY /$default` is written without the method.
        resource += verb.lowercased() == "any" && path == "/" + GatewayPlan.defaultRoutePath ? path : "/\(method)\(path)"
        let arn = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:\(resource)"
        var fields: [(String, Node)] = [("Type", .string("AWS::Lambda::Permission", mark: mark))]
        if let condition { fields.append(("Condition", condition)) }
        fields.append(
            ("Properties", SAMExpansion.map(
                [("Action", .string("lambda:InvokeFunction", mark: mark)),
                 ("FunctionName", Node(.scalar(Scalar(text: function, kind: .string)), tag: "!Ref", mark: mark)),
                 ("Principal", .string("apigateway.amazonaws.com", mark: mark)),
                 ("SourceArn", Node(
                    .sequence([
                        .string(arn, mark: mark),
                        SAMExpansion.map([("__ApiId__", apiReference), ("__Stage__", .string("*", mark: mark))], mark),
                    ]), tag: "!Sub", mark: mark))], mark)))
        return SAMExpansion.map(fields, mark)
    }

    /// Whether the definition's `$default` route has an integration whose URI calls
    /// `function` (`${Function.Arn}` in its `!Sub`).
    private static func defaultRoute(of body: Mapping?, calls function: String) -> Bool {
        guard let uri = body?["paths"]?[GatewayPlan.defaultRoutePath]?[anyMethod]?["x-amazon-apigateway-integration"]?["uri"], uri.tag == "!Sub",
            let text = uri.string
        else { return false }
        // SAM takes the first `Name.Arn` in the URI.
        guard let range = text.firstRange(of: ".Arn") else { return false }
        let name = text[..<range.lowerBound].reversed().prefix { $0.isLetter || $0.isNumber }
        return String(name.reversed()) == function
    }

    /// A route path with each variable (`{id}`, `{proxy+}`) as `*`, as a permission's ARN
    /// writes it. Another greedy variable (`{path+}`) stays, as SAM leaves it.
    static func wildcarded(_ path: String) -> String {
        var result = ""
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = rest[rest.index(after: open)..<close]
            let isVariable =
                name == "proxy+" || (!name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || "._-".contains($0) })
            result += isVariable ? "*" : rest[open...close]
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    // MARK: - Where SAM decides the API

    private func sourceOf(_ api: SAMAPI, globals: Node?) -> SAMSource {
        var source = SAMSource(apiID: api.id, isImplicit: api.isImplicit, kind: .http)
        let p = api.properties
        let cors = p["CorsConfiguration"]
        source.api = context.location(api.key)
        source.globals = context.location(globals)
        source.cors = context.location(cors)
        source.allowOrigin = context.location(cors?.mapping != nil ? cors?["AllowOrigins"] : cors)
        if let origins = cors?["AllowOrigins"]?.sequence, origins.count == 1, let origin = origins[0].text, origin != "*" {
            source.origin = origin
        }
        source.allowMethods = context.location(cors?.mapping != nil ? cors?["AllowMethods"] : nil)
        source.allowHeaders = context.location(cors?.mapping != nil ? cors?["AllowHeaders"] : nil)
        source.auth = context.location(p["Auth"])
        source.defaultAuthorizer = p["Auth"]?["DefaultAuthorizer"]?.text
        return source
    }

    // MARK: - Helpers

    /// Whether Python, which SAM's transform is written in, takes the value as true: present,
    /// and not null, false, zero, empty text or an empty collection.
    static func truthy(_ node: Node?) -> Bool {
        guard let node, !node.isNull else { return false }
        if node.tag != nil { return true }
        if let items = node.sequence { return !items.isEmpty }
        if let fields = node.mapping { return !fields.isEmpty }
        if let flag = node.boolValue { return flag }
        if let number = node.scalar?.integerValue { return number != 0 }
        return !(node.string ?? "x").isEmpty
    }

    private func refuse(_ message: String, at node: Node?) {
        context.warning(ReadDiagnosticCode.samRefused, message, at: node)
    }

    private func notHeld(_ message: String, at node: Node?) {
        context.warning(ReadDiagnosticCode.samHTTPNotHeld, message, at: node)
    }
}
