import Diagnostics

/// Something in the source that the migrated files cannot express, and why.
public struct MigrationGap: Sendable, Equatable {
    public var message: String
    public var location: SourceLocation?
}
