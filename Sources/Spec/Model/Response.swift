import Diagnostics

/// One entry of an operation's `responses`.
public struct Response: Sendable, Equatable {
    /// The key as written: `200`, `default` or a range such as `2XX`.
    public var statusCode: String
    public var description: String?
    /// The keys of `headers` in source order; API Gateway can only map headers that a
    /// method response declares.
    public var headerNames: [String]
    /// The keys of `content` in source order.
    public var mediaTypes: [String]
    public var location: SourceLocation

    public init(
        statusCode: String, description: String?, headerNames: [String], mediaTypes: [String],
        location: SourceLocation
    ) {
        self.statusCode = statusCode
        self.description = description
        self.headerNames = headerNames
        self.mediaTypes = mediaTypes
        self.location = location
    }
}
