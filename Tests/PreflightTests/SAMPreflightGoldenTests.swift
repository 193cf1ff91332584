import Intake
import Plan
import Preflight
import TestSupport
import Testing

/// `preflight` on the SAM cases: the page's request played against the API SAM's transform
/// deploys (the OPTIONS its Cors adds, the authorizer its Auth puts there), pinned in
/// `golden/<case>/preflight.txt`.
@Suite struct SAMPreflightGoldenTests {
    static let rerecord = "UPDATE_GOLDEN=1 swift test --filter SAMPreflightGoldenTests"

    struct Request: Sendable, CustomStringConvertible {
        var method: String
        var path: String
        var origin: String
        var headers: [Mapped] = []
        var credentials = false
        var description: String { "\(method) \(path)" }
    }

    /// Requests a page of each case makes.
    static let requests: [String: [Request]] = [
        "doctor-sam-implicit-api": [
            Request(method: "PUT", path: "/orders/42", origin: "https://shop.example.com", headers: [Mapped("X-Request-Id", "7")]),
            Request(method: "POST", path: "/orders", origin: "https://shop.example.com", headers: [Mapped("Content-Type", "application/json")]),
        ],
        "doctor-sam-definition-body": [
            Request(method: "PATCH", path: "/stock/sku-7", origin: "https://stock.example.com"),
        ],
        "doctor-sam-auth-on-preflight": [
            Request(
                method: "PUT", path: "/notes/1", origin: "https://notes.example.com",
                headers: [Mapped("Authorization", "token"), Mapped("X-Api-Key", "key")]),
        ],
        "doctor-sam-include": [
            Request(
                method: "POST", path: "/tasks", origin: "https://tasks.example.com",
                headers: [Mapped("Content-Type", "application/json"), Mapped("Authorization", "AWS4-HMAC-SHA256 …"), Mapped("X-Api-Key", "key")]),
        ],
        "doctor-sam-credentials": [
            Request(method: "DELETE", path: "/files/a.txt", origin: "https://a.example.com", credentials: true),
        ],
    ]

    @Test(arguments: requests.keys.sorted())
    func simulatesTheDeployedAPI(caseName: String) throws {
        let template = "specs/\(caseName)/template.yaml"
        let source = try PlanSource.plan(template, reader: CorpusFiles(), policy: nil, readPolicy: { _ in [] })
        let plan = try #require(source.plan, "\(source.diagnostics)")
        var text = ""
        for request in Self.requests[caseName] ?? [] {
            let headers = request.headers.map { " --header '\($0.name): \($0.value)'" }.joined()
            text += "$ oas2apigw preflight \(template) --origin \(request.origin) --method \(request.method) --path \(request.path)"
                + headers + (request.credentials ? " --credentials" : "") + "\n"
            let report = PreflightSimulation.run(
                PreflightSimulation.Input(
                    plan: plan, path: request.path, origin: request.origin, method: request.method, headers: request.headers,
                    includesCredentials: request.credentials))
            text += report.text() + "\n"
        }
        Golden.assertMatches(text, golden: "golden/\(caseName)/preflight.txt", rerecord: Self.rerecord)
    }

    /// The answers the cases are written for: SAM's pitfalls block the page.
    @Test func theSAMPitfallsBlockThePage() throws {
        func verdict(_ caseName: String, _ index: Int = 0) throws -> String {
            let source = try PlanSource.plan("specs/\(caseName)/template.yaml", reader: CorpusFiles(), policy: nil, readPolicy: { _ in [] })
            let request = try #require(Self.requests[caseName]?[index])
            let report = PreflightSimulation.run(
                PreflightSimulation.Input(
                    plan: try #require(source.plan), path: request.path, origin: request.origin, method: request.method,
                    headers: request.headers, includesCredentials: request.credentials))
            return report.text()
        }
        // The default authorizer answers the preflight with 401.
        #expect(try verdict("doctor-sam-auth-on-preflight").contains("status: 401"))
        // An unquoted AllowOrigin is no header value.
        #expect(try verdict("doctor-sam-definition-body").contains("neither quoted nor a mapping expression"))
        // The header the PUT sends is not in AllowHeaders.
        #expect(try verdict("doctor-sam-implicit-api").contains("Verdict: blocked"))
    }
}
