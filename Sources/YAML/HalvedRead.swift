#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a large block-style document as two halves, each parsed and composed on its own
/// thread, and joins the two trees into the one a whole read gives.
///
/// libyaml parses on one thread only, and a pipelined read still waits for its whole parse;
/// parsing each half of the file at once takes about half that. The cut is made before a key
/// line near the middle (`Cut`). The second half cannot be parsed on its own: its first line
/// sits inside mappings opened above it. So libyaml reads it after the lines of the keys
/// those mappings hang under (`paths:`, say), copied from above, which open the same
/// mappings at the same columns; the half's marks are moved down by the lines skipped.
///
/// The join is refused, and the caller reads the whole document the usual way, whenever the
/// halves might not be what the whole gives: either half has any problem (a syntax error, an
/// alias to an anchor in the other half, a duplicate key), the keys copied are not the last
/// open keys of the first half at the same columns, a key of the second half repeats one of
/// the first in a joined mapping, the aliases of both halves together pass the limit, or
/// libyaml counted the first half's lines differently. The diagnostics of a bad document
/// therefore always come from the whole read; the fuzzer and `HalvedReadTests` compare the
/// two reads on every input.
enum HalvedRead {
    /// Where a document is cut: the second half starts at `offset`, a key line `keyLines`
    /// are the parents of.
    struct Cut: Equatable {
        /// The byte where the second half starts: the first byte of its first line.
        var offset: Int
        /// The lines of the keys the second half's first key is under, outermost first, each
        /// as written above it with its line break: libyaml reads these before the half.
        var keyLines: [UInt8]
        /// How many lines `keyLines` holds: the depth of the mapping the cut falls in.
        var depth: Int
        /// The 0-based line the second half starts on, by counting line breaks.
        var line: Int
    }

    /// The outcome of reading one half.
    struct Half {
        var root: Node
        var entries: KeyedEntries?
        var aliasExpansion: Int
    }

    /// The result of the thread that reads the second half.
    private final class SecondHalf: @unchecked Sendable {
        // @unchecked: written by the second thread only, read after it is joined.
        var half: Half?
    }

    /// Reads `body` in two halves, or returns `nil` when it has no cut or the halves do not
    /// join (the caller then reads it whole, which reports whatever problem there is).
    static func read(
        _ body: UnsafeBufferPointer<UInt8>, source: LibYAMLSource, limits: ReadLimits,
        makeComposer: @escaping @Sendable () -> Composer
    ) -> (root: Node, entries: KeyedEntries?)? {
        guard let cut = Cut.find(in: body) else { return nil }
        return read(body, at: cut, source: source, limits: limits, makeComposer: makeComposer)
    }

    /// Reads `body` in the two halves `cut` makes, or returns `nil` when they do not join.
    static func read(
        _ body: UnsafeBufferPointer<UInt8>, at cut: Cut, source: LibYAMLSource, limits: ReadLimits,
        makeComposer: @escaping @Sendable () -> Composer
    ) -> (root: Node, entries: KeyedEntries?)? {
        let first = UnsafeBufferPointer(rebasing: body[..<cut.offset])
        let rest = UnsafeBufferPointer(rebasing: body[cut.offset...])
        let second = SecondHalf()
        let firstHalf: Half?
        var firstEndLine = -1
        do {
            let keyLines = cut.keyLines
            var secondPart = source
            secondPart.input = rest
            secondPart.lineOffset = cut.line - cut.depth
            guard
                let thread = JoinableThread({ [secondPart] in
                    keyLines.withUnsafeBufferPointer { prefix in
                        var part = secondPart
                        part.prefix = prefix
                        second.half = readHalf(part, composer: makeComposer(), endLine: nil)
                    }
                })
            else { return nil }
            defer { thread.join() }
            var part = source
            part.input = first
            firstHalf = readHalf(part, composer: makeComposer(), endLine: &firstEndLine)
        }
        guard let a = firstHalf, let b = second.half, firstEndLine == cut.line,
            a.aliasExpansion + b.aliasExpansion <= limits.maxAliasExpansion
        else { return nil }
        var spine: [Int] = []
        guard let root = join(a.root, b.root, level: 0, depth: cut.depth, spine: &spine) else { return nil }
        var entries: KeyedEntries?
        if var notedFirst = a.entries, let notedSecond = b.entries {
            guard notedFirst.append(contentsOf: notedSecond, joinedAt: spine) else { return nil }
            entries = notedFirst
        }
        return (root, entries)
    }

