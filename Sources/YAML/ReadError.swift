import Diagnostics

/// The stable diagnostic codes of the YAML layer (its YAML and JSON readers and writers).
///
/// `docs/diagnostics.md` lists each with an example. Codes shared by both readers start
/// with `YAML`; problems only JSON's grammar has start with `JSON`.
public enum ReadError {
    /// A YAML syntax error reported by libyaml.
    public static let syntax = "YAML001"
    /// The same key twice in one mapping (YAML and JSON).
    public static let duplicateKey = "YAML002"
    /// Aliases would expand to more nodes than `ReadLimits.maxAliasExpansion`.
    public static let aliasExpansion = "YAML003"
    /// Nesting deeper than `ReadLimits.maxDepth` (YAML and JSON).
    public static let tooDeep = "YAML004"
    /// Input larger than `ReadLimits.maxDocumentBytes` (YAML and JSON).
    public static let documentTooLarge = "YAML005"
    /// One scalar or string larger than `ReadLimits.maxScalarBytes` (YAML and JSON).
    public static let scalarTooLarge = "YAML006"
    /// A YAML stream with more than one document.
    public static let multipleDocuments = "YAML007"
    /// No document at all: an empty file, or only comments and white space (YAML and JSON).
    public static let empty = "YAML008"
    /// Bytes that are not UTF-8: an invalid sequence, a UTF-16/32 byte-order mark or NUL.
    public static let encoding = "YAML009"
    /// A mapping key that is a sequence or a mapping; neither OpenAPI nor JSON allows one.
    public static let complexKey = "YAML010"
    /// An alias (`*name`) with no anchor (`&name`) before it.
    public static let unknownAnchor = "YAML011"
    /// A node the JSON writer cannot express: an application tag or a non-finite number.
    public static let notRepresentableInJSON = "YAML012"
    /// A core-schema tag on a value that does not fit it, such as `!!int abc`.
    public static let tagMismatch = "YAML013"
    /// A JSON syntax error: an unexpected character, a missing comma, a trailing comma, a
    /// comment, or text after the value.
    public static let jsonSyntax = "JSON001"
    /// A JSON string with a raw control character, an unknown escape or a lone surrogate.
    public static let jsonString = "JSON002"
    /// A JSON number that RFC 8259 does not allow: a leading zero, a bare point, `NaN`, `+1`.
    public static let jsonNumber = "JSON003"

    /// A diagnostic at a mark in `file`.
    static func error(_ code: String, _ message: String, file: String, at mark: Mark, notes: [Diagnostic.Note] = [])
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
