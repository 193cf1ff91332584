import Diagnostics

/// The API a spec describes, read into plain values: the hub between the OpenAPI files and
/// the gateway plan.
///
/// Nothing here points back into the YAML tree except the `x-amazon-apigateway-*`
/// extensions, which later stages copy as written. Every list has a fixed order (source
/// order or explicitly sorted), so anything printed from the model is deterministic.
public struct APIModel: Sendable, Equatable {
    /// The `openapi` field, e.g. `3.0.3`.
    public var openAPIVersion: String?
    public var title: String
    public var version: String
    public var description: String?
    public var servers: [Server]
    /// The path of the first server's URL (see `Server.basePath(ofURL:)`), with server
    /// variables replaced by their defaults; `/` when there is none.
    public var basePath: String
    /// The resource tree, starting at `/`.
    public var root: Resource
    /// The root `security`, which operations without their own inherit.
    public var security: [SecurityRequirement]?
    public var securitySchemes: [SecurityScheme]
    /// The root's `x-amazon-apigateway-*` extensions, in source order.
    public var extensions: [GatewayExtension]
    /// Where the document starts.
    public var location: SourceLocation
    /// The `paths` keys `--repair` changed, in document order; empty without it.
    public var pathRepairs: [PathRepair] = []

    /// The title given to a spec without `info.title` (OAS107): API Gateway names the API by it.
    public static let placeholderTitle = "Untitled API"
    /// The version given to a spec without `info.version` (OAS107), which nothing in API
    /// Gateway reads but OpenAPI requires.
    public static let placeholderVersion = "1.0.0"

    public init(
        openAPIVersion: String?, title: String, version: String, description: String?, servers: [Server],
        basePath: String, root: Resource, security: [SecurityRequirement]?, securitySchemes: [SecurityScheme],
        extensions: [GatewayExtension], location: SourceLocation
    ) {
        self.openAPIVersion = openAPIVersion
        self.title = title
        self.version = version
        self.description = description
        self.servers = servers
        self.basePath = basePath
        self.root = root
        self.security = security
        self.securitySchemes = securitySchemes
        self.extensions = extensions
        self.location = location
    }

    /// Every resource, parents before children, siblings in their sorted order.
    public var resources: [Resource] { root.allResources }

    /// Every operation, in resource order and then method order.
    public var operations: [Operation] { resources.flatMap(\.operations) }

    /// The resource at a full path such as `/pets/{petId}`.
    public func resource(at path: String) -> Resource? {
        resources.first { $0.path == path }
    }

    /// The operation with this `operationId`, the first in resource order if there are several.
    public func operation(id: String) -> Operation? {
        operations.first { $0.operationId == id }
    }

    /// The security scheme with this name.
    public func securityScheme(named name: String) -> SecurityScheme? {
        securitySchemes.first { $0.name == name }
    }
}
