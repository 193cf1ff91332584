import YAML
import Plan

/// Answers one request the way API Gateway's REST API would under a plan: routing,
/// authorizers and API keys, the MOCK integration's request template, integration
/// response selection, header mappings and response templates, and API Gateway's own
/// gateway responses when it answers by itself. An HTTP API's plan is answered by its own
/// rules (`answerHTTPAPI`, `HTTPAPICORS`): its routes, its authorizers and its CORS
/// configuration.
///
/// No backend is called. A proxy integration's answer holds only the headers the caller
/// says the backend sends (`backendHeaders`), because API Gateway adds none to it; a
/// non-proxy backend is assumed to answer 200.
public struct GatewaySimulator: Sendable {
    public let plan: GatewayPlan
    /// The headers a proxy integration's backend is said to send; none by default.
    public var backendHeaders: [Mapped]
    /// The plan's import-rule faults, worked out once: every answer names those of its method,
    /// and a caller that asks many questions (`CORSAnswer`) would otherwise pay for them each time.
    let importRuleViolations: [GatewayPlan.RuleViolation]
    /// Each resource's children by its path, in the order routing tries them (`route`).
    let children: [String: [PlanResource]]
    /// Mapping templates parsed ahead, by their text (`preparingTemplates()`); any other is
    /// parsed where it runs.
    private var preparedTemplates: [String: VelocityTemplate] = [:]

    public init(plan: GatewayPlan, backendHeaders: [Mapped] = []) {
        self.plan = plan
        self.backendHeaders = backendHeaders
        self.importRuleViolations = plan.importRuleViolations
        var children: [String: [PlanResource]] = [:]
        for resource in plan.resources {
            if let parent = resource.parentPath { children[parent, default: []].append(resource) }
        }
        // At each level a literal segment beats `{variable}`, which beats a greedy `{name+}`.
        func rank(_ r: PlanResource) -> Int {
            r.pathPart.hasPrefix("{") ? (r.pathPart.hasSuffix("+}") ? 2 : 1) : 0
        }
        self.children = children.mapValues { $0.sorted { rank($0) < rank($1) } }
    }

    /// This simulator with every mapping template of the plan parsed once, for a caller that
    /// asks many questions of one plan (`CORSAnswer`); answers are the same either way.
    public func preparingTemplates() -> GatewaySimulator {
        var prepared = self
        var texts: [String] = []
        for resource in plan.resources {
            for method in resource.methods {
                texts += method.integration.requestTemplates.map(\.value)
                texts += method.integration.responses.flatMap { $0.responseTemplates.map(\.value) }
            }
        }
        for text in texts where prepared.preparedTemplates[text] == nil {
            if let template = try? VelocityTemplate(text) { prepared.preparedTemplates[text] = template }
        }
        return prepared
    }

    /// The parsed template of `text`: the prepared one, else parsed now.
    func template(_ text: String) throws -> VelocityTemplate {
        if let prepared = preparedTemplates[text] { return prepared }
        return try VelocityTemplate(text)
    }

    /// What API Gateway answers to `request`.
    public func answer(_ request: GatewayRequest) -> GatewayAnswer {
        if plan.kind == .http { return answerHTTPAPI(request) }
        guard request.stage == plan.stage.name else {
            // API Gateway answers Missing Authentication Token for a stage that is not deployed.
            // That the API's customised gateway responses do not apply there is the
            // simulation's assumption (a stage holds them), not verified against AWS.
            return GatewayAnswer(
                status: 403, producedBy: "no stage \(request.stage) (the plan deploys to \(plan.stage.name))",
                gatewayResponseType: "MISSING_AUTHENTICATION_TOKEN", body: #"{"message":"Missing Authentication Token"}"#,
                notes: ["a stage that is not deployed holds none of the API's gateway responses, so none of their headers are assumed"])
        }
        guard let (resource, pathParameters) = route(request.path) else {
            return gatewayResponse(
                "MISSING_AUTHENTICATION_TOKEN", request: request, route: nil,
                why: "no resource matches \(request.path)")
        }
        guard let method = resource.method(request.method) ?? resource.method("ANY") else {
            return gatewayResponse(
                "MISSING_AUTHENTICATION_TOKEN", request: request, route: nil,
                why: "resource \(resource.path) has no \(request.method) method and no ANY method")
        }
        let route = "\(method.httpMethod) \(resource.path)"
        var faults = importRuleViolations
            .filter { $0.path == resource.path && $0.method == method.httpMethod }
            .map(\.rule)
        var accessNotes: [String] = []
        if let denied = accessDenial(method, request: request, notes: &accessNotes) {
            var answer = gatewayResponse(denied.type, request: request, route: route, why: denied.why)
            answer.faults = faults + answer.faults
            return answer
        }
        // A validator that checks parameters refuses a request without a required header or
        // query parameter (a simulated request has no query string) before the integration.
        if let name = method.requestValidator, plan.requestValidator(name)?.validatesParameters == true {
            let missing = method.requestParameters.filter { parameter in
                parameter.isRequired
                    && (parameter.location == "querystring" || (parameter.location == "header" && request.headers.value(parameter.name) == nil))
            }
            if let first = missing.first {
                var answer = gatewayResponse(
                    "BAD_REQUEST_PARAMETERS", request: request, route: route,
                    why: "validator \(name) requires \(first.key), which the request does not carry",
                    message: "Missing required request parameters: [\(missing.map(\.name).joined(separator: ", "))]")
                answer.faults = faults + answer.faults
                return answer
            }
        }
        var answer = integrate(method, resource: resource, pathParameters: pathParameters, request: request, route: route)
        answer.notes = accessNotes + answer.notes
        faults += answer.faults
        answer.faults = faults
        return answer
    }

