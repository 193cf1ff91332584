/// A method request parameter: `method.request.querystring.limit`, required or not.
public struct RequestParameter: Sendable, Equatable {
    /// `path`, `querystring` or `header`: API Gateway's names, not OpenAPI's `query`.
    public var location: String
    public var name: String
    public var isRequired: Bool

    public init(location: String, name: String, isRequired: Bool) {
        self.location = location
        self.name = name
        self.isRequired = isRequired
    }

    /// `method.request.<location>.<name>`, the key API Gateway uses.
    public var key: String { "method.request.\(location).\(name)" }
}
