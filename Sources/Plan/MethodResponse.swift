/// A status code the method may answer with and the headers it declares for it.
///
/// API Gateway refuses a header mapping whose header is not declared here, and an
/// integration response whose status code has no method response.
public struct MethodResponse: Sendable, Equatable {
    public var statusCode: String
    /// Declared header names, in order (`Access-Control-Allow-Origin`).
    public var headers: [String]

    public init(statusCode: String, headers: [String] = []) {
        self.statusCode = statusCode
        self.headers = headers
    }
}
