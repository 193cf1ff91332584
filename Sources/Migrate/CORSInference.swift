import Diagnostics
import YAML
import Plan
import CORS
import Planning

/// Reads the CORS an existing API answers with, resource by resource, and turns it into a
/// policy file plus the plan without the CORS plumbing the planner regenerates.
///
/// Each resource is one of three things: answered by a preflight whose values are static
/// (its settings become the policy), without CORS at all (a rule turns CORS off there, as
/// the old API had it), or answered by something the policy cannot say, such as an origin
/// picked by a mapping template (kept as written, CORS off for the planner).
struct CORSInference {
    /// What a resource's CORS settings are, as the policy file spells them.
    struct Settings: Equatable {
        var origins: [String]
        var methods: [String]?
        var headers: [String]?
        var maxAge: Int?
        var credentials = false
        var expose: [String] = []
        var status = 204
    }

    /// What the policy does with one resource.
    enum Verdict: Equatable {
        /// CORS from a policy; `hasPreflight` is false when only the methods sent headers.
        case cors(Settings, hasPreflight: Bool)
        case off
        /// Left exactly as written; the reason goes into the report.
        case kept(reason: String)
    }

    /// The headers CORS uses, in lower case; a `Vary` that names Origin counts too.
    static let corsHeaders: Set<String> = [
        "access-control-allow-origin", "access-control-allow-methods", "access-control-allow-headers",
        "access-control-allow-credentials", "access-control-expose-headers", "access-control-max-age",
    ]

    var verdicts: [(path: String, verdict: Verdict)] = []
    var policy: Node?
    var strippedPlan: GatewayPlan
    /// The gateway response types whose CORS headers the policy now writes.
    var gatewayResponseTypes: [String] = []

    init(_ plan: GatewayPlan) {
        strippedPlan = plan
        if plan.kind.answersPreflightsItself {
            // An HTTP API's CORS is one configuration: it is the policy, whole.
            policy = plan.cors.map { Self.policyNode(of: $0, plan: plan) }
            strippedPlan.cors = nil
            // The OPTIONS routes that only let preflights past an authorizer are the planner's
            // to add again, beside the routes that need one, while the policy gives the API CORS.
            for index in strippedPlan.resources.indices {
                strippedPlan.resources[index].methods.removeAll { $0.role == .preflight }
            }
            if policy != nil {
                verdicts = plan.resources.filter { !$0.methods.isEmpty }.map { resource in
                    (resource.path, .cors(Settings(origins: plan.cors?.allowOrigins ?? []), hasPreflight: true))
                }
            }
            return
        }
        for resource in plan.resources where !resource.methods.isEmpty {
            verdicts.append((resource.path, Self.verdict(for: resource)))
        }
        let inferred = verdicts.compactMap { entry -> (path: String, settings: Settings, hasPreflight: Bool)? in
            if case .cors(let settings, let hasPreflight) = entry.verdict { return (entry.path, settings, hasPreflight) }
            return nil
        }
        guard !inferred.isEmpty else { return }
        gatewayResponseTypes = Self.gatewayResponseTypes(plan)
        policy = Self.policyNode(inferred, verdicts: verdicts, plan: plan, gatewayResponseTypes: gatewayResponseTypes)
        strip()
    }

    /// The resources whose CORS the policy now states.
    var coveredPaths: Set<String> {
        Set(verdicts.compactMap { entry -> String? in
            if case .cors = entry.verdict { return entry.path }
            return nil
        })
    }

    // MARK: - Reading a resource

