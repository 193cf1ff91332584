/// Writes a `Node` tree as block-style YAML, the same bytes every time for the same tree.
///
/// The output is read by more than this project's reader: CloudFormation tooling and PyYAML
/// read YAML 1.1, so a string that 1.1 would take for something else (`yes`, `on`, `0777`,
/// `2024-01-01`) is quoted even though the 1.2 core schema keeps it a string. Nothing is
/// ever folded, so a long line stays one line and a diff of two outputs shows exactly what
/// changed. The writer appends bytes to one buffer and scans each string once over its
/// UTF-8, because it runs over multi-megabyte specs.
public enum YAMLWriter {
    /// The YAML text of `node`: LF line ends, two-space indentation, exactly one final newline.
    public static func write(_ node: Node) -> String {
        let sink = TextSink()
        _ = write(node, to: sink)
        return sink.text
    }

    /// The YAML text of `node` and its first application tag in document order, if any.
    ///
    /// For outputs where a tag is a mistake (an OpenAPI document, which nothing resolves
    /// `!Sub` in), the caller learns it from the same pass that writes, instead of walking
    /// a multi-megabyte tree a second time.
    public static func writeFindingTags(_ node: Node) -> (text: String, firstTag: (tag: String, mark: Mark)?) {
        let sink = TextSink()
        let tag = write(node, to: sink)
        return (sink.text, tag)
    }

    /// Writes `node` into `sink` in slices and returns its first application tag in
    /// document order, if any.
    @discardableResult
    public static func write(_ node: Node, to sink: ByteSink) -> (tag: String, mark: Mark)? {
        var emitter = BlockEmitter(sink: sink)
        emitter.writeDocument(node)
        emitter.flush()
        return emitter.firstTag
    }

    /// YAML limits an implicit (simple) key to 1024 characters; libyaml counts from the
    /// key's first token to its `:`. A longer key, measured in bytes as written (tag and
    /// quotes included, so never fewer than its characters), uses the explicit `? key` form.
    static let maxSimpleKeyBytes = 1024
}

/// How one string scalar is written.
/// The style of long string values already written, found by where their bytes are.
///
/// A large document repeats its descriptions and templates, each kept once by the reader
/// and the renderer, and deciding a style reads every byte. Strings of up to 15 bytes live
/// inside the `String` value and are cheap to decide anyway. Each entry holds its string, so
/// the storage it is found by cannot be freed and reused for another string while the entry
/// is there.
struct StyleCache {
    /// Made with the first long string: most documents written are small.
    private var entries: [(text: String, address: UInt, style: StringStyle)?] = []

    mutating func style(of text: String) -> StringStyle {
        let utf8 = text.utf8
        guard utf8.count > 15,
            let address = utf8.withContiguousStorageIfAvailable({ $0.baseAddress.map { UInt(bitPattern: $0) } }) ?? nil
        else {
            var text = text
            return text.withUTF8 { StringStyle.of(utf8: $0, isKey: false) }
        }
        if entries.isEmpty { entries = Array(repeating: nil, count: 512) }
        let slot = Int(truncatingIfNeeded: (address >> 4) ^ (address >> 13)) & (entries.count - 1)
        if let entry = entries[slot], entry.address == address, entry.text.utf8.count == utf8.count {
            return entry.style
        }
        let style = utf8.withContiguousStorageIfAvailable { StringStyle.of(utf8: $0, isKey: false) }!
        entries[slot] = (text, address, style)
        return style
    }
}

enum StringStyle: Equatable {
    case plain
    /// A literal block (`|`) with its chomping indicator.
    case literal(Chomping)
    case doubleQuoted

    /// What a literal block does with the line breaks at the end of its value.
    enum Chomping: Equatable {
        /// `|-`: the value has no final line break.
        case strip
        /// `|`: the value ends with exactly one line break.
        case clip
        /// `|+`: the value ends with several line breaks; the block's trailing empty lines
        /// are part of it.
        case keep
    }

    /// The style for `text`, which is read as a value when `isKey` is false.
    ///
    /// A key is never a literal block: keys stay on one line.
    static func of(_ text: String, isKey: Bool) -> StringStyle {
        var text = text
        return text.withUTF8 { of(utf8: $0, isKey: isKey) }
    }

