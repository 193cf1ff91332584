#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The mapping entries with a few chosen keys, in document order, noted while the tree is
/// composed: where each one sits, what the keys on the way to it are, and its value.
///
/// A caller that needs only those entries (the loader, a spec's `$ref`s) reads them from
/// here instead of walking every node of a large tree again, and need not touch the tree
/// at all: on a tree of a hundred megabytes every node visited is a cache miss, while the
/// keys are at hand as they are composed. Each entry has a path of steps from the root, a
/// position each (an entry's index in a mapping, an item's index in a sequence), the last
/// the entry itself. A step's key is kept as a class: an item of a sequence, one of the
/// `words` the caller tells apart, or any other key (starting with `x-` or not).
///
/// An alias copies a subtree to a second place, where its keys were never seen as they
/// were composed; a document with an alias therefore has no `KeyedEntries`, and its
/// reader walks the tree.
public struct KeyedEntries: Sendable, Equatable {
    /// The keys whose entries are noted; `key(at:)` answers with an index into this.
    public let keys: [String]
    /// The keys a step's class tells apart: `KeyClass.word(i)` is `words[i]`.
    public let words: [String]

    /// What a step's key is.
    public enum KeyClass: Sendable, Hashable {
        /// The step is an item of a sequence.
        case item
        /// `words[index]`.
        case word(Int)
        /// Any other key; `isExtension` when it starts with `x-`.
        case other(isExtension: Bool)

        init(code: UInt16) {
            switch code {
            case 0: self = .item
            case 1: self = .other(isExtension: false)
            case 2: self = .other(isExtension: true)
            default: self = .word(Int(code) - 3)
            }
        }
    }

    /// Every entry's steps after those it shares with the entry before: positions, one
    /// entry after the other, with the class of each step's key (`KeyClass` as a number).
    private var positions: [UInt32] = []
    private var classes: [UInt16] = []
    /// Where each entry's own steps end in `positions`.
    private var ends: [Int] = []
    /// How many leading steps each entry's path shares with the path of the entry before.
    private var sharedSteps: [UInt32] = []
    /// Each entry's key, as an index into `keys`.
    private var keyIndexes: [UInt8] = []
    /// Each entry's value, once it is read.
    private var entryValues: [Node?] = []
    /// The whole path of the entry noted last, while reading.
    private var lastPath: [UInt32] = []
    /// The UTF-8 bytes of `words`, for comparing with a key as it is read.
    private let wordBytes: [[UInt8]]
    /// The class of each of `keys`, the last step of every entry: worked out once.
    private var keyClasses: [UInt16] = []
    /// `wordBytes` indexes by a bucket of length and first and last byte.
    private let wordBuckets: [[Int]]
    private static let bucketCount = 128

    init(keys: [String], words: [String]) {
        precondition(keys.count <= Int(UInt8.max) && words.count < Int(UInt16.max) - 3, "too many keys to note")
        self.keys = keys
        self.words = words
        wordBytes = words.map { Array($0.utf8) }
        var buckets = [[Int]](repeating: [], count: Self.bucketCount)
        for (index, bytes) in wordBytes.enumerated() {
            bytes.withUnsafeBufferPointer { buckets[Self.bucket(of: $0)].append(index) }
        }
        wordBuckets = buckets
        keyClasses = keys.map { key in
            var key = key
            return key.withUTF8 { classCode(of: $0) }
        }
    }

    /// How many entries were noted.
    public var count: Int { ends.count }

    /// The key of entry `index`, as an index into `keys`.
    public func key(at index: Int) -> Int { Int(keyIndexes[index]) }

    /// The value of entry `index`.
    public func value(at index: Int) -> Node {
        entryValues[index] ?? .null()
    }

    /// How many leading steps of entry `index`'s path are those of the entry before it:
    /// the entries of one operation share most of theirs.
    public func sharedSteps(at index: Int) -> Int { Int(sharedSteps[index]) }

    /// The steps of entry `index`'s path after the shared ones, the last one the entry
    /// itself (its class is that of its key, if a word): indexes for `step(_:)`.
    public func ownSteps(at index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// One step of `ownSteps(at:)`: its position, and the class of its key.
    public func step(_ index: Int) -> (position: UInt32, key: KeyClass) {
        (positions[index], KeyClass(code: classes[index]))
    }

    /// The whole path of entry `index` from the root.
    public func path(at index: Int) -> [(position: UInt32, key: KeyClass)] {
        var steps: [(position: UInt32, key: KeyClass)] = []
        var needed = Int.max
        var entry = index
        // Each entry gives the steps after those it shares; earlier ones give the rest.
        while entry >= 0, needed > 0 {
            let start = sharedSteps(at: entry)
            let own = ownSteps(at: entry).map(step)
            steps.insert(contentsOf: own.prefix(max(0, min(needed - start, own.count))), at: 0)
            needed = min(needed, start)
            entry -= 1
        }
        return steps
    }

    // MARK: noting, as the reader composes

    /// The class of a key spelled `bytes`, as stored.
    private func classCode(of bytes: UnsafeBufferPointer<UInt8>) -> UInt16 {
        for index in wordBuckets[Self.bucket(of: bytes)] where wordBytes[index].count == bytes.count {
            // `memcmp`, not `elementsEqual`, which compared a byte per call and was most of noting.
            if bytes.isEmpty || wordBytes[index].withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
                return UInt16(index + 3)
            }
        }
        let isExtension = bytes.count >= 2 && bytes[0] == UInt8(ascii: "x") && bytes[1] == UInt8(ascii: "-")
        return isExtension ? 2 : 1
    }

