import Diagnostics
import YAML
import Plan
import Read
import Planning

extension MigrationFix {
    /// The fix that explains `difference`, or `nil` when it is no change the tool makes on
    /// purpose.
    ///
    /// Only CORS plumbing (which the tool regenerates from the policy) and the declaration
    /// of path variables (which OpenAPI requires) may differ; everything else, from an
    /// integration URI to an authorizer's TTL, must come back exactly as it was.
    static func explaining(
        _ difference: PlanDifference, source: GatewayPlan, locations: PlanLocations
    ) -> MigrationFix? {
        let fact = difference.fact
        let location = fact.places.lazy.compactMap { locations[$0] }.first
        func fix(_ kind: Kind, _ reason: String) -> MigrationFix {
            MigrationFix(kind: kind, difference: difference, reason: reason, location: location)
        }
        let header = fact.header
        let isCORSHeader = header.map { CORSInference.corsHeaders.contains($0) || $0 == "vary" } ?? false
        let sourceMethod = fact.path.flatMap { source.resource(at: $0) }.flatMap { resource in fact.verb.flatMap(resource.method) }
        let isSourcePreflight = fact.verb == "OPTIONS" && sourceMethod?.role == .preflight

        let sourcePreflightOrigin = fact.path.flatMap { source.resource(at: $0) }?.method("OPTIONS").flatMap { options in
            options.integration.responses.lazy.compactMap { CORSInference.headerValues($0.responseParameters)["access-control-allow-origin"] }.first
        }
        if let origin = sourcePreflightOrigin, CORSInference.staticValue(origin)?.contains(",") == true,
            fact.gatewayResponseType == nil,
            header == "access-control-allow-origin" || fact.field == .responseTemplate || (header == "vary" && difference.old == nil)
        {
            return fix(
                .severalOrigins,
                "browsers refuse a list of origins in Access-Control-Allow-Origin; the answer names the one origin of the list the request comes from")
        }
        let httpWildcardCredentials =
            fact.field == .cors && fact.key == "cors allow credentials" && source.cors?.allowOrigins.contains("*") == true
            && difference.old == "true"
        if httpWildcardCredentials
            || (sourcePreflightOrigin.flatMap(CORSInference.staticValue) == "*" && header == "access-control-allow-credentials"
                && difference.new == nil)
        {
            return fix(
                .wildcardCredentials,
                "browsers refuse credentials when the origin is *, so no request with cookies ever worked; requests without them work as before")
        }
        if fact.field == .requestParameter, fact.key.contains("method.request.path."), difference.old == nil,
            difference.new == "required"
        {
            return fix(.pathParameterDeclared, "OpenAPI declares every path variable as a required parameter; API Gateway sends it either way")
        }
        if let routeAdded = preflightRouteAdded(difference, source: source, locations: locations) { return routeAdded }
        if fact.verb == "OPTIONS", sourceMethod == nil, fact.path != nil {
            return fix(.preflightAdded, "the methods sent CORS headers but there was no preflight, so browsers failed on anything but simple requests")
        }
        if isSourcePreflight, (fact.field == .authorization && difference.new == "NONE") || (fact.field == .apiKey && difference.new == "false") {
            return fix(.preflightAuthRemoved, "browsers send preflights without credentials, so an authorizer or API key there turns every preflight into a 401 or 403")
        }
        if isSourcePreflight, header == "access-control-allow-headers", let old = difference.old, let new = difference.new,
            Self.isWidening(old, to: new)
        {
            return fix(
                .requestHeaderAllowed,
                "the methods send these headers, and a browser blocks a request header the preflight leaves out")
        }
        if isSourcePreflight, header == "access-control-allow-methods", let old = difference.old, let new = difference.new,
            Self.isDroppingNonMethods(old, to: new)
        {
            return fix(
                .notAMethod,
                "a name that is not an HTTP method allows nothing (SAM lists every key of the path item, so PARAMETERS or SUMMARY)")
        }
        if isCORSHeader, let old = difference.old, let new = difference.new {
            if new == "'\(old)'" {
                return fix(.unquotedValue, "API Gateway takes a static header value only in single quotes; bare, it is read as a mapping expression and refused")
            }
            let compact = { (text: String) in text.filter { $0 != " " } }
            if compact(old) == compact(new) || compact("'\(old)'") == new {
                return fix(.headerValueSpelling, "the list is written the way the policy spells it, without spaces")
            }
        }
        if header == "vary", difference.old == nil {
            return fix(.missingVary, "the answer depends on the request's Origin, so caches must keep answers for different origins apart")
        }
        let refusals = ["BAD_REQUEST_BODY": source.requestValidators.contains(where: \.validatesBody),
                        "BAD_REQUEST_PARAMETERS": source.requestValidators.contains(where: \.validatesParameters)]
        if let type = fact.gatewayResponseType, refusals[type] == true, difference.old == nil,
            !source.gatewayResponses.contains(where: { $0.type == type })
        {
            return fix(
                .validationRefusalReadable,
                "a request the validator refuses gets a 400 the page can read, with the reason ($context.error.validationErrorString) and the CORS headers of API Gateway's other errors")
        }
        if fact.gatewayResponseType != nil, fact.field == .gatewayResponse || isCORSHeader {
            return fix(
                .gatewayResponseCORS,
                "API Gateway's own errors (403, 429, 5XX) reach the page only with CORS headers; without them the browser reports a CORS error instead of the status")
        }
        if isSourcePreflight {
            let mockFields: Set<PlanFact.Field> = [.integration, .requestTemplate, .responseContentHandling]
            // A preflight's body is never read by the browser, so a response template there is dropped.
            let droppedBody = fact.field == .responseTemplate && difference.new == nil
            if mockFields.contains(fact.field) || droppedBody || (isCORSHeader && difference.old == nil) {
                return fix(
                    .preflightMock,
                    "the preflight is the tool's MOCK: a JSON request template so it answers any request, and CONVERT_TO_TEXT so a binary media type cannot turn it into a 500")
            }
        }
        if fact.field == .methodResponseHeader, difference.old == nil, let header, let sourceMethod,
            let status = fact.statusCode,
            sourceMethod.integration.responses.contains(where: { response in
                response.statusCode == status
                    && CORSInference.headerValues(response.responseParameters)[header] != nil
            })
        {
            return fix(.undeclaredHeader, "API Gateway refuses to map a header the method response does not declare")
        }
        if fact.verb != "OPTIONS", isCORSHeader, difference.old == nil,
            fact.field == .responseParameter || fact.field == .methodResponseHeader
        {
            return fix(.corsOnEveryResponse, "every response of a method with CORS carries the headers, errors included, so the page can read them")
        }
        if fact.verb != "OPTIONS", isCORSHeader, difference.new == nil,
            fact.field == .responseParameter || fact.field == .methodResponseHeader,
            let path = fact.path, let verb = fact.verb, Self.isLeftOutByPreflight(verb, at: path, in: source)
        {
            return fix(
                .sameOriginMethod,
                "the preflight's Access-Control-Allow-Methods leaves \(verb) out, so browsers blocked every call of it from other "
                    + "origins; CORS headers on its responses said it was meant for them (add \(verb) to allowMethods if it is)")
        }
        if fact.field == .methodResponseHeader, isCORSHeader, difference.new == nil, let sourceMethod,
            sourceMethod.integration.kind.isProxy
        {
            return fix(
                .proxyHeaderDeclaration,
                "API Gateway passes a proxy integration's response through as the backend sends it, so declaring a CORS header there changes nothing; the backend sends it")
        }
        if fact.field == .integration || fact.field == .authorizer, let old = difference.old, let new = difference.new,
            Self.isReferenceAsParameter(old: old, new: new, source: source, method: sourceMethod)
        {
            return fix(
                .referenceAsParameter,
                "the generated template stands alone, so what it refers to and does not define is a template parameter; "
                    + "the template that defines it passes it in (a nested stack's Parameters)")
        }
        return nil
    }