    /// Reads one resource: its preflight's static values, or why it has no CORS, or why the
    /// policy cannot say what it answers.
    static func verdict(for resource: PlanResource) -> Verdict {
        let operations = resource.methods.filter { $0.httpMethod != "OPTIONS" }
        let options = resource.method("OPTIONS")
        if operations.isEmpty {
            return .kept(reason: "\(resource.path) has only an OPTIONS method, which the policy cannot attach to")
        }
        var expose: [String] = []
        var credentials = false
        var operationOrigin: String?
        for method in operations {
            for response in method.integration.responses {
                let values = headerValues(response.responseParameters)
                if expose.isEmpty, let value = values["access-control-expose-headers"].flatMap(staticValue) { expose = list(value) }
                if values["access-control-allow-credentials"].flatMap(staticValue) == "true" { credentials = true }
                if operationOrigin == nil, let origin = values["access-control-allow-origin"].flatMap(staticValue) {
                    operationOrigin = origin
                }
            }
        }
        guard let options else {
            guard let origin = operationOrigin, isOrigin(origin) else { return .off }
            return .cors(Settings(origins: [origin], credentials: credentials, expose: expose), hasPreflight: false)
        }
        guard options.role == .preflight, options.integration.kind == .mock else {
            return .kept(reason: "OPTIONS \(resource.path) is not a MOCK that sends Access-Control-Allow-Methods, so it is kept as written")
        }
        let response = options.integration.responses.first { $0.selectionPattern == nil } ?? options.integration.responses.first
        guard let response else { return .kept(reason: "OPTIONS \(resource.path) has no integration response, so it is kept as written") }
        if response.responseTemplates.contains(where: { $0.value.contains("responseOverride") }) {
            return .kept(reason: "OPTIONS \(resource.path) sets headers in a mapping template, which a policy cannot express, so it is kept as written")
        }
        let values = headerValues(response.responseParameters)
        guard let originValue = values["access-control-allow-origin"], let origin = staticValue(originValue), isOrigin(origin) else {
            return .kept(
                reason: "OPTIONS \(resource.path) answers no static Access-Control-Allow-Origin (\(values["access-control-allow-origin"] ?? "none")), "
                    + "so it is kept as written")
        }
        guard let status = Int(response.statusCode), status == 200 || status == 204 else {
            return .kept(reason: "OPTIONS \(resource.path) answers \(response.statusCode), not 200 or 204, so it is kept as written")
        }
        // Browsers refuse a list in Access-Control-Allow-Origin; the list says which origins were meant.
        let origins = list(origin)
        guard !origins.isEmpty, origins.allSatisfy(isOrigin) else {
            return .kept(reason: "OPTIONS \(resource.path) answers the origin \(originValue), which the policy cannot express, so it is kept as written")
        }
        var settings = Settings(origins: origins, credentials: credentials, expose: expose, status: status)
        // Names that are not methods (SAM lists every key of a path item: PARAMETERS, SUMMARY)
        // allow nothing and are left out.
        settings.methods = values["access-control-allow-methods"].flatMap(staticValue).map {
            list($0).map { $0.uppercased() }.filter { $0 == "*" || HTTPMethod(rawValue: $0) != nil }
        }
        settings.headers = values["access-control-allow-headers"].flatMap(staticValue).map(list)
        settings.maxAge = values["access-control-max-age"].flatMap(staticValue).flatMap { Int($0) }
        if values["access-control-allow-credentials"].flatMap(staticValue) == "true" { settings.credentials = true }
        // Browsers refuse credentials beside `*`, so no credentialed request ever worked:
        // the policy, which refuses the pair (CORS003), keeps what did work.
        if settings.origins == ["*"] { settings.credentials = false }
        return .cors(settings, hasPreflight: true)
    }

    /// Header name in lower case → mapped value, for `method.response.header.` entries.
    static func headerValues(_ parameters: [Mapped]) -> [String: String] {
        var values: [String: String] = [:]
        for parameter in parameters {
            guard let header = PlanFacts.headerName(parameter.name, prefix: "method.response.header.") else { continue }
            values[header.lowercased()] = parameter.value
        }
        return values
    }

    /// The static text of a mapping value: `'x'` is x; a bare value that is no mapping
    /// expression is taken as what its author meant (API Gateway would refuse it).
    static func staticValue(_ value: String) -> String? {
        if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") { return String(value.dropFirst().dropLast()) }
        if GatewayPlan.isMappingExpression(value) { return nil }
        return value
    }

