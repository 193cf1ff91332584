/// An HTTP API's CORS configuration (`CorsConfiguration`, `x-amazon-apigateway-cors`): API
/// Gateway answers every preflight from it, whatever the route, and adds its headers to
/// the integration's responses, dropping any CORS headers the backend sends.
///
/// One configuration serves the whole API: there is nothing per path.
public struct CORSConfiguration: Sendable, Equatable {
    /// Exact origins (`https://app.example.com`) or `*`.
    public var allowOrigins: [String]
    /// Methods, or `*`.
    public var allowMethods: [String]
    /// Request headers, or `*`.
    public var allowHeaders: [String]
    /// Response headers a page may read, or `*`.
    public var exposeHeaders: [String]
    /// How long, in seconds, a browser may cache a preflight; `nil` leaves it to the browser.
    public var maxAge: Int?
    public var allowCredentials: Bool

    public init(
        allowOrigins: [String] = [], allowMethods: [String] = [], allowHeaders: [String] = [], exposeHeaders: [String] = [],
        maxAge: Int? = nil, allowCredentials: Bool = false
    ) {
        self.allowOrigins = allowOrigins
        self.allowMethods = allowMethods
        self.allowHeaders = allowHeaders
        self.exposeHeaders = exposeHeaders
        self.maxAge = maxAge
        self.allowCredentials = allowCredentials
    }
}
