import Testing
import Diagnostics
import CORS

/// The edit `preflight` prints after a blocked verdict: the key the path takes its value
/// from, in the rule or at the top level, at its line.
@Suite struct CORSPolicyFixTests {
    static let policy: CORSPolicy = {
        let text = """
            allowOrigins: [https://shop.example.com]
            allowHeaders: [Content-Type]
            rules:
              - paths: ["/admin/**"]
                enabled: false
              - paths: ["/orders/*"]
                allowHeaders: [Content-Type, Authorization]
                allowCredentials: false
            """
        return try! CORSPolicyReader.read(Array(text.utf8), file: "cors.yaml").policy
    }()

    @Test func aMissingOriginGoesToTheTopLevelList() {
        #expect(Self.policy.fix(for: .origin("https://app.example.com"), on: "/pets") == "add https://app.example.com to allowOrigins (cors.yaml:1:15)")
    }

    @Test func aMissingHeaderGoesToTheRuleThePathTakesItsListFrom() {
        #expect(Self.policy.fix(for: .header("x-trace"), on: "/pets") == "add x-trace to allowHeaders (cors.yaml:2:15)")
        #expect(Self.policy.fix(for: .header("x-trace"), on: "/orders/{id}") == "add x-trace to allowHeaders of rule 2 (cors.yaml:7:19)")
    }

    @Test func credentialsAndMethodsSayWhereOrWhatToAdd() {
        #expect(Self.policy.fix(for: .credentials, on: "/orders/{id}") == "set allowCredentials: true of rule 2 (cors.yaml:8:23)")
        #expect(Self.policy.fix(for: .credentials, on: "/pets") == "add allowCredentials: true to cors.yaml")
        #expect(Self.policy.fix(for: .method("PUT"), on: "/pets")?.hasPrefix("/pets has no PUT operation in the spec") == true)
    }

    @Test func aRuleThatTurnsCORSOffIsNamedWhateverWasRefused() {
        let fix = "rule 1 turns CORS off for /admin/users (cors.yaml:4:5); remove the rule or narrow its paths if pages on other origins call it"
        #expect(Self.policy.fix(for: .header("x-trace"), on: "/admin/users") == fix)
        #expect(Self.policy.fix(for: nil, on: "/admin/users") == fix)
        #expect(Self.policy.fix(for: nil, on: "/pets") == nil)
    }

    /// A rule with `methods` turns CORS off for those methods only: it decides a refused
    /// method it lists, and nothing else on its paths.
    @Test func aRuleWithMethodsDecidesOnlyThoseMethods() throws {
        let text = """
            allowOrigins: [https://shop.example.com]
            rules:
              - paths: ["/orders/*"]
                methods: [DELETE]
                enabled: false
              - paths: ["/orders/*"]
                allowMethods: [GET]
            """
        let policy = try CORSPolicyReader.read(Array(text.utf8), file: "cors.yaml").policy
        #expect(
            policy.fix(for: .method("delete"), on: "/orders/7")
                == "rule 1 turns CORS off for DELETE /orders/7 (cors.yaml:3:5); remove the rule or take DELETE out of its methods "
                + "if pages on other origins call it")
        #expect(policy.fix(for: .method("PUT"), on: "/orders/7") == "add PUT to allowMethods of rule 2 (cors.yaml:7:19)")
        #expect(policy.fix(for: nil, on: "/orders/7") == nil, "the preflight itself is not turned off")
    }

    /// An origin the policy allows on the path is blocked for another reason: no edit of
    /// allowOrigins is offered for it.
    @Test func anAllowedOriginIsNotToldToBeAdded() {
        #expect(Self.policy.fix(for: .origin("https://shop.example.com"), on: "/pets") == nil)
    }

    /// API Gateway's own answer without the origin: the list of gateway responses, or, for
    /// several origins with credentials, the one origin its answers carry.
    @Test func aGatewayResponseWithoutTheOriginNamesGatewayResponsesOrTheOneOrigin() throws {
        let severalWithCookies = """
            allowOrigins: [https://app.example.com, https://admin.example.com]
            allowCredentials: true
            gatewayResponses: [DEFAULT_5XX]
            """
        let policy = try CORSPolicyReader.read(Array(severalWithCookies.utf8), file: "cors.yaml").policy
        let unlisted = policy.fix(for: .gatewayResponse(type: "ACCESS_DENIED", status: 403, origin: "https://app.example.com"), on: "/t")
        #expect(unlisted?.hasPrefix("API Gateway answered by itself (ACCESS_DENIED) and the policy gives that answer no CORS headers; add DEFAULT_4XX to gatewayResponses (cors.yaml:3:") == true)
        let listed = policy.fix(for: .gatewayResponse(type: "DEFAULT_5XX", status: 502, origin: "https://app.example.com"), on: "/t")
        #expect(listed?.hasSuffix("name the one they carry with gatewayResponseOrigin: https://app.example.com in cors.yaml") == true)
        let one = try CORSPolicyReader.read(Array("allowOrigins: [https://app.example.com]\nallowCredentials: true\n".utf8), file: "cors.yaml").policy
        #expect(one.fix(for: .gatewayResponse(type: "DEFAULT_4XX", status: 403, origin: "https://app.example.com"), on: "/t") == nil)
    }

    @Test func theSpecsOwnOptionsIsToldToBeReplaced() {
        #expect(Self.policy.fix(for: .ownOptions, on: "/pets")?.contains("set existingOptions: replace") == true)
    }
}
