internal import CLibYAML
import Diagnostics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads YAML into a `Node` tree through libyaml's event API.
///
/// libyaml does the scanning and parsing; this type composes the events into the tree and
/// adds what libyaml leaves out: duplicate keys, alias limits, nesting and size limits,
/// YAML 1.2 core-schema resolution of plain scalars, and 1-based marks.
///
/// Defined behaviour for awkward input (each has a test):
/// - A UTF-8 byte-order mark is skipped. A UTF-16 or UTF-32 one, a NUL byte or an invalid
///   UTF-8 sequence is `YAML009`.
/// - CRLF and lone CR count as one line break; line breaks inside scalars become LF.
/// - A tab in indentation is libyaml's syntax error, reported as `YAML001` with the fix.
/// - A stream with no document (empty file, only comments) is `YAML008`; a second
///   document is `YAML007`. A lone `---` is one document holding null.
/// - Aliases are copied where they stand, counted against `ReadLimits.maxAliasExpansion`.
public enum YAMLReader {
    /// Reads one YAML document.
    ///
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - file: the name used in diagnostics, as the user gave it.
    /// - Throws: `DiagnosticError` with every problem found.
    public static func read(_ bytes: [UInt8], file: String, limits: ReadLimits = .default) throws -> Node {
        try read(bytes, file: file, limits: limits, threading: .automatic)
    }

    /// How `read` spreads its work over threads. Only tests, the fuzzer and benchmarks choose:
    /// every choice gives the same tree and the same diagnostics.
    public enum Threading: Sendable {
        /// Pipelined from `pipelineThreshold` bytes up, single-threaded below.
        case automatic
        /// libyaml and the composer take turns on the calling thread.
        case singleThread
        /// libyaml parses on a second thread while the calling thread composes (on one
        /// thread all the same for inputs over 4 GiB, whose lengths batches do not hold).
        case pipelined
        /// The two halves of the document are parsed and composed on two threads and joined
        /// (`HalvedRead`); read pipelined when the document has no cut or the halves do not
        /// join, as a document with a problem never does.
        case halves
    }

    /// Inputs of at least this many bytes are read in halves when they can be
    /// (`HalvedRead`), pipelined when they cannot. Measured with `oas2apigw-bench --profile
    /// read-threshold` (docs/benchmarks.md): from 256 kB to 2 MB the halves beat the pipelined
    /// read in five sizes of six; a file below this keeps the pipelined read.
    public static let halvesThreshold = 512 << 10

    /// Inputs of at least this many bytes are read on two threads.
    ///
    /// Below it a second thread costs more than it saves: starting and joining it, and the
    /// composer waiting for the first batch, are fixed costs that a small file's read does not
    /// cover, and a multi-file spec reads hundreds of small files. Measured with
    /// `oas2apigw-bench --profile read-threshold` (docs/benchmarks.md).
    public static let pipelineThreshold = 256 << 10

    /// Reads one YAML document on the threads `threading` asks for.
    public static func read(
        _ bytes: [UInt8], file: String, limits: ReadLimits = .default, threading: Threading
    ) throws -> Node {
        try read(bytes, file: file, limits: limits, threading: threading, notingKeys: []).root
    }

