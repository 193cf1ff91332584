import Diagnostics
import Plan
import CORS
import Spec

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

    /// Whether a method takes a request body as a rule: PUT, PATCH and POST.
    static func isBodyMethod(_ method: String) -> Bool {
        method == "PUT" || method == "PATCH" || method == "POST"
    }

    /// `policy` with every request header the resource's methods send added to its
    /// `allowHeaders`: a browser sends what the spec declares (header parameters, the
    /// security schemes' headers, a JSON `Content-Type`) and blocks the call when the
    /// preflight leaves one out, so the policy's list is where allowing starts, not where
    /// it ends. What is added is recorded in `added` for one note per header.
    static func allowingRequestHeaders(
        of resource: PlanResource, operations: [Operation], under policy: EffectiveCORSPolicy,
        schemeHeaders: [SchemeHeader], authorizers: [Authorizer], added: inout [AddedHeader]
    ) -> EffectiveCORSPolicy {
        // A few names each, and this runs for every resource: compared in place, not hashed.
        let allowed = policy.allowHeaders
        // `*` stands for any header only without credentials, and never for Authorization.
        let wildcard = allowed.contains("*") && !policy.allowsCredentials
        var missing: [String] = []
        // The model's operations and the resource's methods are in the same order until a
        // preflight is added, which happens after this. Read where they lie: this runs for
        // every method, and a copy of an operation or a method retains each of its fields.
        resource.methods.withUnsafeBufferPointer { methods in
            operations.withUnsafeBufferPointer { operations in
                func consider(_ header: String, at index: Int) {
                    guard !allowed.contains(where: { PlanMethod.isSameHeaderName($0, header) }),
                        !(wildcard && !PlanMethod.isSameHeaderName(header, "authorization")),
                        !missing.contains(where: { PlanMethod.isSameHeaderName($0, header) })
                    else { return }
                    missing.append(header)
                    added.append(
                        AddedHeader(name: header, method: methods[index].httpMethod, path: resource.path, location: operations[index].location))
                }
                for index in 0..<min(operations.count, methods.count) where methods[index].httpMethod != "OPTIONS" {
                    // Any PUT, PATCH or POST may carry JSON (and a template read back cannot tell
                    // which body it takes, so the doctor assumes it); other methods when the spec says so.
                    let sendsJSON =
                        Self.isBodyMethod(methods[index].httpMethod)
                        || operations[index].requestBody.map { $0.mediaTypes.contains { !formMediaTypes.contains($0.lowercased()) } } == true
                    let headers = PlanMethod.browserRequestHeaders(
                        authorization: methods[index].authorization, apiKeyRequired: methods[index].apiKeyRequired,
                        requestParameters: methods[index].requestParameters, authorizers: authorizers, sendsJSON: sendsJSON)
                    for header in headers {
                        consider(header, at: index)
                    }
                    // The headers of the schemes API Gateway leaves to the backend: the browser
                    // still sends their credentials, by any of the operation's alternatives.
                    for requirement in operations[index].security.requirements {
                        for named in requirement.schemes {
                            guard let found = schemeHeaders.first(where: { $0.scheme == named.name }) else { continue }
                            consider(found.header, at: index)
                        }
                    }
                }
            }
        }
        guard !missing.isEmpty else { return policy }
        var widened = policy
        widened.allowHeaders += missing
        return widened
    }

    /// The request header a security scheme has the browser send, for a scheme API Gateway
    /// leaves to the backend (no authorizer, not SigV4, not its own API key).
    struct SchemeHeader: Sendable {
        var scheme: String
        var header: String
    }

    /// The model's schemes that API Gateway leaves to the backend, each with the header the
    /// browser sends its credentials in: worked out once per plan, not for every operation.
    static func backendSchemeHeaders(in model: APIModel) -> [SchemeHeader] {
        model.securitySchemes.compactMap { scheme in
            guard scheme.extensions[shortName: "authorizer"] == nil, scheme.extensions[shortName: "authtype"]?.value.text != "awsSigv4"
            else { return nil }
            switch scheme.type {
            case "apiKey":
                guard scheme.placement == "header", let name = scheme.parameterName, name.lowercased() != "x-api-key" else { return nil }
                return SchemeHeader(scheme: scheme.name, header: name)
            case "http", "oauth2", "openIdConnect":
                return SchemeHeader(scheme: scheme.name, header: "Authorization")
            default:
                return nil
            }
        }
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
