import Plan

/// One cross-origin `fetch()` played through: the browser decides whether a preflight is
/// needed, API Gateway answers it under the plan, the browser checks the answer, and if it
/// passes the actual request is answered and checked in turn.
public enum PreflightSimulation {
    /// What the page does and where.
    public struct Input: Sendable {
        public var plan: GatewayPlan
        /// The resource path under the stage, `/pets/7`.
        public var path: String
        public var origin: String
        public var method: String
        /// The headers the page sets, in order.
        public var headers: [Mapped]
        public var includesCredentials: Bool
        /// The stage in the URL; the plan's stage when `nil`.
        public var stage: String?
        /// What a proxy integration's backend sends; nothing is assumed otherwise.
        public var backendHeaders: [Mapped]
        /// HTTP/2 sends header names in lower case, which is how API Gateway's templates then see them.
        public var sendsLowercaseHeaderNames: Bool
        /// The API's address up to the stage.
        public var baseURL: String
        /// Whether the URL carries the stage after `baseURL` (an invoke URL), or not (a custom
        /// domain whose base path mapping names it).
        public var urlNamesStage = true
        /// The address a report uses when the user gave only a path.
        public static let placeholderBaseURL = "https://api-id.execute-api.region.amazonaws.com"

        public init(
            plan: GatewayPlan, path: String, origin: String, method: String, headers: [Mapped] = [],
            includesCredentials: Bool = false, stage: String? = nil, backendHeaders: [Mapped] = [],
            sendsLowercaseHeaderNames: Bool = false, baseURL: String = Self.placeholderBaseURL
        ) {
            self.plan = plan
            self.path = path
            self.origin = origin
            self.method = method
            self.headers = headers
            self.includesCredentials = includesCredentials
            self.stage = stage
            self.backendHeaders = backendHeaders
            self.sendsLowercaseHeaderNames = sendsLowercaseHeaderNames
            self.baseURL = baseURL
        }
    }

    /// Plays the request through and reports every step.
    public static func run(_ input: Input) -> PreflightReport {
        let stage = input.stage ?? input.plan.stage.name
        let path = input.path.hasPrefix("/") ? input.path : "/" + input.path
        // An HTTP API's $default stage is served at the base URL, without its name.
        let servesAtBase = input.plan.kind == .http && stage == APIKind.http.defaultStageName
        let url = input.baseURL + (input.urlNamesStage && !servesAtBase ? "/" + stage : "") + (path == "/" ? "/" : path)
        let request = BrowserRequest(
            url: url, origin: input.origin, method: input.method, headers: input.headers,
            includesCredentials: input.includesCredentials)
        let gateway = GatewaySimulator(plan: input.plan, backendHeaders: input.backendHeaders)
        func sent(_ headers: HeaderList) -> HeaderList {
            input.sendsLowercaseHeaderNames ? HeaderList(headers.fields.map { Mapped($0.name.lowercased(), $0.value) }) : headers
        }
        var report = PreflightReport(request: request)
        if let preflight = request.preflight {
            report.preflight = preflight
            let answer = gateway.answer(GatewayRequest(method: "OPTIONS", stage: stage, path: path, headers: sent(preflight.headers)))
            report.preflightAnswer = answer
            if let failure = BrowserCORS.preflightCheck(status: answer.status, headers: answer.headerList, request: request) {
                report.verdict = BrowserVerdict(failure: failure, duringPreflight: true, url: url, origin: request.origin)
                return report
            }
        }
        var headers = HeaderList()
        headers.append("Origin", request.origin)
        headers.fields += request.headers.fields
        report.actualHeaders = headers
        let answer = gateway.answer(GatewayRequest(method: request.method, stage: stage, path: path, headers: sent(headers)))
        report.actualAnswer = answer
        let failure = BrowserCORS.corsCheck(answer.headerList, origin: request.origin, includesCredentials: request.includesCredentials)
        report.verdict = BrowserVerdict(
            failure: failure, duringPreflight: false, url: url, origin: request.origin, status: failure == nil ? answer.status : nil)
        return report
    }
}
