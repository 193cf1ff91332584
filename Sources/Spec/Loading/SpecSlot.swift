import YAML

/// What a node of a spec is, judged from the keys above it: an object with keywords, a
/// mapping from names to objects, or example data that is never looked into.
///
/// The distinction matters for `$ref`: in `properties:` a key named `$ref` is a property,
/// and under `example:` a `$ref` is data the API returns, not a reference.
enum SpecSlot: Equatable {
    /// A mapping whose keys are keywords; the kind when it is a reusable object.
    case object(ComponentKind?)
    /// A mapping from names (paths, property names, status codes) to objects of a kind.
    case names(ComponentKind?)
    /// A sequence of objects of a kind (`parameters`, `allOf`).
    case list(ComponentKind?)
    /// The `components` object: each section is a mapping of names.
    case components
    /// A discriminator's `mapping`: its values are schema names or references to schemas.
    case schemaMapping
    /// Example and default values, enums and extensions: data, never references.
    case literal

    /// Whether a `$ref` key in a mapping in this slot is a reference.
    var readsReferences: Bool {
        if case .object = self { return true }
        return false
    }

    /// The kind a `$ref` in a mapping in this slot leads to.
    var kind: ComponentKind? {
        switch self {
        case .object(let kind), .names(let kind), .list(let kind): kind
        case .schemaMapping: .schemas
        case .components, .literal: nil
        }
    }

    /// Whether a mapping key is `$ref`; the length is compared first, because this runs for
    /// every key of every object in the spec.
    static func isReferenceKey(_ key: String) -> Bool {
        key.utf8.count == 4 && key == "$ref"
    }

    /// Whether a key is an extension (`x-…`), as `hasPrefix("x-")` decides, with the common
    /// answer "no" read from the first byte.
    ///
    /// No other spelling is canonically equivalent to "x" or "-", so a key that does not
    /// start with those bytes cannot have the prefix; `hasPrefix` settles the rest (a
    /// combining mark after the hyphen makes it another character).
    static func isExtension(_ key: String) -> Bool {
        key.utf8.first == UInt8(ascii: "x") && key.hasPrefix("x-")
    }

    /// Whether a discriminator mapping value is a reference rather than a schema name:
    /// names are plain component names, references hold a `/`, a `#` or a file extension.
    static func isReference(mappingValue text: String) -> Bool {
        if text.contains("/") || text.contains("#") { return true }
        let lower = text.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json")
    }

    /// The slot of an item of a sequence in this slot.
    var item: SpecSlot {
        switch self {
        case .list(let kind): .object(kind)
        case .literal: .literal
        default: .object(nil)
        }
    }

    /// The slot of the value under `key` in a mapping in this slot; `value` tells the
    /// two uses of `examples` apart (a mapping of Example objects, or a 3.1 schema's list).
    func child(_ key: String, value: Node) -> SpecSlot {
        switch self {
        case .literal, .schemaMapping:
            return .literal
        case .list:
            return .object(nil)
        case .components:
            if Self.isExtension(key) { return .literal }
            return ComponentKind(rawValue: key).map { .names($0) } ?? .object(nil)
        case .names(let kind):
            // Paths, Responses and Callback objects take extensions beside their names;
            // property and header names may start with "x-" and are names all the same.
            if kind == .pathItems || kind == .responses, Self.isExtension(key) { return .literal }
            return .object(kind)
        case .object(let kind):
            return Self.keyword(key, value: value, in: kind)
        }
    }

    private static func keyword(_ key: String, value: Node, in kind: ComponentKind?) -> SpecSlot {
        if isExtension(key) { return .literal }
        switch kind {
        case .callbacks:
            // A Callback object maps runtime expressions to path items.
            return .object(.pathItems)
        case .examples where key == "value":
            return .literal
        case .links where key == "parameters" || key == "requestBody":
            // A link's parameters and body are runtime expressions or literal values.
            return .literal
        default:
            break
        }
        switch key {
        case "examples":
            return value.sequence != nil ? .literal : .names(.examples)
        case "mapping" where value.mapping?.values.allSatisfy({ $0.string != nil }) ?? false:
            // Only a discriminator's mapping is all strings; `mapping` may also be a property name.
            return .schemaMapping
        default:
            // One table probe instead of a chain of string comparisons or a hash of the key:
            // this runs for every key of every object in the spec.
            return keywordSlots.value(for: key) ?? .object(nil)
        }
    }

    /// Every key `child(_:value:)` tells apart from others (keywords, the sections of
    /// `components`, `$ref`), sorted; it treats any other key like any other, but for
    /// whether it starts with `x-`.
    static let distinguishedKeys: [String] = {
        var keys = Set(keywordSlotList.keys)
        keys.formUnion(ComponentKind.allCases.map(\.rawValue))
        keys.formUnion(["$ref", "examples", "mapping", "value", "parameters", "requestBody"])
        return keys.sorted()
    }()

    /// The slot of the value under each keyword whose slot does not depend on the value.
    private static let keywordSlots = KeywordTable(keywordSlotList)

    /// The keywords of `keywordSlots`, as a dictionary for building the table.
    private static let keywordSlotList: [String: SpecSlot] = {
        var slots: [String: SpecSlot] = [:]
        for key in ["example", "enum", "const", "default"] { slots[key] = .literal }
        slots["components"] = .components
        for key in ["paths", "webhooks"] { slots[key] = .names(.pathItems) }
        for key in ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"] {
            slots[key] = .names(.schemas)
        }
        slots["responses"] = .names(.responses)
        slots["headers"] = .names(.headers)
        slots["links"] = .names(.links)
        slots["callbacks"] = .names(.callbacks)
        for key in ["encoding", "variables", "mapping", "scopes"] { slots[key] = .names(nil) }
        // A media type is never named `$ref`, and some specs keep a whole content map in a
        // file of its own (`content: {$ref: responses/pet.yaml}`): the `$ref` is read.
        slots["content"] = .object(nil)
        for key in [
            "schema", "items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else",
            "unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema",
        ] {
            slots[key] = .object(.schemas)
        }
        for key in ["allOf", "anyOf", "oneOf", "prefixItems"] { slots[key] = .list(.schemas) }
        slots["parameters"] = .list(.parameters)
        slots["requestBody"] = .object(.requestBodies)
        return slots
    }()
}
