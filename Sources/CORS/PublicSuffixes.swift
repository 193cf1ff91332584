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
/// in punycode. Each list is one static string of sorted lines, searched in place by halving,
/// so a run that checks a pattern builds nothing first: the lists hold some ten thousand names,
/// and making sets of them would cost every such run more than all its lookups together.
public enum PublicSuffixes {
    /// Whether `name` is a public suffix, by the list's own algorithm: an exception rule wins
    /// (`www.ck` is registrable although `*.ck` is listed), then a plain rule or a wildcard rule
    /// that covers the whole name, and a single label is a suffix even when unlisted (the
    /// list's implied `*` rule: a new top-level domain is open to everyone).
    public static func isPublicSuffix(_ name: String) -> Bool {
        let name = Array(name.utf8)
        if isUnderException(name[...]) { return false }
        if line(name[...], in: listedRules) != nil { return true }
        guard let dot = name.firstIndex(of: UInt8(ascii: ".")) else { return true }
        return line(name[(dot + 1)...], in: listedWildcardParents) != nil
    }

    /// A public suffix exactly one label below `name`, or `nil` when there is none:
    /// `s3.amazonaws.com` below `amazonaws.com`, `example.kawasaki.jp` below `kawasaki.jp`
    /// (listed as `*.kawasaki.jp`).
    ///
    /// Such a name is a host that anybody's content can be served from (an S3 bucket under its
    /// path-style address), and a pattern one label above it matches it.
    public static func publicSuffix(oneLabelBelow name: String) -> String? {
        let bytes = Array(name.utf8)
        if line(bytes[...], in: listedWildcardParents) != nil {
            let child = "example.\(name)"
            if isPublicSuffix(child) { return child }
        }
        // A line of `listedParents` is `parent child`; the parent is the key.
        guard let found = line(bytes[...], in: listedParents, keyEnd: UInt8(ascii: " ")) else { return nil }
        return String(decoding: found.dropFirst(bytes.count + 1), as: UTF8.self)
    }

    /// Whether an exception rule covers `name` or a name above it, which makes it registrable
    /// rather than a suffix however else it is listed.
    private static func isUnderException(_ name: ArraySlice<UInt8>) -> Bool {
        var rest = name
        while true {
            if line(rest, in: listedExceptions) != nil { return true }
            guard let dot = rest.firstIndex(of: UInt8(ascii: ".")) else { return false }
            rest = rest[(dot + 1)...]
        }
    }

    /// The line of `list` (lines sorted in byte order by their key) whose key is `key`, where
    /// a line's key runs to its first `keyEnd` byte or its end; `nil` when there is none.
    private static func line(_ key: ArraySlice<UInt8>, in list: StaticString, keyEnd: UInt8 = UInt8(ascii: "\n"))
        -> [UInt8]?
    {
        list.withUTF8Buffer { text -> [UInt8]? in
            let newline = UInt8(ascii: "\n")
            var low = 0
            var high = text.count
            while low < high {
                // The whole line around the middle byte: back to its start, on to its end.
                var start = (low + high) / 2
                while start > low, text[start - 1] != newline { start -= 1 }
                var end = start
                while end < text.count, text[end] != newline { end += 1 }
                var keyStop = start
                while keyStop < end, text[keyStop] != keyEnd { keyStop += 1 }
                let lineKey = text[start..<keyStop]
                if lineKey.elementsEqual(key) { return Array(text[start..<end]) }
                if lineKey.lexicographicallyPrecedes(key) {
                    low = end + 1
                } else {
                    high = start
                }
            }
            return nil
        }
    }
}
