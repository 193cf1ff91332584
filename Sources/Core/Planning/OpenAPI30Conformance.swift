import Diagnostics
import YAML

/// What specs write that an OpenAPI 3.0.3 document may not hold, in the form 3.0 allows.
///
/// API Gateway's import reads many documents a validator refuses, and specs in the wild
/// are full of them: parameters and response headers written the Swagger 2.0 way (`type`
/// beside `name`, no `schema`), `type: file`, `required: []`, JSON Schema keywords 3.0
/// schemas do not have (`const`, `examples`, `$schema`, `id`, `definitions`). The output is
/// checked by the same validators a team's pipeline runs, so each is rewritten where 3.0
/// has a form for it (`CONV012`) and left out where it has none (`CONV010`), one warning
/// per kind with its places, as the 3.1 down-levelling does.
///
/// The walk copies only the parts it changes: a document that is already valid 3.0, the
/// common case and the large one, is read and not rebuilt.
extension OpenAPI31Downlevel {
    /// `root` with every parameter, header and schema in a form OpenAPI 3.0.3 allows.
    mutating func conform(_ root: inout Mapping) {
        for (key, _) in root.entries {
            guard let name = key.text, !Self.isExtension(name), !Self.rootKeys.contains(name) else { continue }
            root[name] = nil
            drop(
                name, at: "the document's root", mark: key.mark,
                name == "basePath" || name == "schemes" || name == "host"
                    ? "it is Swagger 2.0's; OpenAPI 3.0 says where the API lives in servers"
                    : "an OpenAPI 3.0 document has no \(name) at its root")
        }
        if let changed = conformed(object: .mapping(root)), let mapping = changed.mapping {
            root = mapping
        }
    }

    /// The keys of a 3.0 document's root.
    static let rootKeys: Set<String> = ["openapi", "info", "servers", "paths", "components", "security", "tags", "externalDocs"]

    /// The keys of a 3.0 Schema Object; any other key but an extension is refused.
    static let schemaKeys: Set<String> = [
        "title", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
        "pattern", "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required", "enum", "type",
        "not", "allOf", "oneOf", "anyOf", "items", "properties", "additionalProperties", "description", "format",
        "default", "nullable", "discriminator", "readOnly", "writeOnly", "example", "externalDocs", "deprecated", "xml",
    ]
    /// Keys whose values are data (`example`, `default`, `enum`…, and a media type's or a
    /// parameter's `examples`), never read as OpenAPI objects; `dataKeys` and `examples`,
    /// told apart by length before any comparison, as `isSchemaKeyword` does.
    static func isDataKey(_ key: String) -> Bool {
        switch key.utf8.count {
        case 4: key == "enum"
        case 5: key == "const" || key == "value"
        case 7: key == "example" || key == "default"
        case 8: key == "examples"
        default: false
        }
    }

    /// Whether `key` names an extension (`x-…`), read from its first two bytes: `hasPrefix`
    /// compares by characters and was a tenth of the walk on a large spec.
    static func isExtension(_ key: String) -> Bool {
        var bytes = key.utf8.makeIterator()
        return bytes.next() == UInt8(ascii: "x") && bytes.next() == UInt8(ascii: "-")
    }

    /// A list item's place on the trail, `[3]`; built without interpolation, which looks up
    /// protocol conformances at run time on each call.
    static func item(_ index: Int) -> String { "[" + String(index) + "]" }

    /// The types a 3.0 schema may name.
    static let schemaTypes: Set<String> = ["array", "boolean", "integer", "number", "object", "string"]
    /// The keys of a 3.0 Parameter Object; a Header Object has the same less `name` and `in`.
    static let parameterKeys: Set<String> = [
        "name", "in", "description", "required", "deprecated", "allowEmptyValue", "style", "explode", "allowReserved",
        "schema", "content", "example", "examples",
    ]
    /// Swagger 2.0's parameter keys that describe the value: in 3.0 they belong in `schema`.
    static let swagger2SchemaKeys = [
        "type", "format", "items", "enum", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "multipleOf",
    ]

    // MARK: - Objects