    /// Whether the source's preflight on `path` lists methods in Allow-Methods and leaves
    /// `verb` out, where a browser checks it there (not GET, HEAD or POST, nor `ANY`, nor
    /// under a `*` that counts): the policy then keeps the method same-origin and convert
    /// writes no CORS headers on it.
    static func isLeftOutByPreflight(_ verb: String, at path: String, in source: GatewayPlan) -> Bool {
        guard !["GET", "HEAD", "POST", "ANY", "OPTIONS"].contains(verb),
            let options = source.resource(at: path)?.method("OPTIONS")
        else { return false }
        var listed: Set<String> = []
        var credentials = false
        for response in options.integration.responses {
            let values = CORSInference.headerValues(response.responseParameters)
            if values["access-control-allow-credentials"].flatMap(CORSInference.staticValue) == "true" { credentials = true }
            guard let methods = values["access-control-allow-methods"].flatMap(CORSInference.staticValue) else { continue }
            for item in methods.split(separator: ",") { listed.insert(item.filter { $0 != " " }.uppercased()) }
        }
        guard !listed.isEmpty else { return false }
        return !listed.contains(verb) && !(listed.contains("*") && !credentials)
    }

    /// The OPTIONS route convert adds to an HTTP API with CORS beside an `ANY` route, or the
    /// `$default` route, that requires authorization: the source lacked it, so the authorizer
    /// answered every preflight 401. Placed at the route it lets preflights past (`OPTIONS
    /// /{proxy+}` serves `$default` too, and its path may be new).
    static func preflightRouteAdded(_ difference: PlanDifference, source: GatewayPlan, locations: PlanLocations) -> MigrationFix? {
        let fact = difference.fact
        guard source.kind.answersPreflightsItself, source.cors != nil, difference.old == nil, let path = fact.path,
            source.resource(at: path)?.method("OPTIONS") == nil
        else { return nil }
        // The route's facts, and the path of `OPTIONS /{proxy+}` when only `$default` had it.
        let isRootGreedy = path.hasPrefix("/{") && path.hasSuffix("+}") && !path.dropFirst().contains("/")
        guard fact.verb == "OPTIONS" || (fact.field == .resource && isRootGreedy) else { return nil }
        let served = source.resource(at: path)?.method("ANY").map { (path, $0) }
            ?? source.resource(at: GatewayPlan.defaultRoutePath)?.method("ANY").map { (GatewayPlan.defaultRoutePath, $0) }
        guard let (servedPath, route) = served, route.authorization.type != "NONE" else { return nil }
        return MigrationFix(
            kind: .preflightRouteAdded, difference: difference,
            reason: "an authorizer on an ANY or $default route answers the preflights it takes 401, since they carry no token; "
                + "an OPTIONS route without authorization comes first, so API Gateway answers them from the CORS configuration",
            location: locations.first(.authorization("ANY", servedPath), .method("ANY", servedPath), .resource(servedPath)))
    }

