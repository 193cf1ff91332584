/// Thrown by a stage that cannot produce its result; carries every problem it found.
///
/// A stage keeps going after the first problem where it can, so one run reports them all;
/// the diagnostics here may include warnings that came before the errors.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    public var description: String {
        diagnostics.map { d in
            let place = d.location.map { "\($0): " } ?? ""
            return "\(place)\(d.severity.rawValue): [\(d.code)] \(d.message)"
        }.joined(separator: "\n")
    }
}
