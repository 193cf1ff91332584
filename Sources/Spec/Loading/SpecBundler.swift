import YAML

/// Joins a multi-file spec into one self-contained document, because API Gateway imports a
/// single document.
///
/// Local `$ref`s of the entry file stay as written. Every target in another file is copied
/// once under `components/<kind>/<Name>`, the kind taken from where the `$ref` is written
/// and the name from the pointer's last token or the file's name (`schemas/pet.yaml` is
/// `Pet`, `common.yaml#/Error` is `Error`). Names already used get a numeric suffix
/// (`Error2`) in the order targets are first reached, so the result is the same bytes on
/// every run. An entry component that is nothing but a `$ref` to another file
/// (`Pet: {$ref: schemas/pet.yaml}`) takes that file's content under its own name.
///
/// OpenAPI 3.0 has no `components/pathItems`, so there a path item from another file is
/// copied in place; so is a target whose kind its place does not tell (a `$ref` where the
/// specification allows none).
public enum SpecBundler {
    /// The bundled document. `spec` must have loaded without errors; a `$ref` that leads
    /// nowhere is left as written.
    public static func bundle(_ spec: LoadedSpec) -> Node {
        bundleTracingOrigins(spec).document
    }

    /// The bundled document and which file each part of it came from, for diagnostics
    /// about places in the bundle.
    public static func bundleTracingOrigins(_ spec: LoadedSpec) -> (document: Node, origins: BundleOrigins) {
        // One file whose references are all `#/…` is its own bundle.
        if spec.hasOnlyFragmentReferences { return (spec.entryRoot, BundleOrigins(entryFile: spec.entryFile)) }
        var run = BundlerRun(spec: spec)
        let document = run.bundle()
        return (document, run.origins)
    }

    /// The component name a target suggests before it is made unique: the last pointer
    /// token that is not an index, else the file's name in UpperCamelCase.
    public static func baseName(file: String, pointer: JSONPointer, kind: ComponentKind) -> String {
        if let token = pointer.tokens.last(where: { !$0.isEmpty && !$0.allSatisfy(\.isNumber) }) {
            if token.unicodeScalars.allSatisfy(isNameCharacter) { return token }
            let camel = upperCamelCase(token)
            if !camel.isEmpty { return camel }
        }
        var stem = Substring(file.split(separator: "/").last ?? "")
        for suffix in [".yaml", ".yml", ".json"] where stem.lowercased().hasSuffix(suffix) {
            stem = stem.dropLast(suffix.count)
            break
        }
        let camel = upperCamelCase(stem)
        if !camel.isEmpty { return camel }
        return switch kind {
        case .schemas: "Schema"
        case .responses: "Response"
        case .parameters: "Parameter"
        case .examples: "Example"
        case .requestBodies: "RequestBody"
        case .headers: "Header"
        case .securitySchemes: "SecurityScheme"
        case .links: "Link"
        case .callbacks: "Callback"
        case .pathItems: "PathItem"
        }
    }

    /// Component names may only hold `A-Z a-z 0-9 . - _`.
    static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil || c == "." || c == "-" || c == "_")
    }

    /// `pet-owner.v2` → `PetOwnerV2`; `/pets/{id}` → `PetsId`.
    static func upperCamelCase(_ text: some StringProtocol) -> String {
        var out = ""
        var startsWord = true
        for c in text.unicodeScalars {
            guard c.isASCII, c.properties.isAlphabetic || c.properties.numericType != nil else {
                startsWord = true
                continue
            }
            out.unicodeScalars.append(startsWord ? Unicode.Scalar(String(c).uppercased())! : c)
            startsWord = false
        }
        return out
    }
}

/// The state of one `SpecBundler.bundle` call.
private struct BundlerRun {
    let spec: LoadedSpec
    let entry: String
    /// Whether `components/pathItems` exists (OpenAPI 3.1).
    let hasPathItemComponents: Bool

    /// A target copied into components: where it comes from and under which name.
    struct Copy {
        var kind: ComponentKind
        var name: String
        var file: String
        var pointer: JSONPointer
        /// An entry component that was only a `$ref` to this target; its value is replaced.
        var replacesEntryComponent: Bool
    }

    var copies: [Copy] = []
    /// The name of each copied target, by kind and `file#pointer`.
    var assigned: [String: String] = [:]
    /// Names in use per kind: the entry's own components and every copy so far.
    var taken: [ComponentKind: Set<String>] = [:]
    /// Targets being copied in place, with where the copy starts in the output, so a
    /// target that contains itself refers to its first copy instead of recursing forever.
    var inlining: [String: [String]] = [:]
    static let maxInliningDepth = 200
    var references = ReferenceCache()
    /// Where each copy from another file went.
    var origins: BundleOrigins

