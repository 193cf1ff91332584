import Diagnostics

/// One entry of `rules`: the paths (and optionally methods) it applies to and what it changes.
public struct CORSRule: Sendable, Equatable {
    /// Where the rule starts in the file, for diagnostics about the rule as a whole.
    public var location: SourceLocation?
    public var paths: [CORSLocated<PathGlob>]
    /// When set, the rule applies only to these methods of its paths; such a rule can only
    /// turn CORS off for them (a preflight answers for every method of a path at once).
    public var methods: [CORSLocated<String>]?
    /// `false` when the rule turns CORS off; `enabled: false` wins over every other rule.
    public var enabled: CORSLocated<Bool>?
    public var settings: CORSSettings

    public init(
        location: SourceLocation? = nil, paths: [CORSLocated<PathGlob>], methods: [CORSLocated<String>]? = nil,
        enabled: CORSLocated<Bool>? = nil, settings: CORSSettings = CORSSettings()
    ) {
        self.location = location
        self.paths = paths
        self.methods = methods
        self.enabled = enabled
        self.settings = settings
    }

    /// Whether this rule turns CORS off where it applies.
    public var disables: Bool { enabled?.value == false }
}
