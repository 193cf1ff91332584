import Diagnostics

/// The edit to the policy file that lets a refused request through, for `preflight` to say
/// after its verdict: the key to change, in the rule or at the top level where the path
/// takes it from, and where that is written.
extension CORSPolicy {
    /// What a request needed that the policy did not give.
    public enum Need: Sendable, Equatable {
        case origin(String)
        case header(String)
        case method(String)
        case credentials
        /// API Gateway answered by itself, with the gateway response of this type and
        /// status, without the page's origin.
        case gatewayResponse(type: String, status: Int, origin: String)
        /// The spec's own OPTIONS answered the preflight, which the policy leaves alone.
        case ownOptions
        /// A request with credentials met `Access-Control-Allow-Origin: *`.
        case credentialsWithWildcard(origin: String)
    }

    /// The edit for `need` on `path` (an API path, `/pets/{petId}`), naming the line; with no
    /// need the policy can meet (a preflight refused for another reason), only a rule that
    /// turns CORS off there, when one does.
    public func fix(for need: Need?, on path: String) -> String? {
        // The key's value for this path: the top level's, then each matching rule's in order.
        let matching = rules.enumerated().filter { _, rule in rule.paths.contains { $0.value.matches(path) } }
        func effective<Value>(_ key: KeyPath<CORSSettings, CORSLocated<Value>?>) -> (value: CORSLocated<Value>, rule: Int?)? {
            var found = settings[keyPath: key].map { (value: $0, rule: Int?.none) }
            for (index, rule) in matching { if let value = rule.settings[keyPath: key] { found = (value, index + 1) } }
            return found
        }
        func place(_ location: SourceLocation?, rule: Int?) -> String {
            let at = location.map { " (\($0))" } ?? ""
            return (rule.map { " of rule \($0)" } ?? "") + at
        }
        // A rule that turns CORS off decides, for the whole path or, with `methods`, for the
        // method the request needed.
        let needed: String? = if case .method(let method)? = need { method.uppercased() } else { nil }
        let disabling = matching.last { _, rule in
            guard rule.disables else { return false }
            guard let methods = rule.methods else { return true }
            return needed.map { method in methods.contains { $0.value.uppercased() == method } } ?? false
        }
        if let disabling {
            let subject = disabling.element.methods == nil ? path : "\(needed ?? "") \(path)"
            let narrow = disabling.element.methods == nil ? "narrow its paths" : "take \(needed ?? "the method") out of its methods"
            return "rule \(disabling.offset + 1) turns CORS off for \(subject)\(disabling.element.location.map { " (\($0))" } ?? ""); "
                + "remove the rule or \(narrow) if pages on other origins call it"
        }
        guard let need else { return nil }
        switch need {
        case .origin(let origin):
            guard let origins = effective(\.allowOrigins) else { return "add allowOrigins: [\(origin)] to \(file)" }
            // An origin the policy allows here is refused for another reason, not this list.
            if OriginMatcher(origins.value.value.map(\.value)).allows(origin) { return nil }
            return "add \(origin) to allowOrigins\(place(origins.value.location, rule: origins.rule))"
        case .ownOptions:
            return "OPTIONS \(path) is the spec's own operation, which the policy leaves as written; set existingOptions: replace "
                + "(at the top of \(file), or in a rule for \(path)) so the policy writes this preflight, or answer CORS in that operation"
        case .credentialsWithWildcard(let origin):
            let origins = effective(\.allowOrigins)
            return "allowOrigins is *\(origins.map { place($0.value.location, rule: $0.rule) } ?? ""), which a browser refuses for a "
                + "request with credentials; list the exact origins instead (\(origin) among them) and set allowCredentials: true, "
                + "or fetch without credentials"
        case .gatewayResponse(let type, let status, let origin):
            return gatewayResponseFix(type: type, status: status, origin: origin)
        case .header(let header):
            guard let headers = effective(\.allowHeaders) else {
                let listed = (CORSResolver.defaultAllowHeaders + [header]).joined(separator: ", ")
                return "the default allowHeaders has no \(header); add allowHeaders: [\(listed)] to \(file)"
            }
            return "add \(header) to allowHeaders\(place(headers.value.location, rule: headers.rule))"
        case .method(let method):
            guard let methods = effective(\.allowMethods) else {
                return "\(path) has no \(method) operation in the spec, and a preflight allows a path's own methods; "
                    + "add the operation to the spec, or allowMethods to \(file)"
            }
            return "add \(method) to allowMethods\(place(methods.value.location, rule: methods.rule))"
        case .credentials:
            guard let credentials = effective(\.allowCredentials) else { return "add allowCredentials: true to \(file)" }
            return "set allowCredentials: true\(place(credentials.value.location, rule: credentials.rule))"
        }
    }

    /// Why API Gateway's own answer of `type` carries no origin for `origin`, when the policy
    /// decides it: the response is not in `gatewayResponses`, or several origins call with
    /// credentials and none was named to carry.
    private func gatewayResponseFix(type: String, status: Int, origin: String) -> String? {
        let listed = effectiveGatewayResponses.map(\.rawValue)
        let fallback = status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX"
        guard listed.contains(type) || listed.contains(fallback) else {
            let at = gatewayResponses?.location.map { " (\($0))" } ?? " to \(file)"
            return "API Gateway answered by itself (\(type)) and the policy gives that answer no CORS headers; add \(fallback) "
                + "to gatewayResponses\(at), or fix what made it answer (the report above says)"
        }
        let origins = settings.allowOrigins?.value.map(\.value) ?? []
        let matcher = OriginMatcher(origins)
        guard !matcher.allowsAnyOrigin, settings.allowCredentials?.value == true, origins.count > 1 || !matcher.subdomainPatterns.isEmpty
        else { return nil }
        if let named = gatewayResponseOrigin {
            guard named.value != origin else { return nil }
            return "API Gateway's own errors carry only gatewayResponseOrigin, \(named.value)\(named.location.map { " (\($0))" } ?? ""), "
                + "as several origins call with credentials; a page on \(origin) reads them only from that origin"
        }
        return "API Gateway's own answers (here \(type)) carry no origin when several origins call with credentials; "
            + "name the one they carry with gatewayResponseOrigin: \(matcher.allows(origin) ? origin : "ORIGIN") in \(file)"
    }
}
