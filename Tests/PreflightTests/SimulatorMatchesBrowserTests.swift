import Convert
import GoldenCases
import Diagnostics
import TestSupport
import Testing
import Plan
import Preflight
import Planning

/// The preflight simulator against the end-to-end tier's table: every `fetch()` that headless
/// Chromium was seen to allow or block against the API deployed from a spec case
/// (`Tests/EndToEnd/expectations.tsv`) must get the same verdict from `PreflightSimulation`,
/// on every `swift test` and without LocalStack, so the simulator and the browser cannot
/// drift apart. A disagreement is a simulator bug: the rows are the browser's word.
@Suite struct SimulatorMatchesBrowserTests {
    /// Every row of the table; a table that cannot be read fails `everyRowIsSimulated`.
    static let rows: [BrowserExpectation] = (try? BrowserExpectation.loadAll()) ?? []

    /// The headers `browser_cors.py`'s backend sends under `/cors/` (what the converter's
    /// PLAN006 note asks a proxied backend to send) and under `/bare/` (nothing).
    static func backendHeaders(_ backend: String) -> [Mapped] {
        backend == "http-cors" ? [Mapped("Access-Control-Allow-Origin", "https://shop.example.com"), Mapped("Vary", "Origin")] : []
    }

    /// The plan the end-to-end driver deploys for a row: `convert` with the case's policy and
    /// `options.yaml` (`--config`), and for `http-*` rows `--backend http:<server>/cors` or
    /// `/bare`, whose address does not matter to a simulation that never calls it.
    static func plan(for row: BrowserExpectation, target: Converter.Request.Target = .cloudformation) throws -> GatewayPlan {
        guard let spec = SpecCorpus.specPath(of: row.caseName) else { throw PlanFailure(reason: "no spec in specs/\(row.caseName)") }
        var config = ConvertConfig()
        let optionsPath = "specs/\(row.caseName)/\(GoldenCase.optionsName)"
        if Golden.exists(optionsPath) {
            let (read, problems) = try ConvertConfig.read(try SpecCorpus.bytes(optionsPath), file: optionsPath)
            guard problems.isEmpty else { throw PlanFailure(reason: "\(optionsPath): \(problems)") }
            config = read
        }
        let policy = try SpecCorpus.policyPath(of: row.caseName).map {
            Converter.PolicyInput(bytes: try SpecCorpus.bytes($0), file: $0)
        }
        var backend = config.backend ?? .mock
        if row.backend != "mock" {
            backend = .httpProxy(baseURL: "http://127.0.0.1:8080/" + row.backend.dropFirst("http-".count))
        }
        let request = Converter.Request(
            target: target, integrations: IntegrationSettings(backend: backend, stageName: config.stageName ?? "v1"),
            repairsPaths: config.repair ?? false)
        let planned = Converter.plan(entry: spec, reader: RepositoryFiles(), policy: policy, request: request)
        guard let plan = planned.plan else {
            throw PlanFailure(reason: planned.diagnostics.map(\.message).joined(separator: "; "))
        }
        return plan
    }

    struct PlanFailure: Error, CustomStringConvertible {
        var reason: String
        var description: String { "cannot plan: \(reason)" }
    }

    /// The simulator's report for a row: its origin, method, path under the stage, headers
    /// and credentials mode, as the driver's `fetch()` sends them.
    static func simulate(_ row: BrowserExpectation, on plan: GatewayPlan) -> PreflightReport {
        PreflightSimulation.run(
            PreflightSimulation.Input(
                plan: plan, path: row.path, origin: row.origin, method: row.method,
                headers: row.headers.map { Mapped($0.name, $0.value) },
                // `same-origin` and `omit` send no cookies cross-origin; only `include` does.
                includesCredentials: row.sendsCredentials, backendHeaders: backendHeaders(row.backend)))
    }

    /// The verdict the browser reaches on LocalStack, where the table's rows were checked:
    /// the simulator's, except when API Gateway answered the actual request by itself. The
    /// stand-in sends a gateway response's status without its headers (docs/testing.md, first
    /// gap), so no CORS header reaches the page there, while on AWS the `DEFAULT_4XX` headers
    /// the simulator models let the page read the error. `nil` when the two agree.
    static func standInVerdict(_ report: PreflightReport) -> (isAllowed: Bool, awsSummary: String)? {
        guard let answer = report.actualAnswer, answer.gatewayResponseType != nil else { return nil }
        let failure = BrowserCORS.corsCheck(
            HeaderList(), origin: report.request.origin, includesCredentials: report.request.includesCredentials)
        return (failure == nil, report.verdict.summary)
    }

    /// The simulator's verdict for a row as the browser met it: on the stand-in's terms for
    /// answers API Gateway gives by itself, on AWS's otherwise.
    static func verdict(for row: BrowserExpectation) throws -> (isAllowed: Bool, summary: String, report: PreflightReport) {
        let report = simulate(row, on: try plan(for: row))
        if let standIn = standInVerdict(report) {
            return (standIn.isAllowed, "\(standIn.isAllowed ? "allowed" : "blocked") on LocalStack (a gateway response without its headers; on AWS \(standIn.awsSummary))", report)
        }
        return (report.verdict.isAllowed, report.verdict.summary, report)
    }

    @Test(arguments: rows)
    func theSimulatorReachesTheBrowsersVerdict(_ row: BrowserExpectation) throws {
        let verdict = try Self.verdict(for: row)
        #expect(
            verdict.isAllowed == row.isAllowed,
            """
            \(row): the browser \(row.isAllowed ? "allowed" : "blocked") it, the simulator says \(verdict.summary)
            \(verdict.report.text())
            """)
    }

    /// One simulation stands for both deployments of a `both` row because the CloudFormation
    /// and the OpenAPI output are rendered from one plan; this pins that the plan does not
    /// depend on the output kind for any case the table uses.
    @Test func bothOutputsOfACaseDeployThePlanThatIsSimulated() throws {
        var seen = Set<String>()
        for row in Self.rows where row.outputs.count > 1 && seen.insert("\(row.caseName) \(row.backend)").inserted {
            #expect(try Self.plan(for: row, target: .cloudformation) == Self.plan(for: row, target: .openapi), "\(row)")
        }
    }

    /// No row is skipped: `http-*` rows are simulated with the headers the test's backend
    /// sends, and rows that API Gateway answers by itself on the stand-in's terms (counted).
    @Test func everyRowIsSimulated() throws {
        let rows = try BrowserExpectation.loadAll()
        #expect(Self.rows.count == rows.count)
        let deployments = rows.reduce(0) { $0 + $1.outputs.count }
        var agreeing = 0
        var onStandInTerms: [String] = []
        for row in rows {
            let verdict = try Self.verdict(for: row)
            if verdict.isAllowed == row.isAllowed { agreeing += 1 }
            if Self.standInVerdict(verdict.report) != nil { onStandInTerms.append("\(row)") }
        }
        print(
            "simulator cross-check: \(rows.count) rows of \(BrowserExpectation.tablePath) (\(deployments) browser checks), "
                + "\(rows.count) simulated, 0 skipped, \(agreeing) agree; \(onStandInTerms.count) answered by a gateway "
                + "response, compared as LocalStack sends it: \(onStandInTerms.joined(separator: ", "))")
        #expect(agreeing == rows.count)
        #expect(rows.count >= 40)
    }
}
