import Diagnostics

/// Reads JSON strictly by RFC 8259 into a `Node` tree.
///
/// JSON gets its own reader instead of going through libyaml because YAML 1.1 has no
/// surrogate-pair escapes and accepts much that JSON does not; a spec that says `.json` must
/// mean exactly what any other JSON tool would read from it. The reader works on the raw
/// bytes with an index and an explicit stack of open containers, so it is fast (one pass,
/// no per-character `String` work) and cannot overflow the call stack on deep input.
///
/// Every node carries the 1-based line and column of its first character, columns counted
/// in Unicode scalars as editors count them. Duplicate keys are collected and reported
/// together; any other problem stops the read at the first error.
public enum JSONReader {
    /// Reads one JSON value from `bytes`.
    ///
    /// - Throws: `DiagnosticError` whose diagnostics are located in `file`.
    public static func read(_ bytes: [UInt8], file: String, limits: ReadLimits = .default) throws -> Node {
        // Size, UTF-16/32 byte-order marks and NUL bytes are checked as the YAML reader checks
        // them, so a file gets the same answer whichever format it is in.
        try InputChecks.checkSizeAndEncoding(bytes, file: file, limits: limits)
        return try bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer, file: file, limits: limits)
            defer { parser.children.deallocate() }
            parser.skipByteOrderMark(length: InputChecks.utf8BOMLength(bytes))
            return try parser.parseDocument()
        }
    }
}

/// The state of one `JSONReader.read` call: the bytes, the position, the open containers.
private struct JSONParser {
    /// An open object or array whose children are being appended.
    struct Frame {
        var isObject: Bool
        /// Where this container's children start in `JSONParser.children`: in order, an
        /// object's keys and values interleaved, as `Mapping` stores them.
        var start: Int
        var mark: Mark
        /// Where this object's keys start in `JSONParser.keys`.
        var keyBase: Int
        /// The keys seen so far with their entry positions, once the object is too big for a
        /// linear scan to be cheap.
        var keyIndex: [String: Int]?
    }

    /// Objects with at most this many keys look for duplicates by a linear scan, which beats
    /// hashing at the sizes real specs have; larger ones build a dictionary.
    static let linearKeyScanLimit = 12

    let b: UnsafeBufferPointer<UInt8>
    let n: Int
    let file: String
    let limits: ReadLimits

    var i = 0
    var line = 1
    /// Byte offset where the current line starts.
    var lineStart = 0
    /// UTF-8 continuation bytes passed on the current line, so that a column counts scalars.
    /// Non-ASCII bytes only occur inside strings and line breaks only outside them, so this
    /// is kept exact by the string scanner and reset by the white-space skipper.
    var lineContinuations = 0

    var stack: [Frame] = []
    /// The children of every open container, innermost last, moved out into an array of
    /// exactly their count when it closes (as the YAML reader does): no array per container
    /// grown, trimmed and copied.
    var children = NodeStack()
    /// The keys of every open object, innermost last; each frame owns the tail from its
    /// `keyBase`. One flat array keeps the duplicate scan over contiguous strings.
    var keys: [String] = []
    /// Reused for strings that contain escapes.
    var scratch: [UInt8] = []
    var duplicates: [Diagnostic] = []

    init(_ b: UnsafeBufferPointer<UInt8>, file: String, limits: ReadLimits) {
        self.b = b
        self.n = b.count
        self.file = file
        self.limits = limits
    }

    // MARK: - Structure

