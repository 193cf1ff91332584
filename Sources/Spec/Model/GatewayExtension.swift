import Diagnostics
import YAML

/// An `x-amazon-apigateway-*` extension kept exactly as the spec writes it.
///
/// The model reads OpenAPI into plain values, but these extensions are API Gateway's own
/// vocabulary (integrations, validators, authorizers, policies) and later stages copy them
/// into the output, so the value stays a `Node` with its key order, tags and marks.
public struct GatewayExtension: Sendable, Equatable {
    /// The full key, e.g. `x-amazon-apigateway-integration`.
    public var name: String
    public var value: Node
    /// Where the key is written.
    public var location: SourceLocation

    public init(name: String, value: Node, location: SourceLocation) {
        self.name = name
        self.value = value
        self.location = location
    }

    /// The part after `x-amazon-apigateway-`, e.g. `integration`.
    public var shortName: String {
        String(name.dropFirst(Self.prefix.count))
    }

    /// What every API Gateway extension key starts with.
    public static let prefix = "x-amazon-apigateway-"
}

extension Array where Element == GatewayExtension {
    /// The value of the extension whose short name is `shortName` (`integration`), if any.
    public subscript(shortName shortName: String) -> GatewayExtension? {
        first { $0.shortName == shortName }
    }
}
