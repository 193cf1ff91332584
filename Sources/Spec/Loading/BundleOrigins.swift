import YAML

/// Which file each part of a bundled document was copied from, so a diagnostic about a
/// place in the bundle can name the file the user wrote it in.
///
/// Nodes keep the line and column they were read at but not their file; the bundler
/// records, for every target it copies from another file, where in the bundle the copy
/// went. A place then belongs to the file of the longest recorded prefix, or to the entry.
public struct BundleOrigins: Sendable {
    /// The file a place belongs to when no copy holds it.
    public let entryFile: String
    /// Each copy's place in the bundle (keys and list indexes), the file it came from and
    /// where in that file (`nil`: not known, as for keys written beside a `$ref`).
    public private(set) var copies: [(path: [String], file: String, pointer: JSONPointer?)] = []

    public init(entryFile: String) {
        self.entryFile = entryFile
    }

    mutating func record(_ path: [String], file: String, pointer: JSONPointer?) {
        copies.append((path, file, pointer))
    }

    /// Where the bundle's node at `path` (keys and list indexes, as the bundle has them) was
    /// written: its file, and the pointer inside it when that is not the entry file and is known.
    public func origin(at path: [String]) -> (file: String, pointer: JSONPointer?) {
        var best: (path: [String], file: String, pointer: JSONPointer?)?
        for copy in copies where copy.path.count > (best?.path.count ?? -1) && copy.path.count <= path.count {
            if path.starts(with: copy.path) { best = copy }
        }
        guard let best, best.file != entryFile else { return (entryFile, nil) }
        return (best.file, best.pointer.map { JSONPointer(tokens: $0.tokens + path.dropFirst(best.path.count)) })
    }

    /// Where the place written as `components.schemas.Pet.properties.name` or
    /// `paths./pets.get.parameters[0]` in `document` (the bundle, or what was made of it
    /// without moving its parts), following the bundle's local `$ref`s on the way, as a
    /// place reached through a reference is written where the reference leads.
    ///
    /// A key may hold dots (`/v1.0/pets`): at each step the longest key of the mapping that
    /// the rest of the place starts with is taken. A place that leaves the document stops
    /// at the last node found.
    public func origin(atPlace place: String, in document: Node) -> (file: String, pointer: JSONPointer?) {
        guard !copies.isEmpty else { return (entryFile, nil) }
        var node = document
        var path: [String] = []
        var rest = Substring(place)
        while !rest.isEmpty {
            var hops = 0
            while hops < 32, let reference = node["$ref"]?.string, reference.hasPrefix("#/"), let pointer = JSONPointer(fragment: reference),
                let target = pointer.resolve(in: document)
            {
                (node, path, hops) = (target, pointer.tokens, hops + 1)
            }
            if rest.first == "." { rest = rest.dropFirst() }
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]),
                    let items = node.sequence, items.indices.contains(index)
                else { break }
                (node, rest) = (items[index], rest[rest.index(after: close)...])
                path.append(String(index))
                continue
            }
            guard let mapping = node.mapping else { break }
            var found: (key: String, value: Node)?
            for (key, value) in mapping.entries {
                guard let name = key.text, name.count > (found?.key.count ?? -1), rest.hasPrefix(name) else { continue }
                let after = rest.dropFirst(name.count).first
                if after == nil || after == "." || after == "[" { found = (name, value) }
            }
            guard let found else { break }
            (node, rest) = (found.value, rest.dropFirst(found.key.count))
            path.append(found.key)
        }
        return origin(at: path)
    }
}
