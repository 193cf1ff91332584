import Diagnostics

/// Where the loader gets the bytes of a spec's files.
///
/// Core never touches the disk: the command line passes a reader over the file system,
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

/// A spec's files held in memory, for tests and for callers that already hold the files
/// (an editor, a benchmark).
///
/// A value, so one set of files can be shared by many tests running at once; wrap it in
/// `ReadCountingSpecFiles` to see how often each file is read.
public struct InMemorySpecFiles: SpecFileReader, Sendable {
    /// The code of the error for a path with no file.
    public static let missingCode = "IO001"

    public var files: [String: [UInt8]]

    public init(_ files: [String: String] = [:]) {
        self.files = files.mapValues { Array($0.utf8) }
    }

    public init(bytes: [String: [UInt8]]) {
        self.files = bytes
    }

    public mutating func add(_ path: String, _ text: String) {
        files[path] = Array(text.utf8)
    }

    public func read(_ path: String) throws -> [UInt8] {
        guard let bytes = files[path] else {
            throw DiagnosticError(
                .error(
                    Self.missingCode, "cannot open \(path): no such file; check the path",
                    at: SourceLocation(file: path, line: 1, column: 1)))
        }
        return bytes
    }
}

/// Another reader, counting how often each path is asked for, found or not.
///
/// This is how a test proves that the loader reads each file once, however often the spec
/// refers to it. Not for use from several threads at once.
public final class ReadCountingSpecFiles<Base: SpecFileReader>: SpecFileReader {
    public let base: Base
    public private(set) var readCounts: [String: Int] = [:]

    public init(_ base: Base) {
        self.base = base
    }

    public func read(_ path: String) throws -> [UInt8] {
        readCounts[path, default: 0] += 1
        return try base.read(path)
    }
}
