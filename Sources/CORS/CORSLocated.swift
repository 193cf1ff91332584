import Diagnostics

/// A value read from the policy file together with the place it was written.
///
/// Every field of `CORSPolicy` keeps its location so that a problem found later — during
/// resolution against a spec, or by the planner — still points at the line to edit.
public struct CORSLocated<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    /// `nil` for values built in code or taken from a default.
    public var location: SourceLocation?

    public init(_ value: Value, at location: SourceLocation? = nil) {
        self.value = value
        self.location = location
    }
}
