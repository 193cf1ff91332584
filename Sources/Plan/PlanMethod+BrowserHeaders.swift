extension PlanMethod {
    /// The request headers a browser sends without a preflight (Fetch's CORS-safelisted
    /// request headers), lowercased; Content-Type only for form and text bodies, so it is
    /// not among them.
    public static let safelistedRequestHeaders = ["accept", "accept-language", "content-language"]

    /// The request headers a page must be allowed to send to call this method from another
    /// origin, in a fixed order: the authorizer's identity headers, SigV4's, the API key, a
    /// JSON `Content-Type` when `sendsJSON`, then the declared header parameters.
    ///
    /// The planner lists them in the preflight's `Access-Control-Allow-Headers` and the
    /// doctor checks a preflight against them, so both use this one rule.
    public func browserRequestHeaders(authorizers: [Authorizer], sendsJSON: Bool) -> [String] {
        Self.browserRequestHeaders(
            authorization: authorization, apiKeyRequired: apiKeyRequired, requestParameters: requestParameters,
            authorizers: authorizers, sendsJSON: sendsJSON)
    }

    /// `browserRequestHeaders(authorizers:sendsJSON:)` from the parts of a method it reads,
    /// for a caller that holds methods in a list and would otherwise copy each one whole.
    package static func browserRequestHeaders(
        authorization: Authorization, apiKeyRequired: Bool, requestParameters: [RequestParameter], authorizers: [Authorizer],
        sendsJSON: Bool
    ) -> [String] {
        var headers: [String] = []
        switch authorization.type {
        case "CUSTOM", "COGNITO_USER_POOLS":
            let authorizer = authorizers.first { $0.name == authorization.authorizerName }
            let sources = (authorizer?.identitySource ?? "method.request.header.Authorization").split(separator: ",")
            let prefix = "method.request.header."
            let names = sources.compactMap { source -> String? in
                let text = source.trimmingSpaces
                return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil
            }
            headers += names.isEmpty && authorizer?.type != "REQUEST" ? ["Authorization"] : names
        case "AWS_IAM":
            headers += ["Authorization", "X-Amz-Date"]
        default:
            break
        }
        if apiKeyRequired { headers.append("X-Api-Key") }
        if sendsJSON { headers.append("Content-Type") }
        for parameter in requestParameters where parameter.location == "header" {
            if !Self.safelistedRequestHeaders.contains(where: { Self.isSameHeaderName($0, parameter.name) }) { headers.append(parameter.name) }
        }
        // A handful of names: compared pairwise, not hashed (this runs for every method).
        var kept: [String] = []
        for header in headers where !kept.contains(where: { Self.isSameHeaderName($0, header) }) { kept.append(header) }
        return kept
    }

    /// Whether two header names are the same name, as HTTP compares them (ASCII letters in
    /// either case). Names are tokens, ASCII only; compared byte by byte rather than through
    /// `lowercased()`, which makes a string each time and runs for every header of every method.
    @inlinable
    public static func isSameHeaderName(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for index in 0..<x.count where x[index] != y[index] {
                    let folded = x[index] | 0x20
                    guard folded == y[index] | 0x20, folded >= UInt8(ascii: "a"), folded <= UInt8(ascii: "z") else { return false }
                }
                return true
            }
        }
    }
}
