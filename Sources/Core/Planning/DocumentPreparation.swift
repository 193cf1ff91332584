import Diagnostics
import YAML

/// Makes a spec's document importable by API Gateway's REST import: OpenAPI 3.0.3, and
/// nothing the import refuses.
///
/// The import rejects 3.1 as a whole, so a 3.1 document is written as 3.0.3: `type: [T,
/// "null"]` becomes `nullable`, `const` a one-value `enum`, `examples` in a schema its first
/// `example`, numeric `exclusiveMinimum`/`exclusiveMaximum` the 3.0 boolean form, and what
/// 3.0 cannot say is removed, each with a warning naming where. Path-item keys that are
/// not methods API Gateway has (`trace`, `query`, `GET`) are removed too; the model has
/// already said they are dropped.
public enum DocumentPreparation {
    /// The diagnostic code for something 3.0 cannot say, removed on the way down.
    public static let droppedForOpenAPI30 = "CONV010"

    public static func prepare(_ document: Node) -> (Node, [Diagnostic]) {
        guard var root = document.mapping else { return (document, []) }
        var notes = Notes()
        let isVersion31 = root["openapi"]?.text?.hasPrefix("3.1") == true
        if isVersion31 {
            root["openapi"] = .string("3.0.3")
            for key in ["webhooks", "jsonSchemaDialect"] where root[key] != nil {
                root[key] = nil
                notes.drop(key, "OpenAPI 3.0 has no \(key); move what it says into paths or the description")
            }
            if var info = root["info"]?.mapping {
                if info["summary"] != nil {
                    info["summary"] = nil
                    notes.drop("info.summary", "OpenAPI 3.0's info has no summary; fold it into the description")
                }
                if var license = info["license"]?.mapping, license["identifier"] != nil {
                    license["identifier"] = nil
                    notes.drop("info.license.identifier", "OpenAPI 3.0's license has no identifier; give a url instead")
                    info["license"] = .mapping(license)
                }
                root["info"] = .mapping(info)
            }
            if var components = root["components"]?.mapping, components["pathItems"] != nil {
                components["pathItems"] = nil
                notes.drop("components.pathItems", "OpenAPI 3.0 has no components.pathItems; refer to path items from paths only")
                root["components"] = .mapping(components)
            }
        }
        if root["paths"] == nil { root["paths"] = .mapping(Mapping()) }
        var walker = SchemaWalker(isVersion31: isVersion31, notes: notes)
        var node = Node.mapping(root)
        // Only 3.1 schemas change; walking a 3.0 document would rebuild it for nothing.
        if isVersion31 { walker.visit(&node, path: "", inSchema: false) }
        if var paths = node["paths"]?.mapping {
            var cleaned = Mapping()
            for (key, item) in paths.entries {
                guard var itemMapping = item.mapping else {
                    cleaned.append(key: key, value: item)
                    continue
                }
                var kept = Mapping()
                for (name, value) in itemMapping.entries {
                    guard let text = name.text, pathItemKeys.contains(text) || text.hasPrefix("x-") else { continue }
                    kept.append(key: name, value: value)
                }
                itemMapping = kept
                cleaned.append(key: key, value: .mapping(itemMapping))
            }
            paths = cleaned
            var mapping = node.mapping!
            mapping["paths"] = .mapping(paths)
            node = .mapping(mapping)
        }
        return (node, walker.notes.diagnostics)
    }

    /// The keys a path item keeps: API Gateway's methods and the item's own fields.
    static let pathItemKeys: Set<String> = [
        "get", "put", "post", "delete", "options", "head", "patch", "parameters", "summary", "description", "servers",
        "$ref",
    ]

    /// Warnings, one per kind of thing dropped, naming the first place.
    struct Notes {
        var diagnostics: [Diagnostic] = []
        var seen: Set<String> = []

        mutating func drop(_ path: String, _ why: String, kind: String? = nil) {
            guard seen.insert(kind ?? path).inserted else { return }
            diagnostics.append(
                .warning(
                    DocumentPreparation.droppedForOpenAPI30,
                    "\(path) is left out of the OpenAPI 3.0.3 output API Gateway imports, since \(why)"))
        }
    }

