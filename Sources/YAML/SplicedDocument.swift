/// A document too large to build whole: a tree in which one mapping (an OpenAPI document's
/// `paths`) is made in parts while the document is written, on several cores, and each part
/// is written and let go before the next ones are made.
///
/// Only the spliced mapping is made late, because it is nearly all of a large output: the
/// rest of the tree is small or shared with the spec the output came from. Entries that
/// depend on the spliced ones (a Deployment whose logical ID carries a fingerprint of the
/// API) can be appended to one mapping after the spliced entries are made: `lateEntries`
/// receives one value per spliced entry, as `makeEntries` returned them, in order.
///
/// `DocumentWriter` writes it; `assembled()` builds the same document as one tree, and both
/// give the same bytes.
public struct SplicedDocument: Sendable {
    /// The document, with an empty, untagged mapping where the spliced entries go.
    public var root: Node
    /// The keys from the root down to the spliced mapping; every mapping on the way is
    /// untagged.
    public var splicePath: [String]
    /// How many entries the spliced mapping has.
    public var entryCount: Int
    /// The entries at positions `range`, and one value per entry (a digest, say) that is
    /// handed to `lateEntries` in order. Called from several threads at once.
    public var makeEntries: @Sendable (Range<Int>) -> (entries: Mapping, notes: [UInt64])
    /// Entries appended to the mapping at `path` (keys from the root), made from every note
    /// of the spliced entries. The mapping must hold the spliced one, so that it closes
    /// after every spliced entry is made: `path` is a prefix of `splicePath`.
    public var lateEntries: (path: [String], make: @Sendable ([UInt64]) -> Mapping)?
    /// The note of each spliced entry, worked out from its key and value once it is written,
    /// instead of the notes `makeEntries` returns (which are then ignored).
    ///
    /// A note that reads the whole entry (a digest) costs far less right after the writer
    /// has read it: the entry's nodes, much of them the spec's own, are still in the cache.
    public var noteOfEntry: (@Sendable (_ key: Node, _ value: Node) -> UInt64)?

    public init(
        root: Node, splicePath: [String], entryCount: Int,
        makeEntries: @escaping @Sendable (Range<Int>) -> (entries: Mapping, notes: [UInt64]),
        lateEntries: (path: [String], make: @Sendable ([UInt64]) -> Mapping)? = nil,
        noteOfEntry: (@Sendable (_ key: Node, _ value: Node) -> UInt64)? = nil
    ) {
        self.root = root
        self.splicePath = splicePath
        self.entryCount = entryCount
        self.makeEntries = makeEntries
        self.lateEntries = lateEntries
        self.noteOfEntry = noteOfEntry
    }

    /// The notes of `entries`, made at positions `range`: from `noteOfEntry`, or the ones
    /// `makeEntries` returned with them.
    func notes(of entries: Mapping, made notes: [UInt64]) -> [UInt64] {
        guard let noteOfEntry else { return notes }
        return entries.entries.map { noteOfEntry($0.key, $0.value) }
    }

    /// The whole document as one tree, made on one thread.
    public func assembled() -> Node {
        let (entries, made) = makeEntries(0..<entryCount)
        let notes = notes(of: entries, made: made)
        var root = root
        Self.replace(in: &root, at: splicePath[...]) { $0 = .mapping(entries) }
        if let late = lateEntries {
            let extra = late.make(notes)
            Self.replace(in: &root, at: late.path[...]) { node in
                var mapping = node.mapping ?? Mapping()
                for (key, value) in extra.entries { mapping.append(key: key, value: value) }
                node = .mapping(mapping, tag: node.tag, mark: node.mark)
            }
        }
        return root
    }

    /// Whether every mapping on the splice path exists and is untagged, the spliced one is
    /// empty and the late entries' mapping holds it, so a writer can follow them; a document that fails this is written from
    /// `assembled()`.
    var isWellFormed: Bool {
        func reaches(_ path: ArraySlice<String>, in node: Node, emptyAtEnd: Bool) -> Bool {
            guard node.tag == nil, let mapping = node.mapping else { return false }
            guard let key = path.first else { return !emptyAtEnd || mapping.isEmpty }
            return mapping[key].map { reaches(path.dropFirst(), in: $0, emptyAtEnd: emptyAtEnd) } ?? false
        }
        return !splicePath.isEmpty && reaches(splicePath[...], in: root, emptyAtEnd: true)
            && (lateEntries.map { splicePath.starts(with: $0.path) } ?? true)
    }

    private static func replace(in node: inout Node, at path: ArraySlice<String>, _ edit: (inout Node) -> Void) {
        guard let key = path.first else { return edit(&node) }
        guard var mapping = node.mapping, let index = mapping.index(of: key) else { return }
        let (tag, mark) = (node.tag, node.mark)
        node = .null()  // out of the parent while edited, so the edit copies nothing
        var child = mapping[valueAt: index]
        mapping[valueAt: index] = .null()
        replace(in: &child, at: path.dropFirst(), edit)
        mapping[valueAt: index] = child
        node = .mapping(mapping, tag: tag, mark: mark)
    }
}
