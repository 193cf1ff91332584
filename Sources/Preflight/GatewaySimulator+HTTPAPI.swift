import Plan

/// What an HTTP API (`plan.kind == .http`) answers: its routing, its authorizers, and the
/// CORS configuration API Gateway answers preflights from.
///
/// Each rule says whether an AWS page documents it or it is observed behaviour the page
/// leaves open; the tests cite the page for each.
extension GatewaySimulator {
    /// The route an HTTP API picks for a request, and the path variables it binds.
    public struct HTTPRoute: Sendable, Equatable {
        /// `GET /pets/{petId}`, `ANY /{proxy+}`, `$default`.
        public var key: String
        public var resource: PlanResource
        public var method: PlanMethod
        public var pathParameters: [Mapped]
    }

    /// The route that answers `method` on `path`, by the priority AWS documents
    /// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html,
    /// "Routing API requests"): a route whose path matches without a greedy variable, then one
    /// with a greedy `{name+}` (which takes one segment or more), then `$default`; `nil` when
    /// none matches.
    ///
    /// Among routes of one priority a literal segment beats a `{variable}` at the first
    /// segment where they differ (the page's `GET /pets/dog/1` over `GET /pets/dog/{id}`),
    /// and a route of the request's own method beats `ANY` on the same path (the page: ANY
    /// matches "all methods that you haven't defined for a resource").
    public func httpRoute(method: String, path: String) -> HTTPRoute? {
        let segments = path.split(separator: "/").map(String.init)
        var best: (rank: [Int], route: HTTPRoute)?
        for route in plan.routes where route.resource.path != GatewayPlan.defaultRoutePath {
            guard route.method.httpMethod == method || route.method.httpMethod == "ANY" else { continue }
            let parts = route.resource.path.split(separator: "/").map(String.init)
            guard let (partRanks, bound) = Self.match(parts, segments) else { continue }
            let isGreedy = partRanks.last == 2
            let rank = [isGreedy ? 1 : 0] + partRanks + [route.method.httpMethod == "ANY" ? 1 : 0]
            if best.map({ rank.lexicographicallyPrecedes($0.rank) }) ?? true {
                best = (rank, HTTPRoute(key: route.key, resource: route.resource, method: route.method, pathParameters: bound))
            }
        }
        if let best { return best.route }
        return plan.routes.first { $0.resource.path == GatewayPlan.defaultRoutePath }.map {
            HTTPRoute(key: $0.key, resource: $0.resource, method: $0.method, pathParameters: [])
        }
    }

    /// Matches route path parts against request segments: for each part 0 (literal), 1
    /// (`{variable}`) or 2 (greedy `{name+}`, last), and the variables bound.
    private static func match(_ parts: [String], _ segments: [String]) -> ([Int], [Mapped])? {
        var ranks: [Int] = []
        var bound: [Mapped] = []
        for (index, part) in parts.enumerated() {
            if part.hasPrefix("{"), part.hasSuffix("+}") {
                guard index < segments.count else { return nil }
                bound.append(Mapped(String(part.dropFirst().dropLast(2)), segments[index...].joined(separator: "/")))
                return (ranks + [2], bound)
            }
            guard index < segments.count else { return nil }
            if part.hasPrefix("{"), part.hasSuffix("}") {
                ranks.append(1)
                bound.append(Mapped(String(part.dropFirst().dropLast()), segments[index]))
            } else if part == segments[index] {
                ranks.append(0)
            } else {
                return nil
            }
        }
        return parts.count == segments.count ? (ranks, bound) : nil
    }

