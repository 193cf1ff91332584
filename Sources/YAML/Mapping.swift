/// The entries of a mapping in source order.
///
/// Keys and values are stored interleaved in one array, `[key0, value0, key1, value1, …]`,
/// which is exactly the buffer the reader appends to while parsing; no per-entry tuple is
/// ever built. Lookup by key is linear: mappings in specs are small, and stages that walk a
/// large one (`paths`, `components.schemas`) iterate it in order anyway.
public struct Mapping: Sendable, Equatable {
    /// Interleaved keys and values; always an even count.
    @usableFromInline var storage: [Node]

    public init() { storage = [] }

    public init(_ entries: some Sequence<(Node, Node)>) {
        storage = []
        for (k, v) in entries {
            storage.append(k)
            storage.append(v)
        }
    }

    /// Takes an interleaved buffer as the reader builds it.
    init(interleaved: [Node]) {
        precondition(interleaved.count % 2 == 0)
        storage = interleaved
    }

    public var count: Int { storage.count / 2 }
    public var isEmpty: Bool { storage.isEmpty }

    /// The entry at position `index`, in source order.
    public subscript(position index: Int) -> (key: Node, value: Node) {
        (storage[2 * index], storage[2 * index + 1])
    }

    /// The value at position `index`, in source order. Settable, for stages that look a
    /// large mapping's keys up once (`paths` has thousands) and then work by position.
    public subscript(valueAt index: Int) -> Node {
        get { storage[2 * index + 1] }
        set { storage[2 * index + 1] = newValue }
    }

    /// The value of the first entry whose scalar key has this text.
    public subscript(key: String) -> Node? {
        get { index(of: key).map { storage[2 * $0 + 1] } }
        set {
            if let i = index(of: key) {
                if let newValue { storage[2 * i + 1] = newValue } else { storage.removeSubrange(2 * i ..< 2 * i + 2) }
            } else if let newValue {
                append(key: .string(key), value: newValue)
            }
        }
    }

    /// The position of the first entry whose scalar key has this text.
    public func index(of key: String) -> Int? {
        var i = 0
        while i < storage.count {
            if case .scalar(let s) = storage[i].content, s.text == key { return i / 2 }
            i += 2
        }
        return nil
    }

    public mutating func append(key: Node, value: Node) {
        storage.append(key)
        storage.append(value)
    }

    /// Lends the entries to `body` as the interleaved buffer `key0, value0, key1, value1, …`,
    /// in source order.
    ///
    /// Walks over a whole spec (the loader's search for `$ref`s, the model) read every entry
    /// of every mapping; going through `entries` or `subscript(position:)` copies each key
    /// and value out, a retain and a release per node, which costs more than the rest of
    /// such a walk. Reading the buffer in place copies only what the caller keeps.
    @inlinable
    public func withInterleavedEntries<Result>(_ body: (UnsafeBufferPointer<Node>) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBufferPointer(body)
    }

    public var keys: [Node] { stride(from: 0, to: storage.count, by: 2).map { storage[$0] } }
    public var values: [Node] { stride(from: 1, to: storage.count, by: 2).map { storage[$0] } }

    /// The entries in source order.
    public var entries: Entries { Entries(storage: storage) }

    /// A random-access view of the entries as `(key, value)` pairs.
    public struct Entries: RandomAccessCollection, Sendable {
        let storage: [Node]
        public var startIndex: Int { 0 }
        public var endIndex: Int { storage.count / 2 }
        public subscript(i: Int) -> (key: Node, value: Node) { (storage[2 * i], storage[2 * i + 1]) }
    }

    /// Keys compare by their text, as lookups and duplicate checks do: `200:` and `"200":`
    /// name the same response, and JSON, which only has string keys, keeps that key.
    public static func == (lhs: Mapping, rhs: Mapping) -> Bool {
        guard lhs.storage.count == rhs.storage.count else { return false }
        var i = 0
        while i < lhs.storage.count {
            let a = lhs.storage[i]
            let b = rhs.storage[i]
            guard a.tag == b.tag, Self.sameKey(a, b), lhs.storage[i + 1] == rhs.storage[i + 1] else { return false }
            i += 2
        }
        return true
    }

    /// Scalar keys of one kind compare by meaning (a null key written `~` or left empty is
    /// the null key `null`); of different kinds, by text, as lookups find them.
    private static func sameKey(_ a: Node, _ b: Node) -> Bool {
        switch (a.content, b.content) {
        case (.scalar(let x), .scalar(let y)):
            return x.kind == y.kind ? x.hasSameMeaning(as: y) : x.text == y.text
        default:
            return a == b
        }
    }
}