    /// Walks every schema (anything under a `schema`, `schemas`, `properties`, `items`,
    /// `allOf`… key) and rewrites the 3.1 keywords.
    struct SchemaWalker {
        var isVersion31: Bool
        var notes: Notes

        static let schemaContainers: Set<String> = ["schema", "items", "additionalProperties", "not"]
        static let schemaLists: Set<String> = ["allOf", "anyOf", "oneOf"]
        static let schemaMaps: Set<String> = ["properties", "schemas"]
        static let dropped31Keywords = [
            "$schema", "$id", "$defs", "$anchor", "$dynamicRef", "$dynamicAnchor", "$comment", "contentMediaType",
            "contentEncoding", "contentSchema", "prefixItems", "if", "then", "else", "dependentRequired",
            "dependentSchemas", "unevaluatedProperties", "unevaluatedItems", "patternProperties", "propertyNames",
            "contains", "minContains", "maxContains",
        ]

        mutating func visit(_ node: inout Node, path: String, inSchema: Bool) {
            switch node.content {
            case .scalar:
                return
            case .sequence(var items):
                for i in items.indices { visit(&items[i], path: "\(path)[\(i)]", inSchema: inSchema) }
                node.content = .sequence(items)
            case .mapping(var mapping):
                if inSchema && isVersion31 { rewrite(&mapping, path: path) }
                var result = Mapping()
                for (key, value) in mapping.entries {
                    var child = value
                    let name = key.text ?? ""
                    let childPath = path.isEmpty ? name : "\(path).\(name)"
                    if Self.schemaContainers.contains(name) && !(name == "additionalProperties" && child.scalar != nil) {
                        visit(&child, path: childPath, inSchema: true)
                    } else if Self.schemaLists.contains(name), inSchema {
                        visit(&child, path: childPath, inSchema: true)
                    } else if Self.schemaMaps.contains(name), var members = child.mapping {
                        var rewritten = Mapping()
                        for (member, schema) in members.entries {
                            var s = schema
                            visit(&s, path: "\(childPath).\(member.text ?? "")", inSchema: true)
                            rewritten.append(key: member, value: s)
                        }
                        members = rewritten
                        child = Node(.mapping(members), tag: child.tag, mark: child.mark)
                    } else {
                        visit(&child, path: childPath, inSchema: false)
                    }
                    result.append(key: key, value: child)
                }
                node.content = .mapping(result)
            }
        }

        /// One schema's 3.1 keywords in their 3.0 form.
        mutating func rewrite(_ schema: inout Mapping, path: String) {
            if let types = schema["type"]?.sequence {
                let names = types.compactMap(\.text)
                let nonNull = names.filter { $0 != "null" }
                if names.contains("null") { schema["nullable"] = .bool(true) }
                if nonNull.count == 1 {
                    schema["type"] = .string(nonNull[0])
                } else {
                    schema["type"] = nil
                    if nonNull.count > 1 {
                        notes.drop("\(path).type", "a list of several types has no 3.0 form; use anyOf with one type each", kind: "type-list")
                    }
                }
            } else if schema["type"]?.text == "null" {
                schema["type"] = nil
                schema["nullable"] = .bool(true)
            }
            if let value = schema["const"] {
                schema["const"] = nil
                schema["enum"] = .sequence([value])
            }
            if let examples = schema["examples"]?.sequence {
                schema["examples"] = nil
                if schema["example"] == nil, let first = examples.first { schema["example"] = first }
            }
            for (key, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
                if let value = schema[key], value.scalar?.kind == .int || value.scalar?.kind == .float {
                    schema[bound] = value
                    schema[key] = .bool(true)
                }
            }
            for keyword in Self.dropped31Keywords where schema[keyword] != nil {
                schema[keyword] = nil
                notes.drop("\(path).\(keyword)", "OpenAPI 3.0 schemas have no \(keyword); express it with 3.0 keywords or in the description", kind: keyword)
            }
        }
    }
}
