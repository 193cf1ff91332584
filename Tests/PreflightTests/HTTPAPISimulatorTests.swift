import Testing
import YAML
import Plan
import Preflight

/// What an HTTP API answers, from its plan alone: routing, authorizers, and the CORS
/// configuration API Gateway answers preflights from. Each row names the AWS page that
/// documents its rule, or the observation it rests on where the page is silent.
@Suite struct HTTPAPISimulatorTests {
    static let routesPage = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html"
    static let corsPage = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html"
    static let jwtPage = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html"
    static let lambdaAuthorizerPage = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html"
    /// Chromium's "does not have HTTP ok status" for a preflight an authorizer refused on
    /// `ANY /{proxy+}`: the refusal carried the allowed origin.
    static let observedAuthorizedCatchAll = "https://arpadt.com/articles/cors-in-http-api"
    static let observedCredentialsRefusal = "https://github.com/aws/aws-cdk/issues/9076"

    static let app = "https://app.example.com"

    static func route(_ verb: String, authorization: Authorization = .none, role: PlanMethod.Role = .operation) -> PlanMethod {
        PlanMethod(
            httpMethod: verb, role: role, authorization: authorization,
            integration: Integration(kind: .httpProxy, uri: "https://backend.example.com", httpMethod: "ANY"))
    }

    static let jwt = Authorization(type: "JWT", authorizerName: "users", scopes: ["pets/read"])

    /// The routes of the routing example on the routes page, plus a `$default` route.
    static func plan(
        cors: CORSConfiguration? = CORSConfiguration(
            allowOrigins: [app], allowMethods: ["GET", "PUT"], allowHeaders: ["authorization", "content-type"],
            exposeHeaders: ["x-request-id"], maxAge: 300),
        catchAll: Authorization = .none, extra: [PlanResource] = []
    ) -> GatewayPlan {
        var plan = GatewayPlan(
            api: RestAPI(name: "Pets"),
            resources: [
                PlanResource(path: "/"),
                PlanResource(path: "/pets", methods: [route("GET", authorization: jwt)]),
                PlanResource(path: "/pets/dog"),
                PlanResource(path: "/pets/dog/1", methods: [route("GET")]),
                PlanResource(path: "/pets/dog/{id}", methods: [route("GET")]),
                PlanResource(path: "/pets/{proxy+}", methods: [route("GET")]),
                PlanResource(path: "/{proxy+}", methods: [route("ANY", authorization: catchAll)]),
            ] + extra + [PlanResource(path: GatewayPlan.defaultRoutePath, methods: [route("ANY", authorization: catchAll)])],
            authorizers: [
                {
                    var users = Authorizer(name: "users", type: "JWT", identitySource: "$request.header.Authorization")
                    users.jwtConfiguration = JWTConfiguration(issuer: "https://issuer.example.com", audience: ["pets"])
                    return users
                }(),
                Authorizer(name: "gate", type: "REQUEST", identitySource: "$request.header.X-Gate"),
            ],
            stage: Stage(name: "$default"))
        plan.kind = .http
        plan.cors = cors
        return plan
    }

    func answer(
        _ method: String, _ path: String, plan: GatewayPlan = Self.plan(), headers: [Mapped] = [], stage: String = "$default",
        backend: [Mapped] = []
    ) -> GatewayAnswer {
        GatewaySimulator(plan: plan, backendHeaders: backend)
            .answer(GatewayRequest(method: method, stage: stage, path: path, headers: HeaderList(headers)))
    }

    static func preflight(_ method: String = "PUT", origin: String = app) -> [Mapped] {
        [Mapped("Origin", origin), Mapped("Access-Control-Request-Method", method)]
    }

    // MARK: - Routing

    /// One request and the route that answers it.
    struct RouteRow: Sendable, CustomTestStringConvertible {
        var method: String
        var path: String
        var route: String?
        var page: String
        var testDescription: String { "\(method) \(path) → \(route ?? "none") (\(page))" }
    }

    @Test(arguments: [
        RouteRow(method: "GET", path: "/pets/dog/1", route: "GET /pets/dog/1", page: routesPage),
        RouteRow(method: "GET", path: "/pets/dog/2", route: "GET /pets/dog/{id}", page: routesPage),
        RouteRow(method: "GET", path: "/pets/cat/1", route: "GET /pets/{proxy+}", page: routesPage),
        RouteRow(method: "POST", path: "/pets/dog/1", route: "ANY /{proxy+}", page: routesPage),
        RouteRow(method: "GET", path: "/pets", route: "GET /pets", page: routesPage),
        // A greedy variable takes one segment or more, so the root falls to $default.
        RouteRow(method: "GET", path: "/", route: "$default", page: routesPage),
        RouteRow(method: "DELETE", path: "/", route: "$default", page: routesPage),
    ])
    func routesByTheDocumentedPriority(_ row: RouteRow) {
        #expect(GatewaySimulator(plan: Self.plan()).httpRoute(method: row.method, path: row.path)?.key == row.route)
    }

