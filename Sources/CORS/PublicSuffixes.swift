/// The Public Suffix List, built into the tool: the names under which anybody can get a host.
///
/// An origin pattern `https://*.X` is only as safe as the owner of `X`. When `X` is `co.uk`,
/// `github.io` or `cloudfront.net`, strangers own the names below it, and a pattern over it
/// lets their pages read the API's answers. The list (publicsuffix.org) is what browsers use to
/// draw that line for cookies, so it is the line a CORS policy should respect too. It is
/// compiled in (`PublicSuffixes+List.swift`, written by `scripts/public_suffixes.py`) because
/// the command is one static binary that reads nothing beside its inputs.
///
/// Names are looked up as browsers send hosts in `Origin`: lower case, internationalised labels
/// in punycode. The sets are built from the generated text the first time a pattern is checked.
public enum PublicSuffixes {
    /// The list's rules as sets, with the parents of plain rules for `publicSuffix(oneLabelBelow:)`.
    struct Rules: Sendable {
        var plain: Set<Substring> = []
        var wildcardParents: Set<Substring> = []
        var exceptions: Set<Substring> = []
        /// For each name with a plain rule one label below it, the shortest such rule (the first
        /// in byte order among equals: `amazonaws.com` → `s3.amazonaws.com`), to name in a message.
        var firstRuleBelow: [Substring: Substring] = [:]

        init() {
            plain = Set(PublicSuffixes.listedRules.split(separator: "\n"))
            wildcardParents = Set(PublicSuffixes.listedWildcardParents.split(separator: "\n"))
            exceptions = Set(PublicSuffixes.listedExceptions.split(separator: "\n"))
            for rule in plain where !isUnderException(rule) {
                guard let dot = rule.firstIndex(of: ".") else { continue }
                let parent = rule[rule.index(after: dot)...]
                if let known = firstRuleBelow[parent],
                    known.utf8.count < rule.utf8.count
                        || (known.utf8.count == rule.utf8.count && known.utf8.lexicographicallyPrecedes(rule.utf8))
                { continue }
                firstRuleBelow[parent] = rule
            }
        }

        /// Whether an exception rule covers `name` or a name above it, which makes it
        /// registrable rather than a suffix however else it is listed.
        func isUnderException(_ name: Substring) -> Bool {
            var rest = name
            while true {
                if exceptions.contains(rest) { return true }
                guard let dot = rest.firstIndex(of: ".") else { return false }
                rest = rest[rest.index(after: dot)...]
            }
        }
    }

    static let rules = Rules()

    /// Whether `name` is a public suffix, by the list's own algorithm: an exception rule wins
    /// (`www.ck` is registrable although `*.ck` is listed), then a plain rule or a wildcard rule
    /// that covers the whole name, and a single label is a suffix even when unlisted (the
    /// list's implied `*` rule: a new top-level domain is open to everyone).
    public static func isPublicSuffix(_ name: String) -> Bool {
        let rules = Self.rules
        let name = Substring(name)
        if rules.isUnderException(name) { return false }
        if rules.plain.contains(name) { return true }
        guard let dot = name.firstIndex(of: ".") else { return true }
        return rules.wildcardParents.contains(name[name.index(after: dot)...])
    }

    /// A public suffix exactly one label below `name`, or `nil` when there is none:
    /// `s3.amazonaws.com` below `amazonaws.com`, `example.kawasaki.jp` below
    /// `kawasaki.jp` (listed as `*.kawasaki.jp`).
    ///
    /// Such a name is a host that anybody's content can be served from (an S3 bucket under its
    /// path-style address) and a pattern one label above it matches it.
    public static func publicSuffix(oneLabelBelow name: String) -> String? {
        let rules = Self.rules
        if rules.wildcardParents.contains(Substring(name)) {
            let child = "example.\(name)"
            if isPublicSuffix(child) { return child }
        }
        return rules.firstRuleBelow[Substring(name)].map(String.init)
    }
}
