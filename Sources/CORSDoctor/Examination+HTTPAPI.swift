import Diagnostics
import Plan
import Read

/// The CORS faults of an HTTP API, whose CORS is its configuration (answered by API Gateway
/// for every preflight, added to every response) or, without one, its backends' headers.
///
/// The rules are the simulator's (`Preflight.HTTPAPICORS`, docs/troubleshooting.md, "HTTP APIs"): with a
/// configuration API Gateway drops the backends' CORS headers; a route behind an authorizer
/// that a preflight reaches answers it 401 first; `*` with credentials is refused.
extension Examination {
    mutating func examineHTTPAPI() {
        let declared = backendCORSHeaders()
        guard let cors = plan.cors else {
            guard !declared.isEmpty else {
                report(
                    .note, DoctorCode.noCORS,
                    "the HTTP API has no CORS configuration and no route declares CORS headers, so unless a backend sends them "
                        + "only pages on its own origin can call it; add a CORS configuration (CorsConfiguration, or "
                        + "x-amazon-apigateway-cors in OpenAPI), or convert with --cors POLICY",
                    browser: "a page on another origin is refused every response", at: locations[.api])
                return
            }
            examineRoutesReachingPreflights()
            examineAuthorizedPreflights()
            return
        }
        if cors.allowCredentials, cors.allowOrigins.contains("*") {
            // At the `*` to replace; the note at the setting that makes it a fault.
            let origins = locations.first(.corsSetting("allowOrigins"), .cors, .api)
            let credentials = locations.first(.corsSetting("allowCredentials"), .cors, .api)
            report(
                .error, DoctorCode.wildcardWithCredentials,
                "the CORS configuration allows origin * with allowCredentials true, which API Gateway refuses (allow-credentials "
                    + "is not supported if allow-origin is *), so the API is never created or updated; list the origins that "
                    + "send credentials in allowOrigins instead of *",
                browser: "even if it were accepted, The value of the 'Access-Control-Allow-Origin' header must not be the "
                    + "wildcard '*' when the request's credentials mode is 'include'",
                at: origins, also: credentials.map { [.init("allowCredentials is true here, which is what makes * a fault", at: $0)] } ?? [])
        }
        for route in declared {
            report(
                .warning, DoctorCode.ignoredBackendCORS,
                "\(route.key) declares \(route.headers.joined(separator: ", ")) on its responses, but the API has a CORS "
                    + "configuration, so API Gateway drops the backend's CORS headers and sends the configuration's; stop "
                    + "sending them from the backend and put what they allow into the CORS configuration",
                browser: "only the configuration's CORS headers arrive, whatever the backend sends", at: route.place)
        }
        examineAuthorizedPreflights()
    }

    /// A route that declares `Access-Control-*` headers of its own backend, and where.
    struct DeclaredCORS {
        var key: String
        var headers: [String]
        var place: SourceLocation?
    }

    /// The routes whose backend is declared to send CORS headers: in their method responses,
    /// in their integration's response mappings, or in the spec's responses for the route.
    private func backendCORSHeaders() -> [DeclaredCORS] {
        var found: [DeclaredCORS] = []
        for route in plan.routes {
            let verb = route.method.httpMethod
            let path = route.resource.path
            var headers: [String] = []
            var place: SourceLocation?
            func add(_ written: String, at location: SourceLocation?) {
                // `method.response.header.X`, `overwrite:header.X` or the header itself.
                let lower = written.lowercased()
                guard let start = lower.firstRange(of: "access-control-") else { return }
                let name = String(written.dropFirst(lower.distance(from: lower.startIndex, to: start.lowerBound)))
                guard !headers.contains(where: { $0.lowercased() == name.lowercased() }) else { return }
                headers.append(name)
                place = place ?? location
            }
            for response in route.method.methodResponses {
                for header in response.headers { add(header, at: locations[.methodResponse(verb, path, response.statusCode)]) }
            }
            for response in route.method.integration.responses {
                for parameter in response.responseParameters {
                    add(
                        parameter.name,
                        at: locations.first(
                            .responseParameter(verb, path, response.statusCode, parameter.name), .integrationResponse(verb, path, response.statusCode)))
                }
            }
            if let source = route.method.source,
                let responses = plan.document?["paths"]?[source.path]?[source.method]?["responses"]?.mapping
            {
                for entry in responses.entries {
                    for name in entry.value["headers"]?.mapping?.keys.compactMap(\.text) ?? [] { add(name, at: nil) }
                }
            }
            if !headers.isEmpty {
                found.append(
                    DeclaredCORS(
                        key: route.key, headers: headers,
                        place: place ?? locations.first(.integration(verb, path), .method(verb, path), .resource(path))))
            }
        }
        return found
    }