    /// What an HTTP API answers to `request`.
    func answerHTTPAPI(_ request: GatewayRequest) -> GatewayAnswer {
        var path = request.path
        var notes: [String] = []
        if request.stage != plan.stage.name {
            // Documented (routes page): a request naming no stage of the API goes to the
            // $default stage, where the would-be stage is part of the path; without a
            // $default stage the API answers 404 Not Found.
            guard plan.stage.name == APIKind.http.defaultStageName else {
                return GatewayAnswer(
                    status: 404, producedBy: "no stage \(request.stage) (the plan deploys to \(plan.stage.name)) and no $default stage",
                    body: Self.notFound)
            }
            path = "/" + request.stage + (request.path == "/" ? "" : request.path)
            notes.append("\(request.stage) is not a stage of the API, so the $default stage takes the request with \(path) as its path")
        }
        var faults: [String] = []
        if let cors = plan.cors, let refusal = HTTPAPICORS.refusal(of: cors) { faults.append(refusal) }
        let origin = request.headers.value("Origin")
        let route = httpRoute(method: request.method, path: path)
        if let cors = plan.cors, HTTPAPICORS.isPreflight(request), let origin {
            // Documented (CORS page): the $default route catches OPTIONS too, so its
            // authorizer runs on a preflight; observed for ANY /{proxy+} and an OPTIONS
            // route alike. A preflight never carries credentials, so it is refused.
            if let route, let denial = accessDenial(route, request: request, notes: &notes) {
                var answer = denial
                answer.faults = faults
                answer.notes = notes + answer.notes + [
                    "a preflight reaching \(route.key) must pass its authorizer before API Gateway answers it; "
                        + "an OPTIONS route without authorization on this path lets preflights through"
                ]
                return withCORS(answer, origin: origin, cors)
            }
            // Documented: API Gateway answers preflights itself, with or without an OPTIONS
            // route. Observed: with 204 No Content, without calling the route's integration.
            let headers = HTTPAPICORS.preflightHeaders(for: origin, cors)
            if let route {
                notes.append("OPTIONS \(path) reaches \(route.key), which needs no authorization, so API Gateway answers in its place")
            }
            if headers.isEmpty {
                notes.append("origin \(origin) is not among allowOrigins (\(cors.allowOrigins.joined(separator: ", "))), so the answer carries no CORS headers")
            }
            return GatewayAnswer(
                status: 204, headers: headers,
                producedBy: "API Gateway's own answer to a preflight, from the API's CORS configuration", notes: notes, faults: faults)
        }
        guard let route else {
            // Documented (routes page): no route matches, so 404 {"message":"Not Found"}.
            let answer = GatewayAnswer(
                status: 404, producedBy: "no route matches \(request.method) \(path) and the API has no $default route",
                body: Self.notFound, notes: notes, faults: faults)
            return plan.cors.flatMap { cors in origin.map { withCORS(answer, origin: $0, cors) } } ?? answer
        }
        if let denial = accessDenial(route, request: request, notes: &notes) {
            var answer = denial
            answer.notes = notes + answer.notes
            answer.faults = faults
            return plan.cors.flatMap { cors in origin.map { withCORS(answer, origin: $0, cors) } } ?? answer
        }
        let integration = route.method.integration
        var headers: [GatewayAnswer.Header] = []
        for header in backendHeaders {
            if plan.cors != nil, HTTPAPICORS.isCORSHeader(header.name) {
                // Documented: with a CORS configuration the backend's CORS headers are ignored.
                notes.append("the backend's \(header.name) is dropped: the API's CORS configuration decides the CORS headers")
            } else {
                headers.append(.init(name: header.name, value: header.value, source: "the backend, as stated"))
            }
        }
        if plan.cors == nil {
            notes.append(
                "the API has no CORS configuration, so CORS headers must come from the backend"
                    + (backendHeaders.isEmpty ? ", and none are assumed (give them with --backend-header)" : ""))
        }
        let answer = GatewayAnswer(
            status: 200, headers: headers, route: route.key,
            producedBy: "\(integration.kind.rawValue) integration (the backend's answer, assumed 200)", notes: notes, faults: faults)
        return plan.cors.flatMap { cors in origin.map { withCORS(answer, origin: $0, cors) } } ?? answer
    }

    /// `answer` with the configuration's headers for a CORS request added (documented for
    /// the integration's response; observed for API Gateway's own 401, 403 and 404 too:
    /// Chromium reports a preflight refused by an authorizer as "does not have HTTP ok
    /// status", a check it makes only after the origin passed, as
    /// https://arpadt.com/articles/cors-in-http-api shows).
    private func withCORS(_ answer: GatewayAnswer, origin: String, _ cors: CORSConfiguration) -> GatewayAnswer {
        var answer = answer
        answer.headers += HTTPAPICORS.responseHeaders(for: origin, cors)
        return answer
    }

    /// API Gateway's refusal when the route's authorization cannot pass; `nil` when it
    /// passes or cannot be known to fail.
    ///
    /// - JWT, and a Lambda (`CUSTOM`) authorizer, whose identity source the request lacks:
    ///   401 `{"message":"Unauthorized"}` without running the authorizer (documented:
    ///   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html
    ///   and https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html).
    /// - IAM without a Signature Version 4 signature: 403 `{"message":"Forbidden"}` (observed).
    ///
    /// A Lambda authorizer that runs and denies answers 403 `{"message":"Forbidden"}`; the
    /// simulation cannot run it and assumes it allows.
    private func accessDenial(_ route: HTTPRoute, request: GatewayRequest, notes: inout [String]) -> GatewayAnswer? {
        let authorization = route.method.authorization
        switch authorization.type {
        case "NONE":
            return nil
        case "AWS_IAM":
            guard request.headers.value("Authorization")?.hasPrefix("AWS4-HMAC-SHA256") ?? false else {
                return GatewayAnswer(
                    status: 403, route: route.key, producedBy: "\(route.key) uses AWS_IAM authorization and the request is not signed",
                    body: #"{"message":"Forbidden"}"#)
            }
            notes.append("the request's signature is assumed valid")
            return nil
        default:
            let name = authorization.authorizerName ?? ""
            let authorizer = plan.authorizers.first { $0.name == authorization.authorizerName }
            let isJWT = authorization.type == "JWT" || authorizer?.type == "JWT"
            let sources = (authorizer?.identitySource ?? (isJWT ? "$request.header.Authorization" : ""))
                .split(separator: ",").map { String($0).trimmingHTTPWhitespace() }
            for source in sources {
                let missing: String?
                if source.hasPrefix("$request.header.") {
                    let header = String(source.dropFirst("$request.header.".count))
                    missing = request.headers.contains(header) ? nil : "no \(header) header"
                } else if source.hasPrefix("$request.querystring.") {
                    missing = "no query string (the simulated request has none)"
                } else {
                    missing = nil
                }
                if let missing {
                    return GatewayAnswer(
                        status: 401, route: route.key,
                        producedBy: "\(route.key) has the \(isJWT ? "JWT" : "Lambda") authorizer \(name) and the request has \(missing)",
                        body: #"{"message":"Unauthorized"}"#)
                }
            }
            notes.append(
                isJWT
                    ? "the token is assumed valid for the authorizer \(name)"
                        + (authorization.scopes.isEmpty ? "" : " and to carry one of \(authorization.scopes.joined(separator: ", "))")
                    : "the Lambda authorizer \(name) runs and is assumed to allow the request (a denial answers 403 Forbidden)")
            return nil
        }
    }

    static let notFound = #"{"message":"Not Found"}"#
}