    /// Reads one YAML document and notes where the mapping entries with each of `keys` are,
    /// the keys on their paths told apart by `words` (`KeyedEntries`); `nil` entries for a
    /// document with an alias.
    public static func read(
        _ bytes: [UInt8], file: String, limits: ReadLimits = .default, threading: Threading = .automatic,
        notingKeys keys: [String], tellingApart words: [String] = []
    ) throws -> (root: Node, entries: KeyedEntries?) {
        try InputChecks.checkSizeAndEncoding(bytes, file: file, limits: limits)
        let bomLength = InputChecks.utf8BOMLength(bytes)
        let wantsPipeline =
            switch threading {
            case .automatic: bytes.count >= pipelineThreshold
            case .singleThread: false
            case .pipelined, .halves: true
            }
        let wantsHalves =
            switch threading {
            case .automatic: bytes.count >= halvesThreshold
            case .halves: true
            case .singleThread, .pipelined: false
            }
        let isPipelined = wantsPipeline && bytes.count <= YAMLEventBatch.maxInputBytes
        let makeComposer = composers(file: file, limits: limits, inputSize: bytes.count, notingKeys: keys, tellingApart: words)
        return try bytes.withUnsafeBufferPointer { whole in
            let body = UnsafeBufferPointer(rebasing: whole[bomLength...])
            let source = LibYAMLSource(input: body, file: file, bomLength: bomLength)
            if wantsHalves, let halves = HalvedRead.read(body, source: source, limits: limits, makeComposer: makeComposer) {
                return halves
            }
            var composer = makeComposer()
            defer { composer.deallocate() }
            if isPipelined, let tree = try readPipelined(source, composer: &composer, limits: limits) {
                return (tree, composer.noted)
            }
            let outcome = try source.parse { event in
                try composer.handle(event)
                return true
            }
            return (try composer.finish(outcome), composer.noted)
        }
    }

    /// Makes the composer of a read, or one for each half of a halved read.
    static func composers(file: String, limits: ReadLimits, inputSize: Int, notingKeys keys: [String], tellingApart words: [String])
        -> @Sendable () -> Composer
    {
        let keepsStrings = inputSize >= StringTable.inputSize
        return {
            var composer = Composer(file: file, limits: limits)
            if !keys.isEmpty {
                composer.noted = KeyedEntries(keys: keys, words: words)
                composer.notedKeys = keys.map { Array($0.utf8) }
            }
            if keepsStrings { composer.strings = StringTable() }
            return composer
        }
    }

    /// Parses on a second thread and composes on this one, a batch of events at a time.
    ///
    /// - Returns: the tree, or `nil` when no thread could be started (the caller then reads
    ///   on this thread alone; nothing has been composed yet).
    private static func readPipelined(
        _ source: LibYAMLSource, composer: inout Composer, limits: ReadLimits
    ) throws -> Node? {
        let channel = YAMLEventChannel()
        let maxScalarBytes = limits.maxScalarBytes
        guard
            let producer = JoinableThread({
                var batch = YAMLEventBatch()
                // Small batches first, so the composer starts after 256 events rather than
                // a full batch; doubled up to the full size from then on.
                var eventLimit = 256
                batch.eventLimit = eventLimit
                let outcome = source.parse { event in
                    batch.append(event, maxScalarBytes: maxScalarBytes)
                    guard batch.isFull else { return true }
                    guard channel.send(&batch) else { return false }
                    eventLimit = min(2 * eventLimit, YAMLEventBatch.eventCapacity)
                    batch.eventLimit = eventLimit
                    return true
                }
                // A cancelled producer sends nothing more: the composer has stopped reading.
                if let end = outcome.batchEnd {
                    batch.end = end
                    _ = channel.send(&batch)
                }
            })
        else { return nil }
        // However the composer ends, the producer stops and has ended before the bytes it
        // reads can go away.
        defer {
            channel.cancel()
            producer.join()
        }
        var used: YAMLEventBatch?
        while true {
            let batch = channel.receive(returning: used)
            try batch.forEachEvent { try composer.handle($0) }
            switch batch.end {
            case .streamEnd?: return try composer.finish(.streamEnd)
            case .failure(let diagnostic)?: return try composer.finish(.failure(diagnostic))
            case nil: used = batch
            }
        }
    }
}

