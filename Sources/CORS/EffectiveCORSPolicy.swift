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
