import Diagnostics

/// A CORS policy file as written: every field the user set, with the place it was set.
///
/// Fields the file leaves out are `nil`; defaults are applied when the policy is resolved
/// against a spec (`CORSResolver`), so a report can tell "you chose 204" from "204 by
/// default". Values that failed validation are left out and reported by the reader.
public struct CORSPolicy: Sendable, Equatable {
    /// The name of the policy file, as diagnostics print it.
    public var file: String
    /// The top-level keys that rules may also set.
    public var settings: CORSSettings
    /// Which of API Gateway's own responses get CORS headers; API-wide, so rules cannot
    /// set it.
    public var gatewayResponses: CORSLocated<[CORSLocated<GatewayResponseType>]>?
    /// Overrides, in file order.
    public var rules: [CORSRule]

    public init(
        file: String, settings: CORSSettings = CORSSettings(),
        gatewayResponses: CORSLocated<[CORSLocated<GatewayResponseType>]>? = nil, rules: [CORSRule] = []
    ) {
        self.file = file
        self.settings = settings
        self.gatewayResponses = gatewayResponses
        self.rules = rules
    }

    /// The gateway responses that get CORS headers, the default when the file names none.
    public var effectiveGatewayResponses: [GatewayResponseType] {
        gatewayResponses.map { $0.value.map(\.value) } ?? GatewayResponseType.policyDefault
    }
}

/// The keys the top level and every rule share. A rule's value replaces the value before it
/// for that key alone; lists are replaced, never merged, so a rule reads the way it is written.
public struct CORSSettings: Sendable, Equatable {
    public var allowOrigins: CORSLocated<[CORSLocated<OriginPattern>]>?
    public var allowMethods: CORSLocated<[CORSLocated<String>]>?
    public var allowHeaders: CORSLocated<[CORSLocated<String>]>?
    public var exposeHeaders: CORSLocated<[CORSLocated<String>]>?
    public var allowCredentials: CORSLocated<Bool>?
    public var maxAge: CORSLocated<Int>?
    public var preflightStatus: CORSLocated<Int>?
    public var existingOptions: CORSLocated<ExistingOptionsAction>?

    public init() {}

    /// These settings with every key that `later` sets replaced by its value.
    public func overlaid(by later: CORSSettings) -> CORSSettings {
        var merged = self
        if let v = later.allowOrigins { merged.allowOrigins = v }
        if let v = later.allowMethods { merged.allowMethods = v }
        if let v = later.allowHeaders { merged.allowHeaders = v }
        if let v = later.exposeHeaders { merged.exposeHeaders = v }
        if let v = later.allowCredentials { merged.allowCredentials = v }
        if let v = later.maxAge { merged.maxAge = v }
        if let v = later.preflightStatus { merged.preflightStatus = v }
        if let v = later.existingOptions { merged.existingOptions = v }
        return merged
    }

    /// Whether the rule sets any key at all.
    public var isEmpty: Bool { self == CORSSettings() }
}

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

extension CORSPolicy {
    /// The note printed once when a run has no policy file: nothing about CORS is added,
    /// which is right for same-origin APIs and a surprise for everyone else.
    public static let noPolicyNote = Diagnostic.note(
        CORSDiagnosticCode.noPolicy,
        "no CORS policy was given, so no CORS headers are added; pass --cors with a policy file if browsers on other origins call this API")
}
