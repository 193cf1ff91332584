import Diagnostics
import YAML

/// Typed reads of nodes that report a value of the wrong type and skip it.
extension APIModelBuilder {
    mutating func report(_ diagnostic: Diagnostic) {
        guard reported.insert(diagnostic).inserted else { return }
        diagnostics.append(diagnostic)
    }

    func location(_ node: Node, _ file: String) -> SourceLocation {
        SourceLocation(file: file, mark: node.mark)
    }

    /// The key and value of the entry named `key`, for diagnostics placed on the key.
    func entry(_ map: Mapping, _ key: String) -> (key: Node, value: Node)? {
        map.index(of: key).map { map[position: $0] }
    }

    /// The position of the first entry of `map` whose scalar key is each of `names` (at most
    /// 16), found in one pass; what `map.index(of:)` answers for each name.
    ///
    /// An operation or response is looked up by half a dozen names, and each lookup was a
    /// scan that copied every key's text. The names are ASCII words, and nothing else is
    /// canonically equivalent to them, so a key of another UTF-8 length cannot equal one.
    /// The answer is a vector, not an array, so no lookup allocates.
    static func positions(of names: [String], in map: Mapping) -> FieldPositions {
        precondition(names.count <= 16)
        var found = FieldPositions()
        var missing = names.count
        map.withInterleavedEntries { entries in
            var i = 0
            while i < entries.count, missing > 0 {
                defer { i += 2 }
                guard case .scalar(let key) = entries[i].content else { continue }
                let length = key.text.utf8.count
                for n in names.indices where found[n] == nil && names[n].utf8.count == length && names[n] == key.text {
                    found.slots[n] = i / 2
                    missing -= 1
                    break
                }
            }
        }
        return found
    }

    /// Up to 16 entry positions, `nil` where a name is not in the mapping.
    struct FieldPositions {
        /// -1 for "not there".
        var slots = SIMD16<Int>(repeating: -1)

        subscript(index: Int) -> Int? {
            slots[index] < 0 ? nil : slots[index]
        }
    }

    mutating func wrongType(_ node: Node, _ what: String, expected: String, _ file: String) {
        report(
            .error(
                ModelCheck.wrongType, "\(what) must be \(expected), found \(node.kindDescription); change it to \(expected) (\(Diagnostic.repairCannotFix))",
                at: location(node, file)))
    }

    mutating func mapping(_ node: Node, _ what: @autoclosure () -> String, _ file: String) -> Mapping? {
        if let map = node.mapping { return map }
        wrongType(node, what(), expected: "a mapping", file)
        return nil
    }

    mutating func sequence(_ node: Node, _ what: @autoclosure () -> String, _ file: String) -> [Node]? {
        if let items = node.sequence { return items }
        wrongType(node, what(), expected: "a sequence", file)
        return nil
    }

    mutating func string(_ node: Node, _ what: @autoclosure () -> String, _ file: String) -> String? {
        if let text = node.string { return text }
        wrongType(node, what(), expected: "a string", file)
        return nil
    }

    mutating func bool(_ node: Node, _ what: @autoclosure () -> String, _ file: String) -> Bool? {
        if let scalar = node.scalar, scalar.kind == .bool { return scalar.text.lowercased() == "true" }
        wrongType(node, what(), expected: "true or false", file)
        return nil
    }

    /// The mapping `node` is, or the one its `$ref` leads to, with its file: `resolve` then
    /// `mapping`, reporting what they report.
    ///
    /// Most path items and responses are written in place; for those the node is read where
    /// it lies instead of being copied out whole first, as `resolve` must for a reference.
    mutating func resolvedMapping(_ node: Node, _ what: @autoclosure () -> String, _ file: String) -> (map: Mapping, file: String)? {
        if Self.isReference(node) {
            guard let (target, targetFile) = resolve(node, file), let map = mapping(target, what(), targetFile) else { return nil }
            return (map, targetFile)
        }
        guard let map = mapping(node, what(), file) else { return nil }
        return (map, file)
    }

    /// Whether `resolve` follows `node`: a mapping whose first `$ref` entry holds a string.
    static func isReference(_ node: Node) -> Bool {
        guard case .mapping(let map) = node.content else { return false }
        return map.withInterleavedEntries { entries in
            var i = 0
            while i < entries.count {
                if case .scalar(let key) = entries[i].content, key.text == "$ref" {
                    if case .scalar(let value) = entries[i + 1].content, value.kind == .string { return true }
                    return false
                }
                i += 2
            }
            return false
        }
    }

    /// The node a `$ref` leads to, with the file it is in; the node itself when it is not a
    /// reference. Reports and returns `nil` for a reference that leads nowhere.
    mutating func resolve(_ node: Node, _ file: String) -> (node: Node, file: String)? {
        guard let reference = node["$ref"], reference.string != nil else { return (node, file) }
        if let target = spec.dereferenced(node, in: file) { return target }
        report(
            .error(
                ModelCheck.unresolvedReference,
                "$ref \"\(reference.text ?? "")\" cannot be followed to a value (a missing target or a cycle of $refs); point it at an existing object",
                at: location(reference, file)))
        return nil
    }
}
