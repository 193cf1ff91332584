import Diagnostics
import YAML

/// Every file of a spec, read and parsed, with the `$ref` lookups the later stages need.
///
/// A spec is one entry file plus whatever files its `$ref`s reach. Nodes carry only a line
/// and column, so each lookup returns the file it landed in: that is how a diagnostic about
/// a schema in `schemas/pet.yaml` names that file, not the entry file.
///
/// File names are the loader's normalised paths: the entry file as the user named it
/// (normalised, so `./api//openapi.yaml` is `api/openapi.yaml`), and
/// every other file joined to the folder of the file that refers to it
/// (`specs/x/openapi.yaml`, then `specs/x/schemas/pet.yaml`).
public struct LoadedSpec: Sendable {
    /// The file the user named.
    public let entryFile: String
    /// The parsed root of every file, by normalised path. Only looked up by key; nothing
    /// iterates it in an order that could reach output.
    public private(set) var documents: [String: Node]
    /// Files in the order they were first reached (entry first): the stable order for
    /// anything that walks all files, such as bundling.
    public private(set) var fileOrder: [String]
    /// Whether the loader found every `$ref` written as a fragment of the entry itself
    /// (`#/…`). Such a spec is already one self-contained document, so bundling it changes
    /// nothing and can be skipped. False unless the loader said so.
    public internal(set) var hasOnlyFragmentReferences = false

    /// A single-file spec whose `$ref`s are all local.
    public init(entryFile: String, root: Node) {
        self.entryFile = entryFile
        self.documents = [entryFile: root]
        self.fileOrder = [entryFile]
    }

    /// Adds a file the loader read; the first file added stays the entry.
    public mutating func add(file: String, root: Node) {
        if documents[file] == nil { fileOrder.append(file) }
        documents[file] = root
    }

    public var entryRoot: Node { documents[entryFile]! }

    /// Where a `$ref` leads: the node, the file it is in, and the pointer inside that file.
    public struct Target: Sendable {
        public var node: Node
        public var file: String
        public var pointer: JSONPointer
    }

    /// Resolves one `$ref` written in `file`, without following a `$ref` found at the target.
    ///
    /// Returns `nil` when the file was not loaded or the pointer names nothing; the loader
    /// has already reported why, at the `$ref` itself.
    public func target(of reference: String, from file: String) -> Target? {
        guard let parsed = SpecReference(reference, relativeTo: file),
            let root = documents[parsed.file],
            let node = parsed.pointer.resolve(in: root)
        else { return nil }
        return Target(node: node, file: parsed.file, pointer: parsed.pointer)
    }

    /// Follows `$ref`s from `node` (found in `file`) until a node that is not a reference,
    /// so `parameters: [{$ref: ...}]` can be read as the parameter it names.
    ///
    /// Stops with `nil` on a dangling reference or a cycle of pure references
    /// (`A: {$ref: B}`, `B: {$ref: A}`), which the loader reports.
    public func dereferenced(_ node: Node, in file: String) -> (node: Node, file: String)? {
        var current = (node: node, file: file)
        var seen: Set<String> = []
        while let reference = current.node["$ref"]?.string {
            guard let next = target(of: reference, from: current.file) else { return nil }
            let key = next.file + next.pointer.description
            guard seen.insert(key).inserted else { return nil }
            current = (next.node, next.file)
        }
        return current
    }
}