    /// Whether the header list `new` keeps every name of `old` and adds some (single quotes,
    /// spaces and case aside).
    static func isWidening(_ old: String, to new: String) -> Bool {
        func names(_ value: String) -> [String] {
            value.filter { $0 != "'" && $0 != " " }.lowercased().split(separator: ",").map(String.init)
        }
        let before = names(old)
        let after = names(new)
        return after.count > before.count && Set(before).isSubset(of: Set(after))
    }

    /// Whether the method list `new` is `old` without the names that are not HTTP methods
    /// (single quotes, spaces and order aside).
    static func isDroppingNonMethods(_ old: String, to new: String) -> Bool {
        func names(_ value: String) -> Set<String> {
            Set(value.filter { $0 != "'" && $0 != " " }.uppercased().split(separator: ",").map(String.init))
        }
        let methods = names(old).filter { $0 == "*" || HTTPMethod(rawValue: $0) != nil }
        return methods.count < names(old).count && methods == names(new)
    }

    /// Whether `new` is a value of the source (`old`) with the names the template does not
    /// define rewritten as template parameters, as `convert` writes it.
    private static func isReferenceAsParameter(old: String, new: String, source: GatewayPlan, method: PlanMethod?) -> Bool {
        let placeholders = Placeholders(resolution: .cloudFormation, values: [:], defined: ["StageName"])
        var candidates: [Node] = []
        if let integration = method?.integration {
            candidates += [integration.uri, integration.credentials, integration.connectionID].compactMap { $0 }
        }
        for authorizer in source.authorizers {
            candidates += [authorizer.authorizerURI, authorizer.credentials].compactMap { $0 } + authorizer.providerARNs
        }
        var uses: [PlaceholderUse] = []
        if candidates.contains(where: { node in
            PlanFacts.text(node) == old && PlanFacts.text(placeholders.resolve(node, file: "", uses: &uses)) == new
        }) {
            return true
        }
        // An authorizer's provider ARNs are one fact, joined.
        return source.authorizers.contains { authorizer in
            let arns = authorizer.providerARNs
            return !arns.isEmpty && arns.map(PlanFacts.text).joined(separator: ", ") == old
                && arns.map { PlanFacts.text(placeholders.resolve($0, file: "", uses: &uses)) }.joined(separator: ", ") == new
        }
    }
}
