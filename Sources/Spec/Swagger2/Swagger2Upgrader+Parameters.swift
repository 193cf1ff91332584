import Diagnostics
import YAML

extension Swagger2Upgrader {
    /// The keys of a 2.0 parameter, header or items object that describe the value; in 3.0
    /// they are its schema's.
    static let valueKeys: Set<String> = [
        "type", "format", "items", "enum", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "multipleOf",
    ]

    /// A parameter other than a body or form one: a `$ref` rewritten; otherwise its value
    /// keys made a `schema` (placed where the first of them was) and `collectionFormat` a
    /// `style` and `explode`.
    mutating func upgradedParameter(_ node: Node, in file: String) -> Node {
        guard let parameter = node.mapping else { return node }
        if let reference = parameter["$ref"] { return referenceObject(reference, of: node, in: file, as: .parameter) }
        return withSchema(node, in: file, location: parameter["in"]?.text ?? "")
    }

    /// A response header: its value keys made a `schema`, like a parameter's; 3.0 has no
    /// style for a response header but the default, so `collectionFormat` goes.
    mutating func upgradedHeader(_ node: Node, in file: String) -> Node {
        guard let header = node.mapping, header["$ref"] == nil else { return node }
        return withSchema(node, in: file, location: nil)
    }

    /// A parameter (`location` is its `in`) or a header (`nil`) with its value keys made one
    /// `schema` where the first of them was; unchanged when it has a schema already.
    private mutating func withSchema(_ node: Node, in file: String, location: String?) -> Node {
        guard let fields = node.mapping, fields["schema"] == nil, fields["content"] == nil else { return node }
        var out = Mapping()
        var placedSchema = false
        for (key, value) in fields.entries {
            guard let name = key.text else { continue }
            if Self.valueKeys.contains(name) {
                if !placedSchema { out.append(key: .string("schema", mark: key.mark), value: schemaOfParameter(node, in: file)) }
                placedSchema = true
            } else if name == "collectionFormat" {
                guard let location else { continue }
                for (styleKey, styleValue) in style(of: value, in: location, file: file) {
                    out.append(key: .string(styleKey, mark: key.mark), value: styleValue)
                }
            } else {
                out.append(key: key, value: value)
            }
        }
        if !placedSchema { out.append(key: .string("schema", mark: node.mark), value: schemaOfParameter(node, in: file)) }
        // 2.0 sends an array as `a,b` unless it says otherwise; 3.0's query default repeats
        // the name (`explode: true`), so the comma is written out.
        if location == "query", fields["collectionFormat"] == nil, fields["type"]?.text == "array" {
            out.append(key: .string("style", mark: node.mark), value: .string("form", mark: node.mark))
            out.append(key: .string("explode", mark: node.mark), value: .bool(false, mark: node.mark))
        }
        return Node(.mapping(out), tag: node.tag, mark: node.mark)
    }

    /// The schema of a parameter, header or items object: its value keys, `items` made a
    /// schema in turn, `type: file` a binary string; a string when it says nothing.
    mutating func schemaOfParameter(_ node: Node, in file: String) -> Node {
        var schema = Mapping()
        for (key, value) in node.mapping?.entries ?? Mapping().entries {
            guard let name = key.text, Self.valueKeys.contains(name) else { continue }
            if name == "items" {
                schema.append(key: key, value: value["$ref"] != nil ? upgradedSchema(value, in: file) : schemaOfParameter(value, in: file))
            } else if name == "type", value.text == "file" {
                schema.append(key: key, value: .string("string", mark: value.mark))
                if node["format"] == nil { schema.append(key: .string("format", mark: key.mark), value: .string("binary", mark: value.mark)) }
            } else {
                schema.append(key: key, value: value)
            }
        }
        let mark = schema.entries.first?.key.mark ?? node.mark
        if schema.isEmpty { schema.append(key: .string("type", mark: mark), value: .string("string", mark: mark)) }
        return .mapping(schema, mark: mark)
    }

    /// The `style` and `explode` that say what a 2.0 `collectionFormat` says, for a parameter
    /// in `location`; nothing for the format 3.0 takes by default there, and nothing with a
    /// warning for one 3.0 cannot say.
    mutating func style(of format: Node, in location: String, file: String) -> [(String, Node)] {
        let mark = format.mark
        let value = format.text ?? ""
        let explode = (String("explode"), Node.bool(false, mark: mark))
        switch (location, value) {
        case ("query", "csv"): return [("style", .string("form", mark: mark)), explode]
        case ("query", "multi"): return [("style", .string("form", mark: mark)), ("explode", .bool(true, mark: mark))]
        case ("query", "ssv"): return [("style", .string("spaceDelimited", mark: mark)), explode]
        case ("query", "pipes"): return [("style", .string("pipeDelimited", mark: mark)), explode]
        case ("path", "csv"), ("header", "csv"): return []
        default:
            engine.report(
                .warning(
                    Swagger2Upgrade.leftOut,
                    "OpenAPI 3.0 has no way to say collectionFormat \(value) for a parameter in \(location); it is left out, "
                        + "so clients send the array as 3.0's default does; use csv (or multi in a query) to keep it",
                    at: SourceLocation(file: file, mark: mark)))
            return []
        }
    }

    // MARK: - Schemas

    /// A schema with what 2.0 wrote differently in 3.0's words: `$ref`s rewritten,
    /// `type: file` a binary string, `x-nullable` as `nullable`, a discriminator's property
    /// name as 3.0's object; examples, defaults and enums are data and stay as they are.
    mutating func upgradedSchema(_ node: Node, in file: String) -> Node {
        guard let schema = node.mapping else { return node }
        var out = Mapping()
        for (key, value) in schema.entries {
            guard let name = key.text else {
                out.append(key: key, value: value)
                continue
            }
            switch name {
            case "$ref":
                out.append(key: key, value: rewritten(reference: value, in: file, as: .schema))
            case "x-nullable":
                out.append(key: .string("nullable", mark: key.mark), value: value)
            case "type" where value.text == "file":
                out.append(key: key, value: .string("string", mark: value.mark))
                if schema["format"] == nil { out.append(key: .string("format", mark: key.mark), value: .string("binary", mark: value.mark)) }
            case "discriminator" where value.string != nil:
                var discriminator = Mapping()
                discriminator.append(key: .string("propertyName", mark: value.mark), value: value)
                out.append(key: key, value: .mapping(discriminator, mark: value.mark))
            case "properties", "definitions", "patternProperties":
                out.append(key: key, value: Self.mapped(value.mapping ?? Mapping(), like: value) { upgradedSchema($0, in: file) })
            case "items" where value.sequence != nil:
                // Draft 4's list of schemas per position, which 2.0 allows (preparation
                // writes it in 3.0's form later).
                out.append(key: key, value: Node(.sequence((value.sequence ?? []).map { upgradedSchema($0, in: file) }), tag: value.tag, mark: value.mark))
            case "items", "additionalProperties", "not", "additionalItems":
                out.append(key: key, value: value.mapping != nil ? upgradedSchema(value, in: file) : value)
            case "allOf", "anyOf", "oneOf":
                out.append(key: key, value: Node(.sequence((value.sequence ?? []).map { upgradedSchema($0, in: file) }), tag: value.tag, mark: value.mark))
            default:
                out.append(key: key, value: value)
            }
        }
        return Node(.mapping(out), tag: node.tag, mark: node.mark)
    }
}
