import YAML

extension StableHash {
    /// Feeds a whole tree: each node's shape, tag, scalar kind and text, with counts and
    /// lengths so that different trees never feed the same words.
    ///
    /// Hashing the tree directly, rather than a text written from it, keeps a Deployment's
    /// fingerprint off the profile of a large conversion, where writing the template out as
    /// JSON just to hash it was the largest step (docs/benchmarks.md). Text goes in eight bytes
    /// at a time, read little-endian, so every machine computes the same value.
    public mutating func combine(_ node: Node) {
        // The tag is read once: each read of it copies the text out of its box.
        let tag = node.tag
        switch node.content {
        case .scalar(let scalar):
            mix(0x5C00 | UInt64(scalar.kind.hashTag) | (tag == nil ? 0 : 0x80))
            if let tag { mix(text: tag) }
            mix(text: scalar.text)
        case .sequence(let items):
            mix(0x5E00 | (tag == nil ? 0 : 0x80))
            if let tag { mix(text: tag) }
            mix(UInt64(items.count))
            // Children are read in place: copying each one out costs a retain and a release
            // per node, more than hashing it.
            items.withUnsafeBufferPointer { children in
                for index in children.indices { combine(children[index]) }
            }
        case .mapping(let mapping):
            mix(0x3A00 | (tag == nil ? 0 : 0x80))
            if let tag { mix(text: tag) }
            mix(UInt64(mapping.count))
            // Key, value, key, value, … as the entries are.
            mapping.withInterleavedEntries { children in
                for index in children.indices { combine(children[index]) }
            }
        }
    }

    /// Feeds one 64-bit value, such as the digest of a part hashed on its own.
    public mutating func combine(word: UInt64) {
        mix(word)
    }

    /// One 64-bit word: FNV's multiply, then the high half folded down so that every input
    /// bit reaches the low bits the next word lands on.
    private mutating func mix(_ word: UInt64) {
        var hash = (value ^ word) &* 0x100_0000_01b3
        hash ^= hash >> 29
        value = hash
    }

    /// A text's length, then its UTF-8 bytes as little-endian words, the last one padded
    /// with zeros (the length keeps `"a"` and `"a\0"` apart).
    private mutating func mix(text: consuming String) {
        text.withUTF8 { bytes in
            mix(UInt64(bytes.count))
            UnsafeRawBufferPointer(bytes).forEachLittleEndianWord { mix($0) }
        }
    }
}

extension ScalarKind {
    /// A fixed number per kind, so the fingerprint does not depend on how the enum is laid out.
    fileprivate var hashTag: UInt64 {
        switch self {
        case .string: 1
        case .int: 2
        case .float: 3
        case .bool: 4
        case .null: 5
        }
    }
}
