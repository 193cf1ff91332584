import Diagnostics
import Spec

/// Reads spec files relative to the repository's top level, as the command line does from
/// it, with the command line's message for a missing file.
public struct RepositoryFiles: SpecFileReader {
    public init() {}

    public func read(_ path: String) throws -> [UInt8] {
        do {
            return try SpecCorpus.bytes(path)
        } catch {
            throw DiagnosticError(
                .error(FileCode.unreadable, "cannot open \(path): no such file or directory; check the path",
                    at: Diagnostics.SourceLocation(file: path, line: 1, column: 1)))
        }
    }
}
