import Diagnostics
import YAML
import Plan
import Spec

/// Writes an OpenAPI 3.1 document as OpenAPI 3.0.3, the newest version API Gateway's REST
/// import reads (it refuses 3.1 as a whole with "Invalid OpenAPI input.").
///
/// This is the one place the tool goes down a version: `DocumentPreparation` applies it to
/// the bundled document before planning, so the OpenAPI output, the body-style template's
/// `Body` and every check made on the plan see the same 3.0.3 document.
///
/// What 3.0 can say another way is rewritten without a word: `type: [T, "null"]` becomes
/// `type: T` with `nullable`, several types an `anyOf`, `type: "null"` a `nullable` enum of
/// `null`, a `{type: "null"}` branch of `oneOf`/`anyOf` the parent's `nullable`, `const` a
/// one-value `enum`, a schema's `examples` its first `example`, a numeric
/// `exclusiveMinimum`/`exclusiveMaximum` a bound with the 3.0 boolean, `contentEncoding:
/// base64` `format: byte` and a binary `contentMediaType` `format: binary`, boolean schemas
/// `{}` and `{not: {}}`, keywords beside a schema's `$ref` an `allOf` around it, and path
/// items in `components.pathItems` are copied where `paths` and callbacks refer to them.
///
/// What 3.0 cannot say is removed, with one warning per keyword (`CONV010`) that counts the
/// places and names the first few, not one per schema; a `mutualTLS` security scheme and the
/// requirements naming it are removed with `CONV011`, since API Gateway checks client
/// certificates on the custom domain name, not in the definition. `webhooks` go without a
/// word of their own: the model has said (`GW010`) that API Gateway does not serve them.
struct OpenAPI31Downlevel {
    static let droppedCode = PipelineError.droppedOnDownlevel
    static let mutualTLSCode = PipelineError.mutualTLSDropped
    static let rewrittenCode = PipelineError.rewrittenFor30

    /// Where a place of the document was written, for the warnings.
    let locator: PlaceLocator
    /// The removals so far, one per kind, in the order first met.
    private var removals: [Removal] = []
    private var removalIndex: [String: Int] = [:]
    private var extra = DiagnosticEngine()
    /// The keys from the root to where the 3.0 walk is (`OpenAPI30Conformance`).
    var trail: [String] = []
    /// `components.schemas`, where a default beside a lone `allOf`/`oneOf` reference is
    /// checked (the 3.0 walk).
    var componentSchemas = Mapping()
    /// `components`, where a `content` written as a `$ref` is looked up (the 3.0 walk).
    var components = Mapping()

    init(locator: PlaceLocator) {
        self.locator = locator
    }

    /// Everything the document's version change removed, grouped per keyword.
    var diagnostics: [Diagnostic] {
        extra.diagnostics + removals.map { $0.diagnostic(locator: locator) }
    }

    /// One kind of thing removed (or rewritten) and every place it was.
    private struct Removal {
        var what: String
        var why: String
        var places: [String]
        var mark: Mark
        var code = OpenAPI31Downlevel.droppedCode
        // Said the same for every output: the template of resources carries no schemas at
        // all, and the OpenAPI output and a template's Body are the 3.0 document.
        var verb = "is left out for API Gateway, which reads OpenAPI 3.0"

        static let shownPlaces = 3

        func diagnostic(locator: PlaceLocator) -> Diagnostic {
            let at: String
            if places == [what] {
                at = ""
            } else if places.count == 1 {
                at = " at \(locator.written(places[0]))"
            } else {
                let shown = places.prefix(Self.shownPlaces).map(locator.written).joined(separator: ", ")
                let more = places.count > Self.shownPlaces ? " and \(places.count - Self.shownPlaces) more" : ""
                at = " at \(places.count) places (\(shown)\(more))"
            }
            return .warning(
                code, "\(what) \(verb)\(at), since \(why)",
                at: locator.location(of: places[0], mark: mark))
        }
    }

    mutating func drop(_ what: String, at place: String, mark: Mark, _ why: String) {
        if let index = removalIndex[what] {
            removals[index].places.append(place)
        } else {
            removalIndex[what] = removals.count
            removals.append(Removal(what: what, why: why, places: [place], mark: mark))
        }
    }

