import CORS
import Diagnostics
import Plan
import Read

/// One run of the doctor over one plan: the checks, in the order their findings print.
struct Examination {
    let plan: GatewayPlan
    let locations: PlanLocations
    /// The policy the plan was planned with, when it was: a fault the policy decides then
    /// also says the edit to the policy file that removes it.
    let planning: Doctor.Planning?
    var findings = DiagnosticEngine()

    /// The methods a browser sends without a preflight and never checks against
    /// `Access-Control-Allow-Methods`.
    static let safelistedMethods: Set<String> = ["GET", "HEAD", "POST"]

    mutating func run() {
        // An HTTP API has none of what the checks below read (OPTIONS mocks, integration
        // responses and their templates, gateway responses, validators, a deployment): its
        // CORS is its configuration and its backends' headers.
        if plan.kind.answersPreflightsItself {
            examineHTTPAPI()
            return
        }
        guard hasCORS else {
            report(
                .note, DoctorCode.noCORS,
                "API Gateway adds no CORS headers to this API, so unless a proxy backend sends them, only pages on its own origin "
                    + "can call it; add OPTIONS methods and Access-Control-Allow-Origin, or generate them with oas2apigw convert --cors POLICY",
                browser: "a page on another origin is refused every response", at: locations[.api])
            examineImportRules(othersRan: false)
            return
        }
        for resource in plan.resources { examine(resource) }
        if plan.kind.validatesRequests { examineValidation() }
        if plan.kind.hasGatewayResponses { examineGatewayResponses() }
        if plan.kind.hasBinaryMediaTypes { examineBinaryMediaTypes() }
        examineDeployment()
        examineImportRules(othersRan: true)
    }

    /// Whether anything in the API speaks CORS; without it, one note says so instead of a
    /// finding per resource.
    private var hasCORS: Bool {
        for (_, method) in plan.methods {
            if method.role == .preflight { return true }
            for response in method.integration.responses {
                if response.responseParameters.contains(where: { $0.name.lowercased().contains("access-control-") }) { return true }
                if response.responseTemplates.contains(where: { $0.value.contains("Access-Control-Allow-Origin") }) { return true }
            }
        }
        return plan.gatewayResponses.contains { $0.responseParameters.contains { $0.name.lowercased().contains("access-control-") } }
    }

    // MARK: - Resources and methods

    private mutating func examine(_ resource: PlanResource) {
        let path = resource.path
        let options = resource.method("OPTIONS")
        let coveredByAny = resource.method("ANY") != nil
        let needing = resource.methods.filter { $0.httpMethod != "OPTIONS" && needsPreflight($0) }
        if options == nil, !coveredByAny, let first = needing.first {
            let verbs = needing.map(\.httpMethod).joined(separator: ", ") + (needing.count == 1 ? " needs" : " need")
            report(
                .error, DoctorCode.missingPreflight,
                "\(path) has no OPTIONS method, but \(verbs) a preflight; add an OPTIONS MOCK that answers with the CORS headers",
                browser: "the preflight gets API Gateway's 403 Missing Authentication Token, so the browser never sends \(first.httpMethod)",
                at: locations.first(.method(first.httpMethod, path), .resource(path)), policy: .need(path: path, nil))
        }
        if let options {
            let place = locations.first(.authorization("OPTIONS", path), .method("OPTIONS", path), .resource(path))
            if options.authorization.type != "NONE" {
                report(
                    .error, DoctorCode.protectedPreflight,
                    "OPTIONS \(path) requires \(options.authorization.type) authorization; set AuthorizationType NONE on it",
                    browser: "preflights carry no credentials, so the authorizer answers 401 and the browser blocks the request",
                    at: place, policy: .preflightAuthorizer)
            }
            if options.apiKeyRequired {
                report(
                    .error, DoctorCode.protectedPreflight,
                    "OPTIONS \(path) requires an API key; set ApiKeyRequired false on it",
                    browser: "preflights carry no x-api-key header, so API Gateway answers 403 and the browser blocks the request",
                    at: locations.first(.apiKey("OPTIONS", path)) ?? place, policy: .preflightAPIKey)
            }
            examinePreflightLists(options, on: resource)
        }
        let listed = options.map(Self.allowedMethods) ?? []
        for method in resource.methods {
            examineResponses(method, on: path, isCrossOrigin: listed.contains(method.httpMethod) || listed.contains("*"))
        }
    }

