#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which cases of a tree a change touches, from the files it changed: a file under
/// `<cases>/<name>/` or `<golden>/<name>/` touches case `name`; any other file touches none.
///
/// pre-commit passes a commit's files relative to the repository's top, while `--cases`
/// may be written `./specs`, `specs/` or as an absolute path: every path is made absolute
/// against the working folder and its `.` and `..` steps resolved before comparing, with
/// no look at the disk (a deleted case's files still name their case).
public struct TouchedCases: Sendable {
    let cases: [Substring]
    let golden: [Substring]
    let workingFolder: String

    /// `workingFolder` is what relative paths are relative to (the process's, by default).
    public init(cases: String, golden: String, workingFolder: String = TouchedCases.currentFolder()) {
        self.workingFolder = workingFolder
        self.cases = Self.components(cases, in: workingFolder)
        self.golden = Self.components(golden, in: workingFolder)
    }

    /// The names of the cases `files` touch.
    public func names(of files: [String]) -> Set<String> {
        var names: Set<String> = []
        for file in files {
            let parts = Self.components(file, in: workingFolder)
            for root in [cases, golden] where parts.count > root.count + 1 && Array(parts.prefix(root.count)) == root {
                names.insert(String(parts[root.count]))
            }
        }
        return names
    }

    /// The steps of `path` from `/`, with `.` dropped and `..` taking the step before it off.
    static func components(_ path: String, in folder: String) -> [Substring] {
        let absolute = path.hasPrefix("/") ? path : folder + "/" + path
        var steps: [Substring] = []
        for step in absolute.split(separator: "/") {
            switch step {
            case ".": continue
            case "..": if !steps.isEmpty { steps.removeLast() }
            default: steps.append(step)
            }
        }
        return steps
    }

    /// The process's working folder, or `/` when it cannot be read.
    public static func currentFolder() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
