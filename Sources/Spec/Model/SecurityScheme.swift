import Diagnostics

/// One entry of `components.securitySchemes`, with the API Gateway extensions that turn it
/// into an authorizer or an API key requirement.
public struct SecurityScheme: Sendable, Equatable {
    public var name: String
    /// OpenAPI's `type`: `apiKey`, `http`, `oauth2`, `openIdConnect`, `mutualTLS`.
    public var type: String?
    /// For `apiKey`: `header`, `query` or `cookie`.
    public var placement: String?
    /// For `apiKey`: the header or query parameter's name, e.g. `x-api-key`.
    public var parameterName: String?
    /// `x-amazon-apigateway-authorizer`, `x-amazon-apigateway-authtype`, in source order.
    public var extensions: [GatewayExtension]
    public var location: SourceLocation

    public init(
        name: String, type: String?, placement: String?, parameterName: String?, extensions: [GatewayExtension],
        location: SourceLocation
    ) {
        self.name = name
        self.type = type
        self.placement = placement
        self.parameterName = parameterName
        self.extensions = extensions
        self.location = location
    }
}
