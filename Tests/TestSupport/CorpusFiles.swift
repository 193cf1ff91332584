import Diagnostics
import Foundation
import Spec

/// A `SpecFileReader` over the repository's files, with paths relative to its top level
/// the way `SpecCorpus.specPath` names them; what the command line's reader does on disk.
public struct CorpusFiles: SpecFileReader {
    public init() {}

    public func read(_ path: String) throws -> [UInt8] {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : SpecCorpus.root.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DiagnosticError(
                .error(FileCode.unreadable, "cannot open \(path): no such file; check the path", at: SourceLocation(file: path, line: 1, column: 1)))
        }
        return Array(data)
    }
}
