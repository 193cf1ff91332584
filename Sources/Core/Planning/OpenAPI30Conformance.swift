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
        if let changed = conformed(object: .mapping(root), path: ""), let mapping = changed.mapping {
            root = mapping
        }
    }

    /// The keys of a 3.0 Schema Object; any other key but an extension is refused.
    static let schemaKeys: Set<String> = [
        "title", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
        "pattern", "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required", "enum", "type",
        "not", "allOf", "oneOf", "anyOf", "items", "properties", "additionalProperties", "description", "format",
        "default", "nullable", "discriminator", "readOnly", "writeOnly", "example", "externalDocs", "deprecated", "xml",
    ]
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

    /// An OpenAPI object (the root, a path item, an operation, a response…) with what it
    /// holds made right; `nil` when nothing changed.
    private mutating func conformed(object node: Node, path: String) -> Node? {
        switch node.content {
        case .scalar:
            return nil
        case .sequence(let items):
            return Self.rebuilt(items: items, of: node) { index, item in
                conformed(object: item, path: "\(path)[\(index)]")
            }
        case .mapping(let mapping):
            return Self.rebuilt(mapping: mapping, of: node) { key, value in
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if key.hasPrefix("x-") || Self.dataKeys.contains(key) || key == "examples" { return nil }
                switch key {
                case "schema":
                    return conformed(schema: value, path: childPath)
                case "schemas" where path == "components":
                    return Self.rebuiltValues(of: value) { name, schema in conformed(schema: schema, path: "\(childPath).\(name)") }
                case "headers":
                    return Self.rebuiltValues(of: value) { name, header in
                        conformed(parameter: header, isHeader: true, path: "\(childPath).\(name)")
                    }
                case "parameters" where value.sequence != nil:
                    return Self.rebuilt(items: value.sequence!, of: value) { index, parameter in
                        conformed(parameter: parameter, isHeader: false, path: "\(childPath)[\(index)]")
                    }
                case "parameters" where path == "components":
                    return Self.rebuiltValues(of: value) { name, parameter in
                        conformed(parameter: parameter, isHeader: false, path: "\(childPath).\(name)")
                    }
                default:
                    return conformed(object: value, path: childPath)
                }
            }
        }
    }

    /// A parameter or a header: Swagger 2.0's `type`, `items`, `enum`… beside it moved into a
    /// `schema`, and keys a 3.0 parameter does not have left out.
    private mutating func conformed(parameter node: Node, isHeader: Bool, path: String) -> Node? {
        guard var fields = node.mapping, fields["$ref"] == nil else { return nil }
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
                isHeader ? "a header without a schema" : "a parameter without a schema", at: path, mark: mark,
                "OpenAPI 3.0 wants schema (or content) where Swagger 2.0 wrote type, items and enum beside the name; "
                    + "the output puts them in a schema, a string when there are none")
            changed = true
        }
        for (key, value) in fields.entries {
            guard let name = key.text, !name.hasPrefix("x-"),
                !Self.parameterKeys.contains(name) || (isHeader && (name == "name" || name == "in"))
            else { continue }
            fields[name] = nil
            _ = value
            drop(
                isHeader ? "header key \(name)" : "parameter key \(name)", at: path, mark: key.mark,
                "an OpenAPI 3.0 \(isHeader ? "header" : "parameter") has no \(name)")
            changed = true
        }
        for key in ["schema", "content"] {
            guard let value = fields[key] else { continue }
            let made = key == "schema" ? conformed(schema: value, path: "\(path).schema") : conformed(object: value, path: "\(path).content")
            if let made {
                fields[key] = made
                changed = true
            }
        }
        return changed ? Node(.mapping(fields), tag: node.tag, mark: node.mark) : nil
    }

    // MARK: - Schemas

    /// A schema in 3.0's form: 3.1 and JSON Schema keywords rewritten or left out (as the
    /// down-levelling does), `type: file` a binary string, empty `required` and `enum`
    /// lists left out; then each schema inside it.
    private mutating func conformed(schema node: Node, path: String) -> Node? {
        guard var schema = node.mapping else {
            if let scalar = node.scalar, scalar.kind == .bool {
                // A boolean schema: `true` accepts anything, `false` nothing.
                return scalar.text == "true"
                    ? .mapping(Mapping(), mark: node.mark) : .mapping(["not": .mapping(Mapping())], mark: node.mark)
            }
            return nil
        }
        if schema["$ref"] != nil { return nil }
        var changed = false
        if needsRewrite(schema) {
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
                guard let name = key.text, !name.hasPrefix("x-"), !Self.schemaKeys.contains(name) else { continue }
                schema[name] = nil
                drop(name, at: path, mark: key.mark, "OpenAPI 3.0 schemas have no \(name); express it with 3.0 keywords or in the description")
            }
            changed = true
        }
        let inner = Self.rebuilt(mapping: schema, of: .mapping(schema)) { key, value in
            switch key {
            case "properties":
                return Self.rebuiltValues(of: value) { name, member in conformed(schema: member, path: "\(path).properties.\(name)") }
            case "items", "not":
                return conformed(schema: value, path: "\(path).\(key)")
            case "additionalProperties":
                return value.mapping == nil ? nil : conformed(schema: value, path: "\(path).\(key)")
            case "allOf", "anyOf", "oneOf":
                guard let items = value.sequence else { return nil }
                return Self.rebuilt(items: items, of: value) { index, item in conformed(schema: item, path: "\(path).\(key)[\(index)]") }
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
        for (key, value) in schema.entries {
            guard let name = key.text, !name.hasPrefix("x-") else { continue }
            if !Self.schemaKeys.contains(name) { return true }
            switch name {
            case "type":
                guard let type = value.string, Self.schemaTypes.contains(type) else { return true }
            case "required", "enum":
                if value.sequence?.isEmpty == true { return true }
            case "exclusiveMinimum", "exclusiveMaximum":
                if let scalar = value.scalar, scalar.kind == .int || scalar.kind == .float { return true }
            default:
                continue
            }
        }
        return false
    }

    // MARK: - Copying only what changes

    /// `node`'s mapping with each value `change` returns in place of the old; `nil` when
    /// `change` returned `nil` for every value.
    private static func rebuilt(mapping: Mapping, of node: Node, _ change: (String, Node) -> Node?) -> Node? {
        var result: Mapping?
        for index in 0..<mapping.count {
            let (key, value) = mapping[position: index]
            guard let name = key.text, let made = change(name, value) else { continue }
            if result == nil { result = mapping }
            result![valueAt: index] = made
        }
        return result.map { Node(.mapping($0), tag: node.tag, mark: node.mark) }
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
