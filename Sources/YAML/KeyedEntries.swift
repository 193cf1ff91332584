/// Where the mapping entries with a few chosen keys sit in a document, in document order,
/// noted while the tree is composed.
///
/// A caller that needs only those entries (the loader, a spec's `$ref`s) reads them from
/// here instead of walking every node of a large tree again. Each entry is a path of
/// positions from the root: an entry's index in a mapping or an item's index in a
/// sequence, the last one the entry's own index in the mapping that holds it.
///
/// An alias copies a subtree to a second place, where its keys were never seen as they
/// were composed; a document with an alias therefore has no `KeyedEntries`, and its
/// reader walks the tree.
public struct KeyedEntries: Sendable, Equatable {
    /// The keys looked for; `key(at:)` answers with an index into this.
    public let keys: [String]
    /// The keys' UTF-8 bytes, for comparing with a scalar's as it is read.
    let keyBytes: [[UInt8]]
    /// Every entry's path, one after the other.
    private var positions: [UInt32] = []
    /// Where each entry's path ends in `positions`.
    private var ends: [Int] = []
    /// Each entry's key, as an index into `keys`.
    private var keyIndexes: [UInt8] = []

    init(keys: [String]) {
        precondition(keys.count <= Int(UInt8.max), "too many keys to note")
        self.keys = keys
        keyBytes = keys.map { Array($0.utf8) }
    }

    /// How many entries were noted.
    public var count: Int { ends.count }

    /// The key of entry `index`, as an index into `keys`.
    public func key(at index: Int) -> Int { Int(keyIndexes[index]) }

    /// The positions from the root to entry `index`, the last one the entry's own.
    public func path(at index: Int) -> ArraySlice<UInt32> {
        positions[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// The index in `keys` of the key spelled `bytes`, if it is one of them.
    func keyIndex(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for (index, key) in keyBytes.enumerated() where key.count == bytes.count {
            if key.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return index }
        }
        return nil
    }

    /// Notes one entry.
    mutating func append(key: Int, path: some Sequence<UInt32>) {
        positions.append(contentsOf: path)
        ends.append(positions.count)
        keyIndexes.append(UInt8(key))
    }
}