    /// The style for a string given as UTF-8, decided in one pass over its bytes.
    ///
    /// `skippingWords: false` looks at every byte, for the test that the faster way decides
    /// alike.
    static func of(utf8 b: UnsafeBufferPointer<UInt8>, isKey: Bool, skippingWords: Bool = true) -> StringStyle {
        let n = b.count
        if n == 0 { return .doubleQuoted }
        var hasBreak = false
        var hasTab = false
        // A C0 or C1 control (other than tab and LF), DEL, U+2028, U+2029, U+FEFF, U+FFFE or
        // U+FFFF: only an escape in double quotes writes these so every reader takes them.
        var needsEscape = false
        var hasColonSpace = false
        var hasSpaceHash = false
        // A space or tab before a line break: a literal block would lose it.
        var hasBlankBeforeBreak = false
        var i = 0
        let raw = UnsafeRawBufferPointer(b)
        while i < n {
            // Eight bytes at a time past those nothing is decided on: printable ASCII other
            // than `:` and `#` (a space matters only before `#`, which is looked at here).
            if skippingWords, i + 8 <= n, !mayMatter(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                i += 8
                continue
            }
            let c = b[i]
            if c >= 0x80 {
                switch c {
                case 0xC2:
                    if b[i + 1] < 0xA0 { needsEscape = true }
                    i += 2
                case 0xE2:
                    if b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) { needsEscape = true }
                    i += 3
                case 0xEF:
                    if (b[i + 1] == 0xBB && b[i + 2] == 0xBF) || (b[i + 1] == 0xBF && b[i + 2] >= 0xBE) {
                        needsEscape = true
                    }
                    i += 3
                default:
                    i += 1
                }
                continue
            }
            switch c {
            case 0x0A:
                hasBreak = true
                if i > 0 && (b[i - 1] == 0x20 || b[i - 1] == 0x09) { hasBlankBeforeBreak = true }
            case 0x09:
                hasTab = true
            case 0x20:
                if i + 1 < n && b[i + 1] == UInt8(ascii: "#") { hasSpaceHash = true }
            case UInt8(ascii: "#"):
                // Its space may have been passed over in a word of its own.
                if i > 0 && b[i - 1] == 0x20 { hasSpaceHash = true }
            case UInt8(ascii: ":"):
                if i + 1 < n && b[i + 1] == 0x20 { hasColonSpace = true }
            case 0x00..<0x20, 0x7F:
                needsEscape = true
            default:
                break
            }
            i += 1
        }
        if needsEscape { return .doubleQuoted }
        if !hasBreak {
            if hasTab || hasColonSpace || hasSpaceHash { return .doubleQuoted }
            return isPlainSafe(b) ? .plain : .doubleQuoted
        }
        if isKey || hasBlankBeforeBreak { return .doubleQuoted }
        // libyaml detects a block's indentation from its first line, so that line must not
        // start with white space or be empty (an empty first line would also make "\n" read
        // back as ""); a blank at the very end would be lost like one before a break.
        let first = b[0]
        let last = b[n - 1]
        if first == 0x20 || first == 0x09 || first == 0x0A || last == 0x20 || last == 0x09 {
            return .doubleQuoted
        }
        var finalBreaks = 0
        var j = n - 1
        while j >= 0 && b[j] == 0x0A { finalBreaks += 1; j -= 1 }
        switch finalBreaks {
        case 0: return .literal(.strip)
        case 1: return .literal(.clip)
        default: return .literal(.keep)
        }
    }

    /// Whether any of a word's bytes is one `of(utf8:isKey:)` decides on: not ASCII, a
    /// control character or DEL, `:` or `#`. It may say so of a word that has none, never
    /// the other way round.
    @inline(__always)
    private static func mayMatter(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasByte(_ value: UInt8) -> Bool {
            let x = word ^ (ones &* UInt64(value))
            return (x &- ones) & ~x & highs != 0
        }
        let below32 = (word &- ones &* 0x20) & ~word & highs != 0
        return word & highs != 0 || below32 || hasByte(0x7F) || hasByte(UInt8(ascii: ":")) || hasByte(UInt8(ascii: "#"))
    }

    /// Whether a one-line string with no tab, control character, `": "` or `" #"` can be
    /// written plain and read back as the same string by a YAML 1.2 and a YAML 1.1 reader.
    private static func isPlainSafe(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        let first = b[0]
        let second: UInt8 = n > 1 ? b[1] : 0
        let last = b[n - 1]
        if first == 0x20 || last == 0x20 || last == UInt8(ascii: ":") { return false }
        switch first {
        case UInt8(ascii: "-"):
            // "-x" is a plain scalar; "- x" is a sequence entry, "-1" and "-.5" are numbers
            // in YAML 1.1 and "---" at the start of a line starts a document.
            if n == 1 || second == 0x20 || isDigit(second) || second == UInt8(ascii: ".") { return false }
            if n >= 3 && second == UInt8(ascii: "-") && b[2] == UInt8(ascii: "-") { return false }
        case UInt8(ascii: "?"), UInt8(ascii: ":"):
            // Indicators only when a space follows; "?x" and ":x" are plain.
            if n == 1 || second == 0x20 { return false }
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            return false
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            // YAML 1.1 reads 0777 as octal, 1_000 as an int, 1:30 as base 60 and
            // 2024-01-01 as a timestamp; any leading digit is quoted so no reader guesses.
            return false
        case UInt8(ascii: "+"):
            if isDigit(second) || second == UInt8(ascii: ".") { return false }
        case UInt8(ascii: "."):
            // PyYAML's float pattern accepts "._5"; "..." ends a document.
            if isDigit(second) || second == UInt8(ascii: ".") || second == UInt8(ascii: "_") { return false }
        case UInt8(ascii: "<"):
            // YAML 1.1's merge key.
            if n == 2 && second == UInt8(ascii: "<") { return false }
        case UInt8(ascii: "="):
            // YAML 1.1's value key.
            if n == 1 { return false }
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
            UInt8(ascii: "o"), UInt8(ascii: "O"):
            if isYAML11Bool(b) { return false }
        default:
            break
        }
        return ScalarKind.resolve(plainUTF8: b) == .string
    }

    /// YAML 1.1's booleans that the 1.2 core schema reads as strings.
    private static func isYAML11Bool(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch b.count {
        case 1:
            // y, Y, n, N; a lone o or O is a string in both versions.
            return b[0] != UInt8(ascii: "o") && b[0] != UInt8(ascii: "O")
        case 2:
            return equals(b, "no") || equals(b, "No") || equals(b, "NO")
                || equals(b, "on") || equals(b, "On") || equals(b, "ON")
        case 3:
            return equals(b, "yes") || equals(b, "Yes") || equals(b, "YES")
                || equals(b, "off") || equals(b, "Off") || equals(b, "OFF")
        default:
            return false
        }
    }

    private static func equals(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard b.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<b.count where b[k] != w[k] { return false }
        return true
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}