    @Test(arguments: [
        RouteRow(method: "GET", path: "/items", route: "GET /items", page: routesPage),
        RouteRow(method: "DELETE", path: "/items", route: "ANY /items", page: routesPage),
        RouteRow(method: "GET", path: "/other", route: nil, page: routesPage),
    ])
    func aRouteOfTheMethodBeatsANYAndNothingElseMatches(_ row: RouteRow) {
        var plan = GatewayPlan(
            api: RestAPI(name: "Items"), resources: [PlanResource(path: "/items", methods: [Self.route("ANY"), Self.route("GET")])])
        plan.kind = .http
        #expect(GatewaySimulator(plan: plan).httpRoute(method: row.method, path: row.path)?.key == row.route)
    }

    /// Documented priority: any full match beats a greedy one, however literal the greedy
    /// route's first segments are (routes page, "Routing API requests").
    @Test func aFullMatchOfVariablesBeatsAGreedyRoute() {
        var plan = GatewayPlan(
            api: RestAPI(name: "Greedy"),
            resources: [
                PlanResource(path: "/pets/{proxy+}", methods: [Self.route("GET")]),
                PlanResource(path: "/{kind}/{name}/{id}", methods: [Self.route("GET")]),
            ])
        plan.kind = .http
        let simulator = GatewaySimulator(plan: plan)
        #expect(simulator.httpRoute(method: "GET", path: "/pets/cat/1")?.key == "GET /{kind}/{name}/{id}")
        #expect(simulator.httpRoute(method: "GET", path: "/pets/cat/1/2")?.key == "GET /pets/{proxy+}")
    }

    @Test func aGreedyVariableBindsTheRestOfThePath() {
        let route = GatewaySimulator(plan: Self.plan()).httpRoute(method: "GET", path: "/pets/cat/1/toys")
        #expect(route?.pathParameters == [Mapped("proxy", "cat/1/toys")])
    }

    /// No route and no `$default`: 404 Not Found, with the configuration's CORS headers.
    @Test func anUnmatchedRequestIsNotFound() {
        var plan = Self.plan()
        plan.resources.removeAll { $0.path == "/{proxy+}" || $0.path == GatewayPlan.defaultRoutePath }
        let a = answer("POST", "/pets/dog/1", plan: plan, headers: [Mapped("Origin", Self.app)])
        #expect(a.status == 404)
        #expect(a.body == #"{"message":"Not Found"}"#)
        #expect(a.route == nil)
        #expect(a.headerList.value("Access-Control-Allow-Origin") == Self.app)
    }

    /// Documented on the routes page: a request for a stage the API does not have goes to
    /// `$default`, else it is not found.
    @Test func aStageTheAPIDoesNotHave() {
        let onDefault = answer("GET", "/dog/1", headers: [], stage: "pets")
        #expect(onDefault.route == "GET /pets/dog/1")
        var named = Self.plan()
        named.stage.name = "prod"
        let missing = answer("GET", "/pets/dog/1", plan: named, stage: "v1")
        #expect(missing.status == 404)
        #expect(missing.body == #"{"message":"Not Found"}"#)
    }

    // MARK: - Preflights

    /// One preflight and API Gateway's answer to it.
    struct PreflightRow: Sendable, CustomTestStringConvertible {
        var name: String
        var plan: GatewayPlan
        var path: String
        var origin = HTTPAPISimulatorTests.app
        var status: Int
        var allowOrigin: String?
        var page: String
        var testDescription: String { "\(name) (\(page))" }
    }