    /// Where the walk is, as `components.schemas.Pet.properties.name`: made only for a
    /// message, since building it at every node was most of the walk's cost.
    private var place: String {
        var text = ""
        for part in trail {
            if !text.isEmpty, !part.hasPrefix("[") { text += "." }
            text += part
        }
        return text
    }

    /// `body` with `part` on the trail.
    private mutating func within<T>(_ part: String, _ body: (inout Self) -> T) -> T {
        trail.append(part)
        defer { trail.removeLast() }
        return body(&self)
    }

    /// An OpenAPI object (the root, a path item, an operation, a response…) with what it
    /// holds made right; `nil` when nothing changed.
    private mutating func conformed(object node: Node) -> Node? {
        switch node.content {
        case .scalar:
            return nil
        case .sequence(let items):
            return Self.rebuilt(items: items, of: node) { index, item in
                within(Self.item(index)) { $0.conformed(object: item) }
            }
        case .mapping(let mapping):
            let inComponents = trail.count == 1 && trail[0] == "components"
            return Self.rebuilt(mapping: mapping, of: node) { key, value in
                if Self.isExtension(key) || Self.isDataKey(key) { return nil }
                return within(key) { walk in
                    switch key {
                    case "schema":
                        return walk.conformed(schema: value)
                    case "schemas" where inComponents:
                        return Self.rebuiltValues(of: value) { name, schema in walk.within(name) { $0.conformed(schema: schema) } }
                    case "headers":
                        return Self.rebuiltValues(of: value) { name, header in
                            walk.within(name) { $0.conformed(parameter: header, isHeader: true) }
                        }
                    case "parameters" where value.sequence != nil:
                        return Self.rebuilt(items: value.sequence!, of: value) { index, parameter in
                            walk.within(Self.item(index)) { $0.conformed(parameter: parameter, isHeader: false) }
                        }
                    case "parameters" where inComponents:
                        return Self.rebuiltValues(of: value) { name, parameter in
                            walk.within(name) { $0.conformed(parameter: parameter, isHeader: false) }
                        }
                    default:
                        return walk.conformed(object: value)
                    }
                }
            }
        }
    }

    /// A parameter or a header: Swagger 2.0's `type`, `items`, `enum`… beside it moved into a
    /// `schema`, and keys a 3.0 parameter does not have left out.
    private mutating func conformed(parameter node: Node, isHeader: Bool) -> Node? {
        guard var fields = node.mapping, fields["$ref"] == nil else { return nil }
        if Self.isConforming(parameter: fields, isHeader: isHeader) {
            guard let schema = fields["schema"] else { return nil }
            guard let made = within("schema", { $0.conformed(schema: schema) }) else { return nil }
            fields["schema"] = made
            return Node(.mapping(fields), tag: node.tag, mark: node.mark)
        }
        var changed = false
        if fields["schema"] == nil, fields["content"] == nil {
            var schema = Mapping()
            for key in Self.swagger2SchemaKeys {
                guard let value = fields[key] else { continue }
                schema[key] = value
                fields[key] = nil
            }
            let mark = schema.entries.first?.value.mark ?? node.mark
            if schema.isEmpty { schema["type"] = .string("string") }
            fields["schema"] = .mapping(schema)
            rewrote(
                isHeader ? "a header without a schema" : "a parameter without a schema", at: place, mark: mark,
                "OpenAPI 3.0 wants schema (or content) where Swagger 2.0 wrote type, items and enum beside the name; "
                    + "the output puts them in a schema, a string when there are none")
            changed = true
        }
        for (key, _) in fields.entries {
            guard let name = key.text, !Self.isExtension(name),
                !Self.parameterKeys.contains(name) || (isHeader && (name == "name" || name == "in"))
            else { continue }
            fields[name] = nil
            drop(
                isHeader ? "header key \(name)" : "parameter key \(name)", at: place, mark: key.mark,
                "an OpenAPI 3.0 \(isHeader ? "header" : "parameter") has no \(name)")
            changed = true
        }
        for key in ["schema", "content"] {
            guard let value = fields[key] else { continue }
            let made = within(key) { key == "schema" ? $0.conformed(schema: value) : $0.conformed(object: value) }
            if let made {
                fields[key] = made
                changed = true
            }
        }
        return changed ? Node(.mapping(fields), tag: node.tag, mark: node.mark) : nil
    }

