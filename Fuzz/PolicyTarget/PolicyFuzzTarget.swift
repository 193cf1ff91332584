import CORS

/// libFuzzer's entry point for the CORS policy: any bytes in, read as a policy file (the
/// policy is input as much as the spec is), resolved against paths made from its own rules,
/// and every origin list it holds asked about a handful of origins.
///
/// Besides "never crash", each list must agree with itself in three ways the generated API
/// relies on: a pattern reads back from its own spelling unchanged (the policy `migrate`
/// writes is read again), a pattern accepts a name one label below its parent and nothing
/// deeper, and the regular expression API Gateway's template evaluates accepts exactly the
/// origins the matcher does — else `preflight` would predict answers the API does not give.
@_cdecl("LLVMFuzzerTestOneInput")
public func policyFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let reading = try? CORSPolicyReader.read(bytes, file: "cors.yaml") else { return 0 }
    let policy = reading.policy
    let resources = resources(for: policy)
    let resolution = CORSResolver.resolve(reading, resources: resources)
    _ = resolution.report()
    _ = CORSResolver.resolve(reading, resources: [])

    var matchers = [CORSResolver.defaultPolicy(policy).origins]
    matchers += resolution.resources.compactMap { $0.policy?.origins }
    for settings in [policy.settings] + policy.rules.map(\.settings) {
        if let origins = settings.allowOrigins { matchers.append(OriginMatcher(origins.value.map(\.value))) }
    }
    for matcher in matchers { check(matcher) }

    for resource in resources {
        for need: CORSPolicy.Need? in [
            nil, .origin("https://evil.example"), .header("X-Fuzz"), .method("PATCH"), .credentials, .ownOptions,
            .gatewayResponse(type: "DEFAULT_4XX", status: 403, origin: "https://app.example.com"),
            .credentialsWithWildcard(origin: "https://app.example.com"),
        ] {
            _ = policy.fix(for: need, on: resource.path)
        }
    }
    return 0
}

/// A path for every glob of every rule (`*` and `**` filled in), and two no rule names, each
/// with the methods the rules name, so rules match and the resolver's every branch runs.
private func resources(for policy: CORSPolicy) -> [CORSResource] {
    let methods = Array(Set(policy.rules.flatMap { $0.methods?.map(\.value) ?? [] })).sorted() + ["GET", "POST"]
    var paths = ["/", "/pets/{petId}"]
    for rule in policy.rules {
        for glob in rule.paths {
            let segments = glob.value.text.split(separator: "/").map { segment in
                segment == "**" ? "a/b" : segment == "*" ? "{id}" : String(segment)
            }
            paths.append("/" + segments.joined(separator: "/"))
        }
    }
    var seen = Set<String>()
    return paths.filter { seen.insert($0).inserted }.map { CORSResource(path: $0, methods: methods) }
}

/// Asks one origin list about fixed origins and origins made from its own entries, and
/// stops the run on any disagreement described in `policyFuzzTarget`.
private func check(_ matcher: OriginMatcher) {
    var origins = [
        "https://app.example.com", "http://localhost:3000", "null", "", "https://APP.example.com", "https://evil.example",
    ]
    for origin in matcher.exactOrigins {
        guard matcher.allows(origin) else { fatalError("\(origin) is listed and not allowed") }
        origins += [origin + ".", origin + "/", "x" + origin]
    }
    for pattern in matcher.subdomainPatterns {
        guard case .subdomains(let again)? = try? OriginPattern.parse(pattern.description), again == pattern else {
            fatalError("the pattern \(pattern) does not read back from its own spelling")
        }
        let oneLabel = pattern.prefix + "a-1" + pattern.suffix
        guard matcher.allows(oneLabel), pattern.matches(oneLabel) else { fatalError("\(pattern) refuses \(oneLabel)") }
        let deeper = pattern.prefix + "a.b" + pattern.suffix
        guard !pattern.matches(deeper) else { fatalError("\(pattern) accepts two labels, \(deeper)") }
        origins += [oneLabel, deeper, pattern.prefix + String(pattern.suffix.dropFirst()), pattern.prefix + "-a" + pattern.suffix]
    }
    let expressions = matcher.subdomainPatterns.map { pattern in
        (pattern, try! Regex(pattern.regularExpression))
    }
    for origin in origins {
        let answer = matcher.allowOriginHeader(forRequestOrigin: origin)
        if answer != nil, !matcher.allowsAnyOrigin, answer != origin { fatalError("\(origin) answered as \(answer!)") }
        for (pattern, expression) in expressions where pattern.matches(origin) != ((try? expression.wholeMatch(in: origin)) != nil) {
            fatalError("\(pattern) and its template expression disagree on \(origin)")
        }
    }
}
