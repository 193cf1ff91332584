import Diagnostics

/// One parameter of an operation, after path-level and operation-level lists are merged.
///
/// Only what API Gateway keeps of a parameter is here (name, `in`, `required`); schemas
/// and examples belong to later stages that read the nodes.
public struct Parameter: Sendable, Equatable {
    /// OpenAPI's `in`: where the value travels in the request.
    public enum Placement: String, Sendable, Hashable, CaseIterable {
        case path
        case query
        case header
        case cookie
    }

    /// Which list the parameter came from.
    public enum Origin: String, Sendable, Hashable {
        /// The path item's `parameters`, shared by every operation on the path.
        case pathItem = "path item"
        /// The operation's own `parameters`, which replace a path item one of the same name and `in`.
        case operation
    }

    public var name: String
    public var placement: Placement
    public var isRequired: Bool
    public var origin: Origin
    /// Where the parameter is listed: the inline definition, or the `$ref` that names it.
    public var location: SourceLocation
    /// Where a referenced parameter is defined (`components/parameters`, another file);
    /// `nil` for an inline one.
    public var definitionLocation: SourceLocation?

    public init(
        name: String, placement: Placement, isRequired: Bool, origin: Origin, location: SourceLocation,
        definitionLocation: SourceLocation? = nil
    ) {
        self.name = name
        self.placement = placement
        self.isRequired = isRequired
        self.origin = origin
        self.location = location
        self.definitionLocation = definitionLocation
    }

    /// Two parameters are the same parameter when name and `in` match (OpenAPI's rule).
    func isSameParameter(as other: Parameter) -> Bool {
        name == other.name && placement == other.placement
    }
}
