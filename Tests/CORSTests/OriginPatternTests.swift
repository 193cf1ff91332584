import Testing
import CORS

/// How `allowOrigins` entries are read: normalised like a browser's `Origin` header, or refused.
@Suite struct OriginPatternTests {
    @Test(arguments: [
        ("https://app.example.com", "https://app.example.com"),
        ("HTTPS://App.Example.COM", "https://app.example.com"),
        ("https://app.example.com:443", "https://app.example.com"),
        ("http://app.example.com:80", "http://app.example.com"),
        ("https://app.example.com:80", "https://app.example.com:80"),
        ("http://localhost:3000", "http://localhost:3000"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://[::1]:5173", "http://[::1]:5173"),
        ("http://[::1]:80", "http://[::1]"),
        ("https://xn--bcher-kva.example", "https://xn--bcher-kva.example"),
        ("capacitor://localhost", "capacitor://localhost"),
    ])
    func normalisesTheWayBrowsersSerialise(written: String, serialised: String) throws {
        #expect(try OriginPattern.parse(written) == .exact(serialised))
    }

    @Test func readsTheWildcardAndSubdomainPatterns() throws {
        #expect(try OriginPattern.parse("*") == .any)
        let pattern = SubdomainPattern(scheme: "https", parentDomain: "example.com")
        #expect(try OriginPattern.parse("https://*.Example.com") == .subdomains(pattern))
        #expect(try OriginPattern.parse("https://*.example.com:443") == .subdomains(pattern))
        let withPort = try OriginPattern.parse("https://*.example.com:8443")
        #expect(withPort == .subdomains(SubdomainPattern(scheme: "https", parentDomain: "example.com", port: 8443)))
        #expect(withPort.description == "https://*.example.com:8443")
    }

    @Test(arguments: [
        ("null", "CORS005"), ("NULL", "CORS005"), ("example.com", "CORS006"), ("https://a.example.com/", "CORS006"),
        ("https://a.example.com/x", "CORS006"), ("https://a.example.com#x", "CORS006"), ("https://u:p@a.example.com", "CORS006"),
        ("https://a.example.com:0", "CORS006"), ("https://a.example.com:http", "CORS006"), ("https://a..example.com", "CORS006"),
        ("https://-a.example.com", "CORS006"), ("https://[::1", "CORS006"), ("1https://a.example.com", "CORS006"),
        ("https://*", "CORS007"), ("https://*.com", "CORS007"), ("https://a*.example.com", "CORS007"),
        ("https://a.*.example.com", "CORS007"), ("https://**.example.com", "CORS007"), ("*.example.com", "CORS006"),
    ])
    func refuses(written: String, code: String) {
        #expect(throws: OriginProblem.self) { try OriginPattern.parse(written) }
        do {
            _ = try OriginPattern.parse(written)
        } catch {
            #expect(error.code.id == code, "\(written): \(error.message)")
        }
    }

    @Test func describesSubdomainMatchingForTemplates() {
        let pattern = SubdomainPattern(scheme: "https", parentDomain: "example.com", port: 8443)
        #expect(pattern.prefix == "https://")
        #expect(pattern.suffix == ".example.com:8443")
        #expect(pattern.regularExpression == #"https://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.example\.com:8443"#)
    }
}

/// What the later stages read off a matcher to build API Gateway's answer.
@Suite struct OriginMatcherDescriptionTests {
    @Test func oneExactOriginIsAStaticValue() {
        let matcher = OriginMatcher([.exact("https://app.example.com")])
        #expect(matcher.staticAllowOrigin == "https://app.example.com")
        #expect(matcher.variesByOrigin)
    }

    @Test func theWildcardIsStaticAndDoesNotVary() {
        let matcher = OriginMatcher([.any])
        #expect(matcher.staticAllowOrigin == "*")
        #expect(!matcher.variesByOrigin)
        #expect(matcher.allowOriginHeader(forRequestOrigin: nil) == "*")
        #expect(matcher.allowOriginHeader(forRequestOrigin: "https://anyone.example") == "*")
    }

    @Test func severalOriginsNeedTheTemplateAndKeepPolicyOrderWithoutRepeats() {
        let pattern = SubdomainPattern(scheme: "https", parentDomain: "example.com")
        let matcher = OriginMatcher([
            .exact("https://b.example.org"), .subdomains(pattern), .exact("https://a.example.org"),
            .exact("https://b.example.org"), .subdomains(pattern),
        ])
        #expect(matcher.staticAllowOrigin == nil)
        #expect(matcher.exactOrigins == ["https://b.example.org", "https://a.example.org"])
        #expect(matcher.subdomainPatterns == [pattern])
        #expect(matcher.allowOriginHeader(forRequestOrigin: nil) == nil)
    }
}
