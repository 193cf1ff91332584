import Plan

/// What one path of an API answers a page on another origin: the origins it lets call it,
/// and for them the methods, request headers and credentials its preflight allows.
///
/// The answer is asked of the simulator, not read off the plan's fields, so a plan made
/// by the planner and one read from a hand-written template are described by the same
/// rules, whatever sets the headers (a static mapping, a template that echoes the origin,
/// an HTTP API's CORS configuration, a gateway response).
public struct CORSAnswer: Sendable, Equatable {
    /// The resource or route path, `/pets/{id}`.
    public var path: String
    /// The origins a browser lets call the path, sorted: exact origins, `https://*.example.com`
    /// for a subdomain pattern, `*` for any origin. Empty when no other origin may call it.
    public var origins: [String]
    /// What the preflight's Access-Control-Allow-Methods lists, or the simple methods whose
    /// own answers carry the origin when there is no preflight.
    public var methods: [String]
    /// What the preflight's Access-Control-Allow-Headers lists.
    public var headers: [String]
    /// Whether the answers carry `Access-Control-Allow-Credentials: true`.
    public var allowsCredentials: Bool

    public init(path: String, origins: [String], methods: [String] = [], headers: [String] = [], allowsCredentials: Bool = false) {
        self.path = path
        self.origins = origins
        self.methods = methods
        self.headers = headers
        self.allowsCredentials = allowsCredentials
    }

    /// Whether any other origin may call the path.
    public var isCrossOrigin: Bool { !origins.isEmpty }

    /// Every path of `plan` with at least one method, in the plan's order, with what it answers.
    public static func answers(of plan: GatewayPlan) -> [CORSAnswer] {
        let candidates = OriginCandidates(plan: plan)
        let simulator = GatewaySimulator(plan: plan).preparingTemplates()
        return plan.resources.compactMap { resource in
            let operations = resource.methods.filter { $0.httpMethod != "OPTIONS" }
            guard !operations.isEmpty else { return nil }
            return answer(path: resource.path, operations: operations, candidates: candidates, simulator: simulator)
        }
    }

    /// Asks the simulator, origin by origin, what the path answers.
    static func answer(path: String, operations: [PlanMethod], candidates: OriginCandidates, simulator: GatewaySimulator) -> CORSAnswer {
        var result = CORSAnswer(path: path, origins: [])
        var allowed: [String] = []
        var simpleMethods: [String] = []
        var sawPreflight = false
        // A method the preflight must allow: one that is not simple, when the path has one.
        let names = operations.map(\.httpMethod)
        let requested = names.first { !FetchRules.isSafelistedMethod($0) } ?? names[0]
        for candidate in candidates.origins {
            let preflight = simulator.answer(
                GatewayRequest(
                    method: "OPTIONS", stage: simulator.plan.stage.name, path: path,
                    headers: HeaderList([Mapped("Origin", candidate.sample), Mapped("Access-Control-Request-Method", requested)])))
            let preflightHeaders = preflight.headerList
            if (200...299).contains(preflight.status), allows(preflightHeaders, origin: candidate.sample) {
                allowed.append(candidate.shown)
                if !sawPreflight {
                    sawPreflight = true
                    result.methods = preflightHeaders.value("Access-Control-Allow-Methods").flatMap(FetchRules.extractTokenList) ?? []
                    result.headers = preflightHeaders.value("Access-Control-Allow-Headers").flatMap(FetchRules.extractTokenList) ?? []
                }
                if preflightHeaders.value("Access-Control-Allow-Credentials") == "true" { result.allowsCredentials = true }
                continue
            }
            // Without a preflight that lets it through, a page may still send the simple
            // methods, and read their answers when the integration's carry its origin. The
            // request carries every header the method asks a browser for (its authorizer's,
            // the API key, its declared headers), so what answers is the integration and not
            // a refusal; API Gateway's own answers (a gateway response, which may echo any
            // origin so that errors reach pages) say nothing about who may call the path.
            var reached = false
            for operation in operations where FetchRules.isSafelistedMethod(operation.httpMethod) {
                let method = operation.httpMethod
                let sent = operation.browserRequestHeaders(authorizers: simulator.plan.authorizers, sendsJSON: false).map { Mapped($0, "sample") }
                let request = GatewayRequest(
                    method: method, stage: simulator.plan.stage.name, path: path, headers: HeaderList([Mapped("Origin", candidate.sample)] + sent))
                let answer = simulator.answer(request)
                let headers = answer.headerList
                guard answer.gatewayResponseType == nil, allows(headers, origin: candidate.sample) else { continue }
                reached = true
                if !simpleMethods.contains(method) { simpleMethods.append(method) }
                if headers.value("Access-Control-Allow-Credentials") == "true" { result.allowsCredentials = true }
            }
            if reached { allowed.append(candidate.shown) }
        }
        // A probe no API names that is let through means any origin: `*` or an echo.
        if allowed.contains(OriginCandidates.probe.shown) { allowed = ["*"] }
        if !sawPreflight { result.methods = simpleMethods }
        result.origins = Array(Set(allowed)).sorted()
        return result
    }

