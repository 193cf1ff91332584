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