    /// Records something written another way for 3.0 (`CONV012`), grouped like removals.
    mutating func rewrote(_ what: String, at place: String, mark: Mark, _ why: String) {
        let key = "rewrote " + what
        if let index = removalIndex[key] {
            removals[index].places.append(place)
        } else {
            removalIndex[key] = removals.count
            removals.append(
                Removal(
                    what: what, why: why, places: [place], mark: mark, code: Self.rewrittenCode,
                    verb: "is rewritten the way OpenAPI 3.0, which API Gateway reads, says it"))
        }
    }

    // MARK: - The document

    /// `root`, a 3.1 document, as 3.0.3.
    mutating func apply(to root: inout Mapping) {
        root["openapi"] = .string("3.0.3")
        let document = Node.mapping(root)
        if let entry = Self.entry(root, "jsonSchemaDialect") {
            root["jsonSchemaDialect"] = nil
            drop("jsonSchemaDialect", at: "jsonSchemaDialect", mark: entry.mark, "OpenAPI 3.0 schemas have one dialect only")
        }
        // API Gateway serves no webhooks; GW010 has said so where they are written.
        root["webhooks"] = nil
        if var info = root["info"]?.mapping {
            if let entry = Self.entry(info, "summary") {
                info["summary"] = nil
                drop("info.summary", at: "info.summary", mark: entry.mark, "OpenAPI 3.0's info has no summary; fold it into the description")
            }
            if var license = info["license"]?.mapping, let entry = Self.entry(license, "identifier") {
                license["identifier"] = nil
                drop(
                    "info.license.identifier", at: "info.license.identifier", mark: entry.mark,
                    "OpenAPI 3.0's license has no identifier; give a url instead")
                info["license"] = .mapping(license)
            }
            root["info"] = .mapping(info)
        }
        let removedSchemes = removeMutualTLS(from: &root)
        if var components = root["components"]?.mapping {
            // Every reference to a path item is copied in place below, so the section goes.
            components["pathItems"] = nil
            root["components"] = .mapping(components)
        }
        if var paths = root["paths"]?.mapping {
            var rewritten = Mapping()
            for (key, item) in paths.entries {
                var copy = Self.inlinedPathItem(item, in: document)
                Self.removeRequirements(naming: removedSchemes, fromOperationsOf: &copy)
                rewritten.append(key: key, value: copy)
            }
            paths = rewritten
            root["paths"] = .mapping(paths)
        }
        var node = Node.mapping(root)
        walk(&node, path: "", document: document)
        root = node.mapping ?? root
    }

    private static func entry(_ mapping: Mapping, _ key: String) -> Node? {
        mapping.index(of: key).map { mapping[position: $0].key }
    }

    // MARK: - Path items

    /// A path item with a local `$ref` replaced by what it leads to (3.1's
    /// `components.pathItems`, or another path), keys written beside the `$ref` kept over the
    /// target's; each operation without `responses` (optional in 3.1) gets a `default` one.
    static func inlinedPathItem(_ item: Node, in document: Node) -> Node {
        var node = item
        var depth = 0
        while let fields = node.mapping, let text = fields["$ref"]?.string, text.hasPrefix("#"),
            let pointer = JSONPointer(fragment: String(text.dropFirst())), let target = pointer.resolve(in: document),
            var merged = target.mapping, depth < 32
        {
            for (key, value) in fields.entries where key.text != "$ref" {
                if let name = key.text { merged[name] = value }
            }
            node = Node(.mapping(merged), tag: node.tag, mark: node.mark)
            depth += 1
        }
        guard var fields = node.mapping else { return node }
        for method in ["get", "put", "post", "delete", "options", "head", "patch", "trace"] {
            guard var operation = fields[method]?.mapping, operation["responses"] == nil else { continue }
            operation["responses"] = ["default": ["description": "Any response"]]
            fields[method] = .mapping(operation)
        }
        return Node(.mapping(fields), tag: node.tag, mark: node.mark)
    }

    // MARK: - Mutual TLS

