/// Bounds on what a reader accepts, so that hostile or broken input fails fast instead of
/// exhausting memory or time.
///
/// The defaults leave room for the largest real specs (about 4 MB, nesting under 60 levels,
/// no aliases at all) by orders of magnitude while stopping an alias bomb or a
/// 100,000-level nesting at once. Each limit has its own diagnostic code.
public struct ReadLimits: Sendable, Hashable {
    /// Largest input accepted, in bytes (YAML005).
    public var maxDocumentBytes: Int
    /// Largest single scalar or JSON string, in UTF-8 bytes (YAML006).
    public var maxScalarBytes: Int
    /// Deepest nesting of sequences and mappings (YAML004).
    public var maxDepth: Int
    /// Most nodes that aliases may add by repeating anchored nodes, counted as if every
    /// alias were copied out in full (YAML003). This is what stops "billion laughs".
    public var maxAliasExpansion: Int

    public init(
        maxDocumentBytes: Int = 256 << 20,
        maxScalarBytes: Int = 16 << 20,
        maxDepth: Int = 1_000,
        maxAliasExpansion: Int = 1_000_000
    ) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxScalarBytes = maxScalarBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    public static let `default` = ReadLimits()
}