    // MARK: - Routing

    /// The resource API Gateway picks for `path` and the path variables it binds: at each
    /// level a literal segment beats `{variable}`, which beats a greedy `{name+}`.
    public func route(_ path: String) -> (PlanResource, [Mapped])? {
        let segments = path.split(separator: "/").map(String.init)
        // Every REST API has a root resource, even when a plan read from a template lists none.
        let root = plan.resources.first(where: \.isRoot) ?? PlanResource(path: "/")
        return match(segments[...], under: root, bound: [])
    }

    private func children(of resource: PlanResource) -> [PlanResource] {
        children[resource.path] ?? []
    }

    private func match(_ rest: ArraySlice<String>, under resource: PlanResource, bound: [Mapped]) -> (PlanResource, [Mapped])? {
        guard let segment = rest.first else { return (resource, bound) }
        for child in children(of: resource) {
            let part = child.pathPart
            if part.hasPrefix("{"), part.hasSuffix("+}") {
                let name = String(part.dropFirst().dropLast(2))
                return (child, bound + [Mapped(name, rest.joined(separator: "/"))])
            } else if part.hasPrefix("{"), part.hasSuffix("}") {
                let name = String(part.dropFirst().dropLast())
                if let found = match(rest.dropFirst(), under: child, bound: bound + [Mapped(name, segment)]) { return found }
            } else if part == segment {
                if let found = match(rest.dropFirst(), under: child, bound: bound) { return found }
            }
        }
        return nil
    }

    // MARK: - Authorizers and API keys

    /// The gateway response API Gateway sends when the request lacks what the method's
    /// authorizer or API key needs; `nil` when it passes (or cannot be known to fail).
    private func accessDenial(_ method: PlanMethod, request: GatewayRequest, notes: inout [String]) -> (type: String, why: String)? {
        switch method.authorization.type {
        case "NONE":
            break
        case "AWS_IAM":
            // Without a Signature Version 4 signature IAM authorization answers 403.
            if !(request.headers.value("Authorization")?.hasPrefix("AWS4-HMAC-SHA256") ?? false) {
                return ("MISSING_AUTHENTICATION_TOKEN", "\(method.httpMethod) uses AWS_IAM authorization and the request is not signed")
            }
            notes.append("the request's signature is assumed valid")
        default:
            let authorizer = plan.authorizers.first { $0.name == method.authorization.authorizerName }
            let sources = (authorizer?.identitySource ?? "method.request.header.Authorization")
                .split(separator: ",").map { String($0).trimmingHTTPWhitespace() }
            let prefix = "method.request.header."
            for source in sources where source.hasPrefix(prefix) {
                let header = String(source.dropFirst(prefix.count))
                if !request.headers.contains(header) {
                    // An authorizer whose identity source is missing answers 401 without running.
                    return (
                        "UNAUTHORIZED",
                        "\(method.httpMethod) has the \(method.authorization.type) authorizer \(method.authorization.authorizerName ?? "") and the request has no \(header) header"
                    )
                }
            }
            notes.append("the authorizer \(method.authorization.authorizerName ?? "") runs and is assumed to allow the request")
        }
        if method.apiKeyRequired, plan.api.apiKeySource != "AUTHORIZER", !request.headers.contains("x-api-key") {
            return ("INVALID_API_KEY", "\(method.httpMethod) requires an API key and the request has no x-api-key header")
        }
        if method.apiKeyRequired { notes.append("the API key is assumed valid and in a usage plan of this stage") }
        return nil
    }