    mutating func parseDocument() throws -> Node {
        skipWhitespace()
        if i == n {
            throw DiagnosticError(
                ReadError.error(
                    ReadError.empty, "the JSON document is empty; write a value such as {}",
                    file: file, at: mark(at: i)))
        }
        value: while true {
            var node: Node
            switch b[i] {
            case UInt8(ascii: "{"):
                try open(isObject: true)
                skipWhitespace()
                if i < n, b[i] == UInt8(ascii: "}") {
                    i += 1
                    node = close()
                } else {
                    try parseKeyAndColon()
                    continue value
                }
            case UInt8(ascii: "["):
                try open(isObject: false)
                skipWhitespace()
                if i < n, b[i] == UInt8(ascii: "]") {
                    i += 1
                    node = close()
                } else {
                    try expectValue()
                    continue value
                }
            default:
                node = try parseScalar()
            }
            // A value is complete: attach it, then close every container it completes.
            while true {
                guard !stack.isEmpty else { return try finish(node) }
                let top = stack.count - 1
                children.push(node)
                skipWhitespace()
                guard i < n else { throw fail(unclosed()) }
                let c = b[i]
                if stack[top].isObject {
                    if c == UInt8(ascii: ",") {
                        let comma = mark(at: i)
                        i += 1
                        skipWhitespace()
                        if i < n, b[i] == UInt8(ascii: "}") {
                            throw fail(syntax("trailing comma before '}'; remove it", at: comma))
                        }
                        try parseKeyAndColon()
                        continue value
                    } else if c == UInt8(ascii: "}") {
                        i += 1
                        node = close()
                    } else {
                        let key = children.view(from: stack[top].start).dropLast().last?.text ?? ""
                        throw fail(
                            unexpected(
                                "expected ',' or '}' after the value of \(quoted(key))", fix: "add the missing comma"))
                    }
                } else {
                    if c == UInt8(ascii: ",") {
                        let comma = mark(at: i)
                        i += 1
                        skipWhitespace()
                        if i < n, b[i] == UInt8(ascii: "]") {
                            throw fail(syntax("trailing comma before ']'; remove it", at: comma))
                        }
                        try expectValue()
                        continue value
                    } else if c == UInt8(ascii: "]") {
                        i += 1
                        node = close()
                    } else {
                        let count = children.count - stack[top].start
                        throw fail(
                            unexpected(
                                "expected ',' or ']' after item \(count) of the array", fix: "add the missing comma"))
                    }
                }
            }
        }
    }

    /// Starts after a UTF-8 byte-order mark.
    mutating func skipByteOrderMark(length: Int) {
        i = length
        // The mark is invisible in an editor: the first character is still column 1.
        lineStart = length
    }

    /// Checks what follows the top-level value, then reports any duplicates.
    mutating func finish(_ node: Node) throws -> Node {
        skipWhitespace()
        if i < n {
            throw fail(
                unexpected(
                    "expected the end of the input after the JSON value",
                    fix: "a file holds one value, so remove the rest or wrap the values in an array"))
        }
        if !duplicates.isEmpty { throw DiagnosticError(duplicates) }
        return node
    }

    mutating func open(isObject: Bool) throws {
        if stack.count >= limits.maxDepth {
            throw fail(
                ReadError.error(
                    ReadError.tooDeep,
                    "nesting is deeper than \(limits.maxDepth) levels; flatten the document",
                    file: file, at: mark(at: i)))
        }
        stack.append(Frame(isObject: isObject, start: children.count, mark: mark(at: i), keyBase: keys.count, keyIndex: nil))
        i += 1
    }

    /// Pops the innermost container and returns it as a node.
    mutating func close() -> Node {
        let frame = stack.removeLast()
        let items = children.popArray(from: frame.start)
        if frame.isObject {
            keys.removeSubrange(frame.keyBase...)
            return Node(.mapping(Mapping(interleaved: items)), mark: frame.mark)
        }
        return Node(.sequence(items), mark: frame.mark)
    }

    /// Fails unless a value can start here (white space already skipped).
    func expectValue() throws {
        if i == n { throw fail(unclosed()) }
    }

    /// Reads `"key" :` inside an object and leaves the position at the start of the value.
    mutating func parseKeyAndColon() throws {
        guard i < n else { throw fail(unclosed()) }
        guard b[i] == UInt8(ascii: "\"") else {
            let c = b[i]
            if isWordByte(c) {
                let word = wordText(at: i)
                throw fail(
                    syntax("object keys must be strings in double quotes; write \(quoted(word))", at: i))
            }
            throw fail(unexpected("expected a key in double quotes", fix: "write the key as \"name\""))
        }
        let keyMark = mark(at: i)
        let key = try parseString()
        let top = stack.count - 1
        let entry = (children.count - stack[top].start) / 2
        if let first = firstEntry(withKey: key, top: top) {
            let firstMark = children.view(from: stack[top].start)[2 * first].mark
            duplicates.append(
                ReadError.error(
                    ReadError.duplicateKey,
                    "duplicate key \(quoted(key)); remove or rename one of them",
                    file: file, at: keyMark,
                    notes: [Diagnostic.Note("first defined here", at: SourceLocation(file: file, mark: firstMark))]))
        } else {
            if stack[top].keyIndex != nil {
                stack[top].keyIndex![key] = entry
            } else if entry >= Self.linearKeyScanLimit {
                var index = [String: Int](minimumCapacity: 2 * entry)
                for (position, k) in keys[stack[top].keyBase...].enumerated() where index[k] == nil {
                    index[k] = position
                }
                index[key] = entry
                stack[top].keyIndex = index
            }
        }
        keys.append(key)
        children.push(Node(.scalar(Scalar(text: key, kind: .string, style: .doubleQuoted)), mark: keyMark))
        skipWhitespace()
        guard i < n, b[i] == UInt8(ascii: ":") else {
            throw fail(unexpected("expected ':' after the key \(quoted(key))", fix: "add the ':'"))
        }
        i += 1
        skipWhitespace()
        try expectValue()
    }

