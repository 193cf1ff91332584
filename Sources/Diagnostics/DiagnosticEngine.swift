/// Collects diagnostics in the order they were reported: the one way the tool reports.
///
/// The engine is how a stage "keeps going": it records a problem and carries on, and the
/// caller asks `hasErrors` before it writes anything. Inside a stage it is passed down to the
/// helpers (`inout`); at a module's public boundary the stage returns its result with the
/// engine's `diagnostics`, which the caller reports into its own engine. A stage throws
/// `DiagnosticError` only when it has no result at all to return. Printing is the command
/// line's job. docs/architecture.md, "Diagnostics", has the whole convention.
public struct DiagnosticEngine: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    /// What `reportOnce` has already reported.
    private var reportedOnce: Set<Diagnostic> = []

    public init() {}

    public mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Reports `diagnostic` unless the very same one (code, message, place and notes) was
    /// reported this way before: a problem found once per operation but written in one
    /// place, such as a root `security` every operation inherits, is shown once, not once
    /// for each of hundreds of operations.
    public mutating func reportOnce(_ diagnostic: Diagnostic) {
        if reportedOnce.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    public mutating func report(contentsOf more: some Sequence<Diagnostic>) {
        diagnostics.append(contentsOf: more)
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public func count(of severity: Diagnostic.Severity) -> Int {
        diagnostics.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }

    /// Throws every collected diagnostic when any of them is an error.
    public func throwIfErrors() throws {
        if hasErrors { throw DiagnosticError(diagnostics) }
    }
}