    // MARK: - Gateway responses

    /// The status API Gateway gives each response type unless it is customised.
    public static func defaultStatus(of type: String) -> Int {
        switch type {
        case "BAD_REQUEST_PARAMETERS", "BAD_REQUEST_BODY": 400
        case "UNAUTHORIZED": 401
        case "RESOURCE_NOT_FOUND": 404
        case "REQUEST_TOO_LARGE": 413
        case "UNSUPPORTED_MEDIA_TYPE": 415
        case "QUOTA_EXCEEDED", "THROTTLED": 429
        case "API_CONFIGURATION_ERROR", "AUTHORIZER_CONFIGURATION_ERROR", "AUTHORIZER_FAILURE", "DEFAULT_5XX": 500
        case "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT": 504
        default: 403
        }
    }

    static func defaultMessage(of type: String) -> String {
        switch type {
        case "MISSING_AUTHENTICATION_TOKEN": "Missing Authentication Token"
        case "UNAUTHORIZED": "Unauthorized"
        case "UNSUPPORTED_MEDIA_TYPE": "Unsupported Media Type"
        case "API_CONFIGURATION_ERROR": "Internal server error"
        case "BAD_REQUEST_BODY": "Invalid request body"
        case "BAD_REQUEST_PARAMETERS": "Missing required request parameters"
        default: "Forbidden"
        }
    }

    /// API Gateway's own answer of `type`: the customised response of that type, else the
    /// customised DEFAULT_4XX or DEFAULT_5XX, else the bare default without headers.
    ///
    /// `message` is API Gateway's message for this answer when it is more than the type's
    /// default (the parameters a validator missed); a customised `application/json` template
    /// gets it as `$context.error.messageString` and `$context.error.validationErrorString`.
    func gatewayResponse(_ type: String, request: GatewayRequest, route: String?, why: String, message: String? = nil) -> GatewayAnswer {
        let fallback = Self.defaultStatus(of: type) >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX"
        let customised = plan.gatewayResponses.first { $0.type == type } ?? plan.gatewayResponses.first { $0.type == fallback }
        var status = Self.defaultStatus(of: type)
        var headers: [GatewayAnswer.Header] = []
        var notes: [String] = []
        var faults: [String] = []
        var description = "gateway response \(type) (\(why))"
        if let customised {
            if let code = customised.statusCode.flatMap({ Int($0) }) { status = code }
            description += customised.type == type ? ", customised" : ", customised through \(customised.type)"
            for parameter in customised.responseParameters {
                let prefix = "gatewayresponse.header."
                guard parameter.name.hasPrefix(prefix) else { continue }
                let name = String(parameter.name.dropFirst(prefix.count))
                switch evaluateMapping(parameter.value, request: request, pathParameters: [], integration: nil) {
                case .value(let value):
                    headers.append(.init(name: name, value: value, source: "\(parameter.value) (gateway response \(customised.type))"))
                case .absent(let reason):
                    notes.append("\(name) is not sent: \(reason)")
                case .fault(let reason):
                    faults.append("gateway response \(customised.type): \(reason)")
                }
            }
        } else {
            description += ", not customised, so it carries no CORS headers"
        }
        let text = message ?? Self.defaultMessage(of: type)
        var body = #"{"message":"\#(text)"}"#
        if let template = customised?.responseTemplates.first(where: { $0.name.lowercased() == "application/json" }) {
            body = template.value
                .replacing("$context.error.messageString", with: "\"\(text)\"")
                .replacing("$context.error.validationErrorString", with: message ?? "")
                .replacing("$context.error.message", with: text)
        }
        return GatewayAnswer(
            status: status, headers: headers, route: route, producedBy: description, gatewayResponseType: type,
            body: body, notes: notes, faults: faults)
    }

    // MARK: - Mapping values

    enum MappedValue {
        case value(String)
        case absent(String)
        case fault(String)
    }

