#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard streams and what the terminal behind them wants.
enum Terminal {
    /// Colour only when standard error is a terminal, `NO_COLOR` is unset and the terminal
    /// is not `dumb` (https://no-color.org).
    static var standardErrorWantsColor: Bool { wantsColor(STDERR_FILENO) }

    /// The same for standard output, where `check` prints its diffs.
    static var standardOutputWantsColor: Bool { wantsColor(STDOUT_FILENO) }

    private static func wantsColor(_ fd: Int32) -> Bool {
        guard isatty(fd) == 1, getenv("NO_COLOR") == nil else { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }

    static func writeToStandardError(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    static func writeToStandardOutput(_ text: String) -> Bool {
        write(text, to: STDOUT_FILENO)
    }

    /// Writes all of `text`, retrying short writes; false when the stream is closed.
    @discardableResult
    static func write(_ text: String, to fd: Int32) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }
}
