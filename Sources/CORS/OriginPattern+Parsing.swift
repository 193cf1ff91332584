import Diagnostics

/// Why an `allowOrigins` entry was refused: a diagnostic code and a message naming the fix.
public struct OriginProblem: Error, Sendable, Equatable {
    public var code: DiagnosticCode
    public var message: String
}

extension OriginPattern {
    /// Reads one `allowOrigins` entry, normalising it the way a browser serialises origins:
    /// scheme and host lower case, the default port (80 for http, 443 for https) dropped.
    ///
    /// Refused, each with the fix in the message: `null`, no scheme, a path, query, fragment
    /// or trailing slash, a user name, a bad port, a host that is not LDH labels (or an IPv6
    /// literal), a trailing dot, and any `*` that is not the whole leftmost label of an http
    /// or https host below a parent of at least two labels.
    public static func parse(_ text: String) throws(OriginProblem) -> OriginPattern {
        if text == "*" { return .any }
        if text.lowercased() == "null" {
            throw problem(
                CORSDiagnosticCode.nullOrigin,
                "the origin \"null\" is sent by sandboxed frames and local files of any site; remove it and list the real origins")
        }
        if text.contains(",") {
            throw problem(
                CORSDiagnosticCode.malformedOrigin,
                "\"\(text)\" holds several origins; write each origin as its own list item")
        }
        if text.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            throw problem(CORSDiagnosticCode.malformedOrigin, "origin \"\(text)\" contains spaces; remove them")
        }
        guard let separator = text.firstRange(of: "://") else {
            let host = text.split(separator: "/", maxSplits: 1).first.map(String.init) ?? text
            throw problem(
                CORSDiagnosticCode.malformedOrigin,
                "origin \"\(text)\" has no scheme; write \"https://\(host.lowercased())\"")
        }
        let scheme = text[..<separator.lowerBound].lowercased()
        let afterScheme = text[separator.upperBound...]
        if scheme.contains("*") {
            throw problem(
                CORSDiagnosticCode.unsafeOriginPattern,
                "origin pattern \"\(text)\" has a * in its scheme; write the scheme, such as https")
        }
        guard isScheme(scheme) else {
            throw problem(CORSDiagnosticCode.malformedOrigin, "origin \"\(text)\" has an invalid scheme; write https:// or http://")
        }
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        let rest = afterScheme[authorityEnd...]

