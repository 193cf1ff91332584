import Diagnostics

/// The stable diagnostic codes of the YAML layer (its YAML and JSON readers and writers).
///
/// `docs/diagnostics.md` lists each with an example. Codes shared by both readers start
/// with `YAML`; problems only JSON's grammar has start with `JSON`.
public enum ReadError {
    public static let syntax = DiagnosticCode(
        "YAML001", .error,
        "A YAML syntax error reported by libyaml.")
    public static let duplicateKey = DiagnosticCode(
        "YAML002", .error,
        "The same key twice in one mapping (YAML and JSON).")
    public static let aliasExpansion = DiagnosticCode(
        "YAML003", .error,
        "Aliases would expand to more nodes than `ReadLimits.maxAliasExpansion`.")
    public static let tooDeep = DiagnosticCode(
        "YAML004", .error,
        "Nesting deeper than `ReadLimits.maxDepth` (YAML and JSON).")
    public static let documentTooLarge = DiagnosticCode(
        "YAML005", .error,
        "Input larger than `ReadLimits.maxDocumentBytes` (YAML and JSON).")
    public static let scalarTooLarge = DiagnosticCode(
        "YAML006", .error,
        "One scalar or string larger than `ReadLimits.maxScalarBytes` (YAML and JSON).")
    public static let multipleDocuments = DiagnosticCode(
        "YAML007", .error,
        "A YAML stream with more than one document.")
    public static let empty = DiagnosticCode(
        "YAML008", .error,
        "No document at all: an empty file, or only comments and white space (YAML and JSON).")
    public static let encoding = DiagnosticCode(
        "YAML009", .error,
        "Bytes that are not UTF-8: an invalid sequence, a UTF-16/32 byte-order mark or NUL.")
    public static let complexKey = DiagnosticCode(
        "YAML010", .error,
        "A mapping key that is a sequence or a mapping; neither OpenAPI nor JSON allows one.")
    public static let unknownAnchor = DiagnosticCode(
        "YAML011", .error,
        "An alias (`*name`) with no anchor (`&name`) before it.")
    public static let notRepresentableInJSON = DiagnosticCode(
        "YAML012", .error,
        "A node the JSON writer cannot express: an application tag or a non-finite number.")
    public static let tagMismatch = DiagnosticCode(
        "YAML013", .error,
        "A core-schema tag on a value that does not fit it, such as `!!int abc`.")
    public static let jsonSyntax = DiagnosticCode(
        "JSON001", .error,
        "A JSON syntax error: an unexpected character, a missing comma, a trailing comma, a comment, or text after the value.")
    public static let jsonString = DiagnosticCode(
        "JSON002", .error,
        "A JSON string with a raw control character, an unknown escape or a lone surrogate.")
    public static let jsonNumber = DiagnosticCode(
        "JSON003", .error,
        "A JSON number that RFC 8259 does not allow: a leading zero, a bare point, `NaN`, `+1`.")

    /// A diagnostic at a mark in `file`.
    static func error(_ code: DiagnosticCode, _ message: String, file: String, at mark: Mark, notes: [Diagnostic.Note] = [])
        -> Diagnostic
    {
        .error(code, message, at: SourceLocation(file: file, line: mark.line, column: mark.column), notes: notes)
    }
}

extension SourceLocation {
    /// The location of a mark in a named file.
    public init(file: String, mark: Mark) {
        self.init(file: file, line: mark.line, column: mark.column)
    }
}

extension ReadError: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        jsonSyntax,
        jsonString,
        jsonNumber,
        syntax,
        duplicateKey,
        aliasExpansion,
        tooDeep,
        documentTooLarge,
        scalarTooLarge,
        multipleDocuments,
        empty,
        encoding,
        complexKey,
        unknownAnchor,
        notRepresentableInJSON,
        tagMismatch,
    ]
}