    init(spec: LoadedSpec) {
        self.spec = spec
        entry = spec.entryFile
        hasPathItemComponents = spec.entryRoot["openapi"]?.text?.hasPrefix("3.1") ?? false
        origins = BundleOrigins(entryFile: spec.entryFile)
    }

    mutating func bundle() -> Node {
        let components = spec.entryRoot["components"]?.mapping
        for kind in ComponentKind.allCases {
            taken[kind] = Set(components?[kind.rawValue]?.mapping?.keys.compactMap(\.text) ?? [])
        }
        adoptEntryComponents(components)
        var out: [String] = []
        var root = rewrite(spec.entryRoot, .object(nil), in: entry, at: &out)
        var built: [(kind: ComponentKind, name: String, node: Node, replaces: Bool)] = []
        var next = 0
        while next < copies.count {
            let copy = copies[next]
            next += 1
            guard let document = spec.documents[copy.file], let target = copy.pointer.resolve(in: document) else {
                continue
            }
            var place = ["components", copy.kind.rawValue, copy.name]
            origins.record(place, file: copy.file, pointer: copy.pointer)
            let node = rewrite(target, .object(copy.kind), in: copy.file, at: &place)
            built.append((copy.kind, copy.name, node, copy.replacesEntryComponent))
        }
        guard !built.isEmpty, var top = root.mapping else { return root }
        var sections = top["components"]?.mapping ?? Mapping()
        for item in built {
            var section = sections[item.kind.rawValue]?.mapping ?? Mapping()
            if item.replaces {
                section[item.name] = item.node
            } else {
                section.append(key: .string(item.name), value: item.node)
            }
            sections[item.kind.rawValue] = .mapping(section)
        }
        top["components"] = .mapping(sections)
        root.content = .mapping(top)
        return root
    }

    /// Entry components that are only a `$ref` to another file keep their name for it.
    private mutating func adoptEntryComponents(_ components: Mapping?) {
        guard let components else { return }
        for (key, value) in components.entries {
            guard let kindName = key.text, let kind = ComponentKind(rawValue: kindName), canCopy(kind),
                let section = value.mapping
            else { continue }
            for (nameNode, component) in section.entries {
                guard let name = nameNode.text, let fields = component.mapping, fields.count == 1,
                    let text = fields["$ref"]?.string, let reference = SpecReference(text, relativeTo: entry),
                    !reference.isRemote, reference.file != entry, spec.documents[reference.file] != nil
                else { continue }
                let key = kind.rawValue + " " + reference.file + reference.pointer.description
                guard assigned[key] == nil else { continue }
                assigned[key] = name
                copies.append(Copy(kind: kind, name: name, file: reference.file, pointer: reference.pointer, replacesEntryComponent: true))
            }
        }
    }

    private func canCopy(_ kind: ComponentKind) -> Bool {
        kind != .pathItems || hasPathItemComponents
    }

    /// `node` from `file` as it reads in the bundle: every `$ref` pointing into it.
    private mutating func rewrite(_ node: Node, _ slot: SpecSlot, in file: String, at out: inout [String]) -> Node {
        changed(node, slot, in: file, at: &out) ?? node
    }

    /// What `rewrite` returns, or `nil` when nothing under `node` changes, so the parts of a
    /// spec without `$ref`s to other files are shared with the loaded files, not rebuilt.
    private mutating func changed(_ node: Node, _ slot: SpecSlot, in file: String, at out: inout [String]) -> Node? {
        switch node.content {
        case .scalar:
            return nil
        case .sequence(let items):
            guard slot != .literal else { return nil }
            let itemSlot = slot.item
            var rewritten: [Node]?
            for (index, item) in items.enumerated() where !item.isScalar {
                out.append(String(index))
                let new = changed(item, itemSlot, in: file, at: &out)
                out.removeLast()
                if let new {
                    if rewritten == nil { rewritten = items }
                    rewritten![index] = new
                }
            }
            guard let rewritten else { return nil }
            var result = node
            result.content = .sequence(rewritten)
            return result
        case .mapping(let mapping):
            guard slot != .literal else { return nil }
            if slot == .schemaMapping { return rewriteSchemaMapping(node, mapping, in: file) }
            if slot.readsReferences, let text = mapping["$ref"]?.string,
                let replaced = resolve(text, mapping: mapping, slot: slot, in: file, at: &out)
            {
                return replaced
            }
            // Built only from the first change on, with the entries before it copied over.
            var result: Mapping?
            for index in 0..<mapping.count {
                let (key, value) = mapping[position: index]
                var new: Node?
                if let name = key.text, !value.isScalar, !(name == "$ref" && slot.readsReferences) {
                    out.append(name)
                    new = changed(value, slot.child(name, value: value), in: file, at: &out)
                    out.removeLast()
                }
                if result == nil, new != nil {
                    result = Mapping((0..<index).map { mapping[position: $0] })
                }
                result?.append(key: key, value: new ?? value)
            }
            guard let result else { return nil }
            var copy = node
            copy.content = .mapping(result)
            return copy
        }
    }