    private static func bucket(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let first = bytes.first, let last = bytes.last else { return 0 }
        return (bytes.count &* 31 &+ Int(first) &* 7 &+ Int(last)) & (bucketCount - 1)
    }

    /// Notes one entry from its whole path; `keyOfStep(depth)` is the key of a step in a
    /// mapping, `nil` for an item, asked only for the steps the last entry did not share.
    /// Its value follows (`setLastValue`).
    mutating func append(key: Int, path: [UInt32], keyOfStep: (Int) -> Node?) {
        var shared = 0
        while shared < path.count - 1, shared < lastPath.count, lastPath[shared] == path[shared] { shared += 1 }
        for depth in shared..<path.count {
            positions.append(path[depth])
            if depth == path.count - 1 {
                classes.append(keyClasses[key])
            } else if let keyNode = keyOfStep(depth), case .scalar(let scalar) = keyNode.content {
                var text = scalar.text
                classes.append(text.withUTF8 { classCode(of: $0) })
            } else {
                classes.append(0)
            }
        }
        ends.append(positions.count)
        sharedSteps.append(UInt32(shared))
        keyIndexes.append(UInt8(key))
        entryValues.append(nil)
        lastPath = path
    }

    /// Gives the last entry noted its value (its text already shared with its repeats by
    /// the reader's `StringTable`, in a large input).
    mutating func setLastValue(_ value: Node) {
        entryValues[entryValues.count - 1] = value
    }

    /// Appends the entries of a halved read's second half (`HalvedRead`), their paths moved
    /// into the joined tree: `spine` holds the entry count of each of the first half's
    /// mappings the second half's were joined to, outermost first. The second half's first
    /// entry in each of those mappings but the last is the key joined to the first half's last
    /// entry; positions that follow the joined keys move by what the first half has before
    /// them. `false` when an entry noted is one of the joined keys itself: the first half
    /// noted its value only up to the cut.
    mutating func append(contentsOf other: KeyedEntries, joinedAt spine: [Int]) -> Bool {
        precondition(keys == other.keys && words == other.words, "notes of one read")
        guard other.count > 0 else { return true }
        let depth = spine.count - 1
        // A position moves only at the levels of the joined mappings, and only while the
        // path has followed the joined keys (position 0 of the second half) all the way.
        var onJoinedKeys = 0
        func move(_ position: inout UInt32, level: Int) {
            guard level <= depth, onJoinedKeys == level else { return }
            let original = position
            position += UInt32(level < depth ? spine[level] - 1 : spine[level])
            if original == 0, level < depth { onJoinedKeys = level + 1 }
        }
        // The first entry's path is whole (it shares nothing); moved, it may share steps
        // with the first half's last entry.
        var first = Array(other.positions[other.ownSteps(at: 0)])
        for level in first.indices { move(&first[level], level: level) }
        if onJoinedKeys == first.count { return false }
        var common = 0
        while common < first.count - 1, common < lastPath.count, lastPath[common] == first[common] { common += 1 }
        positions.append(contentsOf: first[common...])
        classes.append(contentsOf: other.classes[other.ownSteps(at: 0)].dropFirst(common))
        ends.append(positions.count)
        sharedSteps.append(UInt32(common))
        // The rest keep their own steps and what they share, only moved: equal prefixes move
        // alike and different ones stay different.
        let offset = positions.count - other.ends[0]
        positions.append(contentsOf: other.positions[other.ends[0]...])
        classes.append(contentsOf: other.classes[other.ends[0]...])
        for entry in 1..<other.count {
            let shared = Int(other.sharedSteps[entry])
            let steps = other.ownSteps(at: entry)
            onJoinedKeys = min(onJoinedKeys, shared)
            if shared <= depth {
                for (level, step) in zip(shared..., steps) where level <= depth {
                    move(&positions[step + offset], level: level)
                }
            }
            if onJoinedKeys == shared + steps.count { return false }
            ends.append(other.ends[entry] + offset)
            sharedSteps.append(other.sharedSteps[entry])
        }
        keyIndexes.append(contentsOf: other.keyIndexes)
        entryValues.append(contentsOf: other.entryValues)
        // The last entry's whole path, gathered from the entries before it as `path(at:)`
        // does, without building the steps it returns.
        let last = count - 1
        lastPath = [UInt32](repeating: 0, count: sharedSteps(at: last) + ownSteps(at: last).count)
        var needed = lastPath.count
        var entry = last
        while needed > 0 {
            let shared = sharedSteps(at: entry)
            for (level, step) in zip(shared..., ownSteps(at: entry)) where level < needed { lastPath[level] = positions[step] }
            needed = min(needed, shared)
            entry -= 1
        }
        return true
    }

    /// Equal when the same entries were noted: the state of a read under way and the tables
    /// made from `keys` and `words` are left out.
    public static func == (a: KeyedEntries, b: KeyedEntries) -> Bool {
        a.keys == b.keys && a.words == b.words && a.positions == b.positions && a.classes == b.classes
            && a.ends == b.ends && a.sharedSteps == b.sharedSteps && a.keyIndexes == b.keyIndexes
            && a.entryValues == b.entryValues
    }
}
