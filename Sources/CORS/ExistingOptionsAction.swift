/// What the tool does with an OPTIONS operation the spec already defines on a path.
public enum ExistingOptionsAction: String, Sendable, Hashable, CaseIterable {
    /// Leave the user's OPTIONS as written and warn: its CORS headers are the user's to keep
    /// in step with the policy. The default, because silently replacing hand-written work is
    /// worse than a warning.
    case keep
    /// Generate the preflight in its place.
    case replace
    /// Stop with an error, for teams that want the policy to be the only source of CORS.
    case error
}