    /// A header value's comma-separated items, without the spaces around them.
    static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }

    /// `*` or something shaped like `scheme://host`; the policy reader checks the rest.
    static func isOrigin(_ text: String) -> Bool { text == "*" || text.contains("://") }

    // MARK: - The policy

    /// The gateway response types the policy names: those that carried CORS headers, and
    /// DEFAULT_4XX and DEFAULT_5XX, which every type falls back to.
    static func gatewayResponseTypes(_ plan: GatewayPlan) -> [String] {
        var types = Set(["DEFAULT_4XX", "DEFAULT_5XX"])
        for response in plan.gatewayResponses
        where response.responseParameters.contains(where: { isCORSParameter($0, prefix: "gatewayresponse.header.") }) {
            types.insert(response.type)
        }
        return types.sorted()
    }

    /// Whether a response parameter sets a CORS header (or a `Vary` that names Origin).
    static func isCORSParameter(_ parameter: Mapped, prefix: String) -> Bool {
        guard let header = PlanFacts.headerName(parameter.name, prefix: prefix)?.lowercased() else { return false }
        return corsHeaders.contains(header) || (header == "vary" && parameter.value.lowercased().contains("origin"))
    }

    /// The value most resources share; the first one seen wins a tie.
    static func mostCommon<T: Equatable>(_ values: [T]) -> T? {
        var best: (value: T, count: Int)?
        for value in values {
            let count = values.filter { $0 == value }.count
            if count > (best?.count ?? 0) { best = (value, count) }
        }
        return best?.value
    }

    /// The policy file: the values most resources share at the top, one rule per distinct
    /// set of overrides, and one rule turning CORS off where the old API had none.
    /// An HTTP API's CORS configuration as the policy that plans it again: what the planner
    /// would derive by itself (the routes' methods) is left to it.
    static func policyNode(of cors: CORSConfiguration, plan: GatewayPlan) -> Node {
        var root = Mapping()
        root["allowOrigins"] = strings(cors.allowOrigins)
        if cors.allowMethods != HTTPAPIPlanning.routeMethods(of: plan) { root["allowMethods"] = strings(cors.allowMethods) }
        // An empty list too: left out, the policy's default would allow five headers.
        root["allowHeaders"] = strings(cors.allowHeaders)
        if !cors.exposeHeaders.isEmpty { root["exposeHeaders"] = strings(cors.exposeHeaders) }
        // Browsers refuse credentials beside `*`, so no credentialed request ever worked:
        // the policy keeps what did (a listed fix).
        if cors.allowCredentials, !cors.allowOrigins.contains("*") { root["allowCredentials"] = .bool(true) }
        if let maxAge = cors.maxAge { root["maxAge"] = .int(maxAge) }
        return .mapping(root)
    }

    static func policyNode(
        _ inferred: [(path: String, settings: Settings, hasPreflight: Bool)], verdicts: [(path: String, verdict: Verdict)], plan: GatewayPlan,
        gatewayResponseTypes: [String]
    ) -> Node {
        let all = inferred.map(\.settings)
        // What a preflight answered is only known where there was one; a resource that gets
        // its first preflight takes the policy's values.
        let answered = inferred.filter(\.hasPreflight).map(\.settings)
        var union: [String] = []
        for settings in all { for origin in settings.origins where !union.contains(origin) { union.append(origin) } }
        // `*` cannot stand beside other origins (CORS004): then the most common set leads.
        let topOrigins = union.contains("*") && union.count > 1 ? (mostCommon(all.map(\.origins)) ?? ["*"]) : union
        let topHeaders = mostCommon(answered.map(\.headers)) ?? nil
        let topMaxAge = mostCommon(answered.map(\.maxAge)) ?? nil
        let topCredentials = mostCommon(all.map(\.credentials)) ?? false
        let topExpose = mostCommon(all.map(\.expose)) ?? []
        let topStatus = mostCommon(answered.map(\.status)) ?? 204

        var root = Mapping()
        root["allowOrigins"] = strings(topOrigins)
        if let topHeaders { root["allowHeaders"] = strings(topHeaders) }
        if !topExpose.isEmpty { root["exposeHeaders"] = strings(topExpose) }
        if topCredentials { root["allowCredentials"] = .bool(true) }
        if let topMaxAge { root["maxAge"] = .int(topMaxAge) }
        if topStatus != 204 { root["preflightStatus"] = .int(topStatus) }
        if gatewayResponseTypes != ["DEFAULT_4XX", "DEFAULT_5XX"] { root["gatewayResponses"] = strings(gatewayResponseTypes) }

        // One rule per distinct set of overrides, listing every path that needs it.
        var rules: [(overrides: Mapping, paths: [String])] = []
        for (path, settings, hasPreflight) in inferred {
            var overrides = Mapping()
            if settings.origins != topOrigins { overrides["allowOrigins"] = strings(settings.origins) }
            if let methods = settings.methods, let resource = plan.resource(at: path) {
                let verbs = resource.methods.map(\.httpMethod).filter { $0 != "OPTIONS" }
                let defaults = HTTPSyntax.sortedMethods(CORSResolver.declaredMethods(verbs) + ["OPTIONS"])
                if methods != defaults { overrides["allowMethods"] = strings(methods) }
            }
            if hasPreflight, settings.headers != topHeaders { overrides["allowHeaders"] = strings(settings.headers ?? CORSResolver.defaultAllowHeaders) }
            if settings.expose != topExpose { overrides["exposeHeaders"] = strings(settings.expose) }
            if settings.credentials != topCredentials { overrides["allowCredentials"] = .bool(settings.credentials) }
            if hasPreflight, settings.maxAge != topMaxAge, let maxAge = settings.maxAge { overrides["maxAge"] = .int(maxAge) }
            if hasPreflight, settings.status != topStatus { overrides["preflightStatus"] = .int(settings.status) }
            guard !overrides.isEmpty else { continue }
            if let index = rules.firstIndex(where: { $0.overrides == overrides }) {
                rules[index].paths.append(path)
            } else {
                rules.append((overrides, [path]))
            }
        }
        var ruleNodes: [Node] = rules.map { rule in
            var entry = Mapping()
            entry["paths"] = strings(rule.paths)
            for (key, value) in rule.overrides.entries { entry.append(key: key, value: value) }
            return .mapping(entry)
        }
        let offPaths = verdicts.compactMap { entry -> String? in
            switch entry.verdict {
            case .off, .kept: return entry.path
            case .cors: return nil
            }
        }
        if !offPaths.isEmpty { ruleNodes.append(["paths": strings(offPaths), "enabled": false]) }
        if !ruleNodes.isEmpty { root["rules"] = .sequence(ruleNodes) }
        return .mapping(root)
    }

    /// A YAML list of strings.
    static func strings(_ values: [String]) -> Node { .sequence(values.map { .string($0) }) }

    // MARK: - Stripping what the planner regenerates

    /// Removes the preflights and CORS headers of the resources the policy now covers,
    /// and the CORS headers of every gateway response.
    private mutating func strip() {
        let covered = coveredPaths
        for index in strippedPlan.resources.indices where covered.contains(strippedPlan.resources[index].path) {
            var resource = strippedPlan.resources[index]
            resource.methods.removeAll { $0.httpMethod == "OPTIONS" }
            for m in resource.methods.indices {
                var method = resource.methods[m]
                for r in method.integration.responses.indices {
                    method.integration.responses[r].responseParameters.removeAll { Self.isCORSParameter($0, prefix: "method.response.header.") }
                }
                for r in method.methodResponses.indices {
                    let status = method.methodResponses[r].statusCode
                    let stillMapped = Set(
                        method.integration.responses.filter { $0.statusCode == status }.flatMap(\.responseParameters).compactMap {
                            PlanFacts.headerName($0.name, prefix: "method.response.header.")?.lowercased()
                        })
                    method.methodResponses[r].headers.removeAll { header in
                        let name = header.lowercased()
                        return Self.corsHeaders.contains(name) || (name == "vary" && !stillMapped.contains("vary"))
                    }
                }
                resource.methods[m] = method
            }
            strippedPlan.resources[index] = resource
        }
        strippedPlan.gatewayResponses = strippedPlan.gatewayResponses.compactMap { response in
            var response = response
            response.responseParameters.removeAll { Self.isCORSParameter($0, prefix: "gatewayresponse.header.") }
            let isEmpty = response.responseParameters.isEmpty && response.responseTemplates.isEmpty && response.statusCode == nil
            return isEmpty ? nil : response
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
