import Diagnostics

/// A spec's files held in memory, for tests and for callers that already hold the files
/// (an editor, a benchmark).
///
/// A value, so one set of files can be shared by many tests running at once; wrap it in
/// `ReadCountingSpecFiles` to see how often each file is read.
public struct InMemorySpecFiles: SpecFileReader, Sendable {
    /// The code of the error for a path with no file.
    public static let missingCode = FileCode.unreadable

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
