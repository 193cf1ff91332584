import Diagnostics

/// Writes a `Node` tree as JSON, deterministically.
///
/// The layout is fixed so that generated files diff cleanly and goldens are stable: two-space
/// indent, one entry or item per line, `"key": value`, `{}` and `[]` for empty containers,
/// LF line ends and a final newline. Keys keep the tree's order.
///
/// YAML spellings are made valid JSON on the way out (`0x1F` becomes `31`, `.5` becomes
/// `0.5`, `True` becomes `true`). What JSON cannot say at all, an application tag or an
/// infinite number, is an error rather than a silent change; every such node is reported.
public enum JSONWriter {
    /// Returns `node` as JSON text.
    ///
    /// - Parameters:
    ///   - file: the name the diagnostics are located in, when the tree was read from a
    ///     file; nodes built in code have no location.
    ///   - replacingTagged: called with each node that has a tag; the untagged node it
    ///     returns is written instead (its own tagged children are offered again).
    ///     CloudFormation's short forms become their long forms this way while the
    ///     template is written.
    /// - Throws: `DiagnosticError` listing every node that has no JSON form.
    public static func write(
        _ node: Node, file: String = "", replacingTagged: ((Node) -> Node?)? = nil
    ) throws -> String {
        let sink = TextSink()
        let problems = write(node, to: sink, file: file, replacingTagged: replacingTagged).problems
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return sink.text
    }

    /// Writes `node` as JSON into `sink` in slices, whatever it holds: each node with no
    /// JSON form is written as a placeholder and reported in `problems`, and the first
    /// tag in document order is returned, so a caller can say what it means.
    @discardableResult
    public static func write(
        _ node: Node, to sink: ByteSink, file: String = "", replacingTagged: ((Node) -> Node?)? = nil
    ) -> (problems: [Diagnostic], firstTag: (tag: String, mark: Mark)?) {
        var writer = JSONOutput(file: file, sink: sink, replacingTagged: replacingTagged)
        writer.writeValue(node, depth: 0)
        writer.bytes.append(0x0A)
        writer.flush()
        return (writer.problems.diagnostics, writer.firstTag)
    }
}

/// The output buffer of one `JSONWriter.write` call, or of one part of a document written
/// on a worker thread, and the problems found so far.
struct JSONOutput {
    let file: String
    /// The bytes not yet handed to `sink`.
    var bytes: [UInt8] = []
    /// Where full slices go; `nil` keeps every byte in `bytes`.
    let sink: ByteSink?
    var problems = DiagnosticEngine()
    /// The first tag met that `replacingTagged` did not replace, in document order.
    var firstTag: (tag: String, mark: Mark)?

    /// Hands everything written so far to the sink.
    mutating func flush() {
        handOver(&bytes, to: sink)
    }

    /// Between items nothing written is looked at again, so the buffer can be emptied there.
    mutating func sliceIfFull() {
        if bytes.count >= sliceBytes { handOver(&bytes, to: sink) }
    }

    let replacingTagged: ((Node) -> Node?)?

    init(file: String, sink: ByteSink?, replacingTagged: ((Node) -> Node?)?) {
        self.file = file
        self.sink = sink
        self.replacingTagged = replacingTagged
        bytes.reserveCapacity(sink == nil ? 1 << 12 : sliceBytes + (1 << 12))
    }

    mutating func writeValue(_ node: Node, depth: Int) {
        if let tag = node.tag {
            if let replacement = replacingTagged?(node), replacement.tag == nil { return writeValue(replacement, depth: depth) }
            if firstTag == nil { firstTag = (tag, node.mark) }
            report(tagProblem(tag), at: node)
        }
        switch node.content {
        case .scalar(let scalar):
            writeScalar(scalar, of: node)
        case .sequence(let items):
            guard !items.isEmpty else { return append("[]") }
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 {
                    bytes.append(UInt8(ascii: ","))
                    sliceIfFull()
                }
                newLine(depth: depth + 1)
                writeValue(item, depth: depth + 1)
            }
            newLine(depth: depth)
            bytes.append(UInt8(ascii: "]"))
        case .mapping(let mapping):
            guard !mapping.isEmpty else { return append("{}") }
            bytes.append(UInt8(ascii: "{"))
            for (index, entry) in mapping.entries.enumerated() {
                if index > 0 {
                    bytes.append(UInt8(ascii: ","))
                    sliceIfFull()
                }
                newLine(depth: depth + 1)
                writeKey(entry.key)
                append(": ")
                writeValue(entry.value, depth: depth + 1)
            }
            newLine(depth: depth)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// A key is its text as a JSON string whatever its kind, so a YAML `200:` key stays "200".
    mutating func writeKey(_ key: Node) {
        if let tag = key.tag {
            if firstTag == nil { firstTag = (tag, key.mark) }
            report(tagProblem(tag), at: key)
        }
        guard case .scalar(let scalar) = key.content else {
            let noun = if case .sequence = key.content { "sequence" } else { "mapping" }
            report("a \(noun) used as a key has no JSON form; use a string key", at: key)
            return writeString("")
        }
        writeString(scalar.text)
    }

    mutating func writeScalar(_ scalar: Scalar, of node: Node) {
        switch scalar.kind {
        case .string:
            writeString(scalar.text)
        case .null:
            append("null")
        case .bool:
            append(scalar.text.first == "t" || scalar.text.first == "T" ? "true" : "false")
        case .int:
            switch NumberSpelling.json(integer: scalar.text) {
            case .success(let text): append(text)
            case .failure(let problem):
                report(problem.message, at: node)
                append("0")
            }
        case .float:
            switch NumberSpelling.json(float: scalar.text) {
            case .success(let text): append(text)
            case .failure(let problem):
                report(problem.message, at: node)
                append("0")
            }
        }
    }

    /// Writes `text` as a JSON string: quote and backslash escaped, C0 controls and U+007F as
    /// escapes, U+2028 and U+2029 escaped because JavaScript treats them as line breaks;
    /// everything else raw UTF-8.
    mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            let n = utf8.count
            var run = 0
            var j = 0
            while j < n {
                let c = utf8[j]
                let escape: StaticString?
                var length = 1
                switch c {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x00..<0x20, 0x7F: escape = nil
                case 0xE2 where j + 2 < n && utf8[j + 1] == 0x80 && (utf8[j + 2] == 0xA8 || utf8[j + 2] == 0xA9):
                    escape = utf8[j + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    length = 3
                default:
                    j += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<j]))
                if let escape {
                    bytes.append(
                        contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                } else {
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigit(c >> 4), hexDigit(c & 0xF)])
                }
                j += length
                run = j
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<n]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func newLine(depth: Int) {
        bytes.append(0x0A)
        for _ in 0..<depth {
            bytes.append(0x20)
            bytes.append(0x20)
        }
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    func tagProblem(_ tag: String) -> String {
        "tag \(tag) has no JSON form; expand it to its long form (such as {\"Ref\": …}) or write YAML instead"
    }

    mutating func report(_ message: String, at node: Node) {
        let location = node.mark.isSynthetic ? nil : SourceLocation(file: file, mark: node.mark)
        problems.report(.error(ReadError.notRepresentableInJSON, message, at: location))
    }
}

/// A lower-case hex digit for a value below 16.
private func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? 0x30 + value : 0x61 + value - 10
}

