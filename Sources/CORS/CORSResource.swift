import Diagnostics

/// A path of the spec as the CORS resolver needs it: its text and the methods defined on it.
/// After `--repair` the path is the gateway's, and the spec's spelling rides along.
///
/// Deliberately small and free of the OpenAPI model, so the resolver can be tested with
/// plain values and the planner only adapts its resources to this shape.
public struct CORSResource: Sendable, Equatable {
    /// The path as the spec writes it, such as `/pets/{petId}`.
    public var path: String
    /// The methods of its operations in any case (`get`, `POST`); `ANY` or
    /// `x-amazon-apigateway-any-method` stand for every method.
    public var methods: [String]
    /// Where the path is defined, for diagnostics about it (such as an OPTIONS it already has).
    public var location: SourceLocation?
    /// The spec's own spelling of the path when `--repair` changed it
    /// (`/customers/{id}/balance` for `/customers/{customer}/balance`), so rules written
    /// against the spec still match.
    public var specPaths: [String] = []

    /// Every spelling a rule may match: the path and the spec's own.
    var matchablePaths: [String] { [path] + specPaths }

    public init(path: String, methods: [String], location: SourceLocation? = nil) {
        self.path = path
        self.methods = methods
        self.location = location
    }
}