    /// Parses and composes one half on this thread; `nil` on any problem at all.
    private static func readHalf(_ source: LibYAMLSource, composer: consuming Composer, endLine: UnsafeMutablePointer<Int>?)
        -> Half?
    {
        var composer = composer
        defer { composer.deallocate() }
        var line = 0
        do {
            let outcome = try source.parse(endLine: &line) { event in
                try composer.handle(event)
                return true
            }
            let root = try composer.finish(outcome)
            endLine?.pointee = line
            return Half(root: root, entries: composer.noted, aliasExpansion: composer.aliasExpansion)
        } catch {
            return nil
        }
    }

    /// The first half's tree with the second's joined on: at each level of the cut's keys the
    /// first half's last entry and the second's first are the same key, whose values join a
    /// level down; below the last key line the second half's entries follow the first's.
    ///
    /// `spine` gets the entry count of each of the first half's mappings joined, outermost
    /// first, which the noted entries are moved by.
    private static func join(_ a: Node, _ b: Node, level: Int, depth: Int, spine: inout [Int]) -> Node? {
        guard case .mapping(let first) = a.content, case .mapping(let second) = b.content, !first.isEmpty,
            !second.isEmpty, b.tag == nil
        else { return nil }
        var storage = first.storage
        let lastKey = storage[storage.count - 2]
        let firstKey = second.storage[0]
        // The same indentation: the second half's keys belong to this mapping, not one
        // opened at another column.
        guard lastKey.mark.column == firstKey.mark.column else { return nil }
        spine.append(first.count)
        var joinedFrom = 0
        if level < depth {
            guard let x = lastKey.scalar, let y = firstKey.scalar, x.text == y.text, x.kind == y.kind,
                x.style == y.style, lastKey.tag == firstKey.tag,
                let value = join(storage[storage.count - 1], second.storage[1], level: level + 1, depth: depth, spine: &spine)
            else { return nil }
            storage[storage.count - 1] = value
            joinedFrom = 2
        }
        guard !repeatsKey(second.storage, from: joinedFrom, of: first.storage) else { return nil }
        storage.append(contentsOf: second.storage[joinedFrom...])
        return Node(.mapping(Mapping(interleaved: storage)), tag: a.tag, mark: a.mark)
    }

    /// Whether a key of `second` from entry storage index `start` on may repeat one of
    /// `first`'s: keys are compared by the hash the reader's duplicate check uses, so a
    /// repeat is never missed (a collision only sends the read the usual way).
    private static func repeatsKey(_ second: [Node], from start: Int, of first: [Node]) -> Bool {
        guard start < second.count else { return false }
        var seen = Set<UInt64>(minimumCapacity: first.count / 2)
        for index in stride(from: 0, to: first.count, by: 2) {
            guard let key = first[index].scalar else { return true }
            seen.insert(Composer.hash(canonical: key))
        }
        for index in stride(from: start, to: second.count, by: 2) {
            guard let key = second[index].scalar else { return true }
            if seen.contains(Composer.hash(canonical: key)) { return true }
        }
        return false
    }
}

extension HalvedRead.Cut {
    /// How far past the middle a cut is looked for.
    static let window = 64 << 10
    /// How many key lines are tried, shallowest first, before giving up.
    static let attempts = 8

    /// A cut before a key line just past the middle of `body`: of the key lines in the
    /// `window` after it, the least indented one whose parent lines are all plain `key:`
    /// lines; `nil` when there is none (a flow or JSON-like document, a sequence at the top).
    static func find(in body: UnsafeBufferPointer<UInt8>) -> HalvedRead.Cut? {
        guard body.count >= 2 else { return nil }
        var candidates: [(indent: Int, offset: Int)] = []
        var start = lineStart(after: body.count / 2, in: body)
        let end = min(body.count, body.count / 2 + window)
        while let s = start, s < end {
            if let indent = keyLineIndent(at: s, in: body) { candidates.append((indent, s)) }
            start = lineStart(after: s, in: body)
        }
        candidates.sort { ($0.indent, $0.offset) < ($1.indent, $1.offset) }
        for candidate in candidates.prefix(attempts) {
            if let cut = cut(at: candidate.offset, indent: candidate.indent, in: body) { return cut }
        }
        return nil
    }