    /// Without a configuration the backends' headers are the only CORS there is, so a
    /// preflight must reach a backend: a route that needs one and whose path no OPTIONS,
    /// ANY, greedy or `$default` route takes gets 404 Not Found.
    private mutating func examineRoutesReachingPreflights() {
        let routes = plan.routes
        for route in routes where route.resource.path != GatewayPlan.defaultRoutePath && route.method.httpMethod != "OPTIONS" {
            let path = route.resource.path
            let reasons = preflightReasons(route.method)
            guard !reasons.isEmpty else { continue }
            let reached = routes.contains { other in
                other.resource.path == GatewayPlan.defaultRoutePath
                    || ((other.method.httpMethod == "OPTIONS" || other.method.httpMethod == "ANY")
                        && Self.covers(other.resource.path, path))
            }
            guard !reached else { continue }
            report(
                .error, DoctorCode.missingPreflight,
                "\(route.key) needs a preflight (\(reasons.joined(separator: ", "))), but no route takes OPTIONS \(path) and the "
                    + "API has no CORS configuration; add a CORS configuration, so API Gateway answers preflights itself, or an "
                    + "OPTIONS \(path) route without authorization whose backend answers with the CORS headers",
                browser: "the preflight gets 404 Not Found, so the browser never sends \(route.method.httpMethod)",
                at: locations.first(.method(route.method.httpMethod, path), .resource(path)))
        }
    }

    /// Routes that answer a preflight 401 before anything else can: an OPTIONS route behind
    /// authorization, and an ANY or `$default` route behind authorization that no OPTIONS
    /// route without it comes before. The CORS page documents the `$default` case and its
    /// fix, an `OPTIONS /{proxy+}` route without authorization, which outranks `$default`;
    /// on one path a route of the request's method outranks ANY.
    private mutating func examineAuthorizedPreflights() {
        let open = plan.routes.filter { $0.method.httpMethod == "OPTIONS" && $0.method.authorization.type == "NONE" }
        for route in plan.routes where route.method.authorization.type != "NONE" {
            let verb = route.method.httpMethod
            let path = route.resource.path
            let type = route.method.authorization.type
            let place = locations.first(.authorization(verb, path), .method(verb, path), .resource(path), .api)
            if verb == "OPTIONS" {
                report(
                    .error, DoctorCode.protectedPreflight,
                    "the route OPTIONS \(path) requires \(type) authorization; set AuthorizationType NONE on it",
                    browser: "a preflight carries no credentials, so the authorizer answers 401 and the browser blocks the request",
                    at: place)
                continue
            }
            guard verb == "ANY" else { continue }
            let isDefault = path == GatewayPlan.defaultRoutePath
            let covered = open.contains { options in
                isDefault ? Self.isRootGreedy(options.resource.path) : options.resource.path == path
            }
            guard !covered else { continue }
            let fixPath = isDefault ? "/{proxy+}" : path
            report(
                .error, DoctorCode.preflightCaughtByAuthorizer,
                "\(route.key) requires \(type) authorization and takes the preflights "
                    + (isDefault ? "of every path no other route takes" : "of \(path)")
                    + ", before API Gateway can answer them from the CORS configuration; add an OPTIONS \(fixPath) route with "
                    + "AuthorizationType NONE and the same integration (convert adds one)",
                browser: "the preflight carries no token, so the authorizer answers 401 and the browser reports that the "
                    + "preflight does not have HTTP ok status",
                at: place)
        }
    }

    /// Why a browser preflights a call of this route, in a few words; empty when it does not.
    private func preflightReasons(_ method: PlanMethod) -> [String] {
        var reasons: [String] = []
        if !Self.safelistedMethods.contains(method.httpMethod) { reasons.append("method \(method.httpMethod)") }
        for header in identityHeaders(method) { reasons.append("header \(header)") }
        if sendsJSON(method) { reasons.append("a JSON Content-Type") }
        for parameter in method.requestParameters where parameter.location == "header" {
            if !PlanMethod.safelistedRequestHeaders.contains(parameter.name.lowercased()) { reasons.append("header \(parameter.name)") }
        }
        return reasons
    }

    /// The headers an HTTP API route's authorization makes a page send: a JWT or Lambda
    /// authorizer's identity headers (`$request.header.Authorization` for a JWT authorizer
    /// without one), IAM's signature headers.
    private func identityHeaders(_ method: PlanMethod) -> [String] {
        switch method.authorization.type {
        case "AWS_IAM":
            return ["Authorization", "X-Amz-Date"]
        case "JWT", "CUSTOM":
            let authorizer = plan.authorizers.first { $0.name == method.authorization.authorizerName }
            let fallback = method.authorization.type == "JWT" ? "$request.header.Authorization" : ""
            let prefix = "$request.header."
            return (authorizer?.identitySource ?? fallback).split(separator: ",").compactMap { source in
                let text = source.trimmingSpaces
                return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil
            }
        default:
            return []
        }
    }

    /// Whether the route path `pattern` takes requests on the path `path` (itself a route
    /// path, whose `{variables}` stand for any segment): literal parts must be equal, a
    /// `{variable}` takes any one segment, a greedy `{name+}` one segment or more.
    static func covers(_ pattern: String, _ path: String) -> Bool {
        let parts = pattern.split(separator: "/")
        let segments = path.split(separator: "/")
        for (index, part) in parts.enumerated() {
            if part.hasPrefix("{"), part.hasSuffix("+}") { return index < segments.count }
            guard index < segments.count else { return false }
            if !part.hasPrefix("{"), part != segments[index] { return false }
        }
        return parts.count == segments.count
    }

    /// Whether a route path is one greedy variable at the root (`/{proxy+}`), which takes
    /// every path but the root itself.
    static func isRootGreedy(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.count == 1 && parts[0].hasPrefix("{") && parts[0].hasSuffix("+}")
    }
}
