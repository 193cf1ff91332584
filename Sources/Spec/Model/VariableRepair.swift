/// One path variable that API Gateway holds under another name, or without the text the
/// spec glued to it, after `--repair`.
///
/// API Gateway keeps one variable child per resource, one name per variable along a path,
/// and only whole-segment variables. The repair changes the gateway's side of a variable
/// and remembers the spec's side, so each method can hand its backend what the spec
/// promised.
public struct VariableRepair: Sendable, Equatable {
    /// The name in the spec's `paths` key (`id` in `/customers/{id}/balance`).
    public var specName: String
    /// The name in the gateway's resource tree and in `method.request.path.*`.
    public var gatewayName: String
    /// Text glued before the variable in the spec's segment (`v` in `v{major}`).
    public var prefix: String
    /// Text glued after it (`.json` in `{Sid}.json`).
    public var suffix: String
    /// Whether the spec used the name earlier in the same path: the backend then receives
    /// this value under a name of its own, since two values cannot travel under one name.
    public var isRepeat: Bool
    /// The name the integration receives the value under: the spec's, so a backend written
    /// against the spec keeps working; for a repeat, whose spec name the first occurrence
    /// already fills, the gateway's name, or a free one when that is another variable's.
    public var integrationName: String

    public init(
        specName: String, gatewayName: String, prefix: String = "", suffix: String = "", isRepeat: Bool = false,
        integrationName: String? = nil
    ) {
        self.specName = specName
        self.gatewayName = gatewayName
        self.prefix = prefix
        self.suffix = suffix
        self.isRepeat = isRepeat
        self.integrationName = integrationName ?? (isRepeat ? gatewayName : specName)
    }

    /// Whether the gateway knows the variable by a name other than the spec's.
    public var isRenamed: Bool { specName != gatewayName }

    /// Whether the spec glued text to the variable, which the gateway's variable now carries.
    public var isGlued: Bool { !prefix.isEmpty || !suffix.isEmpty }

    /// The segment as the spec wrote it (`{Sid}.json`).
    public var specSegment: String { "\(prefix){\(specName)}\(suffix)" }
}