    /// The entry position of the first earlier key equal to `key` in the object at `top`.
    func firstEntry(withKey key: String, top: Int) -> Int? {
        if let index = stack[top].keyIndex { return index[key] }
        let base = stack[top].keyBase
        var k = base
        while k < keys.count {
            if keys[k] == key { return k - base }
            k += 1
        }
        return nil
    }

    // MARK: - Scalars

    mutating func parseScalar() throws -> Node {
        let start = i
        let m = mark(at: start)
        switch b[i] {
        case UInt8(ascii: "\""):
            let text = try parseString()
            return Node(.scalar(Scalar(text: text, kind: .string, style: .doubleQuoted)), mark: m)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber(mark: m)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            if matches("true") {
                i += 4
                return Node(.scalar(Scalar(text: "true", kind: .bool)), mark: m)
            } else if matches("false") {
                i += 5
                return Node(.scalar(Scalar(text: "false", kind: .bool)), mark: m)
            } else if matches("null") {
                i += 4
                return Node(.scalar(Scalar(text: "null", kind: .null)), mark: m)
            }
            throw fail(badWord(at: start))
        case UInt8(ascii: "+"), UInt8(ascii: "."):
            throw fail(badNumber(start: start))
        default:
            if isWordByte(b[i]) { throw fail(badWord(at: start)) }
            throw fail(unexpected("expected a value", fix: "write a value such as null, or remove the extra character"))
        }
    }