/// libyaml's parser over one input: runs it to the end or to its first error, and turns that
/// error into a located diagnostic that names a fix.
///
/// Both ways of reading parse through this, the pipelined one on its second thread, so the
/// events and the syntax diagnostic are the same whichever runs.
struct LibYAMLSource: @unchecked Sendable {
    // @unchecked: `input` borrows the caller's bytes. `YAMLReader.read` joins the parsing
    // thread before `withUnsafeBufferPointer` returns, so no thread reads them after that.
    var input: UnsafeBufferPointer<UInt8>
    let file: String
    let bomLength: Int
    /// Lines libyaml reads before `input`, for the second half of a halved read
    /// (`HalvedRead`): the key lines the half's first line is under.
    var prefix: UnsafeBufferPointer<UInt8>? = nil
    /// Added to the line of every event: for a part that starts further down the file.
    var lineOffset = 0

    /// How a parse ended.
    enum Outcome {
        /// libyaml reached the end of the stream.
        case streamEnd
        /// The caller asked to stop.
        case stopped
        /// libyaml stopped on an error (or could not start), turned into its diagnostic.
        case failure(Diagnostic)

        /// The end a pipelined producer hands over in its last batch; `nil` when stopped.
        var batchEnd: YAMLEventBatch.End? {
            switch self {
            case .streamEnd: .streamEnd
            case .stopped: nil
            case .failure(let diagnostic): .failure(diagnostic)
            }
        }
    }

    /// Calls `body` with every event before the stream's end, until it returns `false`.
    func parse(_ body: (YAMLEvent) throws -> Bool) rethrows -> Outcome {
        var endLine = 0
        return try parse(endLine: &endLine, body)
    }

