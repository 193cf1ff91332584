import Intake
import Plan
import Preflight
import TestSupport
import Testing

/// What `check --summary` says a path answers, asked of the simulator: the planner's own
/// preflights (one origin, several with a pattern, credentials, HTTP APIs) and hand-written
/// ones.
@Suite struct CORSAnswerTests {
    @Test func oneOriginIsReadFromTheStaticPreflight() throws {
        let answers = CORSAnswer.answers(of: try PreflightPlans.fromCase("cors-credentials-one-origin"))
        #expect(!answers.isEmpty)
        for answer in answers {
            #expect(answer.origins == ["https://notes.example.com"], "\(answer)")
            #expect(answer.headers == ["Content-Type", "X-Custom-Header"])
            #expect(answer.allowsCredentials)
            #expect(answer.methods.contains("OPTIONS"))
        }
    }

    /// Several origins live in a template that echoes the origin; the pattern is shown as the
    /// policy wrote it, and no unlisted origin gets through.
    @Test func severalOriginsAndAPatternAreFoundInTheTemplate() throws {
        let answers = CORSAnswer.answers(of: try PreflightPlans.fromCase("cors-multi-origin"))
        let orders = try #require(answers.first { $0.path == "/orders" })
        #expect(
            orders.origins == ["http://localhost:5173", "https://*.preview.example.com", "https://admin.example.com", "https://shop.example.com"])
        #expect(orders.allowsCredentials)
        #expect(orders.headers == ["Content-Type", "Authorization", "X-Request-Id"])
    }

    @Test func aPathWithoutCORSHasNoOrigins() throws {
        let plan = PreflightPlans.handBuilt(preflightHeaders: [])
        let answer = try #require(CORSAnswer.answers(of: plan).first { $0.path == "/items" })
        #expect(answer.origins == [])
        #expect(!answer.isCrossOrigin)
    }

    @Test func aWildcardOriginIsAnyOrigin() throws {
        let plan = PreflightPlans.handBuilt(preflightHeaders: PreflightPlans.preflightHeaders(origin: "'*'"))
        let answer = try #require(CORSAnswer.answers(of: plan).first { $0.path == "/items" })
        #expect(answer.origins == ["*"])
        #expect(answer.methods == ["GET", "PUT", "OPTIONS"])
    }

    /// A template that echoes whatever origin comes lets every origin through: that is `*`
    /// for a reviewer, not the list of origins written elsewhere.
    @Test func anEchoOfEveryOriginIsAnyOrigin() throws {
        let echo = "#set($context.responseOverride.header.Access-Control-Allow-Origin = $input.params('Origin'))"
        var headers = PreflightPlans.preflightHeaders()
        headers.removeFirst()
        let plan = PreflightPlans.handBuilt(preflightHeaders: headers, preflightTemplate: echo)
        let answer = try #require(CORSAnswer.answers(of: plan).first { $0.path == "/items" })
        #expect(answer.origins == ["*"])
    }

    /// Without a preflight, the simple methods whose integrations answer with the origin are
    /// what a page may call.
    @Test func simpleMethodsWithoutAPreflightCount() throws {
        var plan = PreflightPlans.handBuilt(preflightHeaders: [], responseHeaders: [Mapped("Access-Control-Allow-Origin", "'https://app.example.com'")])
        plan.resources[1].methods.removeAll { $0.httpMethod == "OPTIONS" }
        let answer = try #require(CORSAnswer.answers(of: plan).first { $0.path == "/items" })
        #expect(answer.origins == ["https://app.example.com"])
        #expect(answer.methods == ["GET"])
    }

    /// API Gateway's own errors may echo any origin so that pages can read them; a method
    /// only they answer (IAM, which a sample request never signs) is still callable by none.
    @Test func gatewayResponsesThatEchoEveryOriginDoNotCount() throws {
        var plan = PreflightPlans.handBuilt(
            preflightHeaders: [],
            gatewayResponses: [
                GatewayResponse(type: "DEFAULT_4XX", responseParameters: [Mapped("gatewayresponse.header.Access-Control-Allow-Origin", "method.request.header.Origin")])
            ])
        plan.resources[1].methods.removeAll { $0.httpMethod == "OPTIONS" }
        for index in plan.resources[1].methods.indices { plan.resources[1].methods[index].authorization = Authorization(type: "AWS_IAM") }
        let answer = try #require(CORSAnswer.answers(of: plan).first { $0.path == "/items" })
        #expect(answer.origins == [])
    }

    @Test func anHTTPAPIIsAnsweredByItsConfiguration() throws {
        let read = try PlanSource.plan("golden/http-lambda-jwt/openapi.yaml", reader: RepositoryFiles(), policy: nil, readPolicy: { _ in [] })
        let plan = try #require(read.plan)
        #expect(plan.kind == .http)
        let answers = CORSAnswer.answers(of: plan)
        #expect(!answers.isEmpty)
        let origins = try #require(plan.cors?.allowOrigins)
        for answer in answers { #expect(answer.origins == origins.sorted(), "\(answer)") }
    }

    // MARK: - Changes

    static let before = [
        CORSAnswer(path: "/admin", origins: ["https://shop.example.com"], methods: ["GET", "OPTIONS"], headers: ["Content-Type"]),
        CORSAnswer(path: "/old", origins: ["https://shop.example.com"], methods: ["GET"]),
        CORSAnswer(path: "/same", origins: ["https://shop.example.com"], methods: ["GET"]),
        CORSAnswer(path: "/private", origins: []),
    ]

    @Test func saysWhatEachChangedPathNowAnswers() {
        let after = [
            CORSAnswer(
                path: "/admin", origins: ["https://preview.example.com", "https://shop.example.com"], methods: ["GET", "DELETE", "OPTIONS"],
                headers: ["content-type", "X-Trace"], allowsCredentials: true),
            CORSAnswer(path: "/same", origins: ["https://shop.example.com"], methods: ["GET"]),
            CORSAnswer(path: "/private", origins: []),
            CORSAnswer(path: "/new", origins: ["*"], methods: ["GET"]),
            CORSAnswer(path: "/internal", origins: []),
        ]
        let changes = CORSChange.changes(from: Self.before, to: after)
        #expect(changes.map(\.path) == ["/admin", "/new", "/old"])
        #expect(
            changes[0].sentences == [
                "`/admin` is now callable from https://preview.example.com",
                "`/admin` now allows DELETE from other origins",
                // Header names compare without case, as browsers match them.
                "`/admin` now accepts the request header X-Trace",
                "`/admin` now lets pages send cookies and other credentials",
            ])
        #expect(changes[1].sentences == ["`/new` is new and callable from any origin"])
        #expect(changes[2].sentences == ["`/old` is gone; it was callable from https://shop.example.com"])
    }

    @Test func saysWhenAPathStopsBeingCallable() {
        let after = [CORSAnswer(path: "/admin", origins: [])]
        let change = CORSChange.changes(from: Array(Self.before.prefix(1)), to: after)
        #expect(change.first?.sentences == ["`/admin` is no longer callable from other origins (it was from https://shop.example.com)"])
    }

    @Test func theReportHasASentenceAndABeforeAndAfterRowPerPath() {
        let after = [CORSAnswer(path: "/admin", origins: ["https://a.example.com", "https://shop.example.com"], methods: ["GET", "OPTIONS"], headers: ["Content-Type"])]
        let entry = CORSChangeReport.Entry(name: "shop", file: "openapi.yaml", changes: CORSChange.changes(from: Array(Self.before.prefix(1)), to: after))
        let quiet = CORSChangeReport.Entry(name: "quiet", file: "openapi.yaml", changes: [])
        let text = CORSChangeReport.markdown([entry, quiet], before: "golden")
        #expect(
            text == """
                ## CORS changes

                1 path in 1 of 2 outputs answer differently from `golden`.

                ### shop

                - `/admin` is now callable from https://a.example.com

                | Path | | Origins | Methods | Request headers | Credentials |
                |---|---|---|---|---|---|
                | `/admin` | before | https://shop.example.com | GET, OPTIONS | Content-Type | no |
                |  | after | https://a.example.com<br>https://shop.example.com | GET, OPTIONS | Content-Type | no |

                <sub>Read from `openapi.yaml` on both sides.</sub>

                """)
        #expect(CORSChangeReport.markdown([quiet], before: "main") == "## CORS changes\n\nNo path's CORS answer changed: 1 output compared with `main`.\n")
    }
}
