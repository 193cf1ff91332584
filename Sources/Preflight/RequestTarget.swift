import Plan

/// What a user means by the path of `preflight --path`: the path under the stage, the same
/// path with the stage in front of it (copied from a browser's address bar), or the whole
/// invoke URL.
public struct RequestTarget: Sendable, Equatable {
    /// The resource path under the stage, `/tickets`.
    public var path: String
    /// The stage the written text named, when it named one.
    public var stage: String?
    /// What was understood, when it is not the text as written; `nil` for a plain path.
    public var understood: String?
    /// The scheme and host of a whole URL (`https://abc123.execute-api.eu-west-1.amazonaws.com`),
    /// so the report quotes the URL the page calls.
    public var baseURL: String?
    /// Whether the URL names the stage (an invoke URL) or not (a custom domain mapped to it).
    public var urlNamesStage = true

    /// `written` read against the API: `stage` is the one the request goes to (given, or the
    /// plan's). In a URL the first segment is the stage, as in every invoke URL; in a path, a
    /// first segment that is the stage is taken for it. Either only when no resource of the
    /// plan starts with that segment, and never for an HTTP API's `$default` stage.
    public init(_ written: String, stage: String, plan: GatewayPlan) {
        var text = written
        var fromURL = false
        for scheme in ["https://", "http://"] where text.lowercased().hasPrefix(scheme) {
            let rest = text.dropFirst(scheme.count)
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            baseURL = scheme + rest[..<slash].lowercased()
            text = slash < rest.endIndex ? String(rest[slash...]) : "/"
            fromURL = true
        }
        let segments = text.split(separator: "/", omittingEmptySubsequences: true)
        let firstIsResource = plan.resources.contains { resource in
            resource.path.split(separator: "/").first.map { String($0) == String(segments.first ?? "") } ?? false
        }
        // An invoke URL always starts with its stage; a path, when it repeats the stage. An
        // HTTP API's $default stage has no name in its URL, so there the path is all path.
        let stageInURL = !(plan.kind == .http && stage == APIKind.http.defaultStageName)
        if let first = segments.first.map(String.init), !firstIsResource, stageInURL, fromURL || first == stage {
            let rest = "/" + segments.dropFirst().joined(separator: "/")
            path = rest
            self.stage = first
            understood = "\(fromURL ? "the URL" : "--path \(written)") names the stage \(first): the request is for \(rest) on stage \(first)"
        } else {
            path = text.isEmpty ? "/" : text
            self.stage = nil
            understood = fromURL ? "the URL's path is \(path), under stage \(stage)" : nil
            urlNamesStage = !fromURL
        }
    }
}