    /// Whether `word` is at the position and not followed by more of a word ("trueish").
    func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard n - i >= count else { return false }
        let p = word.utf8Start
        for k in 0..<count where b[i + k] != p[k] { return false }
        return i + count == n || !isWordByte(b[i + count])
    }

    mutating func parseNumber(mark m: Mark) throws -> Node {
        let start = i
        var j = i
        if b[j] == UInt8(ascii: "-") { j += 1 }
        guard j < n, isDigit(b[j]) else { throw fail(badNumber(start: start)) }
        if b[j] == UInt8(ascii: "0") {
            j += 1
            if j < n, isDigit(b[j]) { throw fail(badNumber(start: start)) }
        } else {
            while j < n, isDigit(b[j]) { j += 1 }
        }
        var isFloat = false
        if j < n, b[j] == UInt8(ascii: ".") {
            isFloat = true
            j += 1
            guard j < n, isDigit(b[j]) else { throw fail(badNumber(start: start)) }
            while j < n, isDigit(b[j]) { j += 1 }
        }
        if j < n, b[j] == UInt8(ascii: "e") || b[j] == UInt8(ascii: "E") {
            isFloat = true
            j += 1
            if j < n, b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") { j += 1 }
            guard j < n, isDigit(b[j]) else { throw fail(badNumber(start: start)) }
            while j < n, isDigit(b[j]) { j += 1 }
        }
        // "1.2.3", "0x1F", "12abc": the grammar stopped inside something longer.
        if j < n, isNumberByte(b[j]) { throw fail(badNumber(start: start)) }
        if j - start > limits.maxScalarBytes { throw fail(tooLarge(at: m, bytes: j - start)) }
        i = j
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self)
        return Node(.scalar(Scalar(text: text, kind: isFloat ? .float : .int)), mark: m)
    }

    /// Reads the string whose opening quote is at the position and moves past its closing one.
    mutating func parseString() throws -> String {
        // Marked now: the continuation bytes passed below would shift a later computation.
        let open = mark(at: i)
        let start = i + 1
        var j = start
        // Fast path: no escapes, so the string is its own source bytes.
        while j < n {
            let c = b[j]
            if c == UInt8(ascii: "\"") {
                if j - start > limits.maxScalarBytes { throw fail(tooLarge(at: open, bytes: j - start)) }
                i = j + 1
                return String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self)
            } else if c == UInt8(ascii: "\\") {
                break
            } else if c < 0x20 {
                throw fail(controlCharacter(at: j))
            } else if c < 0x80 {
                j += 1
            } else {
                j = try passUTF8Sequence(at: j)
            }
        }
        guard j < n else { throw fail(unterminatedString(at: open)) }
        return try parseEscapedString(start: start, open: open, from: j)
    }

    /// The slow path of `parseString`, entered at the first backslash.
    mutating func parseEscapedString(start: Int, open: Mark, from first: Int) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<first]))
        var j = first
        var run = first
        while j < n {
            let c = b[j]
            if c == UInt8(ascii: "\"") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<j]))
                if scratch.count > limits.maxScalarBytes { throw fail(tooLarge(at: open, bytes: scratch.count)) }
                i = j + 1
                return String(decoding: scratch, as: UTF8.self)
            } else if c == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<j]))
                j = try appendEscape(at: j)
                run = j
            } else if c < 0x20 {
                throw fail(controlCharacter(at: j))
            } else if c < 0x80 {
                j += 1
            } else {
                j = try passUTF8Sequence(at: j)
            }
            // Fail fast on a huge string rather than buffering all of it.
            if scratch.count > limits.maxScalarBytes { throw fail(tooLarge(at: open, bytes: scratch.count)) }
        }
        throw fail(unterminatedString(at: open))
    }

    /// Decodes the escape whose backslash is at `j` into `scratch`; returns the position after it.
    mutating func appendEscape(at j: Int) throws -> Int {
        guard j + 1 < n else { throw fail(unterminatedString(at: mark(at: j))) }
        let e = b[j + 1]
        let simple: UInt8? =
            switch e {
            case UInt8(ascii: "\""): 0x22
            case UInt8(ascii: "\\"): 0x5C
            case UInt8(ascii: "/"): 0x2F
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            scratch.append(simple)
            return j + 2
        }
        guard e == UInt8(ascii: "u") else {
            let shown = e < 0x20 || e >= 0x7F ? "" : " '\\\(Character(Unicode.Scalar(e)))'"
            throw fail(
                stringError(
                    "unknown escape\(shown); JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX, "
                        + "so write a backslash as \\\\",
                    at: j))
        }
        let unit = try hexQuad(at: j)
        var scalar = unit
        var end = j + 6
        if unit >= 0xD800 && unit <= 0xDBFF {
            // A high surrogate must be followed at once by an escaped low one.
            guard end + 1 < n, b[end] == UInt8(ascii: "\\"), b[end + 1] == UInt8(ascii: "u") else {
                throw fail(
                    stringError(
                        "lone high surrogate \(escape(unit)); follow it with a low surrogate (\\udc00 to \\udfff) "
                            + "or write the character itself",
                        at: j))
            }
            let low = try hexQuad(at: end)
            guard low >= 0xDC00 && low <= 0xDFFF else {
                throw fail(
                    stringError(
                        "high surrogate \(escape(unit)) is followed by \(escape(low)), not a low surrogate; "
                            + "write the pair as \\ud800-\\udbff then \\udc00-\\udfff",
                        at: j))
            }
            scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            end += 6
        } else if unit >= 0xDC00 && unit <= 0xDFFF {
            throw fail(
                stringError(
                    "low surrogate \(escape(unit)) without a high surrogate before it; "
                        + "write the high surrogate (\\ud800 to \\udbff) first or the character itself",
                    at: j))
        }
        appendUTF8(scalar)
        return end
    }

    /// The value of the four hex digits after the `\u` at `j`.
    func hexQuad(at j: Int) throws -> UInt32 {
        var value: UInt32 = 0
        for k in j + 2..<j + 6 {
            guard k < n, let digit = hexValue(b[k]) else {
                throw fail(stringError("\\u must be followed by four hex digits, as in \\u00e9", at: j))
            }
            value = value << 4 | digit
        }
        return value
    }

    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            scratch.append(UInt8(scalar))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Validates the multi-byte UTF-8 sequence whose lead byte is at `j` (Unicode's table of
    /// well-formed sequences: no overlong forms, no surrogates, nothing above U+10FFFF),
    /// counts its continuation bytes for columns, and returns the position after it.
    mutating func passUTF8Sequence(at j: Int) throws -> Int {
        guard let length = utf8SequenceLength(at: j) else { throw fail(invalidUTF8(at: j)) }
        lineContinuations += length - 1
        return j + length
    }

    /// The length of the well-formed UTF-8 sequence starting at `j`, or `nil` if it is not one.
    @inline(__always)
    func utf8SequenceLength(at j: Int) -> Int? {
        InputChecks.wellFormedUTF8Length(in: b, at: j)
    }

    // MARK: - Positions

    /// Skips JSON white space (space, tab, LF, CR), counting lines. CR LF is one break.
    @inline(__always)
    mutating func skipWhitespace() {
        while i < n {
            let c = b[i]
            if c == 0x20 || c == 0x09 {
                i += 1
            } else if c == 0x0A {
                i += 1
                newLine()
            } else if c == 0x0D {
                i += 1
                if i < n, b[i] == 0x0A { i += 1 }
                newLine()
            } else {
                return
            }
        }
    }

    mutating func newLine() {
        line += 1
        lineStart = i
        lineContinuations = 0
    }

    /// The mark of byte `position` on the current line; every continuation byte before it on
    /// this line must already be counted.
    @inline(__always)
    func mark(at position: Int) -> Mark {
        Mark(line: line, column: position - lineStart - lineContinuations + 1)
    }

    // MARK: - Diagnostics

    /// Every duplicate found so far, then the error that stops the read.
    func fail(_ diagnostic: Diagnostic) -> DiagnosticError {
        DiagnosticError(duplicates + [diagnostic])
    }

    func syntax(_ message: String, at position: Int) -> Diagnostic {
        syntax(message, at: mark(at: position))
    }

    func syntax(_ message: String, at mark: Mark) -> Diagnostic {
        ReadError.error(ReadError.jsonSyntax, message, file: file, at: mark)
    }

    func stringError(_ message: String, at position: Int) -> Diagnostic {
        ReadError.error(ReadError.jsonString, message, file: file, at: mark(at: position))
    }

    /// A syntax error at the current byte, unless that byte has a more specific explanation:
    /// the end of the input, a comment, a single quote or bytes that are not UTF-8.
    func unexpected(_ expected: String, fix: String) -> Diagnostic {
        guard i < n else { return unclosed() }
        switch b[i] {
        case UInt8(ascii: "/"), UInt8(ascii: "#"):
            return syntax("JSON has no comments; remove it or write the file as YAML", at: i)
        case UInt8(ascii: "'"):
            return syntax("JSON strings use double quotes; replace the single quotes with \"", at: i)
        case 0x80...:
            if utf8SequenceLength(at: i) == nil { return invalidUTF8(at: i) }
        default:
            break
        }
        return syntax("\(expected), found \(describe(at: i)); \(fix)", at: i)
    }

    /// The input ended inside an open container or where a value was expected.
    func unclosed() -> Diagnostic {
        guard let frame = stack.last else {
            return syntax("unexpected end of input; write the missing value", at: i)
        }
        let (noun, bracket) = frame.isObject ? ("object", "}") : ("array", "]")
        return ReadError.error(
            ReadError.jsonSyntax, "unexpected end of input inside an \(noun); add the missing value or '\(bracket)'",
            file: file, at: mark(at: i),
            notes: [Diagnostic.Note("the \(noun) starts here", at: SourceLocation(file: file, mark: frame.mark))])
    }

    func unterminatedString(at open: Mark) -> Diagnostic {
        ReadError.error(ReadError.jsonString, "string is not closed; add the missing '\"'", file: file, at: open)
    }

    func controlCharacter(at j: Int) -> Diagnostic {
        let c = b[j]
        let (name, fix): (String, String) =
            switch c {
            case 0x0A: ("line break", "\\n")
            case 0x0D: ("carriage return", "\\r")
            case 0x09: ("tab", "\\t")
            case 0x08: ("backspace", "\\b")
            case 0x0C: ("form feed", "\\f")
            default: ("control character U+\(hex4(UInt32(c)).uppercased())", "\\u\(hex4(UInt32(c)))")
            }
        return stringError("raw \(name) in a string; write it as \(fix)", at: j)
    }

    func invalidUTF8(at j: Int) -> Diagnostic {
        ReadError.error(
            ReadError.encoding,
            "invalid UTF-8 sequence starting with byte 0x\(String(b[j], radix: 16, uppercase: true)); "
                + "save the file as UTF-8",
            file: file, at: mark(at: j))
    }

    func tooLarge(at mark: Mark, bytes: Int) -> Diagnostic {
        ReadError.error(
            ReadError.scalarTooLarge,
            "a value of \(bytes) bytes is larger than the limit of \(limits.maxScalarBytes) bytes; "
                + "move the data out of the document",
            file: file, at: mark)
    }

    /// A number that breaks RFC 8259's grammar, explained by its most likely intent.
    func badNumber(start: Int) -> Diagnostic {
        var end = start
        while end < n, isNumberByte(b[end]) { end += 1 }
        let token = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        var body = Substring(token)
        var sign = ""
        if body.first == "-" || body.first == "+" {
            sign = body.first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        let message: String
        if token.hasPrefix("+") {
            message = "number '\(token)' starts with '+'; remove the '+'"
        } else if body == "Infinity" || body == "NaN" {
            message = "\(token) has no JSON form; write null or a string instead"
        } else if body.hasPrefix(".") {
            message = "number '\(token)' needs a digit before the point; write '\(sign)0\(body)'"
        } else if body.hasPrefix("0x") || body.hasPrefix("0X") || body.hasPrefix("0o") || body.hasPrefix("0b") {
            message = "number '\(token)' is not decimal; JSON numbers are decimal, so write it in decimal"
        } else if body.count > 1, body.hasPrefix("0"), body.dropFirst().first?.isNumber == true {
            message = "number '\(token)' has a leading zero; remove it, or quote the value if it is a code"
        } else if body.isEmpty || !(body.first?.isNumber ?? false) {
            message = "'-' must be followed by a digit"
        } else if let point = body.firstIndex(of: "."),
            body[body.index(after: point)...].first.map({ !$0.isNumber }) ?? true
        {
            let after = body.index(after: point)
            let fixed = "\(sign)\(body[..<after])0\(body[after...])"
            message = "number '\(token)' needs a digit after the point; write '\(fixed)'"
        } else if let last = body.last, last == "e" || last == "E" || last == "+" || last == "-" {
            message = "number '\(token)' has an exponent without digits; add them or remove the exponent"
        } else {
            message = "'\(token)' is not a JSON number; write a number such as 12, -3.5 or 1e3, or quote it"
        }
        return ReadError.error(ReadError.jsonNumber, message, file: file, at: mark(at: start))
    }

    /// A bare word where a value belongs, with the spelling JSON wants.
    func badWord(at start: Int) -> Diagnostic {
        let word = wordText(at: start)
        let message: String
        switch word {
        case "True", "TRUE": message = "'\(word)' is not a JSON literal; write true"
        case "False", "FALSE": message = "'\(word)' is not a JSON literal; write false"
        case "Null", "NULL", "None", "nil", "undefined": message = "'\(word)' is not a JSON literal; write null"
        case "NaN", "Infinity": return badNumber(start: start)
        default: message = "unquoted text '\(word)'; put strings in double quotes"
        }
        return syntax(message, at: start)
    }

    func wordText(at start: Int) -> String {
        var end = start
        while end < n, isWordByte(b[end]) { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
    }

    /// What is at `j`, for messages: a quoted character or a named control character.
    func describe(at j: Int) -> String {
        let c = b[j]
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        if c >= 0x80, let length = utf8SequenceLength(at: j) {
            let s = String(decoding: UnsafeBufferPointer(rebasing: b[j..<j + length]), as: UTF8.self)
            return "'\(s)'"
        }
        return "U+\(hex4(UInt32(c)).uppercased())"
    }
}

// MARK: - Byte classes

private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

/// Bytes that can continue a number-like token, so that `1.2.3` is reported whole.
private func isNumberByte(_ c: UInt8) -> Bool {
    isWordByte(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
}

/// Bytes of a bare word such as `True` or `yes`.
private func isWordByte(_ c: UInt8) -> Bool {
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_")
        || c == UInt8(ascii: "$")
}

private func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case 0x30...0x39: UInt32(c - 0x30)
    case 0x41...0x46: UInt32(c - 0x41 + 10)
    case 0x61...0x66: UInt32(c - 0x61 + 10)
    default: nil
    }
}

/// Four lower-case hex digits.
private func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

private func escape(_ unit: UInt32) -> String { "\\u" + hex4(unit) }

/// A key or value as it would be written in JSON, for messages.
private func quoted(_ text: String) -> String { JSONString.quoted(text) }

/// Text as a JSON string literal.
public enum JSONString {
    /// `text` in double quotes with JSON's escapes: what a message shows, and what a
    /// template's `$input.json` gives.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20: out += "\\u" + hex4(scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
