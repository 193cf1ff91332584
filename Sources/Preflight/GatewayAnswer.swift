import Plan

/// What API Gateway sends back for one request, and why: the status, each header with the
/// rule or template that produced it, and what the simulation could not know.
public struct GatewayAnswer: Sendable, Equatable {
    /// One response header and where its value came from.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        /// `'https://a.example' (integration response 204)`, `response template`, …
        public var source: String

        public init(name: String, value: String, source: String) {
            self.name = name
            self.value = value
            self.source = source
        }
    }

    public var status: Int
    public var headers: [Header]
    /// The route that answered (`OPTIONS /pets/{petId}`), or `nil` when none matched.
    public var route: String?
    /// One line on what produced the answer (`MOCK integration, integration response 204 (default)`).
    public var producedBy: String
    /// The gateway response type when API Gateway answered by itself.
    public var gatewayResponseType: String?
    public var body: String?
    /// What the simulation assumed or could not evaluate.
    public var notes: [String]
    /// Mistakes in the definition that make API Gateway refuse it or fail at run time.
    public var faults: [String]

    public init(
        status: Int, headers: [Header] = [], route: String? = nil, producedBy: String, gatewayResponseType: String? = nil,
        body: String? = nil, notes: [String] = [], faults: [String] = []
    ) {
        self.status = status
        self.headers = headers
        self.route = route
        self.producedBy = producedBy
        self.gatewayResponseType = gatewayResponseType
        self.body = body
        self.notes = notes
        self.faults = faults
    }

    /// The headers as the browser reads them.
    public var headerList: HeaderList { HeaderList(headers.map { Mapped($0.name, $0.value) }) }
}
