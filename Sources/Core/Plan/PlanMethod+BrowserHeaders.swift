extension PlanMethod {
    /// The request headers a browser sends without a preflight (Fetch's CORS-safelisted
    /// request headers), lowercased; Content-Type only for form and text bodies, so it is
    /// not among them.
    public static let safelistedRequestHeaders: Set<String> = ["accept", "accept-language", "content-language"]

    /// The request headers a page must be allowed to send to call this method from another
    /// origin, in a fixed order: the authorizer's identity headers, SigV4's, the API key, a
    /// JSON `Content-Type` when `sendsJSON`, then the declared header parameters.
    ///
    /// The planner lists them in the preflight's `Access-Control-Allow-Headers` and the
    /// doctor checks a preflight against them, so both use this one rule.
    public func browserRequestHeaders(authorizers: [Authorizer], sendsJSON: Bool) -> [String] {
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
            if !Self.safelistedRequestHeaders.contains(parameter.name.lowercased()) { headers.append(parameter.name) }
        }
        var seen: Set<String> = []
        return headers.filter { seen.insert($0.lowercased()).inserted }
    }
}
