import Diagnostics

/// What an operation says about its request body.
public struct RequestBody: Sendable, Equatable {
    /// The keys of `content` in source order, e.g. `application/json`.
    public var mediaTypes: [String]
    public var isRequired: Bool
    public var location: SourceLocation

    public init(mediaTypes: [String], isRequired: Bool, location: SourceLocation) {
        self.mediaTypes = mediaTypes
        self.isRequired = isRequired
        self.location = location
    }
}
