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