    static let preflightRows: [PreflightRow] = [
        PreflightRow(
            name: "a path with no OPTIONS route is answered from the configuration", plan: plan(), path: "/pets", status: 204,
            allowOrigin: app, page: corsPage),
        PreflightRow(
            name: "a path with no route at all is answered too", plan: plan(catchAll: .none), path: "/nowhere/at/all",
            status: 204, allowOrigin: app, page: corsPage),
        PreflightRow(
            name: "an origin the configuration does not list gets no CORS headers", plan: plan(), path: "/pets",
            origin: "https://evil.example.com", status: 204, allowOrigin: nil, page: corsPage),
        PreflightRow(
            name: "allowOrigins * answers *", plan: plan(cors: CORSConfiguration(allowOrigins: ["*"], allowMethods: ["*"])),
            path: "/pets", status: 204, allowOrigin: "*", page: corsPage),
        PreflightRow(
            name: "a listed origin is echoed even beside *",
            plan: plan(cors: CORSConfiguration(allowOrigins: ["*", app], allowMethods: ["*"])), path: "/pets", status: 204,
            allowOrigin: app, page: corsPage),
        PreflightRow(
            name: "$default behind a JWT authorizer catches the preflight: 401", plan: plan(catchAll: jwt), path: "/",
            status: 401, allowOrigin: app, page: corsPage),
        PreflightRow(
            name: "ANY /{proxy+} behind a JWT authorizer catches the preflight: 401", plan: plan(catchAll: jwt),
            path: "/orders/7", status: 401, allowOrigin: app, page: observedAuthorizedCatchAll),
        PreflightRow(
            name: "an unauthenticated OPTIONS /{proxy+} beats ANY /{proxy+}",
            plan: plan(catchAll: jwt, extra: []).withRoute("OPTIONS", at: "/{proxy+}", role: .preflight), path: "/orders/7",
            status: 204, allowOrigin: app, page: corsPage),
        PreflightRow(
            name: "without a configuration OPTIONS is routed like any method: ANY /{proxy+}", plan: plan(cors: nil),
            path: "/orders/7", status: 200, allowOrigin: nil, page: corsPage),
        PreflightRow(
            name: "without a configuration and no route for OPTIONS: 404",
            plan: {
                var p = plan(cors: nil)
                p.resources.removeAll { $0.path == "/{proxy+}" || $0.path == GatewayPlan.defaultRoutePath }
                return p
            }(), path: "/pets", status: 404, allowOrigin: nil, page: routesPage),
    ]

    @Test(arguments: preflightRows)
    func preflights(_ row: PreflightRow) {
        let a = answer("OPTIONS", row.path, plan: row.plan, headers: Self.preflight(origin: row.origin))
        #expect(a.status == row.status)
        #expect(a.headerList.value("Access-Control-Allow-Origin") == row.allowOrigin)
    }