    /// Removes `mutualTLS` security schemes, and every requirement naming one from the root
    /// `security`; returns their names.
    private mutating func removeMutualTLS(from root: inout Mapping) -> Set<String> {
        guard var components = root["components"]?.mapping, var schemes = components["securitySchemes"]?.mapping else {
            return []
        }
        var kept = Mapping()
        var removed: [(name: String, mark: Mark)] = []
        for (key, value) in schemes.entries {
            if value["type"]?.string == "mutualTLS", let name = key.text {
                removed.append((name, key.mark))
            } else {
                kept.append(key: key, value: value)
            }
        }
        guard !removed.isEmpty else { return [] }
        schemes = kept
        components["securitySchemes"] = schemes.isEmpty ? nil : .mapping(schemes)
        root["components"] = .mapping(components)
        let names = Set(removed.map(\.name))
        if let security = root["security"] { root["security"] = Self.security(security, without: names) }
        for scheme in removed {
            extra.report(
                .warning(
                    Self.mutualTLSCode,
                    "security scheme \"\(scheme.name)\" (mutualTLS) and the requirements naming it are left out of the "
                        + "OpenAPI 3.0.3 output API Gateway imports, since OpenAPI 3.0 has no mutualTLS; API Gateway checks "
                        + "client certificates on the custom domain name (its mutual TLS truststore), so configure it there",
                    at: locator.location(of: "components.securitySchemes.\(scheme.name)", mark: scheme.mark)))
        }
        return names
    }

    private static func removeRequirements(naming names: Set<String>, fromOperationsOf item: inout Node) {
        guard !names.isEmpty, var fields = item.mapping else { return }
        for index in 0..<fields.count {
            let (key, value) = fields[position: index]
            guard key.text?.hasPrefix("x-") == false || key.text == HTTPMethod.any.pathItemKey,
                var operation = value.mapping, let security = operation["security"]
            else { continue }
            operation["security"] = Self.security(security, without: names)
            fields[valueAt: index] = .mapping(operation)
        }
        item.content = .mapping(fields)
    }

    /// A `security` list without the schemes in `names`; a requirement left empty goes too.
    private static func security(_ node: Node, without names: Set<String>) -> Node {
        guard let requirements = node.sequence else { return node }
        let kept: [Node] = requirements.compactMap { requirement in
            guard let fields = requirement.mapping else { return requirement }
            let remaining = Mapping(fields.entries.filter { !names.contains($0.key.text ?? "") })
            if remaining.count == fields.count { return requirement }
            return remaining.isEmpty ? nil : Node(.mapping(remaining), mark: requirement.mark)
        }
        return Node(.sequence(kept), tag: node.tag, mark: node.mark)
    }

    // MARK: - Walking the document

    /// Keys whose values are data, never read as OpenAPI objects.
    static let dataKeys: Set<String> = ["example", "default", "enum", "const", "value"]

    /// Walks a part of the document that is not a schema, rewriting each schema found.
    mutating func walk(_ node: inout Node, path: String, document: Node) {
        switch node.content {
        case .scalar:
            return
        case .sequence(var items):
            for i in items.indices { walk(&items[i], path: "\(path)[\(i)]", document: document) }
            node.content = .sequence(items)
        case .mapping(var mapping):
            if mapping.count > 1, mapping["$ref"] != nil {
                // A 3.1 reference may have a summary and a description that replace the
                // target's; a 3.0 reference is `$ref` alone.
                for (key, _) in mapping.entries where key.text != "$ref" {
                    drop(
                        "a key beside $ref", at: "\(path).\(key.text ?? "")", mark: key.mark,
                        "OpenAPI 3.0 takes a reference's summary and description from its target")
                }
                mapping = Mapping([(Node.string("$ref"), mapping["$ref"]!)])
            }
            var result = Mapping()
            for (key, value) in mapping.entries {
                var child = value
                let name = key.text ?? ""
                let childPath = path.isEmpty ? name : "\(path).\(name)"
                if name.hasPrefix("x-") || Self.dataKeys.contains(name) {
                    // Extensions and examples are data, whatever they look like.
                } else if name == "schema" {
                    walkSchema(&child, path: childPath)
                } else if name == "schemas", path == "components", var members = child.mapping {
                    for index in 0..<members.count {
                        var schema = members[valueAt: index]
                        walkSchema(&schema, path: "\(childPath).\(members[position: index].key.text ?? "")")
                        members[valueAt: index] = schema
                    }
                    child.content = .mapping(members)
                } else if name == "callbacks", var callbacks = child.mapping {
                    // Each callback maps expressions to path items, which may be references.
                    for index in 0..<callbacks.count {
                        guard var expressions = callbacks[valueAt: index].mapping else { continue }
                        for position in 0..<expressions.count {
                            expressions[valueAt: position] = Self.inlinedPathItem(expressions[valueAt: position], in: document)
                        }
                        callbacks[valueAt: index] = .mapping(expressions)
                    }
                    child.content = .mapping(callbacks)
                    walk(&child, path: childPath, document: document)
                } else {
                    walk(&child, path: childPath, document: document)
                }
                result.append(key: key, value: child)
            }
            node.content = .mapping(result)
        }
    }