    /// Whether a browser's CORS check passes for `origin` against these headers: the
    /// origin echoed, or `*` (whose use with credentials is a question for `doctor`).
    static func allows(_ headers: HeaderList, origin: String) -> Bool {
        guard let value = headers.value("Access-Control-Allow-Origin") else { return false }
        return value == "*" || value == origin
    }
}

/// The origins worth asking a plan about: every origin its CORS headers, templates and
/// configuration name, a sample for every subdomain pattern its templates test, and a probe
/// that no API names (let through, it means any origin).
struct OriginCandidates {
    struct Candidate: Equatable {
        /// What the origin is called in an answer: the origin, or the pattern it stands for.
        var shown: String
        /// What the browser sends.
        var sample: String
    }

    static let probe = Candidate(shown: "https://oas2apigw-probe.invalid", sample: "https://oas2apigw-probe.invalid")
    /// The one DNS label the planner's templates match (`SubdomainPattern.labelExpression` in CORS, which Preflight does not import; `severalOriginsAndAPatternAreFoundInTheTemplate` fails if they part).
    static let labelExpression = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
    static let sampleLabel = "oas2apigw-sample"

    var origins: [Candidate] = []

    init(plan: GatewayPlan) {
        var texts: [String] = []
        for resource in plan.resources {
            for method in resource.methods {
                for response in method.integration.responses {
                    texts += response.responseParameters.map(\.value) + response.responseTemplates.map(\.value)
                }
                texts += method.integration.requestTemplates.map(\.value)
            }
        }
        for response in plan.gatewayResponses {
            texts += response.responseParameters.map(\.value) + response.responseTemplates.map(\.value)
        }
        var found: [Candidate] = []
        for origin in plan.cors?.allowOrigins ?? [] { found.append(Self.candidate(origin)) }
        // The planner writes one template for many methods: each text is read once.
        var seen: Set<String> = []
        for text in texts where seen.insert(text).inserted {
            found += Self.quotedOrigins(in: text).map(Self.candidate)
            found += Self.subdomainPatterns(in: text)
        }
        found.append(Self.probe)
        for candidate in found where !origins.contains(candidate) { origins.append(candidate) }
    }

    /// An origin as a policy or an HTTP API writes it; `https://*.x` gets a sample subdomain.
    static func candidate(_ origin: String) -> Candidate {
        guard let star = origin.firstRange(of: "://*.") else { return Candidate(shown: origin, sample: origin) }
        var sample = origin
        sample.replaceSubrange(star, with: "://\(sampleLabel).")
        return Candidate(shown: origin, sample: sample)
    }

    /// Every `scheme://host` between quotes, double or single, or standing alone as a static
    /// header value (`'https://a.example.com'`, `"http://localhost:5173"`); a list in one
    /// value gives each of its items.
    static func quotedOrigins(in text: String) -> [String] {
        var origins: [String] = []
        for piece in text.split(whereSeparator: { $0 == "\"" || $0 == "'" || $0 == "," || $0 == " " || $0 == "\n" }) {
            let word = String(piece)
            guard let scheme = word.firstRange(of: "://"), ["http", "https"].contains(word[..<scheme.lowerBound].lowercased()) else { continue }
            let host = word[scheme.upperBound...]
            guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || "-.:[]".contains($0) }) else { continue }
            origins.append(word)
        }
        return origins
    }

    /// Every `.matches("scheme://<label>\.rest")` the planner writes for a subdomain pattern,
    /// shown as `scheme://*.rest` and tried with a sample label.
    static func subdomainPatterns(in text: String) -> [Candidate] {
        var candidates: [Candidate] = []
        var rest = text[...]
        while let call = rest.firstRange(of: ".matches(\"") {
            rest = rest[call.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let expression = String(rest[..<end])
            rest = rest[end...]
            guard let label = expression.firstRange(of: "://" + labelExpression) else { continue }
            let scheme = expression[..<label.lowerBound]
            let suffix = expression[label.upperBound...].replacing("\\.", with: ".")
            // Only a plain host after the label: anything else is a regular expression of someone's own.
            guard suffix.hasPrefix("."), suffix.allSatisfy({ $0.isLetter || $0.isNumber || "-.:".contains($0) }) else { continue }
            candidates.append(Candidate(shown: "\(scheme)://*\(suffix)", sample: "\(scheme)://\(sampleLabel)\(suffix)"))
        }
        return candidates
    }
}