/// The state of one `YAMLWriter.write` call, or of one part of a document written on a
/// worker thread: the output buffer and a run of spaces that indentation is copied from.
///
/// Every `write…` function below is entered with the output positioned where its text
/// goes, and leaves it at the start of a new line.
struct BlockEmitter {
    /// The bytes not yet handed to `sink`.
    var output: [UInt8] = []
    /// Where full slices go; `nil` keeps every byte in `output`.
    let sink: ByteSink?
    /// The first application tag written, in document order, and where its node came from.
    var firstTag: (tag: String, mark: Mark)?
    private var spaces = [UInt8](repeating: 0x20, count: 128)
    /// The styles of long values written already.
    private var styles = StyleCache()

    init(sink: ByteSink?) {
        self.sink = sink
        output.reserveCapacity(sink == nil ? 1 << 12 : sliceBytes + (1 << 12))
    }

    /// Hands everything written so far to the sink.
    mutating func flush() {
        handOver(&output, to: sink)
    }

    /// Hands full buffers to `text`. Called only between entries and items, where nothing
    /// written earlier is looked at again (a long key is measured and re-marked within its
    /// own entry).
    mutating func sliceIfFull() {
        if output.count >= sliceBytes { handOver(&output, to: sink) }
    }

    mutating func writeDocument(_ node: Node) {
        switch node.content {
        case .scalar(let scalar):
            if let tag = node.tag {
                writeTag(tag, at: node.mark)
                output.append(0x20)
            }
            writeScalar(scalar, indent: 0, isLast: true)
        case .sequence(let items):
            if items.isEmpty {
                writeEmpty("[]", tag: node.tag, at: node.mark)
            } else {
                if let tag = node.tag {
                    writeTag(tag, at: node.mark)
                    output.append(0x0A)
                }
                writeSequence(items, indent: 0, startsOnDashLine: false, isLast: true)
            }
        case .mapping(let mapping):
            if mapping.isEmpty {
                writeEmpty("{}", tag: node.tag, at: node.mark)
            } else {
                if let tag = node.tag {
                    writeTag(tag, at: node.mark)
                    output.append(0x0A)
                }
                writeMapping(mapping, indent: 0, startsOnDashLine: false, isLast: true)
            }
        }
    }

