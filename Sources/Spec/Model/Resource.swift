import Diagnostics
import Plan

/// One API Gateway resource: a path segment with the methods on it and the segments below.
///
/// API Gateway stores an API as a tree with one resource per segment, so `/pets/{petId}`
/// is `/` → `pets` → `{petId}` even when the spec never mentions `/pets` on its own.
public struct Resource: Sendable, Equatable {
    /// What kind of segment the resource is.
    public enum Kind: String, Sendable, Hashable {
        /// The API's root, `/`.
        case root
        /// A fixed segment such as `pets`.
        case literal
        /// A whole-segment variable such as `{petId}`.
        case variable
        /// A greedy variable such as `{proxy+}`, matching every deeper path too.
        case greedyVariable
    }

    /// The full path, e.g. `/pets/{petId}`; `/` for the root.
    public var path: String
    /// This resource's own segment, e.g. `{petId}`; empty for the root.
    public var pathPart: String
    public var kind: Kind
    /// Sorted by `pathPart`, comparing UTF-8 bytes, so the order never depends on the spec's.
    public var children: [Resource]
    /// Sorted by method (`HTTPMethod`'s order).
    public var operations: [Operation]
    /// The `x-amazon-apigateway-*` extensions of the path item(s), in source order.
    public var extensions: [GatewayExtension]
    /// The `paths` keys that name this resource, in source order (`/p`, `/p/`); empty
    /// for a resource that only exists because deeper paths run through it.
    public var specPaths: [String]
    /// Where the first `paths` key that reaches this resource is written.
    public var location: SourceLocation

    public init(
        path: String, pathPart: String, kind: Kind, children: [Resource] = [], operations: [Operation] = [],
        extensions: [GatewayExtension] = [], specPaths: [String] = [], location: SourceLocation
    ) {
        self.path = path
        self.pathPart = pathPart
        self.kind = kind
        self.children = children
        self.operations = operations
        self.extensions = extensions
        self.specPaths = specPaths
        self.location = location
    }

    public var isVariable: Bool { kind == .variable || kind == .greedyVariable }
    public var isGreedy: Bool { kind == .greedyVariable }

    /// The variable's name without braces or `+` (`petId`, `proxy`); `nil` for other kinds.
    public var variableName: String? {
        guard isVariable else { return nil }
        return String(pathPart.dropFirst().dropLast(isGreedy ? 2 : 1))
    }

    /// The operation for `method`, if the resource has one.
    public func operation(_ method: HTTPMethod) -> Operation? {
        operations.first { $0.method == method }
    }

    /// The methods on this resource, in order.
    public var methods: [HTTPMethod] { operations.map(\.method) }

    /// This resource and every one below it, parents before children.
    public var allResources: [Resource] {
        var result: [Resource] = []
        func visit(_ resource: Resource) {
            result.append(resource)
            resource.children.forEach(visit)
        }
        visit(self)
        return result
    }
}
