/// A `paths` key split into API Gateway resource segments.
///
/// OpenAPI allows a template expression anywhere in a path (`/files/{name}.json`); API
/// Gateway only allows one that fills a whole segment. This type keeps both views: the
/// segments the resource tree is built from, and every `{name}` the OpenAPI template
/// declares, which path parameters must match.
struct PathTemplate {
    /// The key as written.
    let text: String
    /// The segments between slashes, without the empty one a trailing `/` leaves.
    let segments: [String]
    /// Whether the key ends in `/` (other than the root `/` itself).
    let hasTrailingSlash: Bool
    /// Every `{name}` and `{name+}` in the key, in order, without braces or `+`.
    let variableNames: [String]

    /// Parses a key that starts with `/`.
    init(_ text: String) {
        self.text = text
        var parts = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        hasTrailingSlash = parts.count > 1 && parts.last == ""
        if parts.last == "" { parts.removeLast() }
        segments = parts
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            var name = after[..<close]
            if name.hasSuffix("+") { name = name.dropLast() }
            if !name.isEmpty { names.append(String(name)) }
            rest = after[after.index(after: close)...]
        }
        variableNames = names
    }

    /// The resource path this key names: `/p/` and `/p` are both `/p`.
    var resourcePath: String { "/" + segments.joined(separator: "/") }

    /// The kind of resource a segment makes: `{id}` a variable, `{proxy+}` a greedy variable,
    /// anything else (including malformed braces) a literal.
    static func kind(of segment: String) -> Resource.Kind {
        guard segment.count >= 3, segment.first == "{", segment.last == "}" else { return .literal }
        let inner = segment.dropFirst().dropLast()
        guard !inner.contains("{"), !inner.contains("}") else { return .literal }
        if inner.hasSuffix("+") { return inner.count > 1 ? .greedyVariable : .literal }
        return .variable
    }

    /// Whether API Gateway accepts `c` in a path part: letters, digits and `. _ - , :`.
    static func isAllowed(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-", ",", ":": true
        default: false
        }
    }

    /// The characters of `text` API Gateway does not accept, each once, in order.
    static func disallowedCharacters(in text: Substring) -> [Unicode.Scalar] {
        var found: [Unicode.Scalar] = []
        for c in text.unicodeScalars where !isAllowed(c) && !found.contains(c) { found.append(c) }
        return found
    }
}