    /// Writes the entries of a non-empty mapping whose keys sit at column `indent`.
    ///
    /// When `startsOnDashLine` is true the output follows a sequence's `- ` and the first
    /// key goes there, as in `- name: a`.
    mutating func writeMapping(_ mapping: Mapping, indent: Int, startsOnDashLine: Bool, isLast: Bool) {
        let storage = mapping.storage
        var i = 0
        while i < storage.count {
            if i > 0 { sliceIfFull() }
            if i > 0 || !startsOnDashLine { writeIndent(indent) }
            writeKey(storage[i], indent: indent)
            writeValue(storage[i + 1], indent: indent, followsDash: false, isLast: isLast && i + 2 == storage.count)
            i += 2
        }
    }

    /// Writes the items of a non-empty sequence whose dashes sit at column `indent`.
    private mutating func writeSequence(_ items: [Node], indent: Int, startsOnDashLine: Bool, isLast: Bool) {
        for (i, item) in items.enumerated() {
            if i > 0 { sliceIfFull() }
            if i > 0 || !startsOnDashLine { writeIndent(indent) }
            output.append(UInt8(ascii: "-"))
            writeValue(item, indent: indent, followsDash: true, isLast: isLast && i + 1 == items.count)
        }
    }

    /// Writes a key and its `:`; a key too long for a simple key becomes `? key` with the
    /// `:` on the next line at the same column.
    mutating func writeKey(_ key: Node, indent: Int) {
        guard case .scalar(let scalar) = key.content else {
            preconditionFailure("a mapping key must be a scalar; the readers reject collection keys")
        }
        let start = output.count
        if let tag = key.tag {
            writeTag(tag, at: key.mark)
            output.append(0x20)
        }
        if scalar.kind == .string {
            var text = scalar.text
            text.withUTF8 { bytes in
                if StringStyle.of(utf8: bytes, isKey: true) == .plain {
                    output.append(contentsOf: bytes)
                } else {
                    writeDoubleQuoted(bytes)
                }
            }
        } else {
            writeNonString(scalar)
        }
        if output.count - start > YAMLWriter.maxSimpleKeyBytes {
            output.insert(contentsOf: [UInt8(ascii: "?"), 0x20], at: start)
            output.append(0x0A)
            writeIndent(indent)
        }
        output.append(UInt8(ascii: ":"))
    }

    /// Writes the node that follows a key's `:` or a sequence's `-` (owned by the line at
    /// column `indent`), from the space after the indicator to the end of its last line.
    ///
    /// Nested collections go two columns deeper. After a dash an untagged collection starts
    /// on the dash line (`- name: a`, `- - a`); after a key it starts on the next line.
    mutating func writeValue(_ node: Node, indent: Int, followsDash: Bool, isLast: Bool) {
        switch node.content {
        case .scalar(let scalar):
            output.append(0x20)
            if let tag = node.tag {
                writeTag(tag, at: node.mark)
                output.append(0x20)
            }
            writeScalar(scalar, indent: indent, isLast: isLast)
        case .sequence(let items):
            if items.isEmpty {
                output.append(0x20)
                writeEmpty("[]", tag: node.tag, at: node.mark)
            } else if let tag = node.tag {
                output.append(0x20)
                writeTag(tag, at: node.mark)
                output.append(0x0A)
                writeSequence(items, indent: indent + 2, startsOnDashLine: false, isLast: isLast)
            } else if followsDash {
                output.append(0x20)
                writeSequence(items, indent: indent + 2, startsOnDashLine: true, isLast: isLast)
            } else {
                output.append(0x0A)
                writeSequence(items, indent: indent + 2, startsOnDashLine: false, isLast: isLast)
            }
        case .mapping(let mapping):
            if mapping.isEmpty {
                output.append(0x20)
                writeEmpty("{}", tag: node.tag, at: node.mark)
            } else if let tag = node.tag {
                output.append(0x20)
                writeTag(tag, at: node.mark)
                output.append(0x0A)
                writeMapping(mapping, indent: indent + 2, startsOnDashLine: false, isLast: isLast)
            } else if followsDash {
                output.append(0x20)
                writeMapping(mapping, indent: indent + 2, startsOnDashLine: true, isLast: isLast)
            } else {
                output.append(0x0A)
                writeMapping(mapping, indent: indent + 2, startsOnDashLine: false, isLast: isLast)
            }
        }
    }

