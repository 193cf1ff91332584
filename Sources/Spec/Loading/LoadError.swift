import Diagnostics
import YAML

/// The stable diagnostic codes of spec loading and `$ref` resolution.
///
/// `docs/openapi.md` ("Loading and $ref diagnostics") lists each with an example. The
/// codes OAS001–OAS099 belong to loading; the model's checks use other numbers.
public enum LoadError {
    public static let rootNotMapping = DiagnosticCode(
        "OAS001", .error,
        "The entry file's top level is not a mapping.")
    public static let swagger2 = DiagnosticCode(
        "OAS002", .error,
        "A `swagger` version other than 2.0 (`swagger: \"1.2\"`); Swagger 2.0 itself is read.")
    public static let missingVersion = DiagnosticCode(
        "OAS003", .error,
        "No `openapi` field at the top level.")
    public static let unsupportedVersion = DiagnosticCode(
        "OAS004", .error,
        "An `openapi` version other than 3.0.x or 3.1.x, or one that is not a string.")
    public static let versionWithoutPatch = DiagnosticCode(
        "OAS109", .warning,
        "`openapi: 3.0` or `3.1`: no patch release, read as 3.0.3 or 3.1.0 (a warning).")
    public static let refNotString = DiagnosticCode(
        "OAS005", .error,
        "A `$ref` whose value is not a string.")
    public static let badPointer = DiagnosticCode(
        "OAS006", .error,
        "A `$ref` whose fragment is not a JSON Pointer (`#Pet`, a bad `~` or `%` escape).")
    public static let remoteRef = DiagnosticCode(
        "OAS007", .error,
        "A `$ref` to `http:`, `https:` or `//host`; the tool never fetches from the network.")
    public static let refOutsideFolder = DiagnosticCode(
        "OAS008", .error,
        "A `$ref` to a file outside the entry file's folder, by its name or through a symbolic link, without `--allow-ref-outside`.")
    public static let missingFile = DiagnosticCode(
        "OAS009", .error,
        "A `$ref` to a file that cannot be read.")
    public static let missingTarget = DiagnosticCode(
        "OAS010", .error,
        "A `$ref` whose pointer names nothing in its file.")
    public static let refCycle = DiagnosticCode(
        "OAS011", .error,
        "`$ref`s that only lead to each other and never to content.")
    public static let tooManyFiles = DiagnosticCode(
        "OAS012", .error,
        "More files than `LoadOptions.maxFiles`.")
    public static let tooManyBytes = DiagnosticCode(
        "OAS013", .error,
        "More bytes in all files together than `LoadOptions.maxTotalBytes`.")

    static func error(_ code: DiagnosticCode, _ message: String, file: String, at mark: Mark, notes: [Diagnostic.Note] = [])
        -> Diagnostic
    {
        .error(code, message, at: SourceLocation(file: file, mark: mark), notes: notes)
    }
}

extension LoadError: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        rootNotMapping,
        swagger2,
        missingVersion,
        unsupportedVersion,
        refNotString,
        badPointer,
        remoteRef,
        refOutsideFolder,
        missingFile,
        missingTarget,
        refCycle,
        tooManyFiles,
        tooManyBytes,
        versionWithoutPatch,
        Swagger2Upgrade.readAsOpenAPI3,
        Swagger2Upgrade.leftOut,
        Swagger2Upgrade.conflictingBodies,
    ]
}
