import Diagnostics

/// What one path answers once defaults and every matching rule are applied.
public struct EffectiveCORSPolicy: Sendable, Equatable {
    public var origins: OriginMatcher
    /// `Access-Control-Allow-Methods`, in canonical order unless the policy listed them.
    public var allowMethods: [String]
    public var allowHeaders: [String]
    public var exposeHeaders: [String]
    public var allowsCredentials: Bool
    /// `Access-Control-Max-Age` in seconds; `nil` sends no header (browsers then cache for 5 s).
    public var maxAge: Int?
    public var preflightStatus: Int
    public var existingOptions: ExistingOptionsAction

    public init(
        origins: OriginMatcher, allowMethods: [String], allowHeaders: [String], exposeHeaders: [String],
        allowsCredentials: Bool, maxAge: Int?, preflightStatus: Int, existingOptions: ExistingOptionsAction
    ) {
        self.origins = origins
        self.allowMethods = allowMethods
        self.allowHeaders = allowHeaders
        self.exposeHeaders = exposeHeaders
        self.allowsCredentials = allowsCredentials
        self.maxAge = maxAge
        self.preflightStatus = preflightStatus
        self.existingOptions = existingOptions
    }
}

/// The CORS outcome for one path of the spec.
public struct ResolvedCORSResource: Sendable, Equatable {
    public var path: String
    /// The policy the path answers with, or `nil` when CORS is off there.
    public var policy: EffectiveCORSPolicy?
    /// The 1-based numbers of the rules whose paths matched, in file order.
    public var matchedRules: [Int]
    /// Methods a `methods` rule turned off: they get no CORS headers and leave Allow-Methods.
    public var methodsWithoutCORS: [String]

    public var isEnabled: Bool { policy != nil }
}

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
