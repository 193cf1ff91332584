import Diagnostics
import YAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only code that touches the disk: reading inputs and writing outputs atomically.
enum Files {
    /// Diagnostic codes for the file system, listed in docs/diagnostics.md.
    enum Code {
        /// A file that cannot be opened or read.
        static let unreadable = "IO001"
        /// A directory where a file was expected.
        static let directory = "IO002"
        /// An output that cannot be written.
        static let unwritable = "IO003"
    }

    /// Reads a whole file, or standard input for `-`, refusing more than `limit` bytes.
    ///
    /// Reading stops one byte past the limit, so `/dev/zero` or an endless pipe fails fast
    /// instead of filling memory.
    static func read(_ path: String, limit: Int) throws -> [UInt8] {
        let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw DiagnosticError(
                .error(Code.unreadable, "cannot open \(path): \(reason(errno)); check the path", at: start(of: path)))
        }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw DiagnosticError(
                .error(Code.directory, "\(path) is a directory; name the spec file inside it", at: start(of: path)))
        }
        var bytes: [UInt8] = []
        if (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
            bytes.reserveCapacity(min(Int(info.st_size), limit) + 1)
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DiagnosticError(
                    .error(Code.unreadable, "cannot read \(path): \(reason(errno)); check the file", at: start(of: path)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        if bytes.count > limit {
            throw DiagnosticError(
                .error(
                    ReadError.documentTooLarge,
                    "\(path) is larger than the limit of \(limit) bytes; split it into several files joined by $ref",
                    at: start(of: path)))
        }
        return bytes
    }

    /// Writes `text` to `path`, or to standard output for `-`.
    ///
    /// A file is written to a temporary sibling and renamed over the target, so a reader
    /// never sees half a file and a failed run leaves an existing file untouched.
    static func write(_ text: String, to path: String) throws {
        if path == "-" {
            guard Terminal.writeToStandardOutput(text) else {
                throw DiagnosticError(.error(Code.unwritable, "cannot write to standard output: \(reason(errno))"))
            }
            return
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw DiagnosticError(
                .error(Code.unwritable, "cannot create a file next to \(path): \(reason(errno)); check the folder exists and is writable"))
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        let written = Terminal.write(text, to: fd)
        let synced = fsync(fd) == 0
        let closed = close(fd) == 0
        guard written, synced, closed, rename(temporary, path) == 0 else {
            let why = reason(errno)
            unlink(temporary)
            throw DiagnosticError(.error(Code.unwritable, "cannot write \(path): \(why); check the folder is writable and has space"))
        }
    }

    private static func start(of path: String) -> SourceLocation? {
        path == "-" ? nil : SourceLocation(file: path, line: 1, column: 1)
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