    /// Walks a schema: rewrites it into its 3.0 form, then each schema inside it.
    mutating func walkSchema(_ node: inout Node, path: String) {
        switch node.content {
        case .scalar(let scalar) where scalar.kind == .bool:
            // A boolean schema: `true` accepts anything, `false` nothing.
            node =
                scalar.text == "true"
                ? .mapping(Mapping(), mark: node.mark) : .mapping(["not": .mapping(Mapping())], mark: node.mark)
        case .mapping(var schema):
            rewrite(&schema, path: path)
            for index in 0..<schema.count {
                let (key, value) = schema[position: index]
                let name = key.text ?? ""
                var child = value
                switch name {
                case "properties":
                    guard var members = child.mapping else { continue }
                    for position in 0..<members.count {
                        var member = members[valueAt: position]
                        walkSchema(&member, path: "\(path).properties.\(members[position: position].key.text ?? "")")
                        members[valueAt: position] = member
                    }
                    child.content = .mapping(members)
                case "items", "not":
                    walkSchema(&child, path: "\(path).\(name)")
                case "additionalProperties":
                    // 3.0 has boolean additionalProperties of its own.
                    guard child.mapping != nil else { continue }
                    walkSchema(&child, path: "\(path).\(name)")
                case "allOf", "anyOf", "oneOf":
                    guard var items = child.sequence else { continue }
                    for i in items.indices { walkSchema(&items[i], path: "\(path).\(name)[\(i)]") }
                    child.content = .sequence(items)
                default:
                    continue
                }
                schema[valueAt: index] = child
            }
            node.content = .mapping(schema)
        default:
            return
        }
    }

    /// Keywords 3.0 has no form for, removed.
    static let dropped31Keywords = [
        "$schema", "$id", "$defs", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment",
        "contentMediaType", "contentEncoding", "contentSchema", "prefixItems", "if", "then", "else",
        "dependentRequired", "dependentSchemas", "unevaluatedProperties", "unevaluatedItems", "patternProperties",
        "propertyNames", "contains", "minContains", "maxContains",
    ]

    /// Keywords that describe a schema without constraining it: beside a `$ref` they may be
    /// dropped without changing what validates.
    static let annotationKeywords: Set<String> = ["summary", "$comment"]

