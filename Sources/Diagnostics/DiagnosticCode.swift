/// A diagnostic code as its domain declares it: the stable identifier users search for,
/// the severity it is reported with, and what it means in one line.
///
/// Each domain (the YAML reader, spec loading, the CORS policy, the planner…) declares its
/// codes beside its code in a `DiagnosticDomain`, and every diagnostic is made from one of
/// them, so a code cannot be reported without being declared. `docs/diagnostics.md` lists
/// every declared code, and a test holds the page, the declarations and the tests that
/// emit each code together.
public struct DiagnosticCode: Sendable, Hashable, CustomStringConvertible {
    /// `YAML002`, `CORS003`: never changes meaning once released; a retired number is not reused.
    public let id: String
    /// The severity it is reported with.
    public let severity: Diagnostic.Severity
    /// Other severities it is reported with, where the same fault weighs differently by
    /// context (a field the import needs is an error, one it only uses a warning).
    public let otherSeverities: [Diagnostic.Severity]
    /// What it means, in one line.
    public let meaning: String

    public init(_ id: String, _ severity: Diagnostic.Severity, _ meaning: String, alsoAs otherSeverities: [Diagnostic.Severity] = []) {
        self.id = id
        self.severity = severity
        self.otherSeverities = otherSeverities
        self.meaning = meaning
    }

    /// Whether a diagnostic of this code may have `severity`.
    public func allows(_ severity: Diagnostic.Severity) -> Bool {
        severity == self.severity || otherSeverities.contains(severity)
    }

    public var description: String { id }

    /// Whether a reported diagnostic's code is this one.
    public static func == (code: String, declared: DiagnosticCode) -> Bool { code == declared.id }
    public static func == (declared: DiagnosticCode, code: String) -> Bool { code == declared.id }
    public static func != (code: String, declared: DiagnosticCode) -> Bool { code != declared.id }
    public static func ~= (declared: DiagnosticCode, code: String) -> Bool { code == declared.id }
}

/// A part of the tool that reports diagnostics, with every code it declares.
public protocol DiagnosticDomain {
    /// Every code of the domain, in number order.
    static var codes: [DiagnosticCode] { get }
}
