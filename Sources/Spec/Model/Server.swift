import Diagnostics
import YAML

/// One entry of the spec's `servers` list.
public struct Server: Sendable, Equatable {
    /// The URL as written, with `{variables}` still in it.
    public var url: String
    /// The URL with every variable replaced by its `default`, as API Gateway reads it.
    public var resolvedURL: String
    public var description: String?
    /// `x-amazon-apigateway-endpoint-configuration` and any other API Gateway extension.
    public var extensions: [GatewayExtension]
    public var location: SourceLocation

    public init(
        url: String, resolvedURL: String, description: String?, extensions: [GatewayExtension],
        location: SourceLocation
    ) {
        self.url = url
        self.resolvedURL = resolvedURL
        self.description = description
        self.extensions = extensions
        self.location = location
    }

    /// The path of a server URL, which API Gateway takes as the API's base path.
    ///
    /// The scheme and authority are removed (`https://api.example.com/v1` gives `/v1`), as
    /// are a query and a fragment; a relative URL is a path already (`v1` gives `/v1`). A
    /// trailing `/` is dropped, and a URL without a path gives `/`, meaning no base path.
    public static func basePath(ofURL url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest[(rest.firstIndex(of: "/") ?? rest.endIndex)...]
        } else if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            rest = rest[(rest.firstIndex(of: "/") ?? rest.endIndex)...]
        }
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        while rest.hasPrefix("/") { rest = rest.dropFirst() }
        return "/" + rest
    }
}