    /// One schema's 3.1 keywords in their 3.0 form.
    mutating func rewrite(_ schema: inout Mapping, path: String) {
        if let reference = schema["$ref"], schema.count > 1 {
            // 3.0 ignores everything beside a `$ref`; an `allOf` of the reference keeps it.
            var wrapped = Mapping()
            var others: [Node] = []
            for (key, value) in schema.entries {
                let name = key.text ?? ""
                if name == "$ref" || Self.annotationKeywords.contains(name) { continue }
                if name == "allOf", let list = value.sequence {
                    others = list
                    continue
                }
                wrapped.append(key: key, value: value)
            }
            if wrapped.isEmpty && others.isEmpty {
                schema = Mapping([(Node.string("$ref"), reference)])
                return
            }
            var result = Mapping()
            result.append(key: .string("allOf"), value: .sequence([["$ref": reference]] + others))
            for (key, value) in wrapped.entries { result.append(key: key, value: value) }
            schema = result
        }
        if let typeNode = schema["type"] {
            let names = typeNode.sequence?.compactMap(\.text) ?? typeNode.text.map { [$0] } ?? []
            let nonNull = names.filter { $0 != "null" }
            let allowsNull = names.contains("null")
            if typeNode.sequence != nil || allowsNull {
                if nonNull.count == 1 {
                    schema["type"] = .string(nonNull[0])
                } else if nonNull.count > 1 {
                    schema["type"] = nil
                    let branches = Node.sequence(nonNull.map { ["type": .string($0)] })
                    if schema["anyOf"] == nil {
                        schema["anyOf"] = branches
                    } else {
                        var all = schema["allOf"]?.sequence ?? []
                        all.append(["anyOf": branches])
                        schema["allOf"] = .sequence(all)
                    }
                } else {
                    // Only null: 3.0 says it with a nullable enum of null.
                    schema["type"] = nil
                    if schema["enum"] == nil { schema["enum"] = [.null()] }
                }
                if allowsNull { schema["nullable"] = .bool(true) }
            }
        }
        for key in ["oneOf", "anyOf"] {
            guard let branches = schema[key]?.sequence else { continue }
            let kept = branches.filter { !Self.isNullSchema($0) }
            if kept.count < branches.count, !kept.isEmpty {
                schema[key] = .sequence(kept)
                schema["nullable"] = .bool(true)
            }
        }
        if let value = schema["const"] {
            schema["const"] = nil
            schema["enum"] = .sequence([value])
            if value.isNull { schema["nullable"] = .bool(true) }
        }
        if let examples = schema["examples"] {
            schema["examples"] = nil
            if schema["example"] == nil, let first = examples.sequence?.first { schema["example"] = first }
        }
        for (key, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
            guard let value = schema[key], let limit = value.scalar.flatMap({ $0.kind == .int || $0.kind == .float ? $0.doubleValue : nil })
            else { continue }
            // 3.1 applies both when both are written; keep the stricter.
            if let existing = schema[bound]?.scalar?.doubleValue,
                key == "exclusiveMinimum" ? existing > limit : existing < limit
            {
                schema[key] = nil
            } else {
                schema[bound] = value
                schema[key] = .bool(true)
            }
        }
        if schema["contentEncoding"] != nil || schema["contentMediaType"] != nil {
            let encoding = schema["contentEncoding"]?.string?.lowercased()
            let mediaType = schema["contentMediaType"]?.string?.lowercased()
            let format: String? =
                if encoding == "base64" { "byte" } else if encoding == nil, let mediaType, !Self.isTextual(mediaType) { "binary" } else { nil }
            if let format, schema["format"] == nil {
                schema["format"] = .string(format)
                schema["contentEncoding"] = nil
                schema["contentMediaType"] = nil
            }
        }
        for keyword in Self.dropped31Keywords {
            guard let index = schema.index(of: keyword) else { continue }
            let mark = schema[position: index].key.mark
            schema[keyword] = nil
            drop(
                keyword, at: path, mark: mark,
                "OpenAPI 3.0 schemas have no \(keyword); express it with 3.0 keywords or in the description")
        }
    }

    /// Whether a schema allows only `null`: `{type: "null"}`, perhaps with a description.
    static func isNullSchema(_ node: Node) -> Bool {
        guard let fields = node.mapping, let type = fields["type"] else { return false }
        let names = type.sequence?.compactMap(\.text) ?? type.text.map { [$0] } ?? []
        return names == ["null"] && fields.keys.allSatisfy { ["type", "description", "title"].contains($0.text ?? "") }
    }

    /// Whether content of this media type is text, which 3.0's `format: binary` would misname.
    static func isTextual(_ mediaType: String) -> Bool {
        mediaType.hasPrefix("text/") || mediaType.hasSuffix("json") || mediaType.hasSuffix("xml")
            || mediaType.hasSuffix("+yaml") || mediaType == "application/x-www-form-urlencoded"
    }
}

/// Where a place of the document being prepared was written: in the entry file for a spec
/// of one file; for a bundle of several, in the file the bundle copied that part from.
struct PlaceLocator: Sendable {
    /// The entry file, when every node of the document was read from it.
    var file: String?
    /// For a bundle of several files: which file each part came from, and the bundle itself.
    var origins: (BundleOrigins, Node)?

    /// The location of the node with `mark` found at `place` (`paths./pets.get`), or `nil`
    /// for a node made in code or a document whose files are not known.
    func location(of place: String, mark: Mark) -> SourceLocation? {
        guard !mark.isSynthetic else { return nil }
        if let file { return SourceLocation(file: file, mark: mark) }
        guard let (origins, document) = origins else { return nil }
        return SourceLocation(file: origins.origin(atPlace: place, in: document).file, mark: mark)
    }

    /// `place` as the user wrote it: in a part the bundle copied from another file, that
    /// file and the pointer inside it (`schemas/pet.yaml#/properties/tags`), not the
    /// component name the bundle made up.
    func written(_ place: String) -> String {
        guard let (origins, document) = origins else { return place }
        let origin = origins.origin(atPlace: place, in: document)
        guard origin.file != origins.entryFile else { return place }
        return origin.file + (origin.pointer?.description ?? "")
    }
}
