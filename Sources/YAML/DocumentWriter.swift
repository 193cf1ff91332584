import Diagnostics
import Dispatch

/// Writes a `SplicedDocument` as YAML or JSON into a sink: the bytes `YAMLWriter` or
/// `JSONWriter` would write for `document.assembled()`, without ever holding the spliced
/// mapping, or the text, whole.
///
/// The spliced entries are made and written in parts of a few dozen entries. Up to
/// `workers` threads each make a part and write it into a buffer of its own; the parts
/// reach the sink in document order, a few at a time, so the bytes never depend on the
/// number of workers or on which thread finished first.
public enum DocumentWriter {
    /// What writing found: nodes JSON cannot say (always empty for YAML) and the first
    /// application tag in document order.
    public struct Outcome {
        public var problems: [Diagnostic] = []
        public var firstTag: (tag: String, mark: Mark)?
    }

    /// Writes `document` into `sink`.
    ///
    /// - Parameters:
    ///   - file, replacingTagged: as for `JSONWriter.write`; YAML keeps tags as they are.
    ///   - workers: how many threads make parts at once; 1 makes them all on this thread.
    ///   - partSize: entries per part; by default a part is a few dozen entries, or less
    ///     when there are few entries for the workers to share.
    public static func write(
        _ document: SplicedDocument, format: SourceFormat, to sink: ByteSink, file: String = "",
        replacingTagged: (@Sendable (Node) -> Node?)? = nil, workers: Int, partSize: Int? = nil
    ) -> Outcome {
        guard document.isWellFormed else {
            // Nothing to follow: write the whole tree the usual way.
            let whole = document.assembled()
            switch format {
            case .yaml: return Outcome(firstTag: YAMLWriter.write(whole, to: sink))
            case .json:
                let (problems, tag) = JSONWriter.write(whole, to: sink, file: file, replacingTagged: replacingTagged)
                return Outcome(problems: problems, firstTag: tag)
            }
        }
        let parts = PartPlan(count: document.entryCount, workers: max(1, workers), partSize: partSize)
        switch format {
        case .yaml:
            var writer = SplicedYAML(document: document, parts: parts, emitter: BlockEmitter(sink: sink))
            return writer.write()
        case .json:
            var writer = SplicedJSON(
                document: document, parts: parts, replacingTagged: replacingTagged,
                output: JSONOutput(file: file, sink: sink, replacingTagged: replacingTagged))
            return writer.write()
        }
    }
}

/// How the spliced entries are cut into parts and handed to the workers.
struct PartPlan {
    let count: Int
    let workers: Int
    let partSize: Int

    init(count: Int, workers: Int, partSize: Int?) {
        self.count = count
        // A few dozen path items take less time to make than threads take to start on them:
        // a small API is made on this thread (the bytes are the same either way).
        self.workers = partSize == nil && count < 32 ? 1 : workers
        // Small enough that two workers share a modest API evenly and that the parts in
        // flight are a small share of a large output's memory; large enough that a part
        // (a millisecond or so) costs far more than handing it to a thread.
        self.partSize = max(1, partSize ?? min(16, max(1, count / (workers * 4))))
    }

    /// What one part produced: its text and what the caller wants to know of it.
    struct Part {
        var bytes: [UInt8]
        var notes: [UInt64]
        var problems: [Diagnostic]
        var firstTag: (tag: String, mark: Mark)?
    }

    /// Makes every part with `make` (given the entries' range and whether it is the last
    /// part) and hands each to `take` in order. At most `3 × workers` parts exist at once.
    func run(_ make: @Sendable (Range<Int>, Bool) -> Part, take: (Part) -> Void) {
        let partCount = (count + partSize - 1) / partSize
        let wave = workers * 3
        var first = 0
        while first < partCount {
            let n = min(wave, partCount - first)
            let ranges = (first..<first + n).map { index in
                (index * partSize..<min(count, (index + 1) * partSize), index == partCount - 1)
            }
            if workers == 1 || n == 1 {
                for (range, isLast) in ranges { take(make(range, isLast)) }
            } else {
                let slots = PartSlots(count: n)
                DispatchQueue.concurrentPerform(iterations: n) { i in
                    slots.store(make(ranges[i].0, ranges[i].1), at: i)
                }
                for part in slots.take() { take(part) }
            }
            first += n
        }
    }
}

/// One slot per part of a wave, each written by exactly one worker before any is read.
private final class PartSlots: @unchecked Sendable {
    private let buffer: UnsafeMutablePointer<PartPlan.Part>
    private let count: Int

    init(count: Int) {
        self.count = count
        buffer = .allocate(capacity: count)
    }

    func store(_ part: PartPlan.Part, at index: Int) {
        (buffer + index).initialize(to: part)
    }

