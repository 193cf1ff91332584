/// The sections of `components`: what a reusable piece of a spec is.
///
/// The loader and the bundler decide a `$ref`'s kind from where it is written (under
/// `parameters:` it names a parameter), because a target in another file says nothing
/// about what it is.
public enum ComponentKind: String, Sendable, Hashable, CaseIterable {
    case schemas
    case responses
    case parameters
    case examples
    case requestBodies
    case headers
    case securitySchemes
    case links
    case callbacks
    /// Only OpenAPI 3.1 has `components.pathItems`.
    case pathItems
}
