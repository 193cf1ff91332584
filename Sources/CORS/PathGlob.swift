/// A path pattern in a rule's `paths`, matched segment by segment against the spec's paths.
///
/// - A literal segment matches itself exactly, with case: `{id}` matches the segment
///   `{id}` and not `{petId}`, since a rule names the paths as the spec writes them.
/// - `*` matches exactly one segment, whatever it is (including `{id}` and `{proxy+}`).
/// - `**` matches any number of segments, zero included: `/admin/**` matches `/admin`,
///   `/admin/users` and `/admin/users/{id}`; `/**` matches every path, `/` too.
/// - `*` inside a segment (`/pet*`) is refused: it reads like a prefix match, and being
///   explicit about segments keeps a rule from catching paths its author did not mean.
/// - A trailing slash is ignored on both sides, as API Gateway gives `/a/` and `/a` the
///   same resource.
public struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case one
        case any
    }

    let segments: [Segment]
    /// The pattern as written.
    public let text: String

    /// Why a glob was refused; the message names the fix.
    public struct Problem: Error, Sendable, Equatable {
        public var message: String
    }

    public init(_ text: String) throws(Problem) {
        guard text.hasPrefix("/") else {
            throw Problem(message: "path pattern \"\(text)\" does not start with /; write \"/\(text)\"")
        }
        var segments: [Segment] = []
        for part in PathGlob.split(text) {
            switch part {
            case "*": segments.append(.one)
            case "**": segments.append(.any)
            default:
                if part.contains("*") {
                    throw Problem(
                        message:
                            "path pattern \"\(text)\" has * inside the segment \"\(part)\"; use * for one whole segment or ** for any number")
                }
                if part.isEmpty {
                    throw Problem(message: "path pattern \"\(text)\" has an empty segment (//); remove the extra slash")
                }
                segments.append(.literal(String(part)))
            }
        }
        self.segments = segments
        self.text = text
    }

    /// Whether the spec path `path` is one of the paths this pattern names.
    public func matches(_ path: String) -> Bool {
        let parts = PathGlob.split(path)
        // memo[i][j]: whether segments[i...] match parts[j...]; filled from the end.
        var memo = Array(repeating: Array(repeating: false, count: parts.count + 1), count: segments.count + 1)
        memo[segments.count][parts.count] = true
        for i in stride(from: segments.count - 1, through: 0, by: -1) {
            for j in stride(from: parts.count, through: 0, by: -1) {
                switch segments[i] {
                case .any:
                    memo[i][j] = memo[i + 1][j] || (j < parts.count && memo[i][j + 1])
                case .one:
                    memo[i][j] = j < parts.count && memo[i + 1][j + 1]
                case .literal(let s):
                    memo[i][j] = j < parts.count && parts[j] == s && memo[i + 1][j + 1]
                }
            }
        }
        return memo[0][0]
    }

    public var description: String { text }

    /// The segments of a path; `/` has none and a trailing slash adds none.
    static func split(_ path: String) -> [Substring] {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if parts.last == "" { parts = parts.dropLast() }
        return Array(parts)
    }
}