    /// The value of one header mapping for this request: a single-quoted static value, a
    /// request header, a path parameter or a stage variable. What comes from the backend or
    /// the deployed context cannot be known and is reported absent.
    func evaluateMapping(_ value: String, request: GatewayRequest, pathParameters: [Mapped], integration: Integration.Kind?) -> MappedValue {
        if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") {
            return .value(String(value.dropFirst().dropLast()))
        }
        if value.hasPrefix("method.request.header.") {
            let name = String(value.dropFirst("method.request.header.".count))
            return request.headers.value(name).map { .value($0) } ?? .absent("the request has no \(name) header")
        }
        if value.hasPrefix("method.request.path.") {
            let name = String(value.dropFirst("method.request.path.".count))
            return pathParameters.first { $0.name == name }.map { .value($0.value) } ?? .absent("the path has no {\(name)}")
        }
        if value.hasPrefix("method.request.querystring.") {
            return .absent("the simulated request has no query string")
        }
        if value.hasPrefix("stageVariables.") {
            let name = String(value.dropFirst("stageVariables.".count))
            return plan.stage.variables.first { $0.name == name }.map { .value($0.value) } ?? .absent("stage variable \(name) is not set")
        }
        if value.hasPrefix("integration.response.") {
            return integration == .mock
                ? .absent("a MOCK integration's response has no headers or body to map \(value) from")
                : .absent("\(value) comes from the backend, which the simulation does not call")
        }
        if value.hasPrefix("context.") {
            return .absent("\(value) depends on the deployed API and cannot be evaluated here")
        }
        return .fault(
            "value \(value) is neither quoted nor a mapping expression, so API Gateway refuses the definition; write '\(value)'")
    }

    // MARK: - Integrations

    /// Runs the method's integration: the backend is never called.
    private func integrate(
        _ method: PlanMethod, resource: PlanResource, pathParameters: [Mapped], request: GatewayRequest, route: String
    ) -> GatewayAnswer {
        let integration = method.integration
        var notes: [String] = []
        let context = VelocityTemplate.Request(
            headers: request.headers.fields, pathParameters: pathParameters, stageVariables: plan.stage.variables,
            httpMethod: request.method, resourcePath: resource.path, stage: request.stage)
        if integration.kind.isProxy {
            notes.append(
                "\(integration.kind.rawValue) passes the backend's answer through unchanged: CORS headers must come from the backend"
                    + (backendHeaders.isEmpty ? ", and none are assumed (give them with --backend-header)" : ""))
            return GatewayAnswer(
                status: 200, headers: backendHeaders.map { .init(name: $0.name, value: $0.value, source: "the backend, as stated") },
                route: route, producedBy: "\(integration.kind.rawValue) integration (the backend's answer, assumed 200)",
                notes: notes)
        }
        var backendStatus = 200
        var selectionInput = "200"
        var how: String
        if integration.kind == .mock {
            // A request without Content-Type is mapped with the application/json template.
            let contentType = request.headers.value("Content-Type").flatMap(FetchRules.mimeEssence) ?? "application/json"
            // Under `*/*` (or the request's type) as a binary media type the payload is binary:
            // without CONVERT_TO_TEXT no template reads it, the mock finds no statusCode and the
            // method fails with 500 (the doctor's DOC013).
            let binary = plan.api.binaryMediaTypes.contains("*/*") || plan.api.binaryMediaTypes.contains(contentType)
            let converts = integration.contentHandling == "CONVERT_TO_TEXT"
                || (!integration.responses.isEmpty && integration.responses.allSatisfy { $0.contentHandling == "CONVERT_TO_TEXT" })
            if binary, !converts {
                return gatewayResponse(
                    "API_CONFIGURATION_ERROR", request: request, route: route,
                    why: "the API treats \(plan.api.binaryMediaTypes.contains("*/*") ? "*/*" : contentType) as binary and the MOCK has no "
                        + "contentHandling CONVERT_TO_TEXT, so no request template reads the request and the mock fails")
            }
            if let template = integration.requestTemplates.first(where: { $0.name.lowercased() == contentType }) {
                do {
                    let outcome = try self.template(template.value).evaluate(context)
                    let document = try? DocumentReader.read(Array(outcome.output.utf8), file: "<request template>", format: .json)
                    if let code = document?["statusCode"]?.scalar.flatMap({ $0.integerValue ?? Int($0.text) }) {
                        backendStatus = code
                    } else {
                        notes.append("the request template's output has no statusCode; assumed 200")
                    }
                } catch {
                    notes.append("cannot evaluate the request template: \(error); assumed status 200")
                }
                how = "MOCK integration, request template \(template.name) gives status \(backendStatus)"
            } else {
                let refuses =
                    integration.passthroughBehavior == "NEVER"
                    || (integration.passthroughBehavior == "WHEN_NO_TEMPLATES" && !integration.requestTemplates.isEmpty)
                if refuses {
                    return gatewayResponse(
                        "UNSUPPORTED_MEDIA_TYPE", request: request, route: route,
                        why: "no request template for \(contentType) and passthrough behaviour \(integration.passthroughBehavior ?? "")")
                }
                notes.append("no request template for \(contentType): the body passes through to the mock; assumed status 200")
                how = "MOCK integration without a matching request template"
            }
            selectionInput = String(backendStatus)
        } else {
            notes.append("the \(integration.kind.rawValue) backend is not called; assumed to answer 200")
            how = "\(integration.kind.rawValue) integration (backend assumed to answer 200)"
            // A Lambda (AWS) integration selects on the error message, so a success selects the
            // default; any other AWS service selects on its status, as HTTP does.
            if integration.kind == .aws, integration.invokesLambda { selectionInput = "" }
        }
        guard let (selected, why) = selectResponse(integration.responses, for: selectionInput) else {
            var answer = gatewayResponse(
                "API_CONFIGURATION_ERROR", request: request, route: route,
                why: "no integration response matches \(selectionInput.isEmpty ? "a success" : "status \(selectionInput)") and there is no default")
            answer.notes = notes + answer.notes
            return answer
        }
        var status = Int(selected.statusCode) ?? 200
        how += ", integration response \(selected.statusCode) (\(why))"
        var headers: [GatewayAnswer.Header] = []
        var faults: [String] = []
        for parameter in selected.responseParameters {
            let prefix = "method.response.header."
            guard parameter.name.hasPrefix(prefix) else { continue }
            let name = String(parameter.name.dropFirst(prefix.count))
            switch evaluateMapping(parameter.value, request: request, pathParameters: pathParameters, integration: integration.kind) {
            case .value(let value):
                headers.append(.init(name: name, value: value, source: "\(parameter.value) (integration response \(selected.statusCode))"))
            case .absent(let reason):
                notes.append("\(name) is not sent: \(reason)")
            case .fault(let reason):
                if !importRuleViolations.contains(where: { $0.path == resource.path && $0.method == method.httpMethod && $0.rule.contains(parameter.value) }) {
                    faults.append(reason)
                }
                notes.append("\(name) is not sent: its value \(parameter.value) is not quoted")
            }
        }
        // The response template for application/json, else the first, may set overrides.
        if let template = selected.responseTemplates.first(where: { $0.name.lowercased() == "application/json" }) ?? selected.responseTemplates.first {
            do {
                let outcome = try self.template(template.value).evaluate(context)
                for override in outcome.headerOverrides {
                    headers.removeAll { $0.name.lowercased() == override.name.lowercased() }
                    headers.append(.init(name: override.name, value: override.value, source: "$context.responseOverride in the \(template.name) response template"))
                }
                if let code = outcome.statusOverride {
                    status = code
                    how += ", status overridden to \(code) by the response template"
                }
                // A template that chooses the origin and chose none is the answer to "why no
                // Access-Control-Allow-Origin": say that it ran.
                if template.value.contains("Access-Control-Allow-Origin"),
                    !headers.contains(where: { $0.name.lowercased() == "access-control-allow-origin" })
                {
                    notes.append(
                        "the \(template.name) response template of integration response \(selected.statusCode) ran and set no "
                            + "Access-Control-Allow-Origin: it sets the header only for the origins it lists")
                }
                for name in Set(outcome.repeatedOverrides).sorted() {
                    faults.append("the response template sets \(name) through $context.responseOverride more than once, which API Gateway answers with a 500")
                }
            } catch {
                notes.append("cannot evaluate the \(template.name) response template: \(error); the headers it would set are unknown")
            }
        }
        return GatewayAnswer(status: status, headers: headers, route: route, producedBy: how, notes: notes, faults: faults)
    }

    /// The integration response for a backend status (or Lambda error message): the first
    /// whose selection pattern matches the whole input, else the default.
    func selectResponse(_ responses: [IntegrationResponse], for input: String) -> (IntegrationResponse, String)? {
        if !input.isEmpty {
            for response in responses {
                guard let pattern = response.selectionPattern, !pattern.isEmpty, pattern != "default" else { continue }
                if let regex = try? Regex(pattern), (try? regex.wholeMatch(in: input)) != nil {
                    return (response, "selection pattern \(pattern) matches \(input)")
                }
            }
        }
        if let fallback = responses.first(where: { $0.selectionPattern == nil || $0.selectionPattern == "" || $0.selectionPattern == "default" }) {
            return (fallback, "default")
        }
        return nil
    }
}