    /// `parse(_:)`, also telling the 0-based line libyaml's stream ends on: the count of line
    /// breaks in an input that ends with one, as libyaml counts them.
    func parse(endLine: inout Int, _ body: (YAMLEvent) throws -> Bool) rethrows -> Outcome {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(.error(ReadError.syntax, "libyaml could not start (out of memory)"))
        }
        defer { yaml_parser_delete(&parser) }
        var spliced = SplicedInput(parts: (prefix ?? UnsafeBufferPointer(start: nil, count: 0), input))
        return try withUnsafeMutablePointer(to: &spliced) { splicedInput in
            if prefix == nil {
                yaml_parser_set_input_string(&parser, input.baseAddress, input.count)
            } else {
                yaml_parser_set_input(&parser, SplicedInput.read, splicedInput)
            }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return .failure(syntaxError(parser))
                }
                defer { yaml_event_delete(&event) }
                let view = YAMLEvent(event, lineOffset: lineOffset)
                if view.kind == .streamEnd {
                    endLine = Int(event.start_mark.line)
                    return .streamEnd
                }
                guard try body(view) else { return .stopped }
            }
        }
    }

    /// Two buffers libyaml reads as one input, through its read handler: the prefix lines of
    /// a halved read's second half, then the half itself, neither copied into a new buffer.
    private struct SplicedInput {
        var parts: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>)
        var offset = 0

        /// libyaml's `yaml_read_handler_t`: fills `buffer` with up to `size` bytes; 0 read is the end.
        static let read: @convention(c) (
            UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, Int, UnsafeMutablePointer<Int>?
        ) -> Int32 = { data, buffer, size, sizeRead in
            guard let data, let buffer, let sizeRead else { return 0 }
            let input = data.assumingMemoryBound(to: SplicedInput.self)
            var offset = input.pointee.offset
            var part = input.pointee.parts.0
            if offset >= part.count {
                offset -= part.count
                part = input.pointee.parts.1
            }
            let count = min(size, part.count - offset)
            if count > 0 { memcpy(buffer, part.baseAddress! + offset, count) }
            input.pointee.offset += count
            sizeRead.pointee = count
            return 1
        }
    }

    /// Turns libyaml's error state into a located diagnostic that names a fix.
    private func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if parser.error == YAML_MEMORY_ERROR {
            return .error(ReadError.syntax, "libyaml ran out of memory; the file is too large to read")
        }
        if parser.error == YAML_READER_ERROR {
            // The reader reports a byte offset, not a mark, and for a bad UTF-8 sequence the
            // offset of the byte where it noticed; point at the sequence's first byte instead.
            let isEncoding = problem.contains("UTF-8") || problem.contains("octet")
            let offset = (isEncoding ? InputChecks.firstIllFormedUTF8(in: input) : nil) ?? Int(parser.problem_offset)
            let at = InputChecks.mark(ofByteOffset: bomLength + offset, in: input, bomLength: bomLength)
            return ReadError.error(
                isEncoding ? ReadError.encoding : ReadError.syntax,
                isEncoding
                    ? "invalid UTF-8 (\(problem)); save the file as UTF-8"
                    : "\(problem); remove the character or escape it in a double-quoted string",
                file: file, at: at)
        }
        let at = mark(parser.problem_mark)
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " " + context
        }
        message += "; " + fixHint(for: problem, at: parser.problem_mark, openedAt: parser.context == nil ? nil : parser.context_mark)
        var notes: [Diagnostic.Note] = []
        if parser.context != nil, parser.context_mark.line != parser.problem_mark.line
            || parser.context_mark.column != parser.problem_mark.column
        {
            let contextText = String(cString: parser.context!)
            let started = contextText.replacingFirst("while ", with: "")
            notes.append(.init("\(started) started here", at: SourceLocation(file: file, mark: mark(parser.context_mark))))
        }
        return ReadError.error(ReadError.syntax, message, file: file, at: at, notes: notes)
    }

    private func fixHint(for problem: String, at m: yaml_mark_t, openedAt context: yaml_mark_t?) -> String {
        let offending = Int(m.index) < input.count ? character(atCharacterIndex: Int(m.index)) : nil
        if problem.contains("cannot start any token") {
            if offending == "\t" { return "YAML does not allow tabs for indentation; indent with spaces" }
            if let c = offending { return "'\(c)' cannot start a plain value; put the value in quotes" }
            return "put the value in quotes"
        }
        if problem.contains("mapping values are not allowed") {
            return "put the value in quotes if it contains ': ', or fix the indentation"
        }
        if problem.contains("did not find expected key") || problem.contains("expected <block end>") {
            return "check that this line is indented like its siblings"
        }
        if problem.contains("did not find expected '-' indicator") {
            return "check the indentation of this sequence item"
        }
        if problem.contains("found unexpected end of stream") {
            return "close the quoted string or the flow collection"
        }
        if problem.contains("unknown escape") {
            return "escape a backslash as \\\\ or use single quotes"
        }
        if problem.contains("undefined tag handle") {
            return "declare the handle with %TAG or write the tag with a single '!'"
        }
        if problem.contains("did not find expected ',' or ']'"), let context, bracesInside(from: context, to: m) {
            // `paths: [/a/{b}]`: in a flow sequence `{` opens a mapping, a policy's first trap.
            return "a { inside [ ] starts a mapping; put a value with braces in quotes, such as \"/a/{b}\""
        }
        if problem.contains("did not find expected") {
            return "check the brackets, quotes and commas before this point"
        }
        return "check the syntax near here"
    }

    /// Whether a `{` comes between two of libyaml's marks on one line (a few hundred
    /// characters at most are looked at: this is the error path of one bracket).
    private func bracesInside(from start: yaml_mark_t, to end: yaml_mark_t) -> Bool {
        guard start.line == end.line, end.index > start.index, end.index - start.index < 400 else { return false }
        return (Int(start.index)...Int(end.index)).contains { character(atCharacterIndex: $0) == "{" }
    }

    /// The character at libyaml's character index (libyaml counts characters, not bytes).
    private func character(atCharacterIndex target: Int) -> Character? {
        var count = 0
        var i = 0
        while i < input.count {
            if count == target {
                let length = InputChecks.utf8Length(leadByte: input[i])
                let end = min(i + length, input.count)
                return String(decoding: UnsafeBufferPointer(rebasing: input[i..<end]), as: UTF8.self).first
            }
            if input[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
            while i < input.count, input[i] & 0xC0 == 0x80 { i += 1 }
        }
        return nil
    }

    private func mark(_ m: yaml_mark_t) -> Mark {
        Mark(line: Int(m.line) + 1, column: Int(m.column) + 1)
    }
}

