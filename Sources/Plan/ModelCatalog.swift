import YAML

/// The models API Gateway makes of an OpenAPI 3.0 document's request body schemas: JSON
/// Schema draft 4, with alphanumeric names, referring to each other by name.
///
/// The spec's planner and the document reader both use it, so a model planned from a spec,
/// written into an output and read back is the same model. A schema becomes a model when a
/// method's body is validated against it: a `$ref` to `components.schemas.NAME` is the model
/// NAME (letters and digits kept, made unique), an inline schema takes the name the caller
/// suggests, and every component schema a model refers to becomes a model too, listed before
/// the models that refer to it.
///
/// What draft 4, or API Gateway's reading of it, cannot take is rewritten or removed, and
/// each change is recorded with what validation it loses (`changes`):
/// `nullable: true` becomes a type list with `"null"`; `discriminator`, `readOnly`,
/// `writeOnly`, `default`, `example`, `examples`, `xml`, `externalDocs`, `deprecated` and
/// `x-` extensions are removed; `format` on a `number` (`int32`, `int64`, `decimal`, …) is
/// removed; a reference to a schema that is not a whole component is copied in place; a
/// reference back into a schema being converted (recursion) becomes `{}`, accepting anything
/// below that point.
public struct ModelCatalog: Sendable {
    /// One kind of change made to the spec's schemas, at the first place it was made.
    public struct Change: Sendable, Equatable {
        /// The keyword or construct: `readOnly`, `nullable`, `a recursive $ref`, …
        public var keyword: String
        /// What the model validates differently because of it.
        public var effect: String
        /// Where, as `components.schemas.Pet.properties.id`, and the node's mark.
        public var places: [String]
        public var mark: Mark
    }

    private let components: Mapping
    /// The models so far, each after the models it refers to.
    public private(set) var models: [GatewayModel] = []
    /// The changes, one per keyword, in the order first met.
    public private(set) var changes: [Change] = []
    /// Component names whose model has another name (`pet-input` → `PetInput`).
    public private(set) var renamed: [(component: String, model: String)] = []
    private var modelOfComponent: [String: String] = [:]
    private var taken: Set<String> = []
    private var converting: [String] = []

    /// A catalog over the document's `components.schemas`.
    public init(schemas: Mapping?) {
        components = schemas ?? Mapping()
        // A model made up for another schema never takes the name of a component.
        reserved = Set(components.keys.compactMap(\.text))
    }

    private let reserved: Set<String>

    /// The model name of `schema` (a request body's, for `contentType`), adding it and the
    /// models it refers to; `suggestedName` names an inline schema.
    /// `place` names an inline schema in messages (`the request body of PUT /pets`).
    public mutating func model(for schema: Node, contentType: String, suggestedName: String, place: String? = nil) -> String {
        if let reference = schema["$ref"]?.string, let component = Self.componentName(reference), components[component] != nil {
            return model(ofComponent: component, contentType: contentType)
        }
        let name = unique(Self.alphanumeric(suggestedName, fallback: "Request"))
        var references: [String] = []
        let converted = convert(schema, place: place ?? name, references: &references)
        models.append(GatewayModel(name: name, contentType: contentType, schema: GatewayModel.untitled(converted, name: name), references: references))
        return name
    }

    private mutating func model(ofComponent component: String, contentType: String) -> String {
        if let known = modelOfComponent[component] { return known }
        // A component named in letters and digits is its own model; any other gets a name
        // no component and no model has.
        let name = GatewayModel.isModelName(component) && !taken.contains(component) ? component : unique(Self.alphanumeric(component, fallback: "Model"))
        taken.insert(name)
        if name != component { renamed.append((component, name)) }
        modelOfComponent[component] = name
        converting.append(component)
        var references: [String] = []
        let converted = convert(components[component] ?? .mapping(Mapping()), place: "components.schemas.\(component)", references: &references)
        converting.removeLast()
        models.append(GatewayModel(name: name, contentType: contentType, schema: GatewayModel.untitled(converted, name: name), references: references))
        return name
    }

    private mutating func unique(_ base: String) -> String {
        var name = String(base.prefix(120))
        var suffix = 2
        while taken.contains(name) || reserved.contains(name) {
            name = String(base.prefix(120)) + String(suffix)
            suffix += 1
        }
        taken.insert(name)
        return name
    }

