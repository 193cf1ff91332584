import CORS

/// The mapping template (Velocity) that answers several allowed origins, or origin
/// patterns, where a static header value can hold only one.
///
/// It reads the `Origin` header and nothing else (`$input.params('Origin')` would also
/// find a path or query parameter named Origin), whatever case the client wrote the header
/// name in (HTTP/2 clients send `origin`), compares it byte for byte with the allowed
/// origins and with each pattern's whole-string expression, exactly as `OriginMatcher`
/// does, and sets `Access-Control-Allow-Origin` through `$context.responseOverride` once.
/// A request from any other origin gets no allow-origin header, so the browser refuses it.
///
/// The template writes nothing itself: the planner appends `$input.body` (or the method's own
/// template), and the page must read exactly that. Every line therefore ends in a `##` line
/// comment, which swallows the newline in every Velocity: Java Velocity 1.7 (API Gateway)
/// would also drop the newline after a directive's `)`, `#end` or `#else`, but LocalStack's
/// Python port keeps some of them, and a template whose output does not depend on those
/// rules reads the same everywhere.
public enum OriginTemplate {
    /// The template's lines for `matcher`, each ending in `##`; empty for a matcher a static
    /// value can answer.
    public static func lines(for matcher: OriginMatcher) -> [String] {
        var conditions = matcher.exactOrigins.map { "$origin == \"\(escaped($0))\"" }
        conditions += matcher.subdomainPatterns.map { "$origin.matches(\"\(escaped($0.regularExpression))\")" }
        guard !conditions.isEmpty else { return [] }
        let directives = [
            "#set($origin = \"\")",
            "#foreach($name in $input.params().header.keySet())",
            "#if($name.toLowerCase() == \"origin\")#set($origin = $input.params().header.get($name))#end",
            "#end",
            "#if(\(conditions.joined(separator: " || ")))",
            "#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)",
            "#end",
        ]
        // `##` comments out the rest of the line, newline included, so no line adds output.
        return directives.map { $0 + "##" }
    }

    /// The template as one string, each line ending in a newline.
    public static func text(for matcher: OriginMatcher) -> String {
        lines(for: matcher).map { $0 + "\n" }.joined()
    }

    /// Velocity reads `$` and `#` inside double quotes; origins never hold them, but a
    /// pattern's expression holds `\` and `$`-free text only, so escaping `"` is enough.
    private static func escaped(_ text: String) -> String {
        text.replacing("\"", with: "\\\"")
    }
}
