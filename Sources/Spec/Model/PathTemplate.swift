import Plan

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
    ///
    /// Read byte by byte: `/`, `{`, `}` and `+` are ASCII, so no character of the key can
    /// hide one, and a large spec has thousands of keys.
    init(_ text: String) {
        self.text = text
        let bytes = Array(text.utf8)
        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var parts: [String] = []
        var start = bytes.first == UInt8(ascii: "/") ? 1 : 0
        for index in start..<bytes.count where bytes[index] == UInt8(ascii: "/") {
            parts.append(string(start..<index))
            start = index + 1
        }
        parts.append(string(start..<bytes.count))
        hasTrailingSlash = parts.count > 1 && parts.last == ""
        if parts.last == "" { parts.removeLast() }
        segments = parts
        var names: [String] = []
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "{")) {
            guard let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "}")) else { break }
            var end = close
            if end > open + 1, bytes[end - 1] == UInt8(ascii: "+") { end -= 1 }
            if end > open + 1 { names.append(string((open + 1)..<end)) }
            index = close + 1
        }
        variableNames = names
    }

    /// The resource path this key names: `/p/` and `/p` are both `/p`.
    var resourcePath: String { "/" + segments.joined(separator: "/") }

    /// The kind of resource a segment makes: `{id}` a variable, `{proxy+}` a greedy variable,
    /// anything else (including malformed braces) a literal.
    static func kind(of segment: String) -> Resource.Kind {
        let bytes = segment.utf8
        guard bytes.count >= 3, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return .literal }
        let inner = bytes.dropFirst().dropLast()
        guard !inner.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) else { return .literal }
        if inner.last == UInt8(ascii: "+") { return inner.count > 1 ? .greedyVariable : .literal }
        return .variable
    }


    /// The characters of `text` API Gateway does not accept, each once, in order.
    static func disallowedCharacters(in text: Substring) -> [Unicode.Scalar] {
        // Nearly every path is plain ASCII of the allowed kind: bytes first.
        if text.utf8.allSatisfy({ $0 < 0x80 && PathPart.isAllowed(Unicode.Scalar($0)) }) { return [] }
        var found: [Unicode.Scalar] = []
        for c in text.unicodeScalars where !PathPart.isAllowed(c) && !found.contains(c) { found.append(c) }
        return found
    }
}

extension PathTemplate {
    /// What one segment holds once its braces are read: the shapes API Gateway takes as
    /// they are, the one shape `--repair` can turn into a whole-segment variable, and the
    /// shapes nothing can turn into one.
    enum SegmentShape: Equatable {
        /// No braces at all (`pets`, `@me`; characters are checked separately).
        case literal
        /// `{name}` or `{name+}` filling the segment.
        case variable(name: String, isGreedy: Bool)
        /// One plain `{name}` with text before or after it (`{Sid}.json`, `v{major}`).
        case glued(prefix: String, name: String, suffix: String)
        /// Anything else with braces: two variables (`{a}{b}`), a greedy one with text
        /// around it, an empty or unbalanced pair.
        case malformed
    }

    /// The shape of `segment`.
    static func shape(of segment: String) -> SegmentShape {
        switch kind(of: segment) {
        case .variable: return .variable(name: String(segment.dropFirst().dropLast()), isGreedy: false)
        case .greedyVariable: return .variable(name: String(segment.dropFirst().dropLast(2)), isGreedy: true)
        case .literal, .root: break
        }
        guard segment.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) else { return .literal }
        guard let open = segment.firstIndex(of: "{"), let close = segment.firstIndex(of: "}"), open < close else {
            return .malformed
        }
        let prefix = segment[..<open]
        let name = segment[segment.index(after: open)..<close]
        let suffix = segment[segment.index(after: close)...]
        let hasMoreBraces = (prefix + suffix).contains { $0 == "{" || $0 == "}" }
        guard !name.isEmpty, !name.hasSuffix("+"), !hasMoreBraces else { return .malformed }
        return .glued(prefix: String(prefix), name: String(name), suffix: String(suffix))
    }

    /// The key without a query string or fragment written into it (`/search?q={q}` is
    /// `/search`), and that part, if any; clients send neither as part of the path.
    static func splitQuery(_ key: String) -> (path: String, rest: String?) {
        let utf8 = key.utf8
        guard let cut = utf8.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) else { return (key, nil) }
        return (String(key[..<cut]), String(key[cut...]))
    }
}
