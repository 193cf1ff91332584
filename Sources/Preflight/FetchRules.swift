import Plan

/// The Fetch standard's rules that decide whether a cross-origin request needs a
/// preflight and what the preflight asks for (https://fetch.spec.whatwg.org, "CORS
/// protocol" and "HTTP extensions" sections).
///
/// Each function is one definition of the standard, so the tests can pin them one by one
/// and the browser side of the simulation reads like the standard's algorithm.
public enum FetchRules {
    /// The methods a page may send cross-origin without a preflight ("CORS-safelisted method").
    public static let safelistedMethods: Set<String> = ["GET", "HEAD", "POST"]

    /// Whether `method` (already normalised) is CORS-safelisted: byte-for-byte, so `get`
    /// written by hand is normalised first by `normalizedMethod`, while `patch` is not.
    public static func isSafelistedMethod(_ method: String) -> Bool {
        safelistedMethods.contains(method)
    }

    /// Fetch "normalize a method": only DELETE, GET, HEAD, OPTIONS, POST and PUT are
    /// upper-cased; any other method keeps the case the page wrote (`patch` stays `patch`).
    public static func normalizedMethod(_ method: String) -> String {
        let upper = method.uppercased()
        return ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"].contains(upper) ? upper : method
    }

    /// Methods `fetch()` refuses outright ("forbidden method").
    public static func isForbiddenMethod(_ method: String) -> Bool {
        ["CONNECT", "TRACE", "TRACK"].contains(method.uppercased())
    }

    /// Whether `text` is an HTTP token (a method or a header name).
    public static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
            }
        }
    }

    /// Request headers a page cannot set; `fetch()` drops them without a word
    /// ("forbidden request-header").
    public static func isForbiddenRequestHeader(_ name: String) -> Bool {
        let lower = name.lowercased()
        let names: Set<String> = [
            "accept-charset", "accept-encoding", "access-control-request-headers", "access-control-request-method",
            "connection", "content-length", "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive", "origin",
            "referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "via",
        ]
        return names.contains(lower) || lower.hasPrefix("proxy-") || lower.hasPrefix("sec-")
    }

    /// Bytes that make `Accept`, `Content-Type` and the like unsafe ("CORS-unsafe
    /// request-header byte").
    static func isUnsafeByte(_ byte: UInt8) -> Bool {
        if byte < 0x20 { return byte != 0x09 }
        return byte == 0x7F || Array("\"():<>?@[\\]{}".utf8).contains(byte)
    }

    /// The `Content-Type` essences a page may send without a preflight.
    public static let safelistedContentTypes: Set<String> = [
        "application/x-www-form-urlencoded", "multipart/form-data", "text/plain",
    ]

    /// Fetch "CORS-safelisted request-header": `Accept`, `Accept-Language`,
    /// `Content-Language`, `Content-Type` with one of three essences, and a simple `Range`,
    /// each at most 128 bytes. Every other header, `Authorization` included, needs a preflight.
    public static func isSafelistedRequestHeader(name: String, value: String) -> Bool {
        guard value.utf8.count <= 128 else { return false }
        switch name.lowercased() {
        case "accept":
            return !value.utf8.contains(where: isUnsafeByte)
        case "accept-language", "content-language":
            return value.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                    true
                default:
                    Array(" *,-.;=".utf8).contains(byte)
                }
            }
        case "content-type":
            guard !value.utf8.contains(where: isUnsafeByte), let essence = mimeEssence(value) else { return false }
            return safelistedContentTypes.contains(essence)
        case "range":
            return isSimpleRange(value)
        default:
            return false
        }
    }

    /// The essence (`type/subtype`, lower case) of a MIME type, or `nil` when it does not parse.
    public static func mimeEssence(_ value: String) -> String? {
        let essence = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let trimmed = essence.trimmingHTTPWhitespace().lowercased()
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, isToken(String(parts[0])), isToken(String(parts[1])) else { return nil }
        return trimmed
    }

    /// `bytes=N-` or `bytes=N-M`, the one `Range` form Fetch safelists.
    static func isSimpleRange(_ value: String) -> Bool {
        guard value.hasPrefix("bytes=") else { return false }
        let range = value.dropFirst("bytes=".count).split(separator: "-", omittingEmptySubsequences: false)
        func digits(_ text: Substring) -> Bool { !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }
        guard range.count == 2, digits(range[0]), let start = Int(range[0]) else { return false }
        if range[1].isEmpty { return true }
        guard digits(range[1]), let end = Int(range[1]) else { return false }
        return start <= end
    }

    /// Fetch "CORS-unsafe request-header names": the headers the preflight must ask for,
    /// lower-cased, without repeats, sorted. Safelisted headers whose values add up to more
    /// than 1,024 bytes count as unsafe too.
    public static func unsafeRequestHeaderNames(_ headers: HeaderList) -> [String] {
        var unsafe: [String] = []
        var safelisted: [String] = []
        var safelistedBytes = 0
        for field in headers.fields {
            if isSafelistedRequestHeader(name: field.name, value: field.value) {
                safelisted.append(field.name)
                safelistedBytes += field.value.utf8.count
            } else {
                unsafe.append(field.name)
            }
        }
        if safelistedBytes > 1024 { unsafe += safelisted }
        return Array(Set(unsafe.map { $0.lowercased() })).sorted()
    }

    /// Header names `*` in `Access-Control-Allow-Headers` never covers ("CORS
    /// non-wildcard request-header name").
    public static let nonWildcardRequestHeaderNames: Set<String> = ["authorization"]

    /// Fetch "extract header list values" for `Access-Control-Allow-Methods` and
    /// `Access-Control-Allow-Headers`: items split at commas, trimmed, empty ones skipped;
    /// `nil` (failure) when an item is not a token. An absent header is the caller's case.
    public static func extractTokenList(_ value: String) -> [String]? {
        var items: [String] = []
        for item in value.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = String(item).trimmingHTTPWhitespace()
            if trimmed.isEmpty { continue }
            guard isToken(trimmed) else { return nil }
            items.append(trimmed)
        }
        return items
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs (HTTP "optional whitespace").
    func trimmingHTTPWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" || first == "\r" || first == "\n" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" || last == "\r" || last == "\n" { view = view.dropLast() }
        return String(view)
    }
}
