import Diagnostics
import YAML
import Spec

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
        components = root["components"]?.mapping ?? Mapping()
        componentSchemas = components["schemas"]?.mapping ?? Mapping()
        if let server = root["servers"]?.mapping, server["url"] == nil, server["$ref"] == nil {
            root["servers"] = nil
        }
        if let servers = root["servers"]?.sequence, servers.contains(where: { $0.mapping.map { $0["url"] == nil && $0["$ref"] == nil } ?? false }) {
            // The model has warned (OAS102); the output has no place for a server without a url.
            root["servers"] = .sequence(servers.filter { $0.mapping.map { $0["url"] != nil || $0["$ref"] != nil } ?? true })
        }
        conformSecuritySchemes(&root)
        if let tags = root["tags"]?.sequence, let made = conformed(tags: tags) { root["tags"] = made }
        if let changed = conformed(object: .mapping(root)), let mapping = changed.mapping {
            root = mapping
        }
        conformComponentKinds(&root)
    }

    /// The kinds of reusable object a 3.0 `components` holds.
    static let componentKinds: Set<String> = [
        "schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks",
    ]

    /// `components` with only the kinds 3.0 has: a spec that keeps media types there
    /// (`components.mediaTypes`, which its `content` refers to) has had them copied in place.
    private mutating func conformComponentKinds(_ root: inout Mapping) {
        guard var fields = root["components"]?.mapping else { return }
        var changed = false
        for (key, _) in fields.entries {
            guard let name = key.text, !Self.isExtension(name), !Self.componentKinds.contains(name) else { continue }
            fields[name] = nil
            changed = true
            drop("components.\(name)", at: "components", mark: key.mark, "OpenAPI 3.0 components hold no \(name); what refers to them is written in place")
        }
        if changed { root["components"] = .mapping(fields) }
    }

    /// What a `content` written as `{$ref: '#/components/KIND/NAME'}` names, in place; `nil`
    /// for any other `content`. OpenAPI has no reference for a content map, but some specs
    /// keep one per resource under `components` and validators refuse the reference.
    private mutating func inlinedContent(_ value: Node) -> Node? {
        guard let fields = value.mapping, fields.count == 1, let reference = fields["$ref"]?.string,
            reference.hasPrefix("#/components/")
        else { return nil }
        let parts = reference.dropFirst("#/components/".count).split(separator: "/", maxSplits: 1).map {
            String($0).replacing("~1", with: "/").replacing("~0", with: "~")
        }
        guard parts.count == 2, let target = components[parts[0]]?.mapping?[parts[1]], target.mapping != nil else { return nil }
        rewrote(
            "content written as a $ref", at: place, mark: value.mark,
            "OpenAPI 3.0 has no reference for a content map; the output writes what \(reference) holds in its place")
        return Node(target.content, tag: target.tag, mark: value.mark)
    }

    /// The keys each type of 3.0 security scheme has.
    static let securitySchemeKeys: [String: Set<String>] = [
        "apiKey": ["type", "description", "name", "in"],
        "http": ["type", "description", "scheme", "bearerFormat"],
        "oauth2": ["type", "description", "flows"],
        "openIdConnect": ["type", "description", "openIdConnectUrl"],
    ]

    /// Security schemes with only the keys of their type: a generator writes `name` on an
    /// `http` scheme, which validators refuse and API Gateway never reads.
    private mutating func conformSecuritySchemes(_ root: inout Mapping) {
        guard var components = root["components"]?.mapping, var schemes = components["securitySchemes"]?.mapping else { return }
        var changed = false
        for index in 0..<schemes.count {
            let name = schemes[position: index].key.text ?? ""
            guard var fields = schemes[valueAt: index].mapping, fields["$ref"] == nil,
                let type = fields["type"]?.string, let allowed = Self.securitySchemeKeys[type]
            else { continue }
            var removed = false
            // SAM writes an HTTP API's JWT schemes without what 3.0 requires of their type,
            // which the import does not read: empty flows, and the discovery URL SAM wrote in
            // the authorizer, or its issuer's.
            if type == "oauth2", fields["flows"] == nil {
                fields["flows"] = .mapping(Mapping())
                removed = true
                rewrote(
                    "an oauth2 security scheme without flows", at: "components.securitySchemes.\(name)", mark: schemes[position: index].key.mark,
                    "OpenAPI 3.0 requires flows; they are written empty, as the scheme's tokens are checked by its authorizer")
            }
            if type == "openIdConnect", fields["openIdConnectUrl"] == nil,
                let url = Self.discoveryURL(of: fields["x-amazon-apigateway-authorizer"])
            {
                fields["openIdConnectUrl"] = .string(url)
                removed = true
                rewrote(
                    "an openIdConnect security scheme without openIdConnectUrl", at: "components.securitySchemes.\(name)",
                    mark: schemes[position: index].key.mark,
                    "OpenAPI 3.0 requires the URL; it is the one its authorizer names, or its issuer's discovery URL")
            }
            for (key, _) in fields.entries {
                guard let field = key.text, !Self.isExtension(field), !allowed.contains(field) else { continue }
                fields[field] = nil
                removed = true
                drop(
                    "\(field) of a security scheme of type \(type)", at: "components.securitySchemes.\(name)", mark: key.mark,
                    "an OpenAPI 3.0 \(type) scheme has no \(field)")
            }
            if removed {
                schemes[valueAt: index] = .mapping(fields)
                changed = true
            }
        }
        if changed {
            components["securitySchemes"] = .mapping(schemes)
            root["components"] = .mapping(components)
        }
    }

    /// The OpenID Connect discovery URL an HTTP API's JWT authorizer names (SAM writes
    /// `openIdConnectUrl` inside it) or implies (its issuer's well-known document).
    static func discoveryURL(of authorizer: Node?) -> String? {
        if let url = authorizer?["openIdConnectUrl"]?.string { return url }
        guard let issuer = authorizer?["jwtConfiguration"]?["issuer"]?.string, issuer.hasPrefix("https://") else { return nil }
        return (issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer) + "/.well-known/openid-configuration"
    }

    /// Tags with their text fields left out where a document wrote null for them.
    private mutating func conformed(tags: [Node]) -> Node? {
        Self.rebuilt(items: tags, of: .sequence(tags)) { index, tag in
            guard var fields = tag.mapping else { return nil }
            var changed = false
            for key in ["description", "externalDocs"] {
                if key == "externalDocs", var docs = fields[key]?.mapping, let text = docs["description"], text.isNull {
                    docs["description"] = nil
                    fields[key] = .mapping(docs)
                } else if key == "description", let text = fields[key], text.isNull {
                    fields[key] = nil
                } else {
                    continue
                }
                changed = true
                drop(
                    "a null description", at: "tags" + Self.item(index) + (key == "externalDocs" ? ".externalDocs" : ""), mark: tag.mark,
                    "OpenAPI 3.0 wants text there, or no description")
            }
            return changed ? Node(.mapping(fields), tag: tag.tag, mark: tag.mark) : nil
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
            // Read in place, each value handed on where it lies: this meets every object of
            // the document, and copying each entry out cost a retain and a release per value.
            var changes: [(index: Int, value: Node)] = []
            mapping.withInterleavedEntries { entries in
                var i = 0
                while i < entries.count {
                    defer { i += 2 }
                    guard case .scalar(let key) = entries[i].content, !entries[i + 1].isScalar else { continue }
                    let name = key.text
                    if Self.isExtension(name) || Self.isDataKey(name) { continue }
                    trail.append(name)
                    let made = conformed(entry: name, entries[i + 1])
                    trail.removeLast()
                    if let made { changes.append((i / 2, made)) }
                }
            }
            guard !changes.isEmpty else { return nil }
            var result = mapping
            for change in changes { result[valueAt: change.index] = change.value }
            return Node(.mapping(result), tag: node.tag, mark: node.mark)
        }
    }

    /// The value under `key` in an OpenAPI object, made right; `nil` when nothing changed.
    /// `key` is on the trail already.
    private mutating func conformed(entry key: String, _ value: Node) -> Node? {
        // Most keys (methods, status codes, media types) only lead to more objects: the few
        // that hold something else are told apart by length before any comparison, as
        // `isSchemaKeyword` does.
        switch key.utf8.count {
        case 6, 7, 10, 11, 13: break
        default: return conformed(object: value)
        }
        let inComponents = trail.count == 2 && trail[0] == "components"
        switch key {

        case "schema":
            return conformed(schema: value)
        case "schemas" where inComponents:
            return Self.rebuiltValues(of: value) { name, schema in within(name) { $0.conformed(schema: schema) } }
        case "content" where value.mapping?["$ref"] != nil:
            guard let inlined = inlinedContent(value) else { return nil }
            return conformed(object: inlined) ?? inlined
        case "headers":
            return Self.rebuiltValues(of: value) { name, header in
                within(name) { $0.conformed(parameter: header, isHeader: true) }
            }
        case "parameters" where value.sequence != nil:
            return Self.rebuilt(items: value.sequence!, of: value) { index, parameter in
                within(Self.item(index)) { $0.conformed(parameter: parameter, isHeader: false) }
            }
        case "requestBody":
            return conformed(requestBody: value)
        case "requestBodies" where inComponents:
            return Self.rebuiltValues(of: value) { name, body in within(name) { $0.conformed(requestBody: body) } }
        case "parameters" where inComponents:
            return Self.rebuiltValues(of: value) { name, parameter in
                within(name) { $0.conformed(parameter: parameter, isHeader: false) }
            }
        default:
            return conformed(object: value)
        }
    }

    /// A request body without a `required` list (the model has warned, OAS111), then what
    /// it holds.
    private mutating func conformed(requestBody node: Node) -> Node? {
        guard var fields = node.mapping, let index = fields.index(of: "required"), fields[valueAt: index].sequence != nil else {
            return conformed(object: node)
        }
        drop(
            "a request body's required list", at: place, mark: fields[position: index].key.mark,
            "OpenAPI 3.0 wants true or false there; the list belongs in the body's schema")
        fields["required"] = nil
        let rest = Node(.mapping(fields), tag: node.tag, mark: node.mark)
        return conformed(object: rest) ?? rest
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
        if let reference = schema["$ref"] {
            // 3.0 ignores what is written beside a `$ref`, but validators still read it: what
            // they would refuse is left out, since it never meant anything.
            guard schema.count > 1 else { return nil }
            var siblings = schema
            siblings["$ref"] = nil
            guard needsRewrite(siblings) else { return nil }
            var kept = Mapping([(Node.string("$ref"), reference)])
            for (key, value) in siblings.entries {
                guard let name = key.text, !Self.isExtension(name) else {
                    kept.append(key: key, value: value)
                    continue
                }
                drop(
                    "\(name) beside a $ref", at: place, mark: key.mark,
                    "OpenAPI 3.0 ignores what is written beside a $ref, and this one is not valid there; "
                        + "put it in the schema the $ref names, or use allOf")
            }
            return Node(.mapping(kept), tag: node.tag, mark: node.mark)
        }
        var changed = false
        if needsRewrite(schema) {
            let path = place
            rewrite(&schema, path: path)
            if let type = schema["type"], type.string == "file" {
                schema["type"] = .string("string")
                if schema["format"] == nil { schema["format"] = .string("binary") }
                rewrote("type: file", at: path, mark: type.mark, "OpenAPI 3.0 writes a file as type: string, format: binary")
            } else if let type = schema["type"], let name = type.string, !Self.schemaTypes.contains(name) {
                if Self.schemaTypes.contains(name.lowercased()) {
                    schema["type"] = Node(.scalar(Scalar(text: name.lowercased(), kind: .string)), tag: type.tag, mark: type.mark)
                    rewrote("a type written with capitals", at: path, mark: type.mark, "OpenAPI 3.0's type names are lower case")
                } else {
                    schema["type"] = nil
                    drop("type: \(name)", at: path, mark: type.mark, "OpenAPI 3.0 has no such type; name one of \(Self.schemaTypes.sorted().joined(separator: ", "))")
                }
            }
            if let items = schema["items"], let list = items.sequence {
                // Draft 4's list form (a schema per position), which Swagger 2.0 allowed and
                // 3.0 does not: one schema each item must match.
                schema["items"] =
                    list.count == 1
                    ? list[0] : list.isEmpty ? nil : Node(.mapping(Mapping([(Node.string("anyOf"), items)])), mark: items.mark)
                rewrote(
                    "items written as a list", at: path, mark: items.mark,
                    "OpenAPI 3.0 wants one schema in items; the output writes the list's schemas as anyOf, so each item matches one of them, whatever its position")
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
            if let required = schema["required"], required.sequence == nil, let index = schema.index(of: "required") {
                drop(
                    "required written as \(required.kindDescription)", at: path, mark: schema[position: index].key.mark,
                    "in OpenAPI 3.0 a property is required by naming it in its object's required list")
                schema["required"] = nil
            } else if let required = schema["required"], let list = required.sequence, list.contains(where: { $0.string == nil }),
                let index = schema.index(of: "required")
            {
                // `required: [true]`, a property's `required: true` written as a list.
                let names = list.filter { $0.string != nil }
                drop(
                    "a value in a required list that is not a name", at: path, mark: schema[position: index].key.mark,
                    "in OpenAPI 3.0 required lists the names of the object's required properties")
                schema["required"] = names.isEmpty ? nil : Node(.sequence(names), tag: required.tag, mark: required.mark)
            }
            if let list = schema["enum"]?.sequence, Self.hasRepeats(list), let values = schema["enum"] {
                var seen: [Node] = []
                for item in list where !seen.contains(where: { Self.isSameValue($0, item) }) { seen.append(item) }
                schema["enum"] = Node(.sequence(seen), tag: values.tag, mark: values.mark)
                rewrote("a repeated enum value", at: path, mark: values.mark, "OpenAPI 3.0 wants each enum value once; the output lists it once")
            }
            if let value = schema["default"], let problem = Self.defaultProblem(value, in: schema, schemas: componentSchemas) {
                switch problem {
                case .convertible(let converted):
                    schema["default"] = converted
                    rewrote(
                        "a default written as text", at: path, mark: value.mark,
                        "the schema's type says a number or a boolean; the output writes the value as one")
                case .unfit(let why):
                    schema["default"] = nil
                    drop("a default that does not fit its schema", at: path, mark: value.mark, "\(why); give a default the schema allows")
                }
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
                // Only five keywords have values to check, told apart by length first: this
                // runs for every key of every schema.
                switch name.utf8.count {
                case 4, 5, 7, 8, 16: break
                default: continue
                }
                let value = entries[i + 1]
                switch name {
                case "type":
                    guard case .scalar(let type) = value.content, type.kind == .string, Self.isSchemaType(type.text) else { return true }
                case "required":
                    guard case .sequence(let list) = value.content, !list.isEmpty, list.allSatisfy({ $0.string != nil }) else { return true }
                case "enum":
                    guard case .sequence(let list) = value.content, !list.isEmpty, !Self.hasRepeats(list) else { return true }
                case "default":
                    if Self.defaultProblem(value, in: schema, schemas: componentSchemas) != nil { return true }
                case "exclusiveMinimum", "exclusiveMaximum":
                    if let scalar = value.scalar, scalar.kind == .int || scalar.kind == .float { return true }
                case "items":
                    if value.sequence != nil { return true }
                default:
                    continue
                }
            }
            return false
        }
    }

    /// What is wrong with a schema's `default`, which validators check against the schema.
    enum DefaultProblem: Equatable {
        /// Text where the type wants a number or a boolean, and the text is one: `'100'`.
        case convertible(Node)
        /// A value the schema does not allow, and why.
        case unfit(String)
    }

    /// Whether `value` fits `schema`'s `type`, `nullable` and `enum`; `nil` when it does. Only
    /// what the schema says itself is checked: a composed schema (`allOf`…) is left alone.
    ///
    /// A schema that is one reference wrapped in `allOf`, `oneOf` or `anyOf` (the way
    /// pydantic and serde write a field with a default) is checked against the schema in
    /// `schemas` it names.
    static func defaultProblem(_ value: Node, in schema: Mapping, schemas: Mapping) -> DefaultProblem? {
        if let problem = defaultProblem(value, in: schema) { return problem }
        if schema["type"] == nil, schema["enum"] == nil, !schemas.isEmpty, var target = loneReference(in: schema, schemas: schemas) {
            if let nullable = schema["nullable"] { target["nullable"] = nullable }
            if let problem = defaultProblem(value, in: target) { return problem }
        }
        // Scalars against a plain schema are settled above; an object or a list, or any value
        // against a union, is read the way the validator reads it.
        guard !value.isScalar || schema["anyOf"] != nil || schema["oneOf"] != nil || schema["allOf"] != nil else { return nil }
        return fits(value, schema, schemas: schemas, depth: 0)
            ? nil : .unfit("\(value.scalar.map { "'\($0.text)'" } ?? value.kindDescription) fits none of the shapes the schema allows")
    }

    /// Whether `value` fits `schema` as a JSON Schema validator reads it: its own type,
    /// `nullable` and `enum`, every item of an `allOf`, some item of an `anyOf` or `oneOf`,
    /// `required`, `properties`, `additionalProperties` and `items`, following `$ref`s into
    /// `schemas`. What it does not read (formats, lengths, patterns) it takes as fitting, so
    /// a default is only dropped for what a validator refuses; past a few levels (a schema
    /// that refers to itself) the rest is taken as fitting too.
    static func fits(_ value: Node, _ schema: Mapping, schemas: Mapping, depth: Int) -> Bool {
        guard depth < 12 else { return true }
        func fitsItem(_ value: Node, _ item: Node) -> Bool {
            guard let fields = item.mapping else { return item.scalar?.text != "false" }
            return fits(value, fields, schemas: schemas, depth: depth + 1)
        }
        if let reference = schema["$ref"]?.string {
            let prefix = "#/components/schemas/"
            guard reference.hasPrefix(prefix),
                let target = schemas[String(reference.dropFirst(prefix.count)).replacing("~1", with: "/").replacing("~0", with: "~")]
            else { return true }
            return fitsItem(value, target)
        }
        if defaultProblem(value, in: schema) != nil { return false }
        if value.isNull { return true }
        if let items = schema["allOf"]?.sequence, !items.allSatisfy({ fitsItem(value, $0) }) { return false }
        for key in ["anyOf", "oneOf"] {
            if let items = schema[key]?.sequence, !items.isEmpty, !items.contains(where: { fitsItem(value, $0) }) { return false }
        }
        switch value.content {
        case .scalar:
            return true
        case .sequence(let list):
            guard let items = schema["items"] else { return true }
            return list.allSatisfy { fitsItem($0, items) }
        case .mapping(let object):
            if let required = schema["required"]?.sequence,
                required.contains(where: { name in name.string.map { object[$0] == nil } ?? false })
            {
                return false
            }
            let properties = schema["properties"]?.mapping
            for (key, item) in object.entries {
                guard let name = key.text else { continue }
                if let property = properties?[name] {
                    if !fitsItem(item, property) { return false }
                } else if let additional = schema["additionalProperties"], !fitsItem(item, additional) {
                    return false
                }
            }
            return true
        }
    }

    /// The schema of `components.schemas` that `schema` names through a one-item `oneOf` or
    /// `anyOf`, or through any item of an `allOf` (every item must hold); each item a
    /// `$ref` or a one-reference `allOf` (how 3.1's siblings of a `$ref` come down). `nil`
    /// for anything else.
    static func loneReference(in schema: Mapping, schemas: Mapping) -> Mapping? {
        func target(of item: Node) -> Mapping? {
            guard let fields = item.mapping else { return nil }
            if let reference = fields["$ref"]?.string {
                let prefix = "#/components/schemas/"
                guard reference.hasPrefix(prefix) else { return nil }
                let name = String(reference.dropFirst(prefix.count)).replacing("~1", with: "/").replacing("~0", with: "~")
                guard let found = schemas[name]?.mapping, found["$ref"] == nil else { return nil }
                return found
            }
            if let inner = fields["allOf"]?.sequence, inner.count == 1 { return target(of: inner[0]) }
            return nil
        }
        if let items = schema["allOf"]?.sequence {
            return items.lazy.compactMap(target).first
        }
        for key in ["oneOf", "anyOf"] {
            guard let items = schema[key]?.sequence else { continue }
            return items.count == 1 ? target(of: items[0]) : nil
        }
        return nil
    }

    static func defaultProblem(_ value: Node, in schema: Mapping) -> DefaultProblem? {
        let type = schema["type"]?.string
        if value.isNull {
            if schema["nullable"]?.scalar?.text == "true" { return nil }
            return type == nil && schema["enum"] == nil ? nil : .unfit("null is not allowed where nullable is not true")
        }
        if let type, let problem = typeProblem(value, type: type) { return problem }
        if let list = schema["enum"]?.sequence, !list.contains(where: { isSameValue($0, value) }) {
            return .unfit("\(value.scalar.map { "'\($0.text)'" } ?? value.kindDescription) is not one of the enum's values")
        }
        return nil
    }

    private static func typeProblem(_ value: Node, type: String) -> DefaultProblem? {
        switch (type, value.content) {
        case ("array", .sequence), ("object", .mapping): return nil
        case ("string", .scalar(let scalar)):
            return scalar.kind == .string ? nil : .convertible(Node(.scalar(Scalar(text: scalar.text, kind: .string)), mark: value.mark))
        case ("integer", .scalar(let scalar)):
            if scalar.kind == .int { return nil }
            if scalar.kind == .string, Int(scalar.text) != nil { return .convertible(retyped(value, scalar, .int)) }
        case ("number", .scalar(let scalar)):
            if scalar.kind == .int || scalar.kind == .float { return nil }
            if scalar.kind == .string, let number = Double(scalar.text), number.isFinite {
                return .convertible(retyped(value, scalar, Int(scalar.text) != nil ? .int : .float))
            }
        case ("boolean", .scalar(let scalar)):
            if scalar.kind == .bool { return nil }
            if scalar.kind == .string, scalar.text == "true" || scalar.text == "false" { return .convertible(retyped(value, scalar, .bool)) }
        default:
            if !schemaTypes.contains(type) { return nil }
        }
        return .unfit("\(value.scalar.map { "'\($0.text)'" } ?? value.kindDescription) is not \(type == "integer" ? "an" : "a") \(type)")
    }

    private static func retyped(_ value: Node, _ scalar: Scalar, _ kind: ScalarKind) -> Node {
        Node(.scalar(Scalar(text: scalar.text, kind: kind)), mark: value.mark)
    }

    /// Whether two values of a document are the same value, as JSON compares them.
    static func isSameValue(_ a: Node, _ b: Node) -> Bool {
        switch (a.content, b.content) {
        case (.scalar(let x), .scalar(let y)):
            if x.kind != y.kind, !(x.kind == .int && y.kind == .float || x.kind == .float && y.kind == .int) { return false }
            if x.kind == .int || x.kind == .float { return Double(x.text) == Double(y.text) }
            return x.text == y.text
        case (.sequence(let x), .sequence(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { isSameValue($0, $1) }
        case (.mapping(let x), .mapping(let y)):
            return x.count == y.count
                && x.entries.allSatisfy { entry in entry.key.text.flatMap { y[$0] }.map { isSameValue(entry.value, $0) } ?? false }
        default:
            return false
        }
    }

    /// Whether a list holds a value twice (compared as `isSameValue` does).
    static func hasRepeats(_ list: [Node]) -> Bool {
        guard list.count > 1 else { return false }
        // The usual enum has a few values: compared pairwise, which costs less than making
        // a set and hashing each value (this runs for every enum of every schema).
        if list.count <= 8 {
            for later in 1..<list.count {
                for earlier in 0..<later where isSameValue(list[earlier], list[later]) { return true }
            }
            return false
        }
        // Scalars by a key, so a long enum (every country, every currency) is read once.
        var seen = Set<String>()
        var others: [Node] = []
        for item in list {
            if case .scalar(let scalar) = item.content {
                let key: String
                switch scalar.kind {
                case .int, .float: key = "n" + (Double(scalar.text).map { String($0) } ?? scalar.text)
                default: key = scalar.kind.rawValue + ":" + scalar.text
                }
                if !seen.insert(key).inserted { return true }
            } else {
                if others.contains(where: { isSameValue($0, item) }) { return true }
                others.append(item)
            }
        }
        return false
    }

    /// `schemaTypes.contains(name)`, without hashing the name: every schema has a type.
    static func isSchemaType(_ name: String) -> Bool {
        switch name.utf8.count {
        case 5: name == "array"
        case 6: name == "number" || name == "object" || name == "string"
        case 7: name == "boolean" || name == "integer"
        default: false
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
        // A scalar item (a tag's name, a scope) holds nothing to rewrite; passed over before
        // its place on the trail is even made.
        for index in items.indices where !items[index].isScalar {
            guard let made = change(index, items[index]) else { continue }
            if result == nil { result = items }
            result![index] = made
        }
        return result.map { Node(.sequence($0), tag: node.tag, mark: node.mark) }
    }
}