/// Builds the tree from libyaml events on one stack of pending children (`NodeStack`).
///
/// It sees events only as `YAMLEvent` views, one at a time, so the same code composes
/// whether the events come straight from libyaml or from batches another thread parsed.
struct Composer {
    /// A collection being read: its children accumulate on `children` from `start` (a mapping's keys and
    /// values interleaved), and `nodeCount` counts every node below it for alias limits.
    ///
    /// Plain data only, so pushing and popping frames touches no reference counts; the rare
    /// tag or anchor of a collection waits in `frameNames`.
    struct Frame {
        var isMapping: Bool
        /// Whether this frame's tag and anchor are on top of `frameNames`.
        var hasNames: Bool
        var start: Int
        var mark: Mark
        var nodeCount = 0
        /// Where this mapping's key hashes start in `keyHashes`.
        var keyHashStart = 0
    }

    let file: String
    let limits: ReadLimits

    var frames: [Frame] = []
    var frameNames: [(tag: String?, anchor: String?)] = []
    var children = NodeStack()
    /// A hash of every key of the open mappings, innermost last. Duplicate detection compares
    /// these integers and looks at the strings only when two hashes are equal, which keeps
    /// string reference counting out of the per-key hot path.
    var keyHashes: [UInt64] = []
    var anchors: [String: (node: Node, size: Int)] = [:]
    var aliasExpansion = 0
    /// How many open collections carry an anchor. Subtree sizes matter only for anchored
    /// nodes, so nodes are counted only while one is open.
    var anchoredFrames = 0
    var root: Node?
    /// Each long scalar's text, kept once, for a large input (`StringTable.inputSize`): a
    /// small file's few repeats do not pay for the table.
    var strings: StringTable?
    /// The entries with the keys asked for, when asked; `nil` again once an alias is met.
    var noted: KeyedEntries?
    /// The UTF-8 of the keys whose entries are noted, compared with every key read: kept
    /// apart from `noted`, which reading through the optional would copy for each key.
    var notedKeys: [[UInt8]] = []
    /// Where the value of the entry noted last goes: the depth of its mapping and the count
    /// of children once the value is added; `nil` when no value is awaited.
    var awaitedValue: (depth: Int, children: Int)?
    var documentCount = 0
    var problems: [Diagnostic] = []

    init(file: String, limits: ReadLimits) {
        self.file = file
        self.limits = limits
    }

    /// Frees the stack of pending children; called once, when reading ends either way.
    func deallocate() {
        children.deallocate()
    }

