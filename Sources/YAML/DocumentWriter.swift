import Diagnostics
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// part) and hands each to `collector` in order.
    ///
    /// The workers take parts in order, and whichever finishes the part that is due hands
    /// over every finished part in order, so no thread waits for a batch to end and the
    /// writing happens while the other workers go on. A worker more than `3 × workers`
    /// parts ahead of the part due waits, which bounds the memory in flight.
    func run(_ make: @Sendable (Range<Int>, Bool) -> Part, into collector: PartCollector) {
        let partCount = (count + partSize - 1) / partSize
        let (count, partSize) = (count, partSize)
        @Sendable func range(_ index: Int) -> Range<Int> { index * partSize..<min(count, (index + 1) * partSize) }
        if workers == 1 || partCount == 1 {
            for index in 0..<partCount { collector.take(make(range(index), index == partCount - 1)) }
            return
        }
        let order = PartOrder(count: partCount, window: workers * 3)
        DispatchQueue.concurrentPerform(iterations: partCount) { index in
            // Dispatch hands the indices out in increasing order, so every part before this
            // one is being made or done: waiting here cannot hold up the part that is due.
            order.waitForRoom(index)
            order.finish(index, make(range(index), index == partCount - 1), collector)
        }
    }
}

/// Receives the parts in document order: their bytes go to the sink, the rest is kept.
final class PartCollector: @unchecked Sendable {
    let sink: ByteSink
    private(set) var notes: [UInt64] = []
    private(set) var problems: [Diagnostic] = []
    private(set) var firstTag: (tag: String, mark: Mark)?

    init(sink: ByteSink) {
        self.sink = sink
    }

    /// Called for each part in order, by one thread at a time.
    func take(_ part: PartPlan.Part) {
        notes += part.notes
        problems += part.problems
        if firstTag == nil { firstTag = part.firstTag }
        part.bytes.withUnsafeBufferPointer { sink.write($0) }
    }
}

/// The finished parts not yet handed over, and who hands them over, under one lock.
private final class PartOrder: @unchecked Sendable {
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let advanced = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var finished: [PartPlan.Part?]
    /// The next part to hand over.
    private var due = 0
    /// Whether a thread is handing parts over now.
    private var handingOver = false
    private let window: Int

    init(count: Int, window: Int) {
        finished = Array(repeating: nil, count: count)
        self.window = window
        pthread_mutex_init(lock, nil)
        pthread_cond_init(advanced, nil)
    }

    deinit {
        pthread_cond_destroy(advanced)
        pthread_mutex_destroy(lock)
        advanced.deallocate()
        lock.deallocate()
    }

    /// Waits until part `index` is within the window after the part due.
    func waitForRoom(_ index: Int) {
        pthread_mutex_lock(lock)
        while index >= due + window { pthread_cond_wait(advanced, lock) }
        pthread_mutex_unlock(lock)
    }

    /// Stores a finished part; unless another thread is at it, hands over every part that
    /// is due, in order, writing outside the lock.
    func finish(_ index: Int, _ part: PartPlan.Part, _ collector: PartCollector) {
        pthread_mutex_lock(lock)
        finished[index] = part
        if !handingOver {
            handingOver = true
            while due < finished.count, let next = finished[due] {
                finished[due] = nil
                due += 1
                pthread_cond_broadcast(advanced)
                pthread_mutex_unlock(lock)
                collector.take(next)
                pthread_mutex_lock(lock)
            }
            handingOver = false
        }
        pthread_mutex_unlock(lock)
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
        // `DocumentWriter.write` always gives the emitter a sink.
        let collector = PartCollector(sink: emitter.sink ?? TextSink())
        parts.run({ range, isLastPart in
            var (entries, notes) = document.makeEntries(range)
            let noteOfEntry = document.noteOfEntry
            if noteOfEntry != nil { notes = [] }
            var part = BlockEmitter(sink: nil)
            for position in 0..<entries.count {
                let (key, value) = entries[position: position]
                part.writeIndent(indent)
                part.writeKey(key, indent: indent)
                part.writeValue(
                    value, indent: indent, followsDash: false, isLast: isLast && isLastPart && position == entries.count - 1)
                if let noteOfEntry { notes.append(noteOfEntry(key, value)) }
            }
            return PartPlan.Part(bytes: part.output, notes: notes, problems: [], firstTag: part.firstTag)
        }, into: collector)
        notes += collector.notes
        firstTagInParts = collector.firstTag
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
        let after = Array(output.problems.diagnostics.dropFirst(problemsBeforeParts.count))
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
        problemsBeforeParts = output.problems.diagnostics
        guard document.entryCount > 0 else {
            output.bytes.append(contentsOf: "{}".utf8)
            return
        }
        output.bytes.append(UInt8(ascii: "{"))
        output.flush()
        let document = document
        let collector = PartCollector(sink: output.sink ?? TextSink())
        let (file, replacingTagged) = (output.file, replacingTagged)
        parts.run({ range, _ in
            var (entries, notes) = document.makeEntries(range)
            let noteOfEntry = document.noteOfEntry
            if noteOfEntry != nil { notes = [] }
            var part = JSONOutput(file: file, sink: nil, replacingTagged: replacingTagged)
            for position in 0..<entries.count {
                let (key, value) = entries[position: position]
                // Every entry but the mapping's first follows a comma.
                if range.lowerBound + position > 0 { part.bytes.append(UInt8(ascii: ",")) }
                part.newLine(depth: depth + 1)
                part.writeKey(key)
                part.bytes.append(contentsOf: ": ".utf8)
                part.writeValue(value, depth: depth + 1)
                if let noteOfEntry { notes.append(noteOfEntry(key, value)) }
            }
            return PartPlan.Part(bytes: part.bytes, notes: notes, problems: part.problems.diagnostics, firstTag: part.firstTag)
        }, into: collector)
        notes += collector.notes
        problemsInParts += collector.problems
        firstTagInParts = collector.firstTag
        output.newLine(depth: depth)
        output.bytes.append(UInt8(ascii: "}"))
    }
}