    /// Whether a parameter or header already has 3.0's form: a `schema`, no `content` (which
    /// the slow way walks) and no key 3.0 lacks. The check that lets the common parameter
    /// through without a copy.
    private static func isConforming(parameter fields: Mapping, isHeader: Bool) -> Bool {
        fields.withInterleavedEntries { entries in
            var hasSchema = false
            var i = 0
            while i < entries.count {
                defer { i += 2 }
                guard case .scalar(let key) = entries[i].content else { return false }
                let name = key.text
                if Self.isExtension(name) { continue }
                guard isParameterKeyword(name), !(isHeader && (name == "name" || name == "in")) else { return false }
                if name == "content" { return false }
                if name == "schema" { hasSchema = true }
            }
            return hasSchema
        }
    }

    /// `parameterKeys.contains(key)` told apart by length, as `isSchemaKeyword` is.
    static func isParameterKeyword(_ key: String) -> Bool {
        switch key.utf8.count {
        case 2: key == "in"
        case 4: key == "name"
        case 5: key == "style"
        case 6: key == "schema"
        case 7: key == "explode" || key == "content" || key == "example"
        case 8: key == "required" || key == "examples"
        case 10: key == "deprecated"
        case 11: key == "description"
        case 13: key == "allowReserved"
        case 15: key == "allowEmptyValue"
        default: false
        }
    }

    // MARK: - Schemas

    /// A schema in 3.0's form: 3.1 and JSON Schema keywords rewritten or left out (as the
    /// down-levelling does), `type: file` a binary string, empty `required` and `enum`
    /// lists left out; then each schema inside it.
    private mutating func conformed(schema node: Node) -> Node? {
        // A boolean schema is 3.1's; the down-levelling has made it a mapping.
        guard var schema = node.mapping else { return nil }
        if schema["$ref"] != nil { return nil }
        var changed = false
        if needsRewrite(schema) {
            let path = place
            rewrite(&schema, path: path)
            if let type = schema["type"], type.string == "file" {
                schema["type"] = .string("string")
                if schema["format"] == nil { schema["format"] = .string("binary") }
                rewrote("type: file", at: path, mark: type.mark, "OpenAPI 3.0 writes a file as type: string, format: binary")
            }
            for key in ["required", "enum"] {
                guard let list = schema[key]?.sequence, list.isEmpty, let index = schema.index(of: key) else { continue }
                let mark = schema[position: index].key.mark
                schema[key] = nil
                drop(
                    "an empty \(key) list", at: path, mark: mark,
                    key == "required"
                        ? "OpenAPI 3.0 wants at least one name in required; an empty list requires nothing, so nothing changes"
                        : "OpenAPI 3.0 wants at least one value in enum; list the values, or leave it out to allow any")
            }
            for (key, _) in schema.entries {
                guard let name = key.text, !Self.isExtension(name), !Self.schemaKeys.contains(name) else { continue }
                schema[name] = nil
                drop(name, at: path, mark: key.mark, "OpenAPI 3.0 schemas have no \(name); express it with 3.0 keywords or in the description")
            }
            changed = true
        }
        let inner = Self.rebuilt(mapping: schema, of: .mapping(schema)) { key, value in
            switch key {
            case "properties":
                return within(key) { walk in
                    Self.rebuiltValues(of: value) { name, member in walk.within(name) { $0.conformed(schema: member) } }
                }
            case "items", "not":
                return within(key) { $0.conformed(schema: value) }
            case "additionalProperties":
                return value.mapping == nil ? nil : within(key) { $0.conformed(schema: value) }
            case "allOf", "anyOf", "oneOf":
                guard let items = value.sequence else { return nil }
                return within(key) { walk in
                    Self.rebuilt(items: items, of: value) { index, item in walk.within(Self.item(index)) { $0.conformed(schema: item) } }
                }
            default:
                return nil
            }
        }
        if let inner, let mapping = inner.mapping {
            schema = mapping
            changed = true
        }
        return changed ? Node(.mapping(schema), tag: node.tag, mark: node.mark) : nil
    }

