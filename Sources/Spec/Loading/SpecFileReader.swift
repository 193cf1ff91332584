import Diagnostics

/// Where the loader gets the bytes of a spec's files.
///
/// No layer touches the disk: the command line passes a reader over the file system,
/// tests pass `InMemorySpecFiles`. Paths are the loader's normalised paths, relative to
/// wherever the entry path is relative to.
public protocol SpecFileReader {
    /// The whole content of the file at `path`.
    ///
    /// - Throws: `DiagnosticError` saying why the file cannot be read (missing, a folder,
    ///   too large). For a file named by a `$ref`, the loader reports the problem at that
    ///   `$ref` and keeps these messages as notes.
    func read(_ path: String) throws -> [UInt8]
}
