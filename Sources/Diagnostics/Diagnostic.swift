/// One problem found in the user's input, reported the way a compiler reports it.
///
/// Every stage speaks this one vocabulary so that the command line can print, count and
/// annotate problems from the YAML layer, the OpenAPI reader and the CORS policy alike.
/// The message says what is wrong and names the fix in the same sentence, lower case,
/// without a final period, e.g. `duplicate key "paths"; remove or rename one of them`.
public struct Diagnostic: Sendable, Hashable {
    /// How bad a problem is; only errors stop a run.
    public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
        case error
        case warning
        case note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A secondary place that explains the main one ("first defined here").
    public struct Note: Sendable, Hashable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    /// The identifier of its `DiagnosticCode` (`YAML002`, `CORS003`), which users can search
    /// for and documentation lists; it never changes meaning once released.
    public var code: String
    public var message: String
    public var location: SourceLocation?
    public var notes: [Note]

    public init(
        _ severity: Severity,
        code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation? = nil,
        notes: [Note] = []
    ) {
        assert(code.allows(severity), "\(code.id) is declared as \(code.severity), not \(severity)")
        self.severity = severity
        self.code = code.id
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(.error, code: code, message, at: location, notes: notes)
    }

    public static func warning(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(.warning, code: code, message, at: location, notes: notes)
    }

    public static func note(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(.note, code: code, message, at: location, notes: notes)
    }
}

extension Diagnostic {
    /// The words an error says when `convert --repair` has no fix for it: every refusal
    /// says whether the repair fixes it, and those that cannot say it the same way.
    public static let repairCannotFix = "--repair cannot fix this"
}
