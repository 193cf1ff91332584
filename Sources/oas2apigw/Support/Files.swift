import Diagnostics
import YAML
import Spec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only code that touches the disk: reading inputs and writing outputs atomically.
enum Files {
    /// Diagnostic codes for the file system, listed in docs/diagnostics.md.
    typealias Code = FileCode

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
                .error(Code.directory, "\(path) is a directory; name a file inside it", at: start(of: path)))
        }
        var bytes: [UInt8] = []
        var failure: Int32?
        // Set when the file's end was read: nothing is left to read in chunks.
        var atEnd = false
        if (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
            // A regular file is read straight into an array of its size (one byte more, to
            // notice a file past the limit or grown since), not copied in from chunks.
            let capacity = min(Int(info.st_size), limit) + 1
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = 0
                while count < capacity {
                    let n = Glibc.read(fd, buffer.baseAddress! + count, capacity - count)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if n == 0 {
                        atEnd = true
                        return
                    }
                    count += n
                }
            }
        }
        if let failure {
            throw DiagnosticError(
                .error(Code.unreadable, "cannot read \(path): \(reason(failure)); check the file", at: start(of: path)))
        }
        // Whatever is left: a pipe, standard input, a file that grew or reports no size. The
        // chunk is made only then: zeroing 64 kB for every file read cost more than reading
        // a small spec.
        var chunk = atEnd ? [] : [UInt8](repeating: 0, count: 1 << 16)
        while !atEnd, bytes.count <= limit {
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

    /// Where `path` really is, every symbolic link followed (`realpath`), or `nil` when it
    /// does not exist or cannot be looked through.
    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Writes `text` to `path`, or to standard output for `-`.
    ///
    /// A file is written to a temporary sibling and renamed over the target, so a reader
    /// never sees half a file and a failed run leaves an existing file untouched.
    static func write(_ text: String, to path: String) throws {
        try write(to: path) { sink in
            var text = text
            text.withUTF8 { sink.write($0) }
            return true
        }
    }

    /// Writes what `produce` writes into its sink to `path`, or to standard output for `-`,
    /// if `produce` says the output is good; returns what it said.
    ///
    /// A file is streamed into a temporary sibling, synced and renamed over the target, so
    /// a large output is never whole in memory, a reader never sees half a file, and a run
    /// that fails (or whose output is refused) leaves an existing file untouched. Standard
    /// output is written only once the whole output is known to be good.
    @discardableResult
    static func write(to path: String, _ produce: (ByteSink) -> Bool) throws -> Bool {
        if path == "-" {
            let sink = TextSink()
            guard produce(sink) else { return false }
            guard Terminal.writeToStandardOutput(sink.text) else {
                throw DiagnosticError(.error(Code.unwritable, "cannot write to standard output: \(reason(errno))"))
            }
            return true
        }
        // The temporary file is made with the first bytes, so a conversion that fails
        // never touches the folder, and one that cannot write still reports everything
        // it found before saying so.
        let sink = TemporaryFileSink(replacing: path)
        guard produce(sink) else {
            sink.discard()
            return false
        }
        try sink.commit()
        return true
    }

    /// Makes `folder` and every missing folder above it, as `mkdir -p` does; the folders
    /// made, outermost first, or the error number of the first that could not be made (and
    /// none made: those made before it are taken away again).
    static func makeFolders(_ folder: String) -> (made: [String], error: Int32?) {
        var missing: [String] = []
        var current = folder
        var status = stat()
        while !current.isEmpty, current != "/", current != ".", stat(current, &status) != 0 {
            missing.append(current)
            guard let slash = current.lastIndex(of: "/") else { break }
            current = String(current[..<slash])
        }
        var made: [String] = []
        for path in missing.reversed() {
            if mkdir(path, 0o777) != 0, errno != EEXIST {
                let code = errno
                for folder in made.reversed() { rmdir(folder) }
                return ([], code)
            }
            made.append(path)
        }
        return (made, nil)
    }

    private static func start(of path: String) -> SourceLocation? {
        path == "-" ? nil : SourceLocation(file: path, line: 1, column: 1)
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

/// A temporary sibling of an output file, made when the first bytes arrive, written as they
/// come and renamed over the output by `commit()`; the first failure is kept and everything
/// after it dropped, so it is reported once.
final class TemporaryFileSink: ByteSink {
    private let path: String
    private var fd: Int32 = -1
    private var temporary: String?
    /// What went wrong and the error number.
    private var failure: (action: String, code: Int32)?

    init(replacing path: String) {
        self.path = path
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil, let base = bytes.baseAddress else { return }
        if temporary == nil && !create() { return }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = ("write", errno)
                return
            }
            offset += n
        }
        #if os(Linux)
        written += bytes.count
        if written - flushed >= Self.flushStep {
            // Starts the disk on what is written so far, so the sync at the end waits for the
            // last few megabytes only: on Linux this advice starts writing dirty pages back
            // and returns without waiting for them (measured in docs/benchmarks.md).
            _ = posix_fadvise(fd, off_t(flushed), off_t(written - flushed), POSIX_FADV_DONTNEED)
            flushed = written
        }
        #endif
    }

    /// Bytes written, and how many of them the disk was told to start on.
    private var written = 0
    private var flushed = 0
    private static let flushStep = 4 << 20

    /// Syncs the file and renames it over the output.
    func commit() throws {
        if failure == nil && temporary == nil { _ = create() }  // an empty output is still a file
        if let temporary, failure == nil {
            if fsync(fd) != 0 { failure = ("write", errno) }
            if close(fd) != 0, failure == nil { failure = ("write", errno) }
            fd = -1
            if failure == nil, rename(temporary, path) != 0 { failure = ("write", errno) }
        }
        guard let failure else { return }
        discard()
        let why = String(cString: strerror(failure.code)).lowercased()
        throw DiagnosticError(
            failure.action == "create"
                ? .error(Files.Code.unwritable, "cannot create a file next to \(path): \(why); check the folder exists and is writable")
                : .error(Files.Code.unwritable, "cannot write \(path): \(why); check the folder is writable and has space"))
    }

    /// Removes the temporary file, if there is one, and the folders made for it.
    func discard() {
        if fd >= 0 { close(fd) }
        fd = -1
        if let temporary { unlink(temporary) }
        temporary = nil
        for folder in madeFolders.reversed() { rmdir(folder) }
        madeFolders = []
    }

    /// Folders made for the output, outermost first; removed if the output is not kept.
    private var madeFolders: [String] = []

    private func create() -> Bool {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).tmp-XXXXXX".utf8CString)
        let pattern = template
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0, errno == ENOENT {
            // A folder of the output's path is missing (`-o build/api.yaml` before anything
            // made build/): make it, and take it away again if the output is not kept.
            let folders = Files.makeFolders(directory)
            if let code = folders.error {
                failure = ("create", code)
                return false
            }
            madeFolders = folders.made
            template = pattern
            fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        }
        guard fd >= 0 else {
            failure = ("create", errno)
            return false
        }
        temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        return true
    }
}
