import Support

/// A fixed set of keys with a value each, found without hashing the key.
///
/// The loader asks for the slot of every key of every object in a spec, and most keys
/// (`type`, `description`, property names) are not keywords at all. Swift's `Dictionary`
/// runs SipHash over the whole key for each of those; this table picks a bucket from the
/// key's length and its first and last bytes, so most misses cost a few integer operations
/// and a hit one string comparison.
struct KeywordTable<Value: Sendable>: Sendable {
    /// The entries, grouped by bucket.
    private let entries: [(key: String, value: Value)]
    /// Where each bucket's entries start in `entries`; bucket `b` is `starts[b] ..< starts[b + 1]`.
    private let starts: [Int]

    private static var bucketCount: Int { 256 }

    init(_ pairs: [String: Value]) {
        // Sorted by key, then grouped: the layout never depends on the dictionary's order.
        let sorted = pairs.sorted { $0.key.utf8Precedes($1.key) }
        var grouped = [[(key: String, value: Value)]](repeating: [], count: Self.bucketCount)
        for pair in sorted { grouped[Self.bucket(of: pair.key)].append((pair.key, pair.value)) }
        var starts = [0]
        for group in grouped { starts.append(starts[starts.count - 1] + group.count) }
        self.entries = grouped.flatMap { $0 }
        self.starts = starts
    }

    /// The value of `key`, when it is one of the table's keys (compared as `==` does).
    ///
    /// Keys that are equal as Swift strings have the same bytes here: the table's keys are
    /// ASCII words, and no other spelling is canonically equivalent to their letters.
    func value(for key: String) -> Value? {
        let bucket = Self.bucket(of: key)
        var index = starts[bucket]
        let end = starts[bucket + 1]
        while index < end {
            if entries[index].key == key { return entries[index].value }
            index += 1
        }
        return nil
    }

    private static func bucket(of key: String) -> Int {
        let utf8 = key.utf8
        guard let first = utf8.first, let last = utf8.last else { return 0 }
        return (utf8.count &* 31 &+ Int(first) &* 7 &+ Int(last)) & (bucketCount - 1)
    }
}
