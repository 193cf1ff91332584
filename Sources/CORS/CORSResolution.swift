import Diagnostics

/// The policy applied to every path of a spec.
public struct CORSResolution: Sendable {
    /// One entry per input resource, in input order.
    public var resources: [ResolvedCORSResource]
    /// API Gateway's own responses that get CORS headers (API-wide).
    public var gatewayResponses: [GatewayResponseType]
    /// The reader's diagnostics followed by those resolution found, each once.
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The outcome for a path, as the spec writes it.
    public func resource(_ path: String) -> ResolvedCORSResource? {
        resources.first { $0.path == path }
    }
}