    /// The tree, once the parse has ended, or every problem found.
    ///
    /// A syntax error comes after the problems of the events before it, as it was met.
    func finish(_ outcome: LibYAMLSource.Outcome) throws -> Node {
        switch outcome {
        case .failure(let diagnostic): throw DiagnosticError(problems + [diagnostic])
        case .streamEnd, .stopped: break
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        guard let root else {
            throw DiagnosticError(
                ReadError.error(
                    ReadError.empty, "the file holds no YAML document; write the spec in it", file: file,
                    at: Mark(line: 1, column: 1)))
        }
        return root
    }

    /// Adds one event to the tree, or throws when a limit stops the read.
    mutating func handle(_ event: YAMLEvent) throws {
        switch event.kind {
        case .scalar:
            let at = event.mark
            if event.valueLength > limits.maxScalarBytes {
                throw DiagnosticError(
                    ReadError.error(
                        ReadError.scalarTooLarge,
                        "scalar of \(event.valueLength) bytes is larger than the limit of \(limits.maxScalarBytes) bytes; "
                            + "move the content out of the spec or split it",
                        file: file, at: at))
            }
            let bytes = event.value
            let isPlain = event.style == .plain
            var kind: ScalarKind = isPlain ? ScalarKind.resolve(plainUTF8: bytes) : .string
            var tag = event.tag.map { String(decoding: $0, as: UTF8.self) }
            let text =
                bytes.count > 15 && strings != nil ? strings!.string(for: bytes) : String(decoding: bytes, as: UTF8.self)
            if let t = tag {
                (kind, tag) = applyScalarTag(t, text: text, resolved: kind, isPlain: isPlain, at: at)
            }
            if isKeyPosition {
                // Strings, the common case, hash their bytes; other kinds hash the spelling
                // writers use, so keys that write alike (`~` and `NULL`) collide here too.
                keyHashes.append(kind == .string ? Self.hash(bytes) : Self.hash(canonical: Scalar(text: text, kind: kind)))
                if !notedKeys.isEmpty, let key = notedKey(bytes) { note(key) }
            }
            let node = Node(.scalar(Scalar(text: text, kind: kind, style: event.style)), tag: tag, mark: at)
            try add(node, size: 1, anchorName: event.anchor.map { String(decoding: $0, as: UTF8.self) })

        case .sequenceStart:
            try open(isMapping: false, tag: event.tag, anchor: event.anchor, at: event.mark)

        case .mappingStart:
            try open(isMapping: true, tag: event.tag, anchor: event.anchor, at: event.mark)

        case .sequenceEnd, .mappingEnd:
            let frame = frames.removeLast()
            let names: (tag: String?, anchor: String?) = frame.hasNames ? frameNames.removeLast() : (nil, nil)
            if names.anchor != nil { anchoredFrames -= 1 }
            let node: Node
            if frame.isMapping {
                checkDuplicateKeys(children.view(from: frame.start), hashesFrom: frame.keyHashStart)
                keyHashes.removeSubrange(frame.keyHashStart...)
                node = Node(
                    .mapping(Mapping(interleaved: children.popArray(from: frame.start))), tag: names.tag, mark: frame.mark)
            } else {
                node = Node(.sequence(children.popArray(from: frame.start)), tag: names.tag, mark: frame.mark)
            }
            try add(node, size: frame.nodeCount + 1, anchorName: names.anchor)

        case .alias:
            let name = event.anchor.map { String(decoding: $0, as: UTF8.self) } ?? ""
            let at = event.mark
            guard let (target, size) = anchors[name] else {
                throw DiagnosticError(
                    problems + [
                        ReadError.error(
                            ReadError.unknownAnchor,
                            "alias *\(name) refers to no anchor before it; define &\(name) earlier or remove the alias",
                            file: file, at: at)
                    ])
            }
            // The copy's keys sit where they were never seen: the notes cannot say so. No
            // value is awaited any more either, even when the alias is inside a noted entry's
            // value (a discriminator `mapping` holding an alias, say).
            noted = nil
            notedKeys = []
            awaitedValue = nil
            aliasExpansion += size
            if aliasExpansion > limits.maxAliasExpansion {
                throw DiagnosticError(
                    ReadError.error(
                        ReadError.aliasExpansion,
                        "aliases expand to more than \(limits.maxAliasExpansion) nodes (an alias bomb?); "
                            + "write the repeated parts out or use $ref",
                        file: file, at: at))
            }
            var copy = target
            copy.mark = at
            if isKeyPosition, let scalar = copy.scalar {
                keyHashes.append(Self.hash(canonical: scalar))
            }
            try add(copy, size: size, anchorName: nil)

        case .documentStart:
            documentCount += 1
            if documentCount > 1 {
                throw DiagnosticError(
                    problems + [
                        ReadError.error(
                            ReadError.multipleDocuments,
                            "a second YAML document starts here; a spec is one document, so remove it or move it to its own file",
                            file: file, at: event.mark)
                    ])
            }

        case .streamEnd, .other:
            // Stream start, document end: nothing to build.
            break
        }
    }

    private mutating func open(
        isMapping: Bool, tag: UnsafeBufferPointer<UInt8>?, anchor: UnsafeBufferPointer<UInt8>?,
        at: Mark
    ) throws {
        if frames.count >= limits.maxDepth {
            throw DiagnosticError(
                ReadError.error(
                    ReadError.tooDeep,
                    "nesting deeper than \(limits.maxDepth) levels; flatten the document or move parts to components",
                    file: file, at: at))
        }
        var tagText = tag.map { String(decoding: $0, as: UTF8.self) }
        // The core schema's collection tags and the non-specific `!` add nothing to the tree.
        if tagText == "tag:yaml.org,2002:map" || tagText == "tag:yaml.org,2002:seq" || tagText == "!" {
            tagText = nil
        }
        let anchorText = anchor.map { String(decoding: $0, as: UTF8.self) }
        let hasNames = tagText != nil || anchorText != nil
        if hasNames { frameNames.append((tagText, anchorText)) }
        if anchorText != nil { anchoredFrames += 1 }
        frames.append(
            Frame(
                isMapping: isMapping, hasNames: hasNames, start: children.count, mark: at, keyHashStart: keyHashes.count))
    }

    /// The index of the noted key spelled `bytes`, if it is one.
    private func notedKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for index in notedKeys.indices where notedKeys[index].count == bytes.count {
            if notedKeys[index].withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
                return index
            }
        }
        return nil
    }

    /// Notes the entry whose key is being read: the position of the open child in each
    /// open collection with the key it is under, then the entry's own position; its value
    /// is noted when it is added (`add`).
    private mutating func note(_ key: Int) {
        let last = frames.count - 1
        var path: [UInt32] = []
        path.reserveCapacity(frames.count)
        for level in 0..<last {
            let before = frames[level + 1].start - frames[level].start
            // Inside a collection that is a mapping's key, not a value: such a key is refused
            // (`complexKey`) and the read fails, and a path of values cannot reach it.
            if frames[level].isMapping && before % 2 == 0 { return }
            path.append(UInt32(frames[level].isMapping ? before / 2 : before))
        }
        path.append(UInt32((children.count - frames[last].start) / 2))
        let frames = self.frames
        let children = self.children
        noted!.append(key: key, path: path) { level in
            // The open child's key is the last node added to its mapping.
            frames[level].isMapping ? children.view(from: frames[level + 1].start - 1)[0] : nil
        }
        awaitedValue = (frames.count, children.count + 2)
    }

    /// Whether the next node completed goes into a mapping as a key.
    private var isKeyPosition: Bool {
        // Indexing reads two fields; `frames.last` would copy the frame and its strings.
        let top = frames.count - 1
        return top >= 0 && frames[top].isMapping && (children.count - frames[top].start) % 2 == 0
    }

    /// The hash of a key by the spelling writers give it: `null` for every null, booleans
    /// in lower case, numbers as `NumberSpelling` writes them, strings as they are.
    static func hash(canonical scalar: Scalar) -> UInt64 {
        var text: String =
            switch scalar.kind {
            case .null: "null"
            case .bool: scalar.text.lowercased()
            case .int: NumberSpelling.yaml(integer: scalar.text)
            case .float: NumberSpelling.yaml(float: scalar.text)
            case .string: scalar.text
            }
        return text.withUTF8 { hash($0) }
    }

    /// FNV-1a over a key's UTF-8 bytes.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        }
        return h & ~(1 << 63)
    }

    private mutating func add(_ node: consuming Node, size: Int, anchorName: String?) throws {
        if let anchorName { anchors[anchorName] = (node, size) }
        guard !frames.isEmpty else {
            root = node
            return
        }
        let top = frames.count - 1
        if !node.isScalar, frames[top].isMapping, (children.count - frames[top].start) % 2 == 0 {
            // Collection keys get a hash no scalar key shares: their position.
            keyHashes.append(UInt64(keyHashes.count) | 1 << 63)
            problems.append(
                ReadError.error(
                    ReadError.complexKey,
                    "a mapping key must be a scalar, not \(node.kindDescription); write the key as a string",
                    file: file, at: node.mark))
        }
        if anchoredFrames > 0 { frames[top].nodeCount += size }
        if let awaited = awaitedValue, awaited.depth == frames.count, awaited.children == children.count + 1 {
            noted?.setLastValue(node)
            awaitedValue = nil
        }
        children.push(node)
    }

    /// Reports every key that repeats an earlier key of the same mapping, compared by text
    /// so that `200` and `"200"` collide as they do for OpenAPI.
    private mutating func checkDuplicateKeys(_ buffer: UnsafeBufferPointer<Node>, hashesFrom start: Int) {
        let count = buffer.count / 2
        if count < 2 { return }
        precondition(keyHashes.count - start == count, "one hash per key")
        func sameKey(_ i: Int, _ j: Int) -> Bool {
            guard case .scalar(let a) = buffer[2 * i].content, case .scalar(let b) = buffer[2 * j].content else {
                return false
            }
            guard buffer[2 * i].tag == buffer[2 * j].tag else { return false }
            return a.kind == b.kind ? a.hasSameMeaning(as: b) : a.text == b.text
        }
        if count <= 16 {
            for i in 1..<count {
                let h = keyHashes[start + i]
                for j in 0..<i where keyHashes[start + j] == h && sameKey(i, j) {
                    reportDuplicate(buffer[2 * i].text ?? "", at: buffer[2 * i].mark, first: buffer[2 * j].mark)
                    break
                }
            }
            return
        }
        var firstWithHash: [UInt64: [Int]] = [:]
        firstWithHash.reserveCapacity(count)
        for i in 0..<count {
            let h = keyHashes[start + i]
            if let earlier = firstWithHash[h], let j = earlier.first(where: { sameKey(i, $0) }) {
                reportDuplicate(buffer[2 * i].text ?? "", at: buffer[2 * i].mark, first: buffer[2 * j].mark)
            } else {
                firstWithHash[h, default: []].append(i)
            }
        }
    }

    private mutating func reportDuplicate(_ key: String, at: Mark, first: Mark) {
        problems.append(
            ReadError.error(
                ReadError.duplicateKey, "duplicate key \"\(key)\"; remove one of them or merge their contents",
                file: file, at: at,
                notes: [.init("first defined here", at: SourceLocation(file: file, mark: first))]))
    }

    /// Applies a scalar's explicit tag: core-schema tags set the kind and are dropped,
    /// application tags such as `!Ref` are kept as written.
    private mutating func applyScalarTag(
        _ tag: String, text: String, resolved: ScalarKind, isPlain: Bool, at: Mark
    ) -> (ScalarKind, String?) {
        let core = "tag:yaml.org,2002:"
        guard tag.hasPrefix(core) else {
            // `! value` is the non-specific tag: a string, whatever it looks like.
            return tag == "!" ? (.string, nil) : (resolved, tag)
        }
        let name = tag.dropFirst(core.count)
        let wanted: ScalarKind? =
            switch name {
            case "str": .string
            case "int": .int
            case "float": .float
            case "bool": .bool
            case "null": .null
            default: nil
            }
        guard let wanted else { return (resolved, tag) }
        if wanted == .string { return (.string, nil) }
        let plainKind = ScalarKind.resolve(plain: text)
        if plainKind == wanted || (wanted == .float && plainKind == .int) {
            return (wanted, nil)
        }
        problems.append(
            ReadError.error(
                ReadError.tagMismatch, "\"\(text)\" is not a valid !!\(name); correct the value or remove the tag",
                file: file, at: at))
        return (resolved, nil)
    }
}

extension String {
    fileprivate func replacingFirst(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
