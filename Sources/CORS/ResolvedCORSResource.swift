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

    /// The methods a browser sends cross-origin without checking them against
    /// `Access-Control-Allow-Methods` (the Fetch standard's CORS-safelisted methods).
    static let safelistedMethods: Set<String> = ["GET", "HEAD", "POST"]

    /// Whether pages on other origins may call `method` (upper case, or `ANY`) on this path,
    /// so that its responses carry the CORS headers.
    ///
    /// Not a method a `methods` rule turned off, nor one the preflight's Allow-Methods leaves
    /// out: the browser blocks every cross-origin call of such a method at the preflight, so
    /// headers on its responses would only say it is meant for other origins when it is not
    /// (the doctor's DOC021). GET, HEAD and POST are never checked against Allow-Methods, and `ANY` answers for the
    /// methods the list does name.
    public func answersOtherOrigins(_ method: String) -> Bool {
        guard let policy, !methodsWithoutCORS.contains(method) else { return false }
        // Compared one by one: this is asked for every method of a spec, and hashing the
        // name for a set of three cost more than the comparisons.
        return method == "GET" || method == "POST" || method == "HEAD" || method == "ANY" || policy.allowMethods.contains(method)
    }
}