    /// Moves every part out, in order, and frees the slots; call once, after every store.
    func take() -> [PartPlan.Part] {
        defer { buffer.deallocate() }
        return (0..<count).map { (buffer + $0).move() }
    }
}

/// Follows the paths of a spliced document while writing it as block YAML.
private struct SplicedYAML {
    let document: SplicedDocument
    let parts: PartPlan
    var emitter: BlockEmitter
    var notes: [UInt64] = []
    var firstTagInParts: (tag: String, mark: Mark)?
    var splicedWritten = false

    init(document: SplicedDocument, parts: PartPlan, emitter: BlockEmitter) {
        self.document = document
        self.parts = parts
        self.emitter = emitter
    }

    mutating func write() -> DocumentWriter.Outcome {
        // `isWellFormed` promised a mapping at the root.
        writeEntries(of: document.root.mapping ?? Mapping(), indent: 0, depth: 0, onSplice: true, onLate: true, isLast: true)
        emitter.flush()
        return DocumentWriter.Outcome(firstTag: firstTagInDocumentOrder)
    }

    /// A tag written before the parts comes first; otherwise the parts' first, then later text's.
    private var firstTagInDocumentOrder: (tag: String, mark: Mark)? {
        tagBeforeParts ?? firstTagInParts ?? emitter.firstTag
    }
    private var tagBeforeParts: (tag: String, mark: Mark)?

    /// Writes a mapping on one of the paths: its entries, the spliced or late ones where
    /// they belong; everything off the paths is written as `YAMLWriter` writes it.
    private mutating func writeEntries(
        of mapping: Mapping, indent: Int, depth: Int, onSplice: Bool, onLate: Bool, isLast: Bool
    ) {
        let spliceIndex = onSplice ? mapping.index(of: document.splicePath[depth]) : nil
        let late = document.lateEntries
        let lateIndex = onLate && late.map({ depth < $0.path.count }) == true ? mapping.index(of: late!.path[depth]) : nil
        let endsLate = onLate && late?.path.count == depth
        for position in 0..<mapping.count {
            let (key, value) = mapping[position: position]
            let isLastEntry = isLast && position == mapping.count - 1 && !endsLate
            if position > 0 { emitter.sliceIfFull() }
            emitter.writeIndent(indent)
            emitter.writeKey(key, indent: indent)
            let followsSplice = position == spliceIndex
            let followsLate = position == lateIndex
            if followsSplice && depth == document.splicePath.count - 1 {
                writeSpliced(indent: indent + 2, isLast: isLastEntry)
            } else if followsSplice || followsLate {
                let inner = value.mapping ?? Mapping()
                let lateHere = followsLate && late?.path.count == depth + 1
                if inner.isEmpty && !lateHere {
                    emitter.output.append(contentsOf: " {}\n".utf8)
                } else {
                    emitter.output.append(0x0A)
                    writeEntries(
                        of: inner, indent: indent + 2, depth: depth + 1, onSplice: followsSplice, onLate: followsLate,
                        isLast: isLastEntry)
                }
            } else {
                emitter.writeValue(value, indent: indent, followsDash: false, isLast: isLastEntry)
            }
        }
        if endsLate, let late {
            precondition(splicedWritten, "late entries must follow the spliced mapping")
            let extra = late.make(notes)
            for position in 0..<extra.count {
                let (key, value) = extra[position: position]
                emitter.sliceIfFull()
                emitter.writeIndent(indent)
                emitter.writeKey(key, indent: indent)
                emitter.writeValue(value, indent: indent, followsDash: false, isLast: isLast && position == extra.count - 1)
            }
        }
    }

    /// Writes the spliced entries, made in parts, after their key's `:`.
    private mutating func writeSpliced(indent: Int, isLast: Bool) {
        splicedWritten = true
        tagBeforeParts = emitter.firstTag
        guard document.entryCount > 0 else {
            emitter.output.append(contentsOf: " {}\n".utf8)
            return
        }
        emitter.output.append(0x0A)
        emitter.flush()
        let document = document
        parts.run({ range, isLastPart in
            let (entries, notes) = document.makeEntries(range)
            var part = BlockEmitter(sink: nil)
            for position in 0..<entries.count {
                let (key, value) = entries[position: position]
                part.writeIndent(indent)
                part.writeKey(key, indent: indent)
                part.writeValue(
                    value, indent: indent, followsDash: false, isLast: isLast && isLastPart && position == entries.count - 1)
            }
            return PartPlan.Part(bytes: part.output, notes: notes, problems: [], firstTag: part.firstTag)
        }) { part in
            notes += part.notes
            if firstTagInParts == nil { firstTagInParts = part.firstTag }
            part.bytes.withUnsafeBufferPointer { emitter.sink?.write($0) }
        }
    }
}