    /// The request body of `operation` (an operation object of `document`), a `$ref` to
    /// `components.requestBodies` followed.
    public static func requestBody(of operation: Node?, in document: Node) -> Mapping? {
        guard var body = operation?["requestBody"] else { return nil }
        let prefix = "#/components/requestBodies/"
        if let reference = body["$ref"]?.string, reference.hasPrefix(prefix) {
            guard let shared = document["components"]?["requestBodies"]?[String(reference.dropFirst(prefix.count))] else { return nil }
            body = shared
        }
        return body.mapping
    }

    /// The model of each JSON content type of a request body, as content type → model name,
    /// and the content types no model can check (not JSON, or without a schema).
    public mutating func models(forBody body: Mapping, suggestedName: String, place: String? = nil) -> (models: [Mapped], skipped: [String]) {
        var models: [Mapped] = []
        var skipped: [String] = []
        for (key, media) in body["content"]?.mapping?.entries ?? Mapping().entries {
            guard let contentType = key.text else { continue }
            guard Self.isJSON(contentType), let schema = media["schema"] else {
                skipped.append(contentType)
                continue
            }
            let suggested = models.isEmpty ? suggestedName : suggestedName + String(models.count + 1)
            models.append(
                Mapped(contentType, model(for: schema, contentType: contentType, suggestedName: suggested, place: place)))
        }
        return (models, skipped)
    }

    /// Whether a body of `contentType` is JSON, which models describe.
    public static func isJSON(_ contentType: String) -> Bool {
        let type = String(contentType.lowercased().split(separator: ";").first ?? "").filter { $0 != " " }
        return type == "application/json" || type.hasSuffix("+json")
    }

    /// The name an inline request body's model is given: the operation's id, or its method
    /// and path, then `Request` (`createOrder` → `CreateOrderRequest`).
    public static func suggestedName(operation: String?, verb: String, path: String) -> String {
        alphanumeric(operation ?? "\(verb.lowercased()) \(path)", fallback: "Body") + "Request"
    }

    /// Letters and digits of `text`, each word capitalised (`pet-input` → `PetInput`).
    static func alphanumeric(_ text: String, fallback: String) -> String {
        let words = text.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        let joined = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return joined.isEmpty ? fallback : joined
    }

    /// `Pet` for `#/components/schemas/Pet` (pointer escapes undone); `nil` for any other reference.
    static func componentName(_ reference: String) -> String? {
        let prefix = "#/components/schemas/"
        guard reference.hasPrefix(prefix) else { return nil }
        let name = reference.dropFirst(prefix.count)
        guard !name.contains("/") else { return nil }
        return String(name).replacing("~1", with: "/").replacing("~0", with: "~")
    }

    // MARK: - Draft 4

    /// Keywords removed from models, and what validation each removal loses.
    static let removed: [(keyword: String, effect: String)] = [
        ("discriminator", "left out: the mapping no longer chooses a schema, though oneOf and anyOf still check each alternative"),
        ("readOnly", "left out: a request that sends a read-only property is not refused"),
        ("writeOnly", "left out, losing nothing: draft 4 has no such keyword"),
        ("default", "left out, losing nothing: API Gateway never fills in a default"),
        ("example", "left out, losing nothing: examples document, they do not validate"),
        ("examples", "left out, losing nothing: examples document, they do not validate"),
        ("xml", "left out, losing nothing: it describes XML, which models do not validate"),
        ("externalDocs", "left out, losing nothing: it documents"),
        ("deprecated", "left out, losing nothing: a deprecated property is accepted either way"),
    ]

    private mutating func record(_ keyword: String, _ effect: String, at place: String, mark: Mark) {
        if let index = changes.firstIndex(where: { $0.keyword == keyword }) {
            changes[index].places.append(place)
        } else {
            changes.append(Change(keyword: keyword, effect: effect, places: [place], mark: mark))
        }
    }