    /// The cut before the key line at `offset`, indented by `indent` spaces, when every line
    /// it hangs under is a plain `key:` line.
    static func cut(at offset: Int, indent: Int, in body: UnsafeBufferPointer<UInt8>) -> HalvedRead.Cut? {
        guard offset > 0, offset < body.count, body[offset - 1] == UInt8(ascii: "\n") else { return nil }
        var parents: [Range<Int>] = []
        var needed = indent
        var lineEnd = offset
        // Upwards line by line: each line less indented than the last parent found is the
        // next parent; lines indented more belong to entries before the cut; blank and
        // comment lines are skipped.
        while needed > 0 {
            guard lineEnd > 0 else { return nil }
            let breakAt = lineEnd - 1
            guard body[breakAt] == UInt8(ascii: "\n") else { return nil }
            let lineStart = lineStart(before: breakAt, in: body)
            lineEnd = lineStart
            var column = lineStart
            while column < breakAt, body[column] == UInt8(ascii: " ") { column += 1 }
            let first = column < breakAt ? body[column] : UInt8(ascii: "\n")
            if first == UInt8(ascii: "\n") || first == UInt8(ascii: "\r") || first == UInt8(ascii: "#") { continue }
            if first == UInt8(ascii: "\t") { return nil }
            let lineIndent = column - lineStart
            guard lineIndent < needed else { continue }
            guard isParentKeyLine(body, from: column, to: breakAt) else { return nil }
            parents.append(lineStart..<breakAt)
            needed = lineIndent
        }
        var keyLines: [UInt8] = []
        for line in parents.reversed() {
            keyLines.append(contentsOf: body[line])
            keyLines.append(UInt8(ascii: "\n"))
        }
        guard let line = lineBreaks(in: UnsafeBufferPointer(rebasing: body[..<offset])) else { return nil }
        return HalvedRead.Cut(offset: offset, keyLines: keyLines, depth: parents.count, line: line)
    }