/// Follows the paths of a spliced document while writing it as JSON.
private struct SplicedJSON {
    let document: SplicedDocument
    let parts: PartPlan
    let replacingTagged: (@Sendable (Node) -> Node?)?
    var output: JSONOutput
    var notes: [UInt64] = []
    var problemsInParts: [Diagnostic] = []
    var problemsBeforeParts: [Diagnostic] = []
    var firstTagInParts: (tag: String, mark: Mark)?
    var tagBeforeParts: (tag: String, mark: Mark)?
    var splicedWritten = false

    init(
        document: SplicedDocument, parts: PartPlan, replacingTagged: (@Sendable (Node) -> Node?)?, output: JSONOutput
    ) {
        self.document = document
        self.parts = parts
        self.replacingTagged = replacingTagged
        self.output = output
    }

    mutating func write() -> DocumentWriter.Outcome {
        writeMapping(document.root.mapping ?? Mapping(), depth: 0, onSplice: true, onLate: true)
        output.bytes.append(0x0A)
        output.flush()
        // Problems and tags in document order: before the parts, in them, after them.
        let after = Array(output.problems.dropFirst(problemsBeforeParts.count))
        return DocumentWriter.Outcome(
            problems: problemsBeforeParts + problemsInParts + after,
            firstTag: tagBeforeParts ?? firstTagInParts ?? output.firstTag)
    }

    /// Writes a mapping on one of the paths, as `JSONWriter` writes a mapping at `depth`.
    private mutating func writeMapping(_ mapping: Mapping, depth: Int, onSplice: Bool, onLate: Bool) {
        let spliceIndex = onSplice ? mapping.index(of: document.splicePath[depth]) : nil
        let late = document.lateEntries
        let lateIndex = onLate && late.map({ depth < $0.path.count }) == true ? mapping.index(of: late!.path[depth]) : nil
        let endsLate = onLate && late?.path.count == depth
        var written = 0
        func startEntry(_ output: inout JSONOutput) {
            output.bytes.append(UInt8(ascii: written == 0 ? "{" : ","))
            if written > 0 { output.sliceIfFull() }
            output.newLine(depth: depth + 1)
            written += 1
        }
        for position in 0..<mapping.count {
            let (key, value) = mapping[position: position]
            startEntry(&output)
            output.writeKey(key)
            output.bytes.append(contentsOf: ": ".utf8)
            if position == spliceIndex && depth == document.splicePath.count - 1 {
                writeSpliced(depth: depth + 1)
            } else if position == spliceIndex || position == lateIndex {
                writeMapping(
                    value.mapping ?? Mapping(), depth: depth + 1, onSplice: position == spliceIndex,
                    onLate: position == lateIndex)
            } else {
                output.writeValue(value, depth: depth + 1)
            }
        }
        if endsLate, let late {
            precondition(splicedWritten, "late entries must follow the spliced mapping")
            let extra = late.make(notes)
            for position in 0..<extra.count {
                let (key, value) = extra[position: position]
                startEntry(&output)
                output.writeKey(key)
                output.bytes.append(contentsOf: ": ".utf8)
                output.writeValue(value, depth: depth + 1)
            }
        }
        if written == 0 {
            output.bytes.append(contentsOf: "{}".utf8)
        } else {
            output.newLine(depth: depth)
            output.bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Writes the spliced mapping, its entries made in parts, as a value at `depth`.
    private mutating func writeSpliced(depth: Int) {
        splicedWritten = true
        tagBeforeParts = output.firstTag
        problemsBeforeParts = output.problems
        guard document.entryCount > 0 else {
            output.bytes.append(contentsOf: "{}".utf8)
            return
        }
        output.bytes.append(UInt8(ascii: "{"))
        output.flush()
        let document = document
        let (file, replacingTagged) = (output.file, replacingTagged)
        parts.run({ range, _ in
            let (entries, notes) = document.makeEntries(range)
            var part = JSONOutput(file: file, sink: nil, replacingTagged: replacingTagged)
            for position in 0..<entries.count {
                let (key, value) = entries[position: position]
                // Every entry but the mapping's first follows a comma.
                if range.lowerBound + position > 0 { part.bytes.append(UInt8(ascii: ",")) }
                part.newLine(depth: depth + 1)
                part.writeKey(key)
                part.bytes.append(contentsOf: ": ".utf8)
                part.writeValue(value, depth: depth + 1)
            }
            return PartPlan.Part(bytes: part.bytes, notes: notes, problems: part.problems, firstTag: part.firstTag)
        }) { part in
            notes += part.notes
            problemsInParts += part.problems
            if firstTagInParts == nil { firstTagInParts = part.firstTag }
            part.bytes.withUnsafeBufferPointer { output.sink?.write($0) }
        }
        output.newLine(depth: depth)
        output.bytes.append(UInt8(ascii: "}"))
    }
}
