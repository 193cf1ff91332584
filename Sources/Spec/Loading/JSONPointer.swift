import YAML

/// A JSON Pointer (RFC 6901) as it appears in a `$ref` fragment: `#/components/schemas/Pet`.
///
/// Tokens are unescaped once, here: `~1` is `/`, `~0` is `~`, and a fragment's
/// percent-encoding (`%7B` for `{`) is decoded first, as RFC 3986 fragments require. Paths
/// in OpenAPI contain `/` and braces, so `#/paths/~1pets~1%7Bid%7D` names `/pets/{id}`.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible {
    /// The unescaped reference tokens, outermost first; empty for the whole document.
    public var tokens: [String]

    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Parses a fragment with or without its leading `#`: `""`, `"#"`, `"#/a/b"`, `"/a/b"`.
    /// Returns `nil` for text that is not a pointer (no leading `/`, bad escapes).
    public init?(fragment: String) {
        // Read as bytes: `#`, `/`, `~` and `%` are ASCII, and every `$ref` of a spec comes
        // through here once, and going by characters cost many times more.
        var text = Substring(fragment)
        if text.utf8.first == UInt8(ascii: "#") { text = text.dropFirst() }
        guard let decoded = Self.percentDecoded(text) else { return nil }
        let bytes = Array(decoded.utf8)
        guard let first = bytes.first else {
            tokens = []
            return
        }
        guard first == UInt8(ascii: "/") else { return nil }
        var result: [String] = []
        var start = 1
        for end in 1...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
            guard let token = Self.unescaped(bytes[start..<end]) else { return nil }
            result.append(token)
            start = end + 1
        }
        tokens = result
    }

    /// The pointer as a fragment, escaped again: `#/paths/~1pets`.
    public var description: String {
        // Built by hand: the loader and bundler key every $ref by this text, and generic
        // `replacing` costs more than the rest of loading put together.
        var out = "#"
        for token in tokens {
            out.append("/")
            guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
                out.append(token)
                continue
            }
            for c in token.unicodeScalars {
                switch c {
                case "~": out.append("~0")
                case "/": out.append("~1")
                default: out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }

    /// A pointer one level deeper.
    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [token])
    }

    /// The node this pointer names inside `root`, or `nil` when a step does not exist.
    ///
    /// Mapping steps match keys by text; sequence steps must be a decimal index without
    /// leading zeros, as RFC 6901 says.
    public func resolve(in root: Node) -> Node? {
        var node = root
        for token in tokens {
            switch node.content {
            case .mapping(let mapping):
                guard let next = mapping[token] else { return nil }
                node = next
            case .sequence(let items):
                guard let index = Int(token), String(index) == token, items.indices.contains(index) else { return nil }
                node = items[index]
            case .scalar:
                return nil
            }
        }
        return node
    }

    /// The first token that does not exist in `root`, for messages such as
    /// "no 'Pett' in #/components/schemas".
    public func firstMissingPrefix(in root: Node) -> (found: JSONPointer, missing: String)? {
        var found = JSONPointer(tokens: [])
        for token in tokens {
            if found.appending(token).resolve(in: root) == nil { return (found, token) }
            found = found.appending(token)
        }
        return nil
    }

    private static func unescaped(_ raw: ArraySlice<UInt8>) -> String? {
        guard raw.contains(UInt8(ascii: "~")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            index += 1
            guard byte == UInt8(ascii: "~") else {
                out.append(byte)
                continue
            }
            guard index < raw.endIndex else { return nil }
            switch raw[index] {
            case UInt8(ascii: "0"): out.append(UInt8(ascii: "~"))
            case UInt8(ascii: "1"): out.append(UInt8(ascii: "/"))
            default: return nil
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` with `%XX` escapes decoded; `nil` for a broken escape or bytes that are not UTF-8.
    static func percentDecoded(_ text: Substring) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let b = utf8.popFirst() {
            guard b == UInt8(ascii: "%") else {
                bytes.append(b)
                continue
            }
            guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(value)
            utf8 = utf8.dropFirst(2)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
