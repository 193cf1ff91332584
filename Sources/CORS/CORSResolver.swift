import Diagnostics
import Support

/// Applies a policy to the paths of a spec: which paths answer CORS, with which values.
///
/// Precedence, in one place:
/// 1. Defaults (`CORSResolver.defaultAllowHeaders`, status 204, `existingOptions: keep`,
///    methods from the spec plus OPTIONS, no max age, no credentials, no exposed headers).
/// 2. The top-level keys replace the defaults they name.
/// 3. Rules, in file order, each one whose `paths` match: every key the rule sets replaces
///    the value so far, so a later rule beats an earlier one for the keys it sets and leaves
///    the others alone. Lists are replaced, not merged.
/// 4. `enabled: false` in any matching rule turns CORS off for the path, whatever rules
///    come before or after: turning CORS off is a safety decision that a broad later rule
///    must not undo by accident. With `methods`, it turns off only those methods.
public enum CORSResolver {
    /// The headers a preflight allows when the policy names none: what browsers' code
    /// calling API Gateway sends most — a JSON body, a bearer token or API key, and the
    /// headers of SigV4-signed requests (the set the API Gateway console also uses).
    public static let defaultAllowHeaders = [
        "Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token",
    ]

    public static let defaultPreflightStatus = 204

    public static let defaultExistingOptions = ExistingOptionsAction.keep

    /// Resolves a policy read from a file; the result carries the reading's diagnostics first.
    public static func resolve(_ reading: CORSPolicyReading, resources: [CORSResource]) -> CORSResolution {
        var resolution = resolve(reading.policy, resources: resources)
        var all = reading.diagnostics
        for d in resolution.diagnostics where !all.contains(d) { all.append(d) }
        resolution.diagnostics = all
        return resolution
    }

    /// Resolves a policy against the resources, in their order.
    public static func resolve(_ policy: CORSPolicy, resources: [CORSResource]) -> CORSResolution {
        var diagnostics = DiagnosticEngine()
        func reportOnce(_ found: [Diagnostic]) {
            for d in found where !diagnostics.diagnostics.contains(d) { diagnostics.report(d) }
        }
        var resolved: [ResolvedCORSResource] = []
        for resource in resources {
            let outcome = resolve(policy, resource)
            if let settings = outcome.settings {
                reportOnce(CORSPolicyReader.combinationProblems(of: settings))
            }
            reportOnce(existingOptionsProblems(resource, outcome.resource))
            resolved.append(outcome.resource)
        }
        reportOnce(gatewayResponseOriginProblems(policy))
        let paths = resources.flatMap(\.matchablePaths)
        // Without a spec (cors-check POLICY alone) there is nothing a rule could match.
        for rule in policy.rules where !resources.isEmpty {
            for glob in rule.paths where !paths.contains(where: glob.value.matches) {
                let hint =
                    suggestion(for: glob.value.text, among: paths).map { "; did you mean \($0)?" }
                    ?? "; fix the pattern or remove it"
                reportOnce([
                    .warning(
                        CORSDiagnosticCode.ruleMatchesNothing,
                        "path pattern \(glob.value.text) matches no path of the spec\(hint)", at: glob.location)
                ])
            }
        }
        return CORSResolution(
            resources: resolved, gatewayResponses: policy.effectiveGatewayResponses, diagnostics: diagnostics.diagnostics)
    }

    /// API Gateway's own errors under several origins with credentials: a gateway response
    /// runs no template, so it answers one origin or none. The policy names it, or every page
    /// reads those errors as CORS failures; and the origin it names must be one it allows.
    public static func gatewayResponseOriginProblems(_ policy: CORSPolicy) -> [Diagnostic] {
        let top = defaultPolicy(policy)
        if let named = policy.gatewayResponseOrigin {
            guard top.origins.allows(named.value) else {
                return [
                    .error(
                        CORSDiagnosticCode.gatewayResponseOriginNotAllowed,
                        "gatewayResponseOrigin \(named.value) is not an origin allowOrigins allows; name one of them",
                        at: named.location)
                ]
            }
            return []
        }
        guard top.allowsCredentials, top.origins.staticAllowOrigin == nil, !policy.effectiveGatewayResponses.isEmpty else { return [] }
        return [
            .warning(
                CORSDiagnosticCode.gatewayResponsesWithoutOrigin,
                "several origins may call with credentials, and a gateway response cannot pick the caller's, so API Gateway's own "
                    + "errors (403, 429, 5XX) carry no Access-Control-Allow-Origin and every page sees them as CORS errors; name the "
                    + "origin whose pages should read them with gatewayResponseOrigin, or deploy one stage per origin "
                    + "(docs/cors-policy.md)",
                at: policy.settings.allowCredentials?.location)
        ]
    }

