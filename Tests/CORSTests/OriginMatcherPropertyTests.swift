import Testing
import CORS

/// The origin matcher never lets an attacker's page in, and always lets the real pages in.
///
/// "In" means `allows(_:)` says yes, which is also what the generated API Gateway template
/// answers: both compare the header byte for byte with the normalised entries.
@Suite struct OriginMatcherPropertyTests {
    /// The policy under attack: one exact origin, one subdomain pattern, one with a port.
    static let matcher = OriginMatcher([
        .exact("https://example.com"),
        .exact("https://app.example.org"),
        .subdomains(SubdomainPattern(scheme: "https", parentDomain: "example.com")),
        .subdomains(SubdomainPattern(scheme: "https", parentDomain: "dev.example.net", port: 8443)),
    ])

    static let legitimate = [
        "https://example.com", "https://app.example.org", "https://app.example.com", "https://a.example.com",
        "https://x-1.example.com", "https://9.example.com", "https://\(String(repeating: "a", count: 63)).example.com",
        "https://api.dev.example.net:8443",
    ]

    @Test(arguments: legitimate)
    func acceptsTheRealPages(origin: String) {
        #expect(Self.matcher.allows(origin))
        #expect(Self.matcher.allowOriginHeader(forRequestOrigin: origin) == origin)
    }

    @Test(arguments: [
        "https://app.example.com.evil.com", "https://evilexample.com", "https://app.example.com@evil.com",
        "https://evil.com#.example.com", "https://evil.com?.example.com", "https://evil.com/.example.com",
        "https://APP.example.com", "https://app.EXAMPLE.com", "HTTPS://app.example.com", "https://Example.com",
        "https://app.example.com.", "https://example.com.", "https://app.example.com:443", "https://app.example.com:8443",
        "https://example.com:444", "http://app.example.com", "http://example.com", "null", "", "*",
        "https://a.b.example.com", "https://.example.com", "https://-app.example.com", "https://app-.example.com",
        "https://app_x.example.com", "https://\(String(repeating: "a", count: 64)).example.com",
        "https://app.example.com ", " https://app.example.com", "https://app.example.com/", "https://example.org",
        "https://app.example.org.evil.com", "https://api.dev.example.net", "https://api.dev.example.net:443",
        "https://api.dev.example.net:84430", "https://evil.dev.example.net:8443.evil.com", "https://evil\u{0}.example.com",
        "https://xn--80ak6aa92e.example.com.evil", "https://app.example.com\n", "wss://app.example.com",
    ])
    func refusesAttackOrigins(origin: String) {
        #expect(!Self.matcher.allows(origin))
        #expect(Self.matcher.allowOriginHeader(forRequestOrigin: origin) == nil)
    }

    /// `https://*.example.com` is one label below example.com and nothing else: not the
    /// apex (listed exactly above, so refused here through a pattern-only matcher).
    @Test func aSubdomainPatternDoesNotCoverTheApex() {
        let patternOnly = OriginMatcher([.subdomains(SubdomainPattern(scheme: "https", parentDomain: "example.com"))])
        #expect(!patternOnly.allows("https://example.com"))
        #expect(patternOnly.allows("https://www.example.com"))
    }

    /// Mutations an attacker can make to a real origin; every one must be refused.
    static var attacks: [(String, (inout Generator, String) -> String)] {
        [
        ("append a domain", { g, o in o + "." + g.label() + ".com" }),
        ("glue a domain on", { g, o in o + g.label() + ".com" }),
        ("user name", { g, o in insert(o, after: "://", g.label() + "@") }),
        ("own host after @", { g, o in o + "@" + g.label() + ".com" }),
        ("upper-case one letter", { g, o in upperCaseOneHostLetter(o, &g) }),
        ("trailing dot", { _, o in o + "." }),
        ("trailing slash", { _, o in o + "/" }),
        ("path", { g, o in o + "/" + g.label() }),
        ("other port", { g, o in o + ":" + String(g.next(in: 1...65535)) }),
        ("http for https", { _, o in "http" + o.dropFirst(5) }),
        ("prefix the host", { g, o in insert(o, after: "://", g.label()) }),
        ("extra label", { g, o in insert(o, after: "://", g.label() + ".") }),
        ("drop a character", { g, o in var s = Array(o); s.remove(at: g.next(in: 0...(s.count - 1))); return String(s) }),
        ("surrounding space", { _, o in " " + o }),
        ]
    }

    /// Seeded, so a failure names an input that fails again on every run.
    @Test func generatedAttacksAreAllRefused() {
        var generator = Generator(seed: 0x0A5_2A9)
        var checked = 0
        for _ in 0..<400 {
            let base = Self.legitimate[generator.next(in: 0...(Self.legitimate.count - 1))]
            for (name, attack) in Self.attacks {
                let origin = attack(&generator, base)
                // A mutation that happens to land on another real page is not an attack.
                if Self.legitimate.contains(origin) || Self.isRealSubdomain(origin) { continue }
                #expect(!Self.matcher.allows(origin), "\(name) of \(base): \(origin) was accepted")
                checked += 1
            }
        }
        #expect(checked > 4000)
    }

    /// The other half of the property: every well-formed label below the parent gets in.
    @Test func generatedSubdomainsAreAllAccepted() {
        var generator = Generator(seed: 0x5EED)
        for _ in 0..<2000 {
            var label = generator.label()
            if label.count > 2, generator.next(in: 0...1) == 1 {
                let middle = label.index(label.startIndex, offsetBy: label.count / 2)
                label.replaceSubrange(middle...middle, with: "-")
            }
            #expect(Self.matcher.allows("https://\(label).example.com"), "\(label)")
            #expect(Self.matcher.allows("https://\(label).dev.example.net:8443"), "\(label)")
        }
    }

    /// Labels the patterns legitimately admit, decided independently of the matcher.
    static func isRealSubdomain(_ origin: String) -> Bool {
        for (prefix, suffix) in [("https://", ".example.com"), ("https://", ".dev.example.net:8443")] {
            guard origin.hasPrefix(prefix), origin.hasSuffix(suffix) else { continue }
            let label = origin.dropFirst(prefix.count).dropLast(suffix.count)
            let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
            if !label.isEmpty, label.count <= 63, label.allSatisfy(allowed.contains), label.first != "-", label.last != "-" {
                return true
            }
        }
        return false
    }

    static func insert(_ origin: String, after marker: String, _ text: String) -> String {
        guard let range = origin.firstRange(of: marker) else { return origin }
        return String(origin[..<range.upperBound]) + text + origin[range.upperBound...]
    }

    static func upperCaseOneHostLetter(_ origin: String, _ g: inout Generator) -> String {
        var chars = Array(origin)
        let letters = chars.indices.filter { $0 >= 8 && chars[$0].isLowercase }
        guard !letters.isEmpty else { return origin.uppercased() }
        let i = letters[g.next(in: 0...(letters.count - 1))]
        chars[i] = Character(chars[i].uppercased())
        return String(chars)
    }

    /// SplitMix64: small, fast and the same on every platform.
    struct Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func next(in range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }

        mutating func label() -> String {
            let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
            return String((0..<next(in: 1...10)).map { _ in letters[next(in: 0...(letters.count - 1))] })
        }
    }
}