    /// Whether a schema holds anything 3.0 does not allow: the check that lets a valid
    /// schema through without a copy.
    private func needsRewrite(_ schema: Mapping) -> Bool {
        schema.withInterleavedEntries { entries in
            var i = 0
            while i < entries.count {
                defer { i += 2 }
                guard case .scalar(let key) = entries[i].content else { continue }
                let name = key.text
                if Self.isExtension(name) { continue }
                guard Self.isSchemaKeyword(name) else { return true }
                let value = entries[i + 1]
                switch name {
                case "type":
                    guard let type = value.string, Self.schemaTypes.contains(type) else { return true }
                case "required", "enum":
                    if case .sequence(let list) = value.content, list.isEmpty { return true }
                case "exclusiveMinimum", "exclusiveMaximum":
                    if let scalar = value.scalar, scalar.kind == .int || scalar.kind == .float { return true }
                default:
                    continue
                }
            }
            return false
        }
    }

    /// `schemaKeys.contains(key)`, without hashing the key: this runs for every key of
    /// every schema of a large spec, where hashing was a tenth of the walk. The keywords are
    /// told apart by length first, so a key is compared with at most five of them.
    static func isSchemaKeyword(_ key: String) -> Bool {
        switch key.utf8.count {
        case 3: key == "not" || key == "xml"
        case 4: key == "type" || key == "enum"
        case 5: key == "items" || key == "title" || key == "allOf" || key == "oneOf" || key == "anyOf"
        case 6: key == "format"
        case 7: key == "example" || key == "default" || key == "pattern" || key == "minimum" || key == "maximum"
        case 8: key == "required" || key == "nullable" || key == "readOnly" || key == "minItems" || key == "maxItems"
        case 9: key == "maxLength" || key == "minLength" || key == "writeOnly"
        case 10: key == "properties" || key == "deprecated" || key == "multipleOf"
        case 11: key == "description" || key == "uniqueItems"
        case 12: key == "externalDocs"
        case 13: key == "discriminator" || key == "maxProperties" || key == "minProperties"
        case 16: key == "exclusiveMinimum" || key == "exclusiveMaximum"
        case 20: key == "additionalProperties"
        default: false
        }
    }

    // MARK: - Copying only what changes

    /// `node`'s mapping with each value that is not text passed through `change`, and what
    /// `change` returns put in its place; `nil` when it returned `nil` for every value. The entries are read where they lie, and the
    /// mapping is copied only when something changed.
    private static func rebuilt(mapping: Mapping, of node: Node, _ change: (String, Node) -> Node?) -> Node? {
        var changes: [(index: Int, value: Node)] = []
        mapping.withInterleavedEntries { entries in
            var i = 0
            while i < entries.count {
                defer { i += 2 }
                // Text (descriptions, names, types) holds nothing to rewrite: it is passed over
                // before the value is even copied out.
                guard case .scalar(let key) = entries[i].content, !entries[i + 1].isScalar,
                    let made = change(key.text, entries[i + 1])
                else { continue }
                changes.append((i / 2, made))
            }
        }
        guard !changes.isEmpty else { return nil }
        var result = mapping
        for change in changes { result[valueAt: change.index] = change.value }
        return Node(.mapping(result), tag: node.tag, mark: node.mark)
    }

    /// The values of a mapping (named schemas, headers, parameters) passed through `change`.
    private static func rebuiltValues(of node: Node, _ change: (String, Node) -> Node?) -> Node? {
        guard let mapping = node.mapping else { return nil }
        return rebuilt(mapping: mapping, of: node, change)
    }

    /// `node`'s list with each item `change` returns in place of the old; `nil` when none.
    private static func rebuilt(items: [Node], of node: Node, _ change: (Int, Node) -> Node?) -> Node? {
        var result: [Node]?
        for (index, item) in items.enumerated() {
            guard let made = change(index, item) else { continue }
            if result == nil { result = items }
            result![index] = made
        }
        return result.map { Node(.sequence($0), tag: node.tag, mark: node.mark) }
    }
}
