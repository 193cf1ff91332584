import Diagnostics
import YAML

/// The fast path of finding the entry file's `$ref`s: instead of walking every node of the
/// tree (`visit`), look only at the entries the reader noted while it parsed, and decide for
/// each what `visit` would have decided on its way there.
///
/// `NotedReferencesTests` holds the two ways to the same references, sites and diagnostics;
/// docs/benchmarks.md has what the fast path saves on a large spec.
extension LoaderRun {
    /// Looks at the entries the reader noted, in document order, as `visit` would meet
    /// them walking the whole entry file: each one's slot is worked out from the keys on its
    /// path, and it is a reference only where `visit` would take it for one.
    ///
    /// Nothing here reads the tree but the noted values: the model is read from the same
    /// tree on the other cores meanwhile, and stepping through it again cost as much as the
    /// walk it replaces. An entry shares most of its path with the one before (the `$ref`s
    /// of one operation), so the slots along the path are kept and only its own steps are
    /// worked out.
    mutating func visitNoted(_ noted: KeyedEntries, in root: Node) {
        let referenceKey = noted.keys.firstIndex(of: "$ref")
        // The current entry's path (the first `length` places), and the slot after each of
        // its steps but the last (the first `reached` places; `steps[0]` is the root's).
        // Kept at their longest and overwritten, not shortened and grown: this runs for every
        // noted entry.
        var path: [KeyedEntries.KeyClass] = []
        var length = 0
        var steps: [NotedStep] = [NotedStep(slot: .object(nil))]
        var reached = 1
        // Whether `steps` stopped short of the current entry's path.
        var blocked = false
        for index in 0..<noted.count {
            let shared = noted.sharedSteps(at: index)
            length = shared
            for step in noted.ownSteps(at: index) {
                let key = noted.step(step).key
                if length < path.count { path[length] = key } else { path.append(key) }
                length += 1
            }
            if reached > shared + 1 {
                reached = shared + 1
            } else if reached < shared + 1, blocked {
                // The shared part already leads where `visit` does not go.
                continue
            }
            while reached < length {
                let depth = reached - 1
                let nextIsItem = depth + 1 < length && path[depth + 1] == .item
                guard let next = Self.step(after: steps[depth], key: path[depth], nextIsItem: nextIsItem, words: noted.words)
                else { break }
                if reached < steps.count { steps[reached] = next } else { steps.append(next) }
                reached += 1
            }
            blocked = reached < length
            guard !blocked else { continue }
            let holder = steps[reached - 1]
            let value = noted.value(at: index)
            if noted.key(at: index) == referenceKey {
                // A discriminator's mapping is taken whole where its `mapping` key is, and
                // under any other `mapping` a `$ref` is a name.
                guard holder.slot.readsReferences, !holder.isUnderMapping else { continue }
                found(value, kind: holder.slot.kind, in: entry) { Self.tokens(of: noted, index, in: root) }
            } else {
                // A discriminator's `mapping`, the only noted key that is not `$ref`.
                guard !value.isScalar, holder.slot.child("mapping", value: value) == .schemaMapping,
                    case .mapping(let names) = value.content
                else { continue }
                for (key, target) in names.entries {
                    guard let name = key.text, let text = target.string, SpecSlot.isReference(mappingValue: text) else { continue }
                    found(target, kind: .schemas, in: entry) { Self.tokens(of: noted, index, in: root, withEntry: true) + [name] }
                }
            }
        }
    }

    /// The slot of a node on a noted path; `isUnderMapping` when the node is the value of a
    /// keyword `mapping`, where a discriminator's names would be.
    private struct NotedStep {
        var slot: SpecSlot
        var isUnderMapping = false
    }

    /// The step into the child under a key of class `keyClass` from a node whose step is
    /// `from`, when `visit` would go there: not into data or the value of a `$ref`;
    /// `nextIsItem` says whether that child is a sequence.
    ///
    /// A key that is not one of `words` is read as any other such key: `SpecSlot.child`
    /// treats them all alike. It looks at a value only for the keywords `examples` (a list
    /// of data or a mapping of examples) and `mapping` (a discriminator's names when every
    /// value is a string). A noted entry right under a keyword `mapping` is never a
    /// reference (the names are taken with their `mapping` key), and one deeper means a
    /// value that is not a string, so it is the names of anything.
    private static func step(
        after from: NotedStep, key keyClass: KeyedEntries.KeyClass, nextIsItem: Bool, words: [String]
    ) -> NotedStep? {
        let slot = from.slot
        guard slot != .literal else { return nil }
        let key: String
        switch keyClass {
        case .item:
            let item = slot.item
            return item == .literal ? nil : NotedStep(slot: item)
        case .word(let index): key = words[index]
        case .other(let isExtension): key = isExtension ? "x-" : ""
        }
        if slot.readsReferences, SpecSlot.isReferenceKey(key) { return nil }
        if key == "mapping", slot.child(key, value: .mapping(Mapping())) == .schemaMapping {
            return NotedStep(slot: slot.child(key, value: .sequence([])), isUnderMapping: true)
        }
        let child = slot.child(key, value: nextIsItem ? .sequence([]) : .mapping(Mapping()))
        return child == .literal ? nil : NotedStep(slot: child)
    }

    /// The JSON pointer tokens of the mapping that holds entry `index` (or of the entry
    /// itself), read from the tree: only for the few `$ref`s kept as sites.
    private static func tokens(of noted: KeyedEntries, _ index: Int, in root: Node, withEntry: Bool = false) -> [String] {
        let path = noted.path(at: index)
        var node = root
        var tokens: [String] = []
        for step in withEntry ? path[...] : path.dropLast() {
            let position = Int(step.position)
            switch node.content {
            case .scalar:
                return tokens
            case .sequence(let items):
                guard position < items.count else { return tokens }
                tokens.append(String(position))
                node = items[position]
            case .mapping(let mapping):
                guard position < mapping.count else { return tokens }
                tokens.append(mapping[position: position].key.text ?? "")
                node = mapping[valueAt: position]
            }
        }
        return tokens
    }
}