    /// Writes `{}` or `[]`, after the tag if there is one, and ends the line.
    private mutating func writeEmpty(_ text: StaticString, tag: String?, at mark: Mark) {
        if let tag {
            writeTag(tag, at: mark)
            output.append(0x20)
        }
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        output.append(0x0A)
    }

    /// Writes a scalar value and ends its line; a literal block's lines go at `indent + 2`.
    ///
    /// `isLast` says nothing follows in the document. A keep-chomped block (`|+`) there is
    /// written double-quoted instead, because its trailing empty lines would end the file
    /// with more than one newline.
    private mutating func writeScalar(_ scalar: Scalar, indent: Int, isLast: Bool) {
        guard scalar.kind == .string else {
            writeNonString(scalar)
            output.append(0x0A)
            return
        }
        var text = scalar.text
        let style = styles.style(of: text)
        text.withUTF8 { bytes in
            switch style {
            case .plain:
                output.append(contentsOf: bytes)
                output.append(0x0A)
            case .literal(let chomping) where !(chomping == .keep && isLast):
                writeLiteral(bytes, chomping: chomping, indent: indent + 2)
            case .literal, .doubleQuoted:
                writeDoubleQuoted(bytes)
                output.append(0x0A)
            }
        }
    }

    /// Writes a null, boolean or number: booleans in lower case, null as `null`, numbers in
    /// the spelling YAML 1.1 and 1.2 readers agree on (`NumberSpelling`).
    private mutating func writeNonString(_ scalar: Scalar) {
        switch scalar.kind {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool:
            let isTrue = scalar.text.utf8.first.map { $0 == UInt8(ascii: "t") || $0 == UInt8(ascii: "T") } ?? false
            output.append(contentsOf: (isTrue ? "true" : "false").utf8)
        case .int:
            output.append(contentsOf: NumberSpelling.yaml(integer: scalar.text).utf8)
        case .float:
            output.append(contentsOf: NumberSpelling.yaml(float: scalar.text).utf8)
        case .string:
            output.append(contentsOf: scalar.text.utf8)
        }
    }

