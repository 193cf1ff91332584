import Plan

/// Every step of one simulated `fetch()`, for printing and for tests.
public struct PreflightReport: Sendable, Equatable {
    public var request: BrowserRequest
    /// The preflight, when the request needs one.
    public var preflight: PreflightRequest?
    public var preflightAnswer: GatewayAnswer?
    /// The actual request's headers as sent, when it was sent.
    public var actualHeaders: HeaderList?
    public var actualAnswer: GatewayAnswer?
    public var verdict: BrowserVerdict

    init(request: BrowserRequest) {
        self.request = request
        self.verdict = BrowserVerdict(failure: nil, duringPreflight: false, url: request.url, origin: request.origin)
    }
}
