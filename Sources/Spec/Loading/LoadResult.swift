import Diagnostics

/// A loaded spec and the warnings found on the way.
public struct LoadResult: Sendable {
    public var spec: LoadedSpec
    /// Problems that did not stop loading; empty when there were none.
    public var warnings: [Diagnostic]
}