    /// The start of the line that ends with the break at `breakAt`.
    ///
    /// Looks back eight bytes at a time (a 2 MB half is tens of thousands of lines to walk
    /// up; Glibc's `memrchr` is not visible to Swift).
    private static func lineStart(before breakAt: Int, in body: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawBufferPointer(body)
        var end = breakAt
        while end >= 8 {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self))
            let found = zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
            // The highest byte found is the break nearest to `end`.
            if found != 0 { return end - 8 + (63 - found.leadingZeroBitCount) / 8 + 1 }
            end -= 8
        }
        while end > 0 {
            if body[end - 1] == UInt8(ascii: "\n") { return end }
            end -= 1
        }
        return 0
    }

    /// The start of the line after the one holding `index`, if there is one.
    private static func lineStart(after index: Int, in body: UnsafeBufferPointer<UInt8>) -> Int? {
        guard index < body.count else { return nil }
        guard let found = memchr(body.baseAddress! + index, Int32(UInt8(ascii: "\n")), body.count - index) else {
            return nil
        }
        let next = UnsafeRawPointer(found) - UnsafeRawPointer(body.baseAddress!) + 1
        return next < body.count ? next : nil
    }

    /// The indentation of the line at `start` when it can begin a second half: spaces, then a
    /// character that starts a key (not an indicator, a comment or a break), and a `:` later
    /// on the line.
    static func keyLineIndent(at start: Int, in body: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = start
        while i < body.count, body[i] == UInt8(ascii: " ") { i += 1 }
        guard i < body.count, startsKey(body[i]) else { return nil }
        while i < body.count, body[i] != UInt8(ascii: "\n") {
            if body[i] == UInt8(ascii: ":") { return i > start ? indentOf(start, body) : nil }
            i += 1
        }
        return nil
    }

    private static func indentOf(_ start: Int, _ body: UnsafeBufferPointer<UInt8>) -> Int {
        var i = start
        while body[i] == UInt8(ascii: " ") { i += 1 }
        return i - start
    }

    /// Whether a line from its first character `from` to its break `to` is a key with no
    /// value on the line, `key:` alone (trailing spaces and a CR allowed, not a comment).
    private static func isParentKeyLine(_ body: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        guard startsKey(body[from]) else { return false }
        var last = to - 1
        while last > from, body[last] == UInt8(ascii: " ") || body[last] == UInt8(ascii: "\r") { last -= 1 }
        guard last > from, body[last] == UInt8(ascii: ":") else { return false }
        for i in from..<last where body[i] == UInt8(ascii: "#") || body[i] == UInt8(ascii: "\r") || body[i] == UInt8(ascii: "\t") {
            return false
        }
        return true
    }

    /// Whether a line may start with `byte` as a key: not space, a break, a comment or any
    /// YAML indicator that would make it something else (a sequence item, an explicit key, a
    /// flow collection, an anchor, alias or tag, a block scalar, a directive).
    private static func startsKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "#"),
            UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"),
            UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            false
        default:
            true
        }
    }

    /// The line breaks in `text` as libyaml counts them (LF, CRLF and a lone CR are one each),
    /// or `nil` when it holds a break libyaml also counts that this does not (NEL, LS, PS):
    /// such a file is read whole.
    static func lineBreaks(in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var breaks = 0
        UnsafeRawBufferPointer(text).forEachLittleEndianWord { breaks += countBytes($0, equalTo: 0x0A) }
        // A CR not followed by an LF is a break of its own.
        forEach(0x0D, in: text) { i in
            if i + 1 == text.count || text[i + 1] != 0x0A { breaks += 1 }
            return true
        }
        // NEL is C2 85, LS and PS are E2 80 A8 and E2 80 A9.
        var countsAlike = true
        forEach(0xC2, in: text) { i in
            countsAlike = !(i + 1 < text.count && text[i + 1] == 0x85)
            return countsAlike
        }
        forEach(0xE2, in: text) { i in
            countsAlike = countsAlike && !(i + 2 < text.count && text[i + 1] == 0x80 && (text[i + 2] == 0xA8 || text[i + 2] == 0xA9))
            return countsAlike
        }
        return countsAlike ? breaks : nil
    }

    /// Calls `body` with the offset of each `byte` in `text`, found by `memchr`, until it
    /// returns `false`.
    private static func forEach(_ byte: UInt8, in text: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Bool) {
        guard let base = text.baseAddress else { return }
        var offset = 0
        while offset < text.count, let found = memchr(base + offset, Int32(byte), text.count - offset) {
            let index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            guard body(index) else { return }
            offset = index + 1
        }
    }

    /// How many of a word's bytes equal `byte` (bytes beyond the text are zero, never a
    /// byte counted here).
    @inline(__always)
    private static func countBytes(_ word: UInt64, equalTo byte: UInt8) -> Int {
        zeroBytes(word ^ (0x0101_0101_0101_0101 &* UInt64(byte))).nonzeroBitCount
    }

    /// The high bit of each byte of `x` that is zero, and no other bit: exact for every
    /// byte, unlike the shorter test that flags the byte above a zero one too.
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low7 = UInt64(0x7F7F_7F7F_7F7F_7F7F)
        return ~(((x & low7) &+ low7) | x | low7)
    }
}

extension YAMLReader {
    /// Reads `bytes` in two halves cut before the line that starts at byte `offset`, as
    /// `read(_:file:limits:threading:notingKeys:tellingApart:)` with `.halves` would if it cut
    /// there; `nil` when no cut can be made there or the halves do not join, where that read
    /// reads the document whole.
    ///
    /// Only tests and the fuzzer call this, to compare a join at every line with the whole read.
    public static func readInHalves(
        _ bytes: [UInt8], file: String, limits: ReadLimits = .default, cuttingAt offset: Int,
        notingKeys keys: [String] = [], tellingApart words: [String] = []
    ) -> (root: Node, entries: KeyedEntries?)? {
        guard (try? InputChecks.checkSizeAndEncoding(bytes, file: file, limits: limits)) != nil else { return nil }
        let bomLength = InputChecks.utf8BOMLength(bytes)
        guard offset > bomLength, offset < bytes.count else { return nil }
        let makeComposer = composers(file: file, limits: limits, inputSize: bytes.count, notingKeys: keys, tellingApart: words)
        return bytes.withUnsafeBufferPointer { whole in
            let body = UnsafeBufferPointer(rebasing: whole[bomLength...])
            guard let indent = HalvedRead.Cut.keyLineIndent(at: offset - bomLength, in: body),
                let cut = HalvedRead.Cut.cut(at: offset - bomLength, indent: indent, in: body)
            else { return nil }
            let source = LibYAMLSource(input: body, file: file, bomLength: bomLength)
            return HalvedRead.read(body, at: cut, source: source, limits: limits, makeComposer: makeComposer)
        }
    }
}
