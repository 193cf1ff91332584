import Diagnostics

extension GatewayPlanner {
    /// A request header a preflight allows although the policy does not list it, because a
    /// method of the resource sends it; the first method found, and how many resources.
    struct AddedHeader: Sendable {
        var name: String
        var method: String
        var path: String
        var location: SourceLocation?
    }

    /// Media types a browser sends without a preflight, so a body of only these needs no
    /// `Content-Type` in `Access-Control-Allow-Headers`.
    static let formMediaTypes: Set<String> = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]

    /// The methods that take a request body as a rule.
    static let bodyMethods: Set<String> = ["PUT", "PATCH", "POST"]

    /// `policy` with every request header the resource's methods send added to its
    /// `allowHeaders`: a browser sends what the spec declares (header parameters, the
    /// security schemes' headers, a JSON `Content-Type`) and blocks the call when the
    /// preflight leaves one out, so the policy's list is where allowing starts, not where
    /// it ends. What is added is recorded in `added` for one note per header.
    static func allowingRequestHeaders(
        of resource: PlanResource, operations: [Operation], under policy: EffectiveCORSPolicy, model: APIModel,
        authorizers: [Authorizer], added: inout [AddedHeader]
    ) -> EffectiveCORSPolicy {
        // A few names each, and this runs for every resource: compared in place, not hashed.
        let allowed = policy.allowHeaders
        // `*` stands for any header only without credentials, and never for Authorization.
        let wildcard = allowed.contains("*") && !policy.allowsCredentials
        var missing: [String] = []
        // The model's operations and the resource's methods are in the same order until a
        // preflight is added, which happens after this.
        for (operation, method) in zip(operations, resource.methods) where method.httpMethod != "OPTIONS" {
            // Any PUT, PATCH or POST may carry JSON (and a template read back cannot tell
            // which body it takes, so the doctor assumes it); other methods when the spec says so.
            let sendsJSON =
                bodyMethods.contains(method.httpMethod)
                || operation.requestBody?.mediaTypes.contains { !formMediaTypes.contains($0.lowercased()) } == true
            let needed = method.browserRequestHeaders(authorizers: authorizers, sendsJSON: sendsJSON) + schemeHeaders(of: operation, in: model)
            for header in needed {
                guard !allowed.contains(where: { PlanMethod.isSameHeaderName($0, header) }),
                    !(wildcard && !PlanMethod.isSameHeaderName(header, "authorization")),
                    !missing.contains(where: { PlanMethod.isSameHeaderName($0, header) })
                else { continue }
                missing.append(header)
                added.append(AddedHeader(name: header, method: method.httpMethod, path: resource.path, location: operation.location))
            }
        }
        guard !missing.isEmpty else { return policy }
        var widened = policy
        widened.allowHeaders += missing
        return widened
    }

    /// The headers of the security schemes API Gateway leaves to the backend (no authorizer,
    /// not SigV4, not its own API key): the browser still sends their credentials, by any of
    /// the operation's alternatives.
    static func schemeHeaders(of operation: Operation, in model: APIModel) -> [String] {
        var headers: [String] = []
        for requirement in operation.security.requirements {
            for named in requirement.schemes {
                guard let scheme = model.securityScheme(named: named.name),
                    scheme.extensions[shortName: "authorizer"] == nil,
                    scheme.extensions[shortName: "authtype"]?.value.text != "awsSigv4"
                else { continue }
                switch scheme.type {
                case "apiKey":
                    guard scheme.placement == "header", let name = scheme.parameterName, name.lowercased() != "x-api-key" else { continue }
                    headers.append(name)
                case "http", "oauth2", "openIdConnect":
                    headers.append("Authorization")
                default:
                    continue
                }
            }
        }
        return headers
    }

    /// One note per header added to preflights, naming the first method that sends it and
    /// how many resources it was added on, with the policy edit that makes it explicit.
    static func addedHeaderNotes(_ added: [AddedHeader]) -> [Diagnostic] {
        var order: [String] = []
        var first: [String: AddedHeader] = [:]
        var counts: [String: Int] = [:]
        for header in added {
            let key = header.name.lowercased()
            if first[key] == nil {
                order.append(key)
                first[key] = header
            }
            counts[key, default: 0] += 1
        }
        return order.compactMap { key in
            guard let header = first[key], let count = counts[key] else { return nil }
            let more = count > 1 ? " (and on \(count - 1) more path\(count == 2 ? "" : "s"))" : ""
            return .note(
                PlanError.requestHeaderAllowed,
                "OPTIONS \(header.path)\(more) allows request header \(header.name), which \(header.method) \(header.path) sends "
                    + "but the policy's allowHeaders does not list, since a browser would block the call without it; "
                    + "add \(header.name) to allowHeaders to say so in the policy",
                at: header.location)
        }
    }
}
