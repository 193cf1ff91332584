import Diagnostics
import YAML

/// The stable diagnostic codes of spec loading and `$ref` resolution.
///
/// `docs/openapi.md` ("Loading and $ref diagnostics") lists each with an example. The
/// codes OAS001–OAS099 belong to loading; the model's checks use other numbers.
public enum LoadError {
    /// The entry file's top level is not a mapping.
    public static let rootNotMapping = "OAS001"
    /// A Swagger 2.0 document (`swagger: "2.0"`).
    public static let swagger2 = "OAS002"
    /// No `openapi` field at the top level.
    public static let missingVersion = "OAS003"
    /// An `openapi` version other than 3.0.x or 3.1.x, or one that is not a string.
    public static let unsupportedVersion = "OAS004"
    /// `openapi: 3.0` or `3.1`: no patch release, read as 3.0.3 or 3.1.0 (a warning).
    public static let versionWithoutPatch = "OAS109"
    /// A `$ref` whose value is not a string.
    public static let refNotString = "OAS005"
    /// A `$ref` whose fragment is not a JSON Pointer (`#Pet`, a bad `~` or `%` escape).
    public static let badPointer = "OAS006"
    /// A `$ref` to `http:`, `https:` or `//host`; the tool never fetches from the network.
    public static let remoteRef = "OAS007"
    /// A `$ref` to a file outside the entry file's folder, without `--allow-ref-outside`.
    public static let refOutsideFolder = "OAS008"
    /// A `$ref` to a file that cannot be read.
    public static let missingFile = "OAS009"
    /// A `$ref` whose pointer names nothing in its file.
    public static let missingTarget = "OAS010"
    /// `$ref`s that only lead to each other and never to content.
    public static let refCycle = "OAS011"
    /// More files than `LoadOptions.maxFiles`.
    public static let tooManyFiles = "OAS012"
    /// More bytes in all files together than `LoadOptions.maxTotalBytes`.
    public static let tooManyBytes = "OAS013"

    static func error(_ code: String, _ message: String, file: String, at mark: Mark, notes: [Diagnostic.Note] = [])
        -> Diagnostic
    {
        .error(code, message, at: SourceLocation(file: file, mark: mark), notes: notes)
    }
}
