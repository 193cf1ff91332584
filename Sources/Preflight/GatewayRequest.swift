import Plan

/// A request as it reaches API Gateway's stage URL: the method, the stage, the resource
/// path under it, and the headers with the names as sent.
public struct GatewayRequest: Sendable, Equatable {
    public var method: String
    /// The stage the URL names (`/v1/pets/7` → `v1`).
    public var stage: String
    /// The path after the stage, `/pets/7`; `/` for the root.
    public var path: String
    public var headers: HeaderList

    public init(method: String, stage: String, path: String, headers: HeaderList) {
        self.method = method
        self.stage = stage
        self.path = path
        self.headers = headers
    }
}
