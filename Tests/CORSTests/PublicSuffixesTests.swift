import Testing
@testable import CORS

/// The built-in Public Suffix List, looked up the way the list's own algorithm says, and the
/// origin patterns it refuses because strangers own the names they match.
@Suite struct PublicSuffixesTests {
    @Test(arguments: [
        // ICANN section, plain rules.
        ("com", true), ("co.uk", true), ("kawasaki.jp", false),
        // A wildcard rule (`*.kawasaki.jp`, `*.ck`) and its exceptions (`!city.kawasaki.jp`, `!www.ck`).
        ("example.kawasaki.jp", true), ("city.kawasaki.jp", false), ("foo.ck", true), ("www.ck", false),
        ("app.www.ck", false),
        // PRIVATE section.
        ("github.io", true), ("cloudfront.net", true), ("s3.amazonaws.com", true), ("amazonaws.com", false),
        // Internationalised rules are held in punycode, as browsers send hosts (`公司.cn`).
        ("xn--55qx5d.cn", true),
        // The implied `*` rule: any single label, listed or not.
        ("example", true), ("example.com", false), ("myorg.github.io", false),
    ])
    func findsPublicSuffixes(name: String, isSuffix: Bool) {
        #expect(PublicSuffixes.isPublicSuffix(name) == isSuffix, "\(name)")
    }

    /// Every line of every built-in list is found by the halving search, which holds only
    /// if the script sorted the lines in the byte order the search compares in.
    @Test func findsEveryListedName() {
        func lines(_ list: StaticString) -> [String] {
            list.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }.split(separator: "\n").map(String.init)
        }
        let rules = lines(PublicSuffixes.listedRules)
        #expect(rules.count > 9000)
        for rule in rules {
            #expect(PublicSuffixes.isPublicSuffix(rule), "\(rule)")
        }
        for parent in lines(PublicSuffixes.listedWildcardParents) {
            #expect(PublicSuffixes.isPublicSuffix("fuzz.\(parent)"), "*.\(parent)")
        }
        for exception in lines(PublicSuffixes.listedExceptions) {
            #expect(!PublicSuffixes.isPublicSuffix(exception), "!\(exception)")
        }
        for line in lines(PublicSuffixes.listedParents) {
            let pair = line.split(separator: " ").map(String.init)
            #expect(pair.count == 2 && PublicSuffixes.publicSuffix(oneLabelBelow: pair[0]) != nil, "\(line)")
        }
    }

    @Test func findsASuffixOneLabelBelow() {
        #expect(PublicSuffixes.publicSuffix(oneLabelBelow: "amazonaws.com") == "s3.amazonaws.com")
        #expect(PublicSuffixes.publicSuffix(oneLabelBelow: "kawasaki.jp") == "example.kawasaki.jp")
        #expect(PublicSuffixes.publicSuffix(oneLabelBelow: "example.com") == nil)
        #expect(PublicSuffixes.publicSuffix(oneLabelBelow: "city.kawasaki.jp") == nil)
    }

    @Test(arguments: [
        "https://*.co.uk", "https://*.com.au", "https://*.github.io", "https://*.cloudfront.net", "https://*.amazonaws.com",
        "https://*.s3.amazonaws.com", "https://*.herokuapp.com", "https://*.kawasaki.jp", "https://*.foo.kawasaki.jp",
        "https://*.foo.ck", "http://*.co.uk:8080", "https://*.xn--55qx5d.cn",
    ])
    func refusesPatternsOverNamesStrangersOwn(written: String) {
        #expect {
            try OriginPattern.parse(written)
        } throws: { error in
            (error as? OriginProblem)?.code.id == "CORS007"
        }
    }

    @Test(arguments: [
        ("https://*.example.co.uk", "example.co.uk"), ("https://*.myorg.github.io", "myorg.github.io"),
        ("https://*.my-bucket.s3.amazonaws.com", "my-bucket.s3.amazonaws.com"), ("https://*.city.kawasaki.jp", "city.kawasaki.jp"),
        ("https://*.www.ck", "www.ck"), ("https://*.example.com", "example.com"),
    ])
    func acceptsPatternsOverARegisteredDomain(written: String, parent: String) throws {
        #expect(try OriginPattern.parse(written) == .subdomains(SubdomainPattern(scheme: "https", parentDomain: parent)))
    }
}
