import YAML

/// Resolves `$ref` targets as `JSONPointer.resolve` does, with each mapping that holds
/// targets indexed by key once.
///
/// Large specs point their `$ref`s at thousands of entries of one mapping
/// (`components.schemas`), and finding a key in a `Mapping` is a scan, so checking every
/// target was quadratic in the spec's size. The loader checks each target once; this finds
/// its parent once per parent and its key by one dictionary lookup.
struct TargetFinder {
    /// A parent of targets, by `file#/pointer`.
    private var parents: [String: Node] = [:]
    /// The position of each key's first entry, by the parent's `file#/pointer`, for parents
    /// large enough that a scan costs more than the index.
    private var indexes: [String: [String: Int]] = [:]

    /// Below this many entries a scan is as quick as building and asking the index.
    static let indexedCount = 16

    /// The node `pointer` names in `root`, the root of `file`; `nil` when a step does not
    /// exist. Mapping steps find the first entry with the key's text, sequence steps need a
    /// decimal index without leading zeros, as `JSONPointer.resolve` does.
    mutating func resolve(_ pointer: JSONPointer, in root: Node, of file: String) -> Node? {
        guard let last = pointer.tokens.last else { return root }
        let parentPointer = JSONPointer(tokens: Array(pointer.tokens.dropLast()))
        let parentKey = file + parentPointer.description
        let parent: Node
        if let known = parents[parentKey] {
            parent = known
        } else {
            guard let found = parentPointer.resolve(in: root) else { return nil }
            parents[parentKey] = found
            parent = found
        }
        switch parent.content {
        case .mapping(let mapping):
            guard mapping.count >= Self.indexedCount else { return mapping[last] }
            let index = indexes[parentKey] ?? makeIndex(of: mapping, key: parentKey)
            return index[last].map { mapping[valueAt: $0] }
        case .sequence:
            return JSONPointer(tokens: [last]).resolve(in: parent)
        case .scalar:
            return nil
        }
    }

    /// Indexes `mapping` by the text of its scalar keys, keeping the first of equal keys.
    private mutating func makeIndex(of mapping: Mapping, key: String) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(mapping.count)
        mapping.withInterleavedEntries { entries in
            var i = 0
            while i < entries.count {
                if case .scalar(let scalar) = entries[i].content, index[scalar.text] == nil {
                    index[scalar.text] = i / 2
                }
                i += 2
            }
        }
        indexes[key] = index
        return index
    }
}
