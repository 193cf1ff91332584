import Diagnostics

/// The security that applies to an operation: OpenAPI's list of alternatives.
///
/// Any one requirement satisfies it; within a requirement every scheme is needed. An
/// operation's own `security` wins even when it is `[]` (explicitly open); otherwise the
/// root `security` applies. API Gateway itself ignores the root list on import, which is
/// why the model copies it onto each operation for the later stages to apply.
public struct Security: Sendable, Equatable {
    /// Where the requirements were written.
    public enum Source: String, Sendable, Hashable {
        case operation
        case root
        /// Neither the operation nor the root says anything.
        case none
    }

    public var source: Source
    public var requirements: [SecurityRequirement]
    /// The `security` key that applies; `nil` when `source` is `.none`.
    public var location: SourceLocation?

    public init(source: Source, requirements: [SecurityRequirement], location: SourceLocation?) {
        self.source = source
        self.requirements = requirements
        self.location = location
    }

    /// Whether a caller with no credentials is let through: no requirements at all, or an
    /// empty `{}` alternative.
    public var allowsAnonymous: Bool {
        requirements.isEmpty || requirements.contains { $0.schemes.isEmpty }
    }

    /// The names of every scheme any alternative uses, each once, in order of appearance.
    public var schemeNames: [String] {
        var names: [String] = []
        for requirement in requirements {
            for scheme in requirement.schemes where !names.contains(scheme.name) { names.append(scheme.name) }
        }
        return names
    }
}

/// One alternative of a `security` list: schemes that must all be satisfied.
public struct SecurityRequirement: Sendable, Equatable {
    /// A security scheme by its name in `components.securitySchemes`, with the scopes asked for.
    public struct Scheme: Sendable, Equatable {
        public var name: String
        public var scopes: [String]

        public init(name: String, scopes: [String]) {
            self.name = name
            self.scopes = scopes
        }
    }

    /// In source order; empty for `{}`, which allows anonymous callers.
    public var schemes: [Scheme]
    public var location: SourceLocation

    public init(schemes: [Scheme], location: SourceLocation) {
        self.schemes = schemes
        self.location = location
    }
}