    @Test func thePreflightCarriesTheConfiguredLists() {
        let a = answer("OPTIONS", "/pets", headers: Self.preflight())
        #expect(a.headers.map(\.name) == [
            "access-control-allow-origin", "access-control-allow-methods", "access-control-allow-headers", "access-control-max-age",
        ])
        #expect(a.headers.map(\.value) == [Self.app, "GET,PUT", "authorization,content-type", "300"])
        #expect(a.body == nil)
        #expect(a.route == nil)
        #expect(a.producedBy == "API Gateway's own answer to a preflight, from the API's CORS configuration")
        let caught = answer("OPTIONS", "/orders/7", headers: Self.preflight())
        #expect(caught.route == nil)
        #expect(caught.notes == ["OPTIONS /orders/7 reaches ANY /{proxy+}, which needs no authorization, so API Gateway answers in its place"])
    }

    /// An OPTIONS without `Access-Control-Request-Method` is no preflight: it is routed.
    @Test func anOPTIONSWithoutRequestMethodIsRouted() {
        let a = answer("OPTIONS", "/orders/7", headers: [Mapped("Origin", Self.app)])
        #expect(a.route == "ANY /{proxy+}")
        #expect(a.status == 200)
    }

    // MARK: - Actual requests

    /// Documented on the CORS page: the backend's CORS headers are ignored and the
    /// configured ones added; without a configuration the backend's pass through.
    @Test func theBackendsCORSHeadersGiveWayToTheConfiguration() {
        let backend = [Mapped("Access-Control-Allow-Origin", "*"), Mapped("X-Request-Id", "1")]
        let configured = answer("GET", "/pets/dog/1", headers: [Mapped("Origin", Self.app)], backend: backend)
        #expect(configured.headers.map(\.name) == ["X-Request-Id", "access-control-allow-origin", "access-control-expose-headers"])
        #expect(configured.headerList.value("Access-Control-Allow-Origin") == Self.app)
        #expect(configured.notes.contains("the backend's Access-Control-Allow-Origin is dropped: the API's CORS configuration decides the CORS headers"))
        let bare = answer("GET", "/pets/dog/1", plan: Self.plan(cors: nil), headers: [Mapped("Origin", Self.app)], backend: backend)
        #expect(bare.headers.map(\.name) == ["Access-Control-Allow-Origin", "X-Request-Id"])
    }

    /// One authorizer outcome.
    struct AuthorizationRow: Sendable, CustomTestStringConvertible {
        var name: String
        var authorization: Authorization
        var headers: [Mapped]
        var status: Int
        var body: String?
        var page: String
        var testDescription: String { "\(name) (\(page))" }
    }

    @Test(arguments: [
        AuthorizationRow(
            name: "JWT without a token", authorization: jwt, headers: [], status: 401, body: #"{"message":"Unauthorized"}"#,
            page: jwtPage),
        AuthorizationRow(
            name: "JWT with a token", authorization: jwt, headers: [Mapped("Authorization", "Bearer t")], status: 200, body: nil,
            page: jwtPage),
        AuthorizationRow(
            name: "Lambda authorizer without its identity source", authorization: Authorization(type: "CUSTOM", authorizerName: "gate"),
            headers: [Mapped("Authorization", "Bearer t")], status: 401, body: #"{"message":"Unauthorized"}"#,
            page: lambdaAuthorizerPage),
        AuthorizationRow(
            name: "Lambda authorizer with its identity source", authorization: Authorization(type: "CUSTOM", authorizerName: "gate"),
            headers: [Mapped("X-Gate", "k")], status: 200, body: nil, page: lambdaAuthorizerPage),
        AuthorizationRow(
            name: "IAM without a signature (observed)", authorization: Authorization(type: "AWS_IAM"), headers: [], status: 403,
            body: #"{"message":"Forbidden"}"#, page: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html"),
    ])
    func authorizers(_ row: AuthorizationRow) {
        var plan = Self.plan()
        plan.resources[3].methods[0].authorization = row.authorization
        let a = answer("GET", "/pets/dog/1", plan: plan, headers: [Mapped("Origin", Self.app)] + row.headers)
        #expect(a.status == row.status)
        #expect(a.body == row.body)
        #expect(a.route == "GET /pets/dog/1")
        // Observed: API Gateway's own refusals carry the configured CORS headers too.
        #expect(a.headerList.value("Access-Control-Allow-Origin") == Self.app)
    }

    @Test func aWildcardOriginWithCredentialsIsRefusedByAPIGateway() {
        let plan = Self.plan(cors: CORSConfiguration(allowOrigins: ["*"], allowCredentials: true))
        let a = answer("OPTIONS", "/pets", plan: plan, headers: Self.preflight())
        #expect(a.faults == [
            "API Gateway refuses a CORS configuration with allowOrigins * and allowCredentials true "
                + "(allow-credentials is not supported if allow-origin is *), so the API is never created or updated"
        ], "\(Self.observedCredentialsRefusal)")
    }

    // MARK: - What the browser makes of it

    /// A page on the allowed origin PUTs with a bearer token through `ANY /{proxy+}`.
    @Test(arguments: [(false, "blocked: preflight status 401"), (true, "allowed")])
    func aBrowserBehindAnAuthorizedCatchAll(hasOptionsRoute: Bool, outcome: String) {
        var plan = Self.plan(catchAll: Self.jwt)
        if hasOptionsRoute { plan = plan.withRoute("OPTIONS", at: "/{proxy+}", role: .preflight) }
        let report = PreflightSimulation.run(
            PreflightSimulation.Input(
                plan: plan, path: "/orders/7", origin: Self.app, method: "PUT",
                headers: [Mapped("Authorization", "Bearer t"), Mapped("Content-Type", "application/json")]))
        #expect(report.verdict.summary == outcome)
        #expect(report.request.url == "https://api-id.execute-api.region.amazonaws.com/orders/7")
    }

    @Test func aURLOfTheDefaultStageIsAllPath() {
        let target = RequestTarget("https://abc.execute-api.eu-west-1.amazonaws.com/orders/7", stage: "$default", plan: Self.plan())
        #expect(target.path == "/orders/7")
        #expect(target.stage == nil)
    }
}

extension GatewayPlan {
    /// The plan with one more route, its resource placed before `$default`.
    func withRoute(_ verb: String, at path: String, role: PlanMethod.Role) -> GatewayPlan {
        var plan = self
        let method = HTTPAPISimulatorTests.route(verb, role: role)
        if let index = plan.resources.firstIndex(where: { $0.path == path }) {
            plan.resources[index].methods.append(method)
        } else {
            plan.resources.insert(PlanResource(path: path, methods: [method]), at: max(plan.resources.count - 1, 0))
        }
        return plan
    }
}