        if let at = authority.lastIndex(of: "@") {
            throw problem(
                CORSDiagnosticCode.malformedOrigin,
                "origin \"\(text)\" has a user name before @, which browsers never send; write \"\(scheme)://\(authority[authority.index(after: at)...].lowercased())\"")
        }
        let (hostText, portText) = splitHostAndPort(authority)
        let host = hostText.lowercased()
        var port: Int?
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit), let n = Int(portText),
                (1...65535).contains(n)
            else {
                throw problem(
                    CORSDiagnosticCode.malformedOrigin,
                    "origin \"\(text)\" has an invalid port \"\(portText)\"; write a number from 1 to 65535 or leave the port out")
            }
            port = (scheme == "https" && n == 443) || (scheme == "http" && n == 80) ? nil : n
        }
        let portSuffix = port.map { ":\($0)" } ?? ""
        let serialised = "\(scheme)://\(host)\(portSuffix)"

        if !rest.isEmpty {
            let what =
                rest == "/" ? "a trailing slash"
                : rest.hasPrefix("?") ? "a query" : rest.hasPrefix("#") ? "a fragment" : "a path"
            throw problem(
                CORSDiagnosticCode.malformedOrigin,
                "origin \"\(text)\" has \(what), which browsers never send in Origin; write \"\(serialised)\"")
        }
        if host.isEmpty {
            throw problem(CORSDiagnosticCode.malformedOrigin, "origin \"\(text)\" has no host; write one such as \"https://app.example.com\"")
        }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2,
                host.dropFirst().dropLast().allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." })
            else {
                throw problem(CORSDiagnosticCode.malformedOrigin, "origin \"\(text)\" has an invalid IPv6 address; write it as [::1]")
            }
            return .exact(serialised)
        }
        if host.contains("*") {
            return .subdomains(try subdomainPattern(text: text, scheme: scheme, host: host, port: port))
        }
        try checkHostName(host, text: text)
        return .exact(serialised)
    }

    private static func subdomainPattern(text: String, scheme: String, host: String, port: Int?) throws(OriginProblem)
        -> SubdomainPattern
    {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let starLabels = labels.indices.filter { labels[$0].contains("*") }
        guard starLabels == [0], labels[0] == "*" else {
            throw problem(
                CORSDiagnosticCode.unsafeOriginPattern,
                "origin pattern \"\(text)\" can match hosts you do not control, as * may only stand for the whole first label; \(wildcardFix(scheme: scheme, labels: labels, starLabels: starLabels))")
        }
        guard scheme == "https" || scheme == "http" else {
            throw problem(
                CORSDiagnosticCode.unsafeOriginPattern,
                "origin pattern \"\(text)\" uses the scheme \(scheme); patterns are for http and https, list other origins exactly")
        }
        let parent = labels.dropFirst().joined(separator: ".")
        guard labels.count >= 3 else {
            throw problem(
                CORSDiagnosticCode.unsafeOriginPattern,
                "origin pattern \"\(text)\" would match every domain under \"\(parent)\"; name your own domain, as in \"\(scheme)://*.example.\(parent)\"")
        }
        try checkHostName(parent, text: text)
        try checkOwnership(of: parent, text: text, scheme: scheme)
        return SubdomainPattern(scheme: scheme, parentDomain: parent, port: port)
    }

    /// Refuses a pattern whose one label can complete a name strangers own, by the Public
    /// Suffix List: the parent is itself a public suffix (`*.co.uk`, `*.github.io`: every name
    /// below is somebody's registration), or a public suffix sits one label below it
    /// (`*.amazonaws.com` matches `s3.amazonaws.com`, which serves anybody's bucket). Suffixes
    /// deeper down are not matched by one label and do not count: `*.example.com` stays allowed
    /// whatever is listed under `users.example.com`.
    private static func checkOwnership(of parent: String, text: String, scheme: String) throws(OriginProblem) {
        if PublicSuffixes.isPublicSuffix(parent) {
            throw problem(
                CORSDiagnosticCode.unsafeOriginPattern,
                "origin pattern \"\(text)\" would match every domain under \"\(parent)\", a public suffix anybody can register names under; name your own domain, as in \"\(scheme)://*.example.\(parent)\"")
        }
        if let suffix = PublicSuffixes.publicSuffix(oneLabelBelow: parent) {
            throw problem(
                CORSDiagnosticCode.unsafeOriginPattern,
                "origin pattern \"\(text)\" would match \"\(suffix)\", a public suffix anybody can have a host under; name your own domain, as in \"\(scheme)://*.example.\(suffix)\"")
        }
    }

    /// The pattern the user most likely meant, for a `*` in the wrong place; never one over a
    /// name strangers own, which would only be refused in turn.
    private static func wildcardFix(scheme: String, labels: [Substring], starLabels: [Int]) -> String {
        // `*example.com`: the subdomains of example.com were almost certainly meant.
        if starLabels == [0], let rest = labels[0].dropFirst().first, rest.isLetter || rest.isNumber,
            !labels[0].dropFirst().contains("*")
        {
            let parent = ([labels[0].dropFirst()] + labels.dropFirst()).joined(separator: ".")
            return isOwnable(parent)
                ? "write \"\(scheme)://*.\(parent)\""
                : "write it before your own domain, as in \"\(scheme)://*.example.\(parent)\""
        }
        let parent = labels[(starLabels.last! + 1)...].joined(separator: ".")
        guard parent.contains(".") else {
            return "write it before your own domain, as in \"\(scheme)://*.example.com\""
        }
        if isOwnable(parent) { return "write \"\(scheme)://*.\(parent)\"" }
        return "write it before your own domain, as in \"\(scheme)://*.example.\(parent)\""
    }

    /// Whether a pattern over `parent` would pass `checkOwnership(of:text:scheme:)`.
    private static func isOwnable(_ parent: String) -> Bool {
        !PublicSuffixes.isPublicSuffix(parent) && PublicSuffixes.publicSuffix(oneLabelBelow: parent) == nil
    }

    private static func checkHostName(_ host: String, text: String) throws(OriginProblem) {
        if !host.allSatisfy(\.isASCII) {
            throw problem(
                CORSDiagnosticCode.malformedOrigin,
                "origin \"\(text)\" has a non-ASCII host; browsers send its punycode form (xn--…), write that")
        }
        if host.hasSuffix(".") {
            throw problem(
                CORSDiagnosticCode.malformedOrigin,
                "origin \"\(text)\" ends its host with a dot, which browsers keep as a different origin; remove the dot")
        }
        guard host.utf8.count <= 253,
            host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({
                SubdomainPattern.isLabel($0.utf8)
            })
        else {
            throw problem(
                CORSDiagnosticCode.malformedOrigin,
                "origin \"\(text)\" has an invalid host; use letters, digits, hyphens and dots, as in \"https://app.example.com\"")
        }
    }

    private static func splitHostAndPort(_ authority: Substring) -> (Substring, Substring?) {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return (authority, nil) }
            let after = authority.index(after: close)
            let host = authority[...close]
            if after < authority.endIndex, authority[after] == ":" {
                return (host, authority[authority.index(after: after)...])
            }
            return (after == authority.endIndex ? host : authority, nil)
        }
        guard let colon = authority.lastIndex(of: ":") else { return (authority, nil) }
        return (authority[..<colon], authority[authority.index(after: colon)...])
    }

    private static func isScheme(_ s: String) -> Bool {
        let scalars = s.unicodeScalars
        guard let first = scalars.first, ("a"..."z").contains(first) else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) }
    }

    private static func problem(_ code: DiagnosticCode, _ message: String) -> OriginProblem {
        OriginProblem(code: code, message: message)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