    /// Whether a browser sends a preflight before this method: a method other than GET,
    /// HEAD and POST, or a header that is not safelisted.
    private func needsPreflight(_ method: PlanMethod) -> Bool {
        !Self.safelistedMethods.contains(method.httpMethod) || !neededHeaders(method).isEmpty
    }

    /// The request headers a browser must be allowed to send for this method
    /// (`PlanMethod.browserRequestHeaders`, the rule the planner follows too).
    private func neededHeaders(_ method: PlanMethod) -> [String] {
        method.browserRequestHeaders(authorizers: plan.authorizers, sendsJSON: sendsJSON(method))
    }

    /// Whether the method takes a body a browser sends with a non-safelisted Content-Type:
    /// the spec's request body when there is a spec, else any PUT, PATCH or POST (JSON APIs).
    func sendsJSON(_ method: PlanMethod) -> Bool {
        guard ["PUT", "PATCH", "POST"].contains(method.httpMethod) else { return false }
        let formTypes: Set<String> = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]
        if let source = method.source, let operation = plan.document?["paths"]?[source.path]?[source.method] {
            let types = operation["requestBody"]?["content"]?.mapping?.keys.compactMap(\.text) ?? []
            return types.contains { !formTypes.contains($0.lowercased()) }
        }
        return true
    }

    /// Allow-Methods and Allow-Headers of a preflight against the resource's methods.
    private mutating func examinePreflightLists(_ options: PlanMethod, on resource: PlanResource) {
        let path = resource.path
        for response in options.integration.responses {
            let headers = Self.headerValues(response)
            let credentials = headers["access-control-allow-credentials"]?.value.staticValue == "true"
            if let allowMethods = headers["access-control-allow-methods"], let listed = allowMethods.value.staticValue {
                let allowed = Set(listed.split(separator: ",").map { $0.trimmingSpaces.uppercased() })
                let wildcard = allowed.contains("*") && !credentials
                let omitted = resource.methods.filter {
                    !Self.safelistedMethods.contains($0.httpMethod) && $0.httpMethod != "OPTIONS" && $0.httpMethod != "ANY"
                        && !allowed.contains($0.httpMethod)
                }
                let at = place(options, path, response, allowMethods.name)
                func policy(_ verb: String) -> PolicyNote {
                    options.role == .preflight ? .need(path: path, .method(verb)) : .ownOptions(path: path)
                }
                // An error where the method's own responses say it is meant for other origins.
                let crossOrigin = omitted.filter(Self.carriesAllowOrigin).map(\.httpMethod)
                if !wildcard, !crossOrigin.isEmpty {
                    let one = crossOrigin.count == 1
                    report(
                        .error, DoctorCode.allowedOriginMethodNotAllowed,
                        "Access-Control-Allow-Methods of OPTIONS \(path) is '\(listed)' and omits \(crossOrigin.joined(separator: ", ")), "
                            + "whose responses carry Access-Control-Allow-Origin, so the browser blocks every call of \(one ? "it" : "them") "
                            + "from another origin; add \(one ? "it" : "them") to the list, or remove \(one ? "its" : "their") CORS headers "
                            + "if \(one ? "it is" : "they are") not meant for other origins",
                        browser: "Method \(crossOrigin[0]) is not allowed by Access-Control-Allow-Methods in preflight response",
                        at: at, policy: policy(crossOrigin[0]))
                }
                // A warning: a policy may leave a method out on purpose, to keep it same-origin.
                let missing = omitted.map(\.httpMethod).filter { !crossOrigin.contains($0) }
                if !wildcard, !missing.isEmpty {
                    report(
                        .warning, DoctorCode.methodNotAllowed,
                        "Access-Control-Allow-Methods of OPTIONS \(path) is '\(listed)' and omits \(missing.joined(separator: ", ")); "
                            + "add \(missing.count == 1 ? "it" : "them") to the list if pages on other origins call \(missing.count == 1 ? "it" : "them")",
                        browser: "Method \(missing[0]) is not allowed by Access-Control-Allow-Methods in preflight response",
                        at: at, policy: policy(missing[0]))
                }
            }
            if let allowHeaders = headers["access-control-allow-headers"], let listed = allowHeaders.value.staticValue {
                let allowed = Set(listed.split(separator: ",").map { $0.trimmingSpaces.lowercased() })
                // `*` is a wildcard only without credentials, and never covers Authorization.
                let wildcard = allowed.contains("*") && !credentials
                var missing: [String] = []
                var users: [String] = []
                for method in resource.methods where method.httpMethod != "OPTIONS" {
                    for header in neededHeaders(method) where !allowed.contains(header.lowercased()) {
                        if wildcard, header.lowercased() != "authorization" { continue }
                        if !missing.contains(where: { $0.lowercased() == header.lowercased() }) { missing.append(header) }
                        if !users.contains(method.httpMethod) { users.append(method.httpMethod) }
                    }
                }
                if !missing.isEmpty {
                    report(
                        .error, DoctorCode.headerNotAllowed,
                        "Access-Control-Allow-Headers of OPTIONS \(path) is '\(listed)' and omits \(missing.joined(separator: ", ")), "
                            + "which \(users.joined(separator: ", ")) \(path) \(users.count == 1 ? "needs" : "need"); "
                            + "add \(missing.count == 1 ? "it" : "them") to the list",
                        browser: "Request header field \(missing[0].lowercased()) is not allowed by Access-Control-Allow-Headers in preflight response",
                        at: place(options, path, response, allowHeaders.name), policy: options.role == .preflight ? .need(path: path, .header(missing[0])) : .ownOptions(path: path))
                }
            }
        }
    }

    /// Whether the method's own responses carry `Access-Control-Allow-Origin`: a method
    /// response declares it, an integration response maps it, or a template sets it. Such a
    /// method is meant for pages on other origins.
    static func carriesAllowOrigin(_ method: PlanMethod) -> Bool {
        let name = "access-control-allow-origin"
        if method.methodResponses.contains(where: { $0.headers.contains { $0.lowercased() == name } }) { return true }
        return method.integration.responses.contains { response in
            headerValues(response)[name] != nil || response.responseTemplates.contains { $0.value.contains("Access-Control-Allow-Origin") }
        }
    }

    /// The methods a preflight's Allow-Methods lists, upper-cased.
    static func allowedMethods(_ options: PlanMethod) -> Set<String> {
        var result: Set<String> = []
        for response in options.integration.responses {
            guard let listed = headerValues(response)["access-control-allow-methods"]?.value.staticValue else { continue }
            for item in listed.split(separator: ",") { result.insert(item.trimmingSpaces.uppercased()) }
        }
        return result
    }

    /// `isCrossOrigin`: the resource's preflight allows the method, so its responses must
    /// allow the origin too; a method the preflight leaves out is same-origin by design.
    private mutating func examineResponses(_ method: PlanMethod, on path: String, isCrossOrigin: Bool) {
        let verb = method.httpMethod
        var anyAllowOrigin = false
        for response in method.integration.responses {
            let status = response.statusCode
            let declared = method.methodResponse(status)
            if declared == nil, !response.responseParameters.isEmpty {
                report(
                    .error, DoctorCode.undeclaredHeader,
                    "\(verb) \(path) maps headers for status \(status), which has no method response; add a method response \(status) "
                        + "declaring them",
                    browser: "the deployment fails, so the browser keeps getting the old API's answers",
                    at: locations.first(.integrationResponse(verb, path, status), .method(verb, path)))
            }
            for parameter in response.responseParameters {
                let prefix = "method.response.header."
                guard parameter.name.hasPrefix(prefix) else { continue }
                let header = String(parameter.name.dropFirst(prefix.count))
                let at = place(method, path, response, parameter.name)
                if let declared, !declared.headers.contains(where: { $0.lowercased() == header.lowercased() }) {
                    report(
                        .error, DoctorCode.undeclaredHeader,
                        "\(verb) \(path) maps \(header) for status \(status) but its method response does not declare it; "
                            + "add method.response.header.\(header) to the method response's ResponseParameters",
                        browser: "API Gateway refuses the mapping, so the deployment fails and the header never reaches the browser",
                        at: at)
                }
                // A value that did not evaluate (`!Ref …`) was reported by the reader.
                if !parameter.value.hasPrefix("!"), !GatewayPlan.isMappingExpression(parameter.value) {
                    report(
                        .error, DoctorCode.unquotedValue,
                        "the value \(parameter.value) of \(header) on \(verb) \(path) has no single quotes; write '\(parameter.value)'",
                        browser: "API Gateway reads it as a mapping expression and refuses it, so the header is never sent",
                        at: at, policy: method.role == .preflight ? .quote(parameter.value) : nil)
                }
            }
            let headers = Self.headerValues(response)
            let origin = headers["access-control-allow-origin"]
            let templateSetsOrigin = response.responseTemplates.contains { $0.value.contains("Access-Control-Allow-Origin") }
            if origin != nil || templateSetsOrigin { anyAllowOrigin = true }
            examineOrigin(
                origin, credentials: headers["access-control-allow-credentials"], vary: headers["vary"],
                dynamic: templateSetsOrigin, what: "\(verb) \(path)",
                at: origin.map { place(method, path, response, $0.name) } ?? locations.first(
                    .integrationResponse(verb, path, status), .method(verb, path)),
                policy: method.role == .existingOptions ? .ownOptions(path: path) : method.role == .preflight ? .oneOrigin : nil)
            for template in response.responseTemplates where Self.readsOriginParameter(template.value) {
                report(
                    .warning, DoctorCode.originFromParams,
                    "the response template of \(verb) \(path) reads $input.params('Origin'), which also finds a path or query "
                        + "parameter named Origin; read the header itself with $input.params().header.get(…) for each spelling of origin",
                    browser: "a request with ?Origin=… in its URL can choose the origin the API allows",
                    at: locations.first(
                        .responseTemplate(verb, path, status, template.name), .integrationResponse(verb, path, status), .integration(verb, path),
                        .method(verb, path)))
            }
        }
        for template in method.integration.requestTemplates where Self.readsOriginParameter(template.value) {
            report(
                .warning, DoctorCode.originFromParams,
                "the request template of \(verb) \(path) reads $input.params('Origin'), which also finds a path or query parameter "
                    + "named Origin; read the header with $input.params().header.get(…)",
                browser: "a request with ?Origin=… in its URL can choose the origin the API allows",
                at: locations.first(.integration(verb, path), .method(verb, path)))
        }
        if isCrossOrigin, method.role == .operation, verb != "OPTIONS", !method.integration.kind.isProxy, !anyAllowOrigin {
            report(
                .error, DoctorCode.missingAllowOrigin,
                "\(verb) \(path) uses a \(method.integration.kind.rawValue) integration, whose responses carry no "
                    + "Access-Control-Allow-Origin; map method.response.header.Access-Control-Allow-Origin on every integration response",
                browser: "the preflight passes, then the response is refused: No 'Access-Control-Allow-Origin' header is present on the requested resource",
                at: locations.first(.integration(verb, path), .method(verb, path)))
        }
    }

    /// Several origins, `*` with credentials, and a dynamic origin without `Vary: Origin`.
    private mutating func examineOrigin(
        _ origin: (name: String, value: String)?, credentials: (name: String, value: String)?, vary: (name: String, value: String)?,
        dynamic templateSetsOrigin: Bool, what: String, at place: SourceLocation?, policy: PolicyNote? = nil
    ) {
        let value = origin?.value.staticValue
        if let value, value.contains(",") || value.trimmingSpaces.contains(" ") {
            report(
                .error, DoctorCode.severalOrigins,
                "Access-Control-Allow-Origin of \(what) is '\(value)', several origins in one header; send only the request's "
                    + "origin when it is allowed (a mapping template, or oas2apigw convert --cors with several allowOrigins)",
                browser: "The 'Access-Control-Allow-Origin' header contains multiple values, but only one is allowed",
                at: place, policy: policy)
        }
        if value == "*", credentials?.value.staticValue?.lowercased() == "true" {
            report(
                .error, DoctorCode.wildcardWithCredentials,
                "\(what) answers Access-Control-Allow-Origin '*' with Access-Control-Allow-Credentials 'true'; name the allowed "
                    + "origin instead of *",
                browser: "The value of the 'Access-Control-Allow-Origin' header must not be the wildcard '*' when the request's credentials mode is 'include'",
                at: place, policy: policy)
        }
        let reflected = origin.map { $0.value.lowercased().hasPrefix("method.request.header.") } ?? false
        let varies = vary?.value.staticValue?.lowercased().split(separator: ",").contains { $0.trimmingSpaces == "origin" } ?? false
        if reflected || templateSetsOrigin, !varies {
            report(
                .warning, DoctorCode.missingVary,
                "\(what) chooses Access-Control-Allow-Origin per request but sends no Vary: Origin; map Vary to 'Origin'",
                browser: "a cache may hand one origin's answer to another origin, which the browser then refuses",
                at: place, policy: policy)
        }
    }

    // MARK: - Request validation

    /// Validators that refuse what a browser sends: a preflight made to carry parameters or a
    /// body, a required path parameter no URL of the resource has, and a refusal (400) a page
    /// on another origin cannot read.
    private mutating func examineValidation() {
        guard !plan.requestValidators.isEmpty else { return }
        var refused: [(type: String, method: String)] = []
        for (resource, method) in plan.methods {
            guard let name = method.requestValidator, let validator = plan.requestValidator(name) else { continue }
            let path = resource.path
            let verb = method.httpMethod
            let place = locations.first(.methodValidator(verb, path), .method(verb, path), .resource(path))
            let required = method.requestParameters.filter { $0.isRequired && $0.location != "path" }.map(\.key)
            if verb == "OPTIONS" {
                let needs = (validator.validatesParameters ? required : []) + (validator.validatesBody && !method.requestModels.isEmpty ? ["a body"] : [])
                if !needs.isEmpty {
                    report(
                        .error, DoctorCode.validatedPreflight,
                        "OPTIONS \(path) is validated by \(name), which requires \(needs.joined(separator: ", ")); a preflight carries "
                            + "none of them, so take the validator off OPTIONS (or those requirements)",
                        browser: "the preflight gets 400 BAD_REQUEST_\(validator.validatesParameters && !required.isEmpty ? "PARAMETERS" : "BODY") and the browser never sends the request",
                        at: place)
                }
                continue
            }
            if validator.validatesParameters {
                let variables = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast().replacing("+", with: "")) })
                for parameter in method.requestParameters where parameter.location == "path" && parameter.isRequired && !variables.contains(parameter.name) {
                    report(
                        .error, DoctorCode.validatorNeverPasses,
                        "\(verb) \(path) requires the path parameter \(parameter.name), which its path has no variable for, and \(name) "
                            + "checks parameters, so every request is refused; remove the parameter or put {\(parameter.name)} in the path",
                        browser: "every call gets 400 BAD_REQUEST_PARAMETERS",
                        at: place)
                }
                if !required.isEmpty || method.requestParameters.contains(where: { $0.isRequired }) { refused.append(("BAD_REQUEST_PARAMETERS", "\(verb) \(path)")) }
            }
            if validator.validatesBody, !method.requestModels.isEmpty { refused.append(("BAD_REQUEST_BODY", "\(verb) \(path)")) }
        }
        // The refusal's own gateway response, else DEFAULT_4XX, must carry the origin.
        for type in ["BAD_REQUEST_PARAMETERS", "BAD_REQUEST_BODY"] {
            let methods = refused.filter { $0.type == type }.map(\.method)
            guard let first = methods.first else { continue }
            let response = plan.gatewayResponses.first { $0.type == type } ?? plan.gatewayResponses.first { $0.type == "DEFAULT_4XX" }
            let carries = response?.responseParameters.contains { $0.name.lowercased() == "gatewayresponse.header.access-control-allow-origin" } ?? false
            guard !carries else { continue }
            report(
                .warning, DoctorCode.refusalWithoutCORS,
                "\(type), the 400 a validator answers (\(first)\(methods.count > 1 ? " and \(methods.count - 1) more" : "")), carries no "
                    + "Access-Control-Allow-Origin; map it on the \(type) gateway response (convert does, with the reason in the body)",
                browser: "a refused request shows as a CORS error, and the page never learns why it was refused",
                at: locations.first(.gatewayResponse(type), .gatewayResponse("DEFAULT_4XX"), .api))
        }
    }

    // MARK: - API-wide

    private mutating func examineGatewayResponses() {
        for type in ["DEFAULT_4XX", "DEFAULT_5XX"] {
            let response = plan.gatewayResponses.first { $0.type == type }
            let origin = response?.responseParameters.first { $0.name.lowercased() == "gatewayresponse.header.access-control-allow-origin" }
            guard let origin else {
                report(
                    .warning, DoctorCode.gatewayResponseWithoutCORS,
                    "\(type) carries no Access-Control-Allow-Origin; add a GatewayResponse \(type) mapping "
                        + "gatewayresponse.header.Access-Control-Allow-Origin to the origin whose pages should read API Gateway's "
                        + "own errors (one origin, or '*' without credentials: a gateway response cannot choose among several)",
                    browser: "API Gateway's own errors (403, 429, 5XX) reach the page as CORS failures, hiding the status",
                    at: planning?.gatewayResponsesPlace ?? locations.first(.gatewayResponse(type), .api),
                    policy: .gatewayResponse(type: type))
                continue
            }
            let headers = response?.responseParameters ?? []
            let place = locations.first(.gatewayResponseParameter(type, origin.name), .gatewayResponse(type))
            if !origin.value.hasPrefix("!"), !GatewayPlan.isMappingExpression(origin.value) {
                report(
                    .error, DoctorCode.unquotedValue,
                    "the value \(origin.value) of Access-Control-Allow-Origin on \(type) has no single quotes; write '\(origin.value)'",
                    browser: "API Gateway refuses the gateway response, so errors carry no CORS headers", at: place)
            }
            func header(_ name: String) -> (name: String, value: String)? {
                headers.first { $0.name.lowercased() == "gatewayresponse.header.\(name)" }.map { ($0.name, $0.value) }
            }
            examineOrigin(
                (origin.name, origin.value), credentials: header("access-control-allow-credentials"), vary: header("vary"),
                dynamic: false, what: type, at: place)
        }
    }

    private mutating func examineBinaryMediaTypes() {
        guard plan.api.binaryMediaTypes.contains("*/*") else { return }
        for (resource, method) in plan.methods where method.httpMethod == "OPTIONS" && method.integration.kind == .mock {
            let converts = method.integration.contentHandling == "CONVERT_TO_TEXT"
                || (!method.integration.responses.isEmpty
                    && method.integration.responses.allSatisfy { $0.contentHandling == "CONVERT_TO_TEXT" })
            if !converts {
                report(
                    .error, DoctorCode.binaryPreflight,
                    "the API treats */* as binary and OPTIONS \(resource.path) has no contentHandling CONVERT_TO_TEXT; "
                        + "set contentHandling (ContentHandling in a template) to CONVERT_TO_TEXT on its integration",
                    browser: "the MOCK cannot read the preflight as JSON and answers 500, so the browser blocks the request",
                    at: locations.first(.integration("OPTIONS", resource.path), .method("OPTIONS", resource.path), .binaryMediaTypes))
            }
        }
    }

    /// A deployment is taken again only when its logical ID or a property changes: a fixed
    /// ID with a fixed description keeps the first snapshot forever.
    private mutating func examineDeployment() {
        guard let deployment = plan.deployment else { return }
        let description = deployment.description ?? ""
        let changes = Self.hasVersionToken(deployment.logicalID) || Self.hasVersionToken(description) || description.hasPrefix("!")
        if !changes {
            report(
                .warning, DoctorCode.staleDeployment,
                "Deployment \(deployment.logicalID) has a fixed logical ID and description, so CloudFormation never redeploys "
                    + "the API when methods change; put a hash of the API in its logical ID on every change (convert does)",
                browser: "the stage keeps serving the first deployment, so CORS fixes never reach the browser",
                at: locations[.deployment])
        }
    }

    // MARK: - Import rules

    /// The API Gateway import rules (`GatewayPlan.importRuleViolations`) that no check above
    /// reported in its own terms: each one fails the import or the stack update. Without
    /// CORS the checks above did not run, so every broken rule is reported here.
    private mutating func examineImportRules(othersRan: Bool) {
        for violation in plan.importRuleViolations where !(othersRan && isReportedByOthers(violation)) {
            let verb = violation.method
            let path = violation.path
            let subject: String
            let fix: String
            let place: SourceLocation?
            switch violation.kind {
            case .protectedPreflight:
                subject = "\(verb) \(path)"
                fix = "set AuthorizationType NONE and ApiKeyRequired false on it"
                place = locations.first(.authorization(verb, path), .method(verb, path), .resource(path))
            case .undeclaredRequestParameter(let parameter):
                subject = "\(verb) \(path)"
                fix = "declare \(parameter) among the method's request parameters (RequestParameters in a template, "
                    + "a parameter of the operation in OpenAPI), or stop mapping it"
                place = locations.first(.integration(verb, path), .method(verb, path), .resource(path))
            case .statusWithoutMethodResponse(let status):
                subject = "\(verb) \(path)"
                fix = "add a method response \(status), or remove the integration response"
                place = locations.first(.integrationResponse(verb, path, status), .method(verb, path), .resource(path))
            case .undeclaredResponseHeader(let status, let header):
                subject = "\(verb) \(path)"
                fix = "declare method.response.header.\(header) in method response \(status), spelled as the mapping spells it"
                place = locations.first(
                    .responseParameter(verb, path, status, "method.response.header.\(header)"),
                    .integrationResponse(verb, path, status), .method(verb, path), .resource(path))
            case .unquotedValue(let status, let header):
                // A value that did not evaluate (`!Ref …`) was reported by the reader.
                if unevaluatedValue(violation, status: status, header: header) { continue }
                subject = "\(verb) \(path)"
                fix = "put a static value in single quotes"
                place = locations.first(
                    .responseParameter(verb, path, status, "method.response.header.\(header)"),
                    .integrationResponse(verb, path, status), .method(verb, path), .resource(path))
            case .unquotedGatewayResponseValue(let name, let value):
                if value.hasPrefix("!") { continue }
                subject = "gateway response \(verb)"
                fix = "write '\(value)'"
                place = locations.first(.gatewayResponseParameter(verb, name), .gatewayResponse(verb), .api)
            case .resourceTree:
                subject = "resource \(path)"
                fix = "rename the path so each segment is a plain part or a whole {name} and each parent has one variable "
                    + "child (convert --repair fixes those with a safe fix; see docs/api-gateway-limits.md)"
                place = locations.first(.resource(path), .api)
            }
            report(
                .error, DoctorCode.importRule, "\(subject) breaks an API Gateway import rule: \(violation.rule); \(fix)",
                browser: "API Gateway refuses the import or the stack update, so the browser keeps getting the old API's answers",
                at: place)
        }
    }

    /// Whether a check above reports this broken rule under its own code: DOC002 for a
    /// protected preflight, DOC003 for an unquoted value, DOC004 for an undeclared header
    /// (compared ignoring case) or for a status without a method response that maps headers.
    private func isReportedByOthers(_ violation: GatewayPlan.RuleViolation) -> Bool {
        let method = plan.resources.first { $0.path == violation.path }?.method(violation.method)
        switch violation.kind {
        case .protectedPreflight, .unquotedValue:
            return true
        case .undeclaredRequestParameter, .resourceTree:
            return false
        case .statusWithoutMethodResponse(let status):
            let response = method?.integration.responses.first { $0.statusCode == status }
            return response.map { !$0.responseParameters.isEmpty } ?? false
        case .undeclaredResponseHeader(let status, let header):
            let declared = method?.methodResponse(status)?.headers ?? []
            return !declared.contains { $0.lowercased() == header.lowercased() }
        case .unquotedGatewayResponseValue(let name, _):
            return ["DEFAULT_4XX", "DEFAULT_5XX"].contains(violation.method)
                && name.lowercased() == "gatewayresponse.header.access-control-allow-origin"
        }
    }

    /// Whether the unquoted value of `header` is an intrinsic function the reader could not evaluate.
    private func unevaluatedValue(_ violation: GatewayPlan.RuleViolation, status: String, header: String) -> Bool {
        let method = plan.resources.first { $0.path == violation.path }?.method(violation.method)
        let response = method?.integration.responses.first { $0.statusCode == status }
        let value = response?.responseParameters.first { $0.name == "method.response.header.\(header)" }?.value
        return value?.hasPrefix("!") ?? false
    }

    // MARK: - Helpers

    /// What a finding asks of the policy, for the edit said when the plan was planned.
    enum PolicyNote {
        /// The path needed this from the policy (nil: a preflight at all).
        case need(path: String, CORSPolicy.Need?)
        /// The fault is in an OPTIONS operation the spec writes itself, which the policy leaves alone.
        case ownOptions(path: String)
        /// API Gateway's own response of this type lacks the origin.
        case gatewayResponse(type: String)
        /// The preflight requires an authorizer, or an API key.
        case preflightAuthorizer, preflightAPIKey
        /// A header value lacks its single quotes.
        case quote(String)
        /// A generated preflight names several origins in one header.
        case oneOrigin
    }

    /// Reports a finding with what a browser does, then `also` (other places the fault is
    /// written), and with the policy edit when the plan was planned and `policy` says what
    /// the finding asks of it.
    mutating func report(
        _ severity: Diagnostic.Severity, _ code: DiagnosticCode, _ message: String, browser: String, at place: SourceLocation?,
        also: [Diagnostic.Note] = [], policy: PolicyNote? = nil
    ) {
        var notes: [Diagnostic.Note] = [.init("a browser: \(browser)", at: place)] + also
        if let planning, let policy, let note = planning.note(for: policy) {
            notes.append(.init(note, at: planning.notePlace(for: policy) ?? place))
        }
        findings.report(Diagnostic(severity, code: code, message, at: place, notes: notes))
    }

    private func place(_ method: PlanMethod, _ path: String, _ response: IntegrationResponse, _ name: String) -> SourceLocation? {
        locations.first(
            .responseParameter(method.httpMethod, path, response.statusCode, name),
            .integrationResponse(method.httpMethod, path, response.statusCode), .method(method.httpMethod, path), .resource(path))
    }

    /// `access-control-allow-origin` → (mapping key, value), from an integration response.
    static func headerValues(_ response: IntegrationResponse) -> [String: (name: String, value: String)] {
        var values: [String: (name: String, value: String)] = [:]
        for parameter in response.responseParameters where parameter.name.hasPrefix("method.response.header.") {
            let header = parameter.name.dropFirst("method.response.header.".count).lowercased()
            if values[header] == nil { values[header] = (parameter.name, parameter.value) }
        }
        return values
    }

    static func readsOriginParameter(_ template: String) -> Bool {
        let squeezed = template.filter { $0 != " " }.lowercased()
        return squeezed.contains("$input.params('origin')") || squeezed.contains("$input.params(\"origin\")")
    }

    /// A run of at least eight hex digits with a digit in it: a fingerprint or a build number.
    static func hasVersionToken(_ text: String) -> Bool {
        var run = 0
        var hasDigit = false
        for character in text {
            if character.isHexDigit {
                run += 1
                hasDigit = hasDigit || character.isNumber
                if run >= 8, hasDigit { return true }
            } else {
                run = 0
                hasDigit = false
            }
        }
        return false
    }
}

extension String {
    /// The text inside single quotes, for a static mapping value; `nil` for an expression.
    var staticValue: String? {
        guard count >= 2, hasPrefix("'"), hasSuffix("'") else { return nil }
        return String(dropFirst().dropLast())
    }
}

