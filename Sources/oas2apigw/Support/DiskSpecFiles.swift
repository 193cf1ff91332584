import YAML
import Spec

/// The spec files a command reads, from the disk through `Files`, for `SpecLoader`.
///
/// The entry can be standard input: it is then named `<stdin>` in diagnostics, and its
/// relative `$ref`s are read from the current folder.
struct DiskSpecFiles: SpecFileReader {
    /// The name the entry has when it comes from standard input.
    static let standardInputName = "<stdin>"

    /// The largest file accepted, in bytes.
    var limit = ReadLimits.default.maxDocumentBytes

    /// The name the loader should use for a command-line argument.
    static func entryName(for argument: String) -> String {
        argument == "-" ? standardInputName : argument
    }

    func read(_ path: String) throws -> [UInt8] {
        try Files.read(path == Self.standardInputName ? "-" : path, limit: limit)
    }

    /// Where the path really leads on the disk, so the loader can refuse a link out of the
    /// spec's folder; standard input is no place.
    func resolvedPath(_ path: String) -> String? {
        path == Self.standardInputName ? nil : Files.resolvedPath(path)
    }
}