    /// The pattern the user most likely meant: for a pattern with wildcards, the nearest of
    /// the spec's paths cut to the same number of segments before the first wildcard, with the
    /// wildcards kept (`/iterms/*` → `/items/*`, not `/items`).
    static func suggestion(for pattern: String, among paths: [String]) -> String? {
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: false)
        guard let wildcard = segments.firstIndex(where: { $0.contains("*") }) else {
            return Suggestion.closest(to: pattern, among: paths)
        }
        let head = segments[..<wildcard].joined(separator: "/")
        let tail = segments[wildcard...].joined(separator: "/")
        var heads: [String] = []
        for path in paths {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count > wildcard else { continue }
            let cut = parts[..<wildcard].joined(separator: "/")
            if !heads.contains(cut) { heads.append(cut) }
        }
        // A suggestion must itself match: `/pets/*/photos` has the right head and no path.
        guard let near = Suggestion.closest(to: head, among: heads.filter { $0 != head }),
            let suggested = try? PathGlob("\(near)/\(tail)"), paths.contains(where: suggested.matches)
        else { return nil }
        return suggested.text
    }

    /// The outcome for one resource, with the merged settings it came from (`nil` when off).
    static func resolve(_ policy: CORSPolicy, _ resource: CORSResource) -> (
        resource: ResolvedCORSResource, settings: CORSSettings?
    ) {
        var settings = policy.settings
        var matched: [Int] = []
        var isOff = false
        var methodsOff: [String] = []
        for (index, rule) in policy.rules.enumerated()
        where rule.paths.contains(where: { glob in resource.matchablePaths.contains(where: glob.value.matches) }) {
            matched.append(index + 1)
            if let methods = rule.methods {
                if rule.disables { methodsOff += methods.map(\.value) }
                continue
            }
            if rule.disables { isOff = true }
            settings = settings.overlaid(by: rule.settings)
        }
        let declared = declaredMethods(resource.methods)
        let withCORS = declared.filter { $0 != "OPTIONS" && !methodsOff.contains($0) }
        let hasOperations = declared.contains { $0 != "OPTIONS" }
        let off = isOff || (hasOperations && withCORS.isEmpty)
        var result = ResolvedCORSResource(
            path: resource.path, policy: nil, matchedRules: matched,
            methodsWithoutCORS: HTTPSyntax.sortedMethods(methodsOff.filter(declared.contains)))
        guard !off else { return (result, nil) }
        let allowMethods =
            settings.allowMethods.map { $0.value.map(\.value).filter { !methodsOff.contains($0) } }
            ?? HTTPSyntax.sortedMethods(withCORS + ["OPTIONS"])
        result.policy = effectivePolicy(settings, allowMethods: allowMethods)
        return (result, settings)
    }

    /// The methods a resource defines, upper case in canonical order; `ANY` expands to
    /// every method but OPTIONS, since a generated OPTIONS takes preflights over from ANY.
    package static func declaredMethods(_ methods: [String]) -> [String] {
        var found: [String] = []
        for m in methods {
            let upper = m.uppercased()
            if upper == "ANY" || upper == "X-AMAZON-APIGATEWAY-ANY-METHOD" {
                found += HTTPSyntax.methods.filter { $0 != "OPTIONS" }
            } else if let method = HTTPSyntax.canonicalMethod(m) {
                found.append(method)
            }
        }
        return HTTPSyntax.sortedMethods(found)
    }

    /// A warning or error for a path that already defines OPTIONS while CORS is on there.
    static func existingOptionsProblems(_ resource: CORSResource, _ resolved: ResolvedCORSResource) -> [Diagnostic] {
        guard let policy = resolved.policy, declaredMethods(resource.methods).contains("OPTIONS") else { return [] }
        switch policy.existingOptions {
        case .replace:
            return []
        case .keep:
            return [
                .warning(
                    CORSDiagnosticCode.existingOptionsKept,
                    "path \(resource.path) defines its own OPTIONS, which is kept as written and must send the policy's CORS headers itself; set existingOptions: replace to generate it",
                    at: resource.location)
            ]
        case .error:
            return [
                .error(
                    CORSDiagnosticCode.existingOptionsRefused,
                    "path \(resource.path) defines its own OPTIONS while existingOptions is error; remove that operation or set existingOptions to keep or replace",
                    at: resource.location)
            ]
        }
    }
}