    /// `schema` as a draft 4 model schema; references to whole components become model
    /// references (recorded in `references`), other local references are copied in place.
    private mutating func convert(_ schema: Node, place: String, references: inout [String], depth: Int = 0) -> Node {
        guard depth < 64 else { return .mapping(Mapping()) }
        if let items = schema.sequence {
            return .sequence(items.enumerated().map { convert($1, place: "\(place)[\($0)]", references: &references, depth: depth + 1) })
        }
        guard let fields = schema.mapping else { return schema }
        if let reference = fields["$ref"]?.string {
            if let component = Self.componentName(reference), components[component] != nil {
                if converting.contains(component) {
                    record(
                        "a recursive $ref", "cut to {}: below the point where a schema refers back to itself, anything is accepted",
                        at: place, mark: fields["$ref"]!.mark)
                    return .mapping(Mapping())
                }
                let name = model(ofComponent: component, contentType: "application/json")
                if !references.contains(name) { references.append(name) }
                return ["$ref": .string(GatewayModel.reference(to: name))]
            }
            // A reference into part of a component: what it names, in place.
            if let target = Self.resolve(reference, in: components) {
                return convert(target, place: place, references: &references, depth: depth + 1)
            }
            return .mapping(Mapping())
        }
        var result = Mapping()
        let isNumber = fields["type"]?.string == "number"
        let nullable = fields["nullable"]?.boolValue ?? false
        for (key, value) in fields.entries {
            guard let name = key.text else { continue }
            if let removal = Self.removed.first(where: { $0.keyword == name }) {
                record(name, removal.effect, at: place, mark: key.mark)
                continue
            }
            if name.hasPrefix("x-") {
                record("x- extensions", "left out, losing nothing: extensions are not JSON Schema", at: place, mark: key.mark)
                continue
            }
            switch name {
            case "nullable":
                continue
            case "type":
                if nullable, let type = value.string {
                    result.append(key: key, value: .sequence([.string(type), .string("null")]))
                    record("nullable", "written as a type list with \"null\", draft 4's form, losing nothing", at: place, mark: key.mark)
                } else {
                    result.append(key: key, value: value)
                }
            case "format" where isNumber:
                record(
                    "format on a number", "left out: the value's precision (int32, int64, decimal, …) is not checked, only that it is a number",
                    at: place, mark: key.mark)
            case "properties", "patternProperties", "definitions":
                var converted = Mapping()
                for (property, subschema) in value.mapping?.entries ?? Mapping().entries {
                    converted.append(
                        key: property,
                        value: convert(subschema, place: "\(place).\(name).\(property.text ?? "")", references: &references, depth: depth + 1))
                }
                result.append(key: key, value: .mapping(converted))
            case "items", "additionalProperties", "not", "allOf", "anyOf", "oneOf":
                result.append(key: key, value: value.isScalar ? value : convert(value, place: "\(place).\(name)", references: &references, depth: depth + 1))
            default:
                result.append(key: key, value: value)
            }
        }
        if nullable, fields["type"]?.string == nil {
            record("nullable without a type", "left out: a null value is refused, draft 4 saying null only in a type list", at: place, mark: schema.mark)
        }
        return .mapping(result)
    }

    /// What a local `#/components/schemas/…` pointer names below a component.
    static func resolve(_ reference: String, in schemas: Mapping) -> Node? {
        let prefix = "#/components/schemas/"
        guard reference.hasPrefix(prefix) else { return nil }
        var tokens = reference.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).replacing("~1", with: "/").replacing("~0", with: "~")
        }
        guard !tokens.isEmpty, var node = schemas[tokens.removeFirst()] else { return nil }
        for token in tokens {
            if let items = node.sequence, let index = Int(token), items.indices.contains(index) {
                node = items[index]
            } else if let child = node[token] {
                node = child
            } else {
                return nil
            }
        }
        return node
    }
}

extension GatewayModel {
    /// The model's schema as an OpenAPI 3.0 document writes it: a type list with `"null"`
    /// becomes `nullable: true` (3.0 has no type lists), the rest as it is.
    public static func documentSchema(_ schema: Node) -> Node {
        if let items = schema.sequence { return .sequence(items.map(documentSchema)) }
        guard let fields = schema.mapping else { return schema }
        var result = Mapping()
        for (key, value) in fields.entries {
            if key.text == "type", let types = value.sequence, types.count == 2, types.contains(where: { $0.string == "null" }),
                let type = types.first(where: { $0.string != "null" })
            {
                result.append(key: key, value: type)
                result.append(key: .string("nullable"), value: .bool(true))
            } else if ["properties", "patternProperties", "definitions"].contains(key.text ?? ""), let entries = value.mapping {
                var converted = Mapping()
                for (property, subschema) in entries.entries { converted.append(key: property, value: documentSchema(subschema)) }
                result.append(key: key, value: .mapping(converted))
            } else if value.isScalar {
                result.append(key: key, value: value)
            } else {
                result.append(key: key, value: documentSchema(value))
            }
        }
        return .mapping(result)
    }
}
