/// A line diff printed in the unified format that `diff -u` and `git diff` use.
///
/// Written here rather than calling `diff` or `git` so that `check` works the same on every
/// machine, including CI images without either. Lines are compared exactly; the edit script
/// is Myers' shortest one, after the common prefix and suffix are set aside, so the usual
/// case of a few changed lines in a large file costs little.
public struct UnifiedDiff: Sendable {
    /// Lines of context around each change.
    public var context: Int
    /// Most edits the search looks for before it settles for one hunk that replaces the
    /// whole differing middle; bounds time and memory on files that share almost nothing.
    public var maxEdits: Int

    public init(context: Int = 3, maxEdits: Int = 2_000) {
        self.context = context
        self.maxEdits = maxEdits
    }

    /// The diff from `old` to `new` with `---`/`+++` headers, or `nil` when they are equal.
    public func render(old: String, new: String, oldName: String, newName: String) -> String? {
        guard old != new else { return nil }
        let a = Self.lines(old)
        let b = Self.lines(new)
        var out = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks(script(a, b)) {
            out += hunk.header
            for edit in hunk.edits {
                let (marker, line): (String, Line) =
                    switch edit {
                    case .same(let i, _): (" ", a[i])
                    case .delete(let i): ("-", a[i])
                    case .insert(let j): ("+", b[j])
                    }
                out += marker + line.text + "\n"
                if !line.isTerminated { out += "\\ No newline at end of file\n" }
            }
        }
        return out
    }

    /// One line and whether a newline ended it (only a file's last line may lack one);
    /// `x` and `x` + newline are different lines, as in `diff`.
    struct Line: Equatable {
        var text: Substring
        var isTerminated: Bool
    }

    static func lines(_ text: String) -> [Line] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false)
        let last = parts.removeLast()
        var lines = parts.map { Line(text: $0, isTerminated: true) }
        if !last.isEmpty { lines.append(Line(text: last, isTerminated: false)) }
        return lines
    }

    enum Edit: Equatable {
        case same(Int, Int)
        case delete(Int)
        case insert(Int)
    }

    struct Hunk {
        var header: String
        var edits: [Edit]
    }

    /// The edit script from `a` to `b`: common prefix, the middle by Myers, common suffix.
    func script(_ a: [Line], _ b: [Line]) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        var edits: [Edit] = (0..<prefix).map { .same($0, $0) }
        edits += middle(a, prefix..<(a.count - suffix), b, prefix..<(b.count - suffix))
        edits += (0..<suffix).map { .same(a.count - suffix + $0, b.count - suffix + $0) }
        return edits
    }

    /// Myers' greedy search for the shortest edit script between two ranges, keeping each
    /// round's frontier to walk the path back.
    private func middle(_ a: [Line], _ ra: Range<Int>, _ b: [Line], _ rb: Range<Int>) -> [Edit] {
        let n = ra.count
        let m = rb.count
        if n == 0 { return rb.map { .insert($0) } }
        if m == 0 { return ra.map { .delete($0) } }
        let limit = min(n + m, maxEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...limit {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[ra.lowerBound + x] == b[rb.lowerBound + y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m {
                    found = true
                    break search
                }
            }
        }
        guard found else {
            // Too different to search further: replace the whole middle.
            return ra.map { .delete($0) } + rb.map { .insert($0) }
        }
        var edits: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : v[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                edits.append(.same(ra.lowerBound + x, rb.lowerBound + y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    edits.append(.insert(rb.lowerBound + y))
                } else {
                    x -= 1
                    edits.append(.delete(ra.lowerBound + x))
                }
            }
        }
        return edits.reversed()
    }

    /// Groups the script into hunks with `context` unchanged lines around each change.
    func hunks(_ edits: [Edit]) -> [Hunk] {
        let changed = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
        guard !changed.isEmpty else { return [] }
        var groups: [ClosedRange<Int>] = []
        for index in changed {
            let start = max(0, index - context)
            let end = min(edits.count - 1, index + context)
            if let last = groups.last, start <= last.upperBound + 1 {
                groups[groups.count - 1] = last.lowerBound...max(last.upperBound, end)
            } else {
                groups.append(start...end)
            }
        }
        return groups.map { range in
            let slice = Array(edits[range])
            var oldStart: Int?
            var newStart: Int?
            var oldCount = 0
            var newCount = 0
            for edit in slice {
                switch edit {
                case .same(let i, let j):
                    oldStart = oldStart ?? i
                    newStart = newStart ?? j
                    oldCount += 1
                    newCount += 1
                case .delete(let i):
                    oldStart = oldStart ?? i
                    oldCount += 1
                case .insert(let j):
                    newStart = newStart ?? j
                    newCount += 1
                }
            }
            // Where a side has no lines in the hunk, its start is the line before the hunk.
            let oldLine = oldCount == 0 ? precedingLine(edits, before: range.lowerBound, old: true) : oldStart! + 1
            let newLine = newCount == 0 ? precedingLine(edits, before: range.lowerBound, old: false) : newStart! + 1
            return Hunk(header: "@@ -\(span(oldLine, oldCount)) +\(span(newLine, newCount)) @@\n", edits: slice)
        }
    }

    private func precedingLine(_ edits: [Edit], before index: Int, old: Bool) -> Int {
        var count = 0
        for edit in edits[..<index] {
            switch edit {
            case .same: count += 1
            case .delete: if old { count += 1 }
            case .insert: if !old { count += 1 }
            }
        }
        return count
    }

    private func span(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }
}

extension UnifiedDiff {
    /// `report` as a terminal shows a diff: removed lines red, added lines green, hunk
    /// headers cyan, file headers bold. Only for a terminal that wants colour; files and
    /// pipes get the plain text.
    public static func coloured(_ report: String) -> String {
        report.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let code: String?
            if line.hasPrefix("--- ") || line.hasPrefix("+++ ") {
                code = "1"
            } else if line.hasPrefix("@@") {
                code = "36"
            } else if line.hasPrefix("-") {
                code = "31"
            } else if line.hasPrefix("+") {
                code = "32"
            } else {
                code = nil
            }
            return code.map { "\u{1B}[\($0)m\(line)\u{1B}[0m" } ?? String(line)
        }.joined(separator: "\n")
    }
}