    /// A discriminator's mapping with each reference to another file pointing into the
    /// bundle; `nil` when there is none.
    private mutating func rewriteSchemaMapping(_ node: Node, _ mapping: Mapping, in file: String) -> Node? {
        var result = Mapping()
        var hasChanged = false
        for (key, value) in mapping.entries {
            guard let text = value.string, SpecSlot.isReference(mappingValue: text),
                let reference = references.parse(text, in: file), !reference.isRemote,
                file != entry || !text.hasPrefix("#")
            else {
                result.append(key: key, value: value)
                continue
            }
            let newText =
                reference.file == entry
                ? reference.pointer.description
                : JSONPointer(tokens: ["components", "schemas", name(for: reference, kind: .schemas)]).description
            result.append(key: key, value: Node.string(newText, mark: value.mark))
            hasChanged = true
        }
        guard hasChanged else { return nil }
        var copy = node
        copy.content = .mapping(result)
        return copy
    }

    /// The bundle's form of a mapping with `$ref: text`; `nil` to keep it as a plain mapping
    /// with its `$ref` as written.
    private mutating func resolve(
        _ text: String, mapping: Mapping, slot: SpecSlot, in file: String, at out: inout [String]
    ) -> Node? {
        guard let reference = references.parse(text, in: file), !reference.isRemote else { return nil }
        let newText: String
        if reference.file == entry {
            // Local refs of the entry stay as written; refs back into it, and refs that name
            // the entry file itself, become local, since the bundle may be saved elsewhere.
            guard file != entry || !text.hasPrefix("#") else { return nil }
            newText = reference.pointer.description
        } else if let kind = slot.kind, canCopy(kind) {
            newText = JSONPointer(tokens: ["components", kind.rawValue, name(for: reference, kind: kind)]).description
        } else {
            return inline(reference, mapping: mapping, slot: slot, in: file, at: &out)
        }
        var result = Mapping()
        for (key, value) in mapping.entries {
            if key.text == "$ref" {
                result.append(key: key, value: Node.string(newText, mark: value.mark))
            } else if let name = key.text, !value.isScalar {
                out.append(name)
                result.append(key: key, value: rewrite(value, slot.child(name, value: value), in: file, at: &out))
                out.removeLast()
            } else {
                result.append(key: key, value: value)
            }
        }
        return Node(.mapping(result), tag: nil, mark: .synthetic)
    }

    /// The component name of a target, assigning the next free one when first reached.
    private mutating func name(for reference: SpecReference, kind: ComponentKind) -> String {
        let key = kind.rawValue + " " + reference.file + reference.pointer.description
        if let name = assigned[key] { return name }
        let base = SpecBundler.baseName(file: reference.file, pointer: reference.pointer, kind: kind)
        var name = base
        var suffix = 2
        while taken[kind, default: []].contains(name) {
            name = base + String(suffix)
            suffix += 1
        }
        taken[kind, default: []].insert(name)
        assigned[key] = name
        copies.append(Copy(kind: kind, name: name, file: reference.file, pointer: reference.pointer, replacesEntryComponent: false))
        return name
    }

    /// Copies a target in place of its `$ref`, keeping keys written beside the `$ref`.
    private mutating func inline(
        _ reference: SpecReference, mapping: Mapping, slot: SpecSlot, in file: String, at out: inout [String]
    ) -> Node? {
        guard let document = spec.documents[reference.file], let target = reference.pointer.resolve(in: document) else {
            return nil
        }
        let key = reference.file + reference.pointer.description
        if let first = inlining[key] {
            return [
                "$ref": .string(JSONPointer(tokens: first).description)
            ]
        }
        // Each copy in place is a level of recursion: a hostile chain of thousands of files,
        // each only a $ref to the next, must not overflow the stack. No real spec nests
        // path items this deep; past the bound the $ref is left as written.
        guard inlining.count < Self.maxInliningDepth else { return nil }
        inlining[key] = out
        origins.record(out, file: reference.file, pointer: reference.pointer)
        var copy = rewrite(target, slot, in: reference.file, at: &out)
        inlining[key] = nil
        guard var fields = copy.mapping else { return copy }
        for (key, value) in mapping.entries {
            guard let name = key.text, name != "$ref", fields[name] == nil else { continue }
            out.append(name)
            origins.record(out, file: file, pointer: nil)
            fields.append(key: key, value: rewrite(value, slot.child(name, value: value), in: file, at: &out))
            out.removeLast()
        }
        copy.content = .mapping(fields)
        return copy
    }
}
