import Testing
import YAML
import Plan
import Preflight
import Spec
import Planning

/// What a browser does with one fetch against APIs built from the cases in `specs/` and
/// against hand-built definitions with one CORS fault each, stated as the browser's outcome.
@Suite struct PreflightOutcomeTests {
    /// One fetch and what must come of it.
    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var spec: String
        var path: String
        var origin: String
        var method: String
        var headers: [Mapped] = []
        var credentials = false
        var stage: String? = nil
        var backend: IntegrationSettings.Backend = .mock
        var backendHeaders: [Mapped] = []
        /// `allowed` or `blocked: …` in `CORSFailure.summary`'s words.
        var outcome: String
        /// The status the page reads when allowed, or the preflight's status when blocked there.
        var status: Int? = nil
        /// The gateway response API Gateway sent for the request that decided the outcome.
        var gatewayResponse: String? = nil

        var testDescription: String { "\(spec): \(name)" }
    }

    static let shop = "https://shop.example.com"

    static let rows: [Row] = [
        // The pet store: one origin, Content-Type and X-Api-Key allowed, DELETE behind an API key.
        Row(
            name: "a DELETE with its API key", spec: "petstore", path: "/pets/7", origin: shop, method: "DELETE",
            headers: [Mapped("X-Api-Key", "k")], outcome: "allowed", status: 204),
        Row(
            name: "a PUT the resource does not have", spec: "petstore", path: "/pets/7", origin: shop, method: "PUT",
            outcome: "blocked: method PUT not allowed"),
        Row(
            name: "a header the policy does not list", spec: "petstore", path: "/pets/7", origin: shop, method: "DELETE",
            headers: [Mapped("X-Api-Key", "k"), Mapped("X-Other", "1")], outcome: "blocked: header x-other not allowed"),
        Row(
            name: "a simple GET from another site", spec: "petstore", path: "/pets", origin: "https://evil.example.com",
            method: "GET", outcome: "blocked: origin not allowed"),
        Row(
            name: "a POST without its API key reads the 403", spec: "petstore", path: "/pets", origin: shop, method: "POST",
            headers: [Mapped("Content-Type", "application/json")], outcome: "allowed", status: 403,
            gatewayResponse: "INVALID_API_KEY"),
        Row(
            name: "a preflight to an unknown path gets a 403 with CORS headers", spec: "petstore", path: "/petz/7",
            origin: shop, method: "PUT", outcome: "blocked: preflight status 403", status: 403,
            gatewayResponse: "MISSING_AUTHENTICATION_TOKEN"),
        Row(
            name: "a simple GET of an unknown path reads the 403", spec: "petstore", path: "/petz", origin: shop,
            method: "GET", outcome: "allowed", status: 403, gatewayResponse: "MISSING_AUTHENTICATION_TOKEN"),
        Row(
            name: "cookies where the policy allows none", spec: "petstore", path: "/pets", origin: shop, method: "GET",
            credentials: true, outcome: "blocked: credentials not allowed"),
        Row(
            name: "a stage that is not deployed", spec: "petstore", path: "/pets", origin: shop, method: "GET",
            stage: "prod", outcome: "blocked: no Access-Control-Allow-Origin"),

        // Several origins and a pattern, with credentials: the response template answers.
        Row(
            name: "a preview deployment with cookies and a bearer token", spec: "cors-multi-origin", path: "/orders/7",
            origin: "https://pr-12.preview.example.com", method: "PUT",
            headers: [Mapped("Content-Type", "application/json"), Mapped("Authorization", "Bearer t")], credentials: true,
            outcome: "allowed", status: 200),
        Row(
            name: "an origin no entry allows", spec: "cors-multi-origin", path: "/orders/7", origin: "https://evil.example.com",
            method: "PUT", credentials: true, outcome: "blocked: no Access-Control-Allow-Origin", status: 200),
        Row(
            name: "a pattern matches one label only", spec: "cors-multi-origin", path: "/orders/7",
            origin: "https://a.b.preview.example.com", method: "DELETE", credentials: true,
            outcome: "blocked: no Access-Control-Allow-Origin"),
        Row(
            name: "the admin origin, written in capitals in the policy", spec: "cors-multi-origin", path: "/orders",
            origin: "https://admin.example.com", method: "GET", credentials: true, outcome: "allowed", status: 200),
        Row(
            name: "a local dev server with its port", spec: "cors-multi-origin", path: "/orders", origin: "http://localhost:5173",
            method: "POST", headers: [Mapped("Content-Type", "application/json")], credentials: true, outcome: "allowed",
            status: 201),
        Row(
            name: "a method the resource lacks", spec: "cors-multi-origin", path: "/orders", origin: shop, method: "DELETE",
            credentials: true, outcome: "blocked: method DELETE not allowed"),
        Row(
            name: "an unknown path with cookies: the 403 carries no allow-origin", spec: "cors-multi-origin", path: "/nothing",
            origin: shop, method: "GET", credentials: true, outcome: "blocked: no Access-Control-Allow-Origin",
            gatewayResponse: "MISSING_AUTHENTICATION_TOKEN"),

        // Per-path rules: CORS off under /admin, DELETE off on one resource, two origins on another.
        Row(
            name: "CORS off for the path: no OPTIONS, so the preflight gets a 403", spec: "cors-rules-precedence",
            path: "/admin/reports", origin: shop, method: "GET", headers: [Mapped("Authorization", "Bearer t")],
            outcome: "blocked: preflight status 403", status: 403, gatewayResponse: "MISSING_AUTHENTICATION_TOKEN"),
        Row(
            name: "CORS off for the path: a simple GET gets no allow-origin", spec: "cors-rules-precedence",
            path: "/admin/reports", origin: shop, method: "GET", outcome: "blocked: no Access-Control-Allow-Origin"),
        Row(
            name: "a method a rule turned off", spec: "cors-rules-precedence", path: "/orders/7", origin: shop,
            method: "DELETE", outcome: "blocked: method DELETE not allowed"),
        Row(
            name: "the second origin one rule adds", spec: "cors-rules-precedence", path: "/orders/7",
            origin: "https://support.example.com", method: "PUT",
            headers: [Mapped("Content-Type", "application/json"), Mapped("Authorization", "Bearer t")], outcome: "allowed",
            status: 200),

        // A catch-all proxy behind an authorizer: the OPTIONS is the tool's, the rest is the backend's.
        Row(
            name: "no token: the authorizer's 401 is readable", spec: "cors-any-greedy-proxy", path: "/files/a/b.txt",
            origin: "https://files.example.com", method: "PUT", outcome: "allowed", status: 401,
            gatewayResponse: "UNAUTHORIZED"),
        Row(
            name: "the backend sends no CORS headers", spec: "cors-any-greedy-proxy", path: "/files/a/b.txt",
            origin: "https://files.example.com", method: "PUT", headers: [Mapped("Authorization", "Bearer t")],
            outcome: "blocked: no Access-Control-Allow-Origin"),
        Row(
            name: "the backend sends its allow-origin", spec: "cors-any-greedy-proxy", path: "/files/a/b.txt",
            origin: "https://files.example.com", method: "PUT", headers: [Mapped("Authorization", "Bearer t")],
            backendHeaders: [Mapped("Access-Control-Allow-Origin", "https://files.example.com")], outcome: "allowed",
            status: 200),

        // Hand-written OPTIONS the policy keeps: they send no CORS headers of their own.
        Row(
            name: "a kept hand-written OPTIONS answers without CORS headers", spec: "cors-existing-options", path: "/orders",
            origin: shop, method: "DELETE", outcome: "blocked: no Access-Control-Allow-Origin", status: 200),
        Row(
            name: "a path under a literal resource falls through to the root's {proxy+}", spec: "cors-existing-options",
            path: "/orders/7/x", origin: shop, method: "DELETE", outcome: "allowed", status: 200),

        // Root path with `*`.
        Row(
            name: "any origin at the root", spec: "cors-root-path", path: "/", origin: "https://x.example", method: "POST",
            headers: [Mapped("Content-Type", "application/json")], outcome: "allowed", status: 202),
        Row(
            name: "any origin, but cookies", spec: "cors-root-path", path: "/health", origin: "https://x.example",
            method: "GET", credentials: true, outcome: "blocked: credentials not allowed with *"),

        // A Lambda proxy backend: only the OPTIONS is answered by API Gateway.
        Row(
            name: "a Lambda proxy that returns no headers", spec: "backend-lambda-proxy", path: "/pets/7", origin: shop,
            method: "GET", backend: .lambdaProxy(functionARN: nil), outcome: "blocked: no Access-Control-Allow-Origin"),
    ]

    @Test(arguments: rows)
    func browserOutcome(_ row: Row) throws {
        let plan = try PreflightPlans.fromCase(row.spec, backend: row.backend)
        let report = PreflightSimulation.run(
            PreflightSimulation.Input(
                plan: plan, path: row.path, origin: row.origin, method: row.method, headers: row.headers,
                includesCredentials: row.credentials, stage: row.stage, backendHeaders: row.backendHeaders))
        #expect(report.verdict.summary == row.outcome)
        let deciding = report.verdict.duringPreflight ? report.preflightAnswer : report.actualAnswer
        if let status = row.status { #expect(deciding?.status == status) }
        if let type = row.gatewayResponse { #expect(deciding?.gatewayResponseType == type) }
        if row.outcome == "allowed" {
            #expect(report.verdict.consoleMessage == nil)
        } else {
            #expect(report.verdict.consoleMessage?.hasPrefix("Access to fetch at '") == true)
        }
    }

    // MARK: - Hand-built faults

    static let app = "https://app.example.com"

    func run(_ plan: GatewayPlan, method: String = "PUT", headers: [Mapped] = [Mapped("Content-Type", "application/json")], credentials: Bool = false, http2: Bool = false) -> PreflightReport {
        PreflightSimulation.run(
            PreflightSimulation.Input(
                plan: plan, path: "/items", origin: Self.app, method: method, headers: headers, includesCredentials: credentials,
                sendsLowercaseHeaderNames: http2))
    }

    @Test func anUnquotedStaticValueIsAFaultAndSendsNothing() {
        let plan = PreflightPlans.handBuilt(preflightHeaders: PreflightPlans.preflightHeaders(origin: "https://app.example.com"))
        let report = run(plan)
        #expect(report.verdict.summary == "blocked: no Access-Control-Allow-Origin")
        let faults = report.preflightAnswer?.faults ?? []
        #expect(faults.contains { $0.contains("https://app.example.com") && $0.contains("quoted") })
        #expect(report.preflightAnswer?.headers.contains { $0.name == "Access-Control-Allow-Origin" } == false)
    }

    @Test func aPreflightWithoutAllowOriginIsBlocked() {
        let headers = PreflightPlans.preflightHeaders().filter { $0.name != "Access-Control-Allow-Origin" }
        let report = run(PreflightPlans.handBuilt(preflightHeaders: headers))
        #expect(report.verdict.summary == "blocked: no Access-Control-Allow-Origin")
        #expect(
            report.verdict.consoleMessage
                == "Access to fetch at 'https://api-id.execute-api.region.amazonaws.com/v1/items' from origin 'https://app.example.com' "
                + "has been blocked by CORS policy: Response to preflight request doesn't pass access control check: "
                + "No 'Access-Control-Allow-Origin' header is present on the requested resource.")
        #expect(report.actualAnswer == nil)
    }

    @Test func severalOriginsInOneHeaderAreBlocked() {
        let plan = PreflightPlans.handBuilt(
            preflightHeaders: PreflightPlans.preflightHeaders(origin: "'https://app.example.com,https://admin.example.com'"))
        let report = run(plan)
        #expect(report.verdict.summary == "blocked: several origins in Access-Control-Allow-Origin")
        #expect(
            report.verdict.consoleMessage?.hasSuffix(
                "The 'Access-Control-Allow-Origin' header contains multiple values 'https://app.example.com,https://admin.example.com', but only one is allowed.")
                == true)
    }

    @Test func anOptionsBehindAnAuthorizerGets401WithoutCORSHeaders() {
        let plan = PreflightPlans.handBuilt(
            preflightHeaders: PreflightPlans.preflightHeaders(),
            preflightAuthorization: Authorization(type: "CUSTOM", authorizerName: "auth"))
        let report = run(plan)
        #expect(report.preflightAnswer?.status == 401)
        #expect(report.preflightAnswer?.gatewayResponseType == "UNAUTHORIZED")
        #expect(report.preflightAnswer?.faults.contains("a preflight needs AuthorizationType NONE") == true)
        #expect(report.verdict.summary == "blocked: no Access-Control-Allow-Origin")
    }

    @Test func anOptionsBehindAnAuthorizerGets401WithCORSHeadersFromDefault4XX() {
        let plan = PreflightPlans.handBuilt(
            preflightHeaders: PreflightPlans.preflightHeaders(),
            preflightAuthorization: Authorization(type: "CUSTOM", authorizerName: "auth"),
            gatewayResponses: [
                GatewayResponse(type: "DEFAULT_4XX", responseParameters: [Mapped("gatewayresponse.header.Access-Control-Allow-Origin", "'*'")])
            ])
        let report = run(plan)
        #expect(report.preflightAnswer?.status == 401)
        #expect(report.verdict.summary == "blocked: preflight status 401")
        #expect(report.verdict.consoleMessage?.hasSuffix("Response to preflight request doesn't pass access control check: It does not have HTTP ok status.") == true)
    }

    @Test func anOptionsThatNeedsAnAPIKeyGets403() {
        let plan = PreflightPlans.handBuilt(preflightHeaders: PreflightPlans.preflightHeaders(), preflightNeedsAPIKey: true)
        let report = run(plan)
        #expect(report.preflightAnswer?.gatewayResponseType == "INVALID_API_KEY")
        #expect(report.preflightAnswer?.status == 403)
        #expect(report.verdict.summary == "blocked: no Access-Control-Allow-Origin")
    }

    @Test func theWildcardWithCredentialsIsBlocked() {
        let headers = PreflightPlans.preflightHeaders(origin: "'*'") + [Mapped("Access-Control-Allow-Credentials", "'true'")]
        let report = run(PreflightPlans.handBuilt(preflightHeaders: headers), credentials: true)
        #expect(report.verdict.summary == "blocked: credentials not allowed with *")
    }

    @Test func aWildcardAllowHeadersDoesNotCoverAuthorization() {
        let headers = PreflightPlans.preflightHeaders(origin: "'*'", headers: "'*'")
        let report = run(PreflightPlans.handBuilt(preflightHeaders: headers), headers: [Mapped("Authorization", "Bearer t"), Mapped("X-Other", "1")])
        #expect(report.verdict.summary == "blocked: header authorization not allowed")
    }

    @Test func aTemplateThatReadsOriginWithACapitalMissesHTTP2Requests() {
        let template = """
            #set($o = $input.params().header.get('Origin'))
            #if($o == "https://app.example.com")#set($context.responseOverride.header.Access-Control-Allow-Origin = $o)#end
            """
        let headers = PreflightPlans.preflightHeaders().filter { $0.name != "Access-Control-Allow-Origin" }
        let plan = PreflightPlans.handBuilt(
            preflightHeaders: headers + [Mapped("Access-Control-Allow-Origin", "'https://placeholder.example'")],
            preflightTemplate: template,
            responseHeaders: [Mapped("Access-Control-Allow-Origin", "'https://app.example.com'")])
        #expect(run(plan).verdict.isAllowed)
        let overHTTP2 = run(plan, http2: true)
        #expect(overHTTP2.verdict.summary == "blocked: origin not allowed")
    }

    @Test func aTemplateSettingTheSameHeaderTwiceIsAFault() {
        let template = """
            #set($context.responseOverride.header.Access-Control-Allow-Origin = "https://app.example.com")
            #set($context.responseOverride.header.Access-Control-Allow-Origin = "https://app.example.com")
            """
        let plan = PreflightPlans.handBuilt(preflightHeaders: PreflightPlans.preflightHeaders(), preflightTemplate: template)
        #expect(run(plan).preflightAnswer?.faults.contains { $0.contains("more than once") } == true)
    }
}