    /// Writes a literal block: the header, then each line at column `indent`; empty lines
    /// are written empty so that no line ends in spaces.
    private mutating func writeLiteral(_ b: UnsafeBufferPointer<UInt8>, chomping: StringStyle.Chomping, indent: Int) {
        switch chomping {
        case .strip: output.append(contentsOf: "|-\n".utf8)
        case .clip: output.append(contentsOf: "|\n".utf8)
        case .keep: output.append(contentsOf: "|+\n".utf8)
        }
        var end = b.count
        while end > 0 && b[end - 1] == 0x0A { end -= 1 }
        let finalBreaks = b.count - end
        var lineStart = 0
        while lineStart <= end {
            var lineEnd = lineStart
            while lineEnd < end && b[lineEnd] != 0x0A { lineEnd += 1 }
            if lineEnd > lineStart {
                writeIndent(indent)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: b[lineStart..<lineEnd]))
            }
            output.append(0x0A)
            lineStart = lineEnd + 1
        }
        // The last content line's break is written above; with `|+` each further break is
        // one empty line, which the reader keeps.
        if finalBreaks > 1 {
            for _ in 1..<finalBreaks { output.append(0x0A) }
        }
    }

    /// Writes `b` in double quotes on one line, escaping what a reader could not take raw.
    private mutating func writeDoubleQuoted(_ b: UnsafeBufferPointer<UInt8>) {
        output.append(UInt8(ascii: "\""))
        let n = b.count
        var runStart = 0
        var i = 0
        // Raw bytes are copied in runs; only an escape interrupts a run.
        func flush(_ upTo: Int, _ output: inout [UInt8]) {
            if upTo > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<upTo])) }
        }
        while i < n {
            let c = b[i]
            var escape: StaticString? = nil
            var hex: (prefix: UInt8, value: UInt32)? = nil
            var width = 1
            switch c {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case 0x00: escape = "\\0"
            case 0x07: escape = "\\a"
            case 0x08: escape = "\\b"
            case 0x09: escape = "\\t"
            case 0x0A: escape = "\\n"
            case 0x0B: escape = "\\v"
            case 0x0C: escape = "\\f"
            case 0x0D: escape = "\\r"
            case 0x1B: escape = "\\e"
            case 0x01..<0x20, 0x7F: hex = (UInt8(ascii: "x"), UInt32(c))
            case 0xC2 where b[i + 1] < 0xA0:
                width = 2
                if b[i + 1] == 0x85 { escape = "\\N" } else { hex = (UInt8(ascii: "x"), UInt32(b[i + 1])) }
            case 0xE2 where b[i + 1] == 0x80 && b[i + 2] == 0xA8:
                width = 3
                escape = "\\L"
            case 0xE2 where b[i + 1] == 0x80 && b[i + 2] == 0xA9:
                width = 3
                escape = "\\P"
            case 0xEF where b[i + 1] == 0xBB && b[i + 2] == 0xBF:
                width = 3
                hex = (UInt8(ascii: "u"), 0xFEFF)
            case 0xEF where b[i + 1] == 0xBF && b[i + 2] >= 0xBE:
                width = 3
                hex = (UInt8(ascii: "u"), 0xFFC0 | UInt32(b[i + 2] & 0x3F))
            default:
                i += 1
                continue
            }
            flush(i, &output)
            if let escape {
                output.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
            } else if let (prefix, value) = hex {
                output.append(UInt8(ascii: "\\"))
                output.append(prefix)
                let digits = prefix == UInt8(ascii: "x") ? 2 : 4
                for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
                    output.append(Self.hexDigits[Int((value >> UInt32(shift)) & 0xF)])
                }
            }
            i += width
            runStart = i
        }
        flush(n, &output)
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Writes a tag the way a reader resolves it back to the same text: `!Ref` as is,
    /// `tag:yaml.org,2002:str` as `!!str`, anything else verbatim as `!<…>`.
    private mutating func writeTag(_ tag: String, at mark: Mark) {
        if firstTag == nil { firstTag = (tag, mark) }
        let yamlPrefix = "tag:yaml.org,2002:"
        if tag.hasPrefix(yamlPrefix) {
            let suffix = tag.utf8.dropFirst(yamlPrefix.utf8.count)
            if !suffix.isEmpty && suffix.allSatisfy(Self.isShorthandCharacter) {
                output.append(contentsOf: "!!".utf8)
                output.append(contentsOf: suffix)
                return
            }
        } else if tag.utf8.first == UInt8(ascii: "!") {
            // A second "!" would read as a named handle, which needs a %TAG directive.
            if tag.utf8.dropFirst().allSatisfy(Self.isShorthandCharacter) {
                output.append(contentsOf: tag.utf8)
                return
            }
        }
        // libyaml and PyYAML decode %XX escapes in a verbatim tag, so any other byte,
        // "%" included, is escaped to come back unchanged.
        output.append(contentsOf: "!<".utf8)
        for c in tag.utf8 {
            if Self.isShorthandCharacter(c) || c == UInt8(ascii: "!") || c == UInt8(ascii: ",")
                || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
            {
                output.append(c)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(Self.hexDigits[Int(c >> 4)])
                output.append(Self.hexDigits[Int(c & 0xF)])
            }
        }
        output.append(UInt8(ascii: ">"))
    }

    /// The characters libyaml and PyYAML take in a tag shorthand's suffix without an
    /// escape: letters, digits and `-_;/?:@&=+$.~*'()`.
    private static func isShorthandCharacter(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ";"),
            UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "&"),
            UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "$"), UInt8(ascii: "."), UInt8(ascii: "~"),
            UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        default:
            return false
        }
    }

    mutating func writeIndent(_ n: Int) {
        if n > spaces.count { spaces = [UInt8](repeating: 0x20, count: max(n, 2 * spaces.count)) }
        output.append(contentsOf: spaces[0..<n])
    }
}
