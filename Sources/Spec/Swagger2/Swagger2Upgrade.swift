import Diagnostics
import YAML

/// Reads a Swagger 2.0 spec as the OpenAPI 3.0.3 document it means, so that everything after
/// loading (the model, bundling, preparation, planning, `bundle` and `normalize`) meets
/// OpenAPI 3 only.
///
/// API Gateway's REST import takes Swagger 2.0 and its export writes it, so many APIs that run
/// on API Gateway are still described in it. The upgrade works on the trees, after the loader
/// has checked every `$ref` of the 2.0 files: new nodes take the marks of what they were made
/// from, so a diagnostic about an upgraded parameter points at the 2.0 parameter's line. The
/// entry file is upgraded as a whole document; in other files only what a `$ref` reaches is
/// upgraded, as the kind of object the `$ref` stands for where it is written.
///
/// What moves where:
/// - `host`, `basePath` and `schemes` become one server, which also takes the root's
///   `x-amazon-apigateway-endpoint-configuration` (3.0 keeps it on the server);
/// - `definitions`, `parameters`, `responses` and `securityDefinitions` become sections of
///   `components`, and every `$ref` into them is rewritten (`#/definitions/Pet` is
///   `#/components/schemas/Pet`); a shared `in: body` parameter becomes a request body;
/// - an operation's `in: body` parameter becomes its `requestBody` with a media type per
///   `consumes`, and its `in: formData` parameters one object schema of a form body;
/// - a response's `schema` and `examples` become `content` per `produces`;
/// - a parameter's or header's `type`, `items`, `enum`… become its `schema`, and
///   `collectionFormat` a `style` and `explode`;
/// - in schemas, `type: file` is a binary string, `x-nullable` is `nullable`, and a
///   discriminator's property name is written as 3.0's object.
///
/// Every `x-amazon-apigateway-*` extension stays where 3.0 has it too (operations, security
/// schemes, the root).
public enum Swagger2Upgrade {
    /// The version the upgraded document says.
    public static let version = "3.0.3"

    /// The note that the spec was read as OpenAPI 3.0.3.
    public static let readAsOpenAPI3 = DiagnosticCode(
        "OAS014", .note,
        "A Swagger 2.0 spec, read as the OpenAPI 3.0.3 document it means (a note).")
    /// Something Swagger 2.0 says that OpenAPI 3.0 cannot, left out.
    public static let leftOut = DiagnosticCode(
        "OAS015", .warning,
        "Something of a Swagger 2.0 spec that OpenAPI 3.0 cannot say (`collectionFormat: tsv`, an operation's own `schemes`), left out.")
    /// An operation with two bodies.
    public static let conflictingBodies = DiagnosticCode(
        "OAS016", .warning,
        "A Swagger 2.0 operation with two `in: body` parameters, or `in: body` beside `in: formData`: the first body is read.")

    /// Whether `root` is a Swagger 2.0 document (`swagger: "2.0"`, quoted or not).
    public static func isSwagger2(_ root: Node) -> Bool {
        root["swagger"]?.text == "2.0"
    }

    /// `spec` with every file upgraded, and what the upgrade has to say.
    public static func upgrade(_ spec: LoadedSpec) -> (LoadedSpec, [Diagnostic]) {
        var upgrader = Swagger2Upgrader(spec)
        upgrader.upgradeEntry()
        upgrader.upgradeReachedParts()
        var upgraded = spec
        for file in spec.fileOrder {
            if let root = upgrader.documents[file] { upgraded.replace(file: file, root: root) }
        }
        return (upgraded, upgrader.engine.diagnostics)
    }
}

/// The state of one upgrade: the files as they are being rewritten, and the parts of other
/// files still to upgrade.
struct Swagger2Upgrader {
    /// What a part of another file is upgraded as: the kind of object its `$ref` stands for.
    enum Kind {
        case schema, parameter, requestBody, response, pathItem
    }

    /// The spec as the loader read it, in 2.0 form: where `$ref`s are followed.
    let original: LoadedSpec
    let entry: String
    /// Every file, the upgraded parts replaced.
    var documents: [String: Node]
    var engine = DiagnosticEngine()
    /// The media types of the root's `consumes` and `produces`; JSON when there are none.
    let consumes: [String]
    let produces: [String]
    /// The names of the entry's shared parameters that are `in: body`: `#/parameters/X`
    /// is `#/components/requestBodies/X` for them.
    let bodyParameterNames: Set<String>
    /// Parts of other files to upgrade, and those already queued (`file#pointer`).
    var pending: [(file: String, pointer: JSONPointer, kind: Kind)] = []
    var queued: Set<String> = []

    static let json = ["application/json"]
    /// The keys of an operation in a path item, with API Gateway's any-method extension.
    static let operationKeys: Set<String> = [
        "get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method",
    ]

    init(_ spec: LoadedSpec) {
        original = spec
        entry = spec.entryFile
        documents = spec.documents
        let root = spec.entryRoot
        consumes = Self.mediaTypes(root["consumes"]) ?? Self.json
        produces = Self.mediaTypes(root["produces"]) ?? Self.json
        var bodies: Set<String> = []
        for (key, value) in root["parameters"]?.mapping?.entries ?? Mapping().entries {
            if let name = key.text, spec.dereferenced(value, in: spec.entryFile)?.node["in"]?.text == "body" {
                bodies.insert(name)
            }
        }
        bodyParameterNames = bodies
    }

    /// A `consumes` or `produces` list; `nil` when it is missing or empty.
    static func mediaTypes(_ node: Node?) -> [String]? {
        let types = node?.sequence?.compactMap(\.string) ?? []
        return types.isEmpty ? nil : types
    }

    // MARK: - The entry

    /// The entry file as an OpenAPI 3.0.3 document, its keys in their order, `components`
    /// where the first of the sections it replaces was, and `servers` where `host`,
    /// `basePath` or `schemes` was.
    mutating func upgradeEntry() {
        guard let root = documents[entry]?.mapping, let whole = documents[entry] else { return }
        let servers = serverList(root)
        let components = componentsSection(root)
        var out = Mapping()
        var hasServers = false
        var hasComponents = false
        for (key, value) in root.entries {
            guard let name = key.text else {
                out.append(key: key, value: value)
                continue
            }
            switch name {
            case "swagger":
                out.append(key: .string("openapi", mark: key.mark), value: .string(Swagger2Upgrade.version, mark: value.mark))
                engine.report(
                    .note(
                        Swagger2Upgrade.readAsOpenAPI3,
                        "this Swagger 2.0 spec is read as OpenAPI \(Swagger2Upgrade.version), the version an OpenAPI output is written in",
                        at: SourceLocation(file: entry, mark: key.mark)))
            case "host", "basePath", "schemes", "x-amazon-apigateway-endpoint-configuration":
                if let servers, !hasServers { out.append(key: .string("servers", mark: key.mark), value: servers) }
                hasServers = true
            case "consumes", "produces":
                continue
            case "paths":
                out.append(key: key, value: upgradedPaths(value, in: entry))
            case "definitions", "parameters", "responses", "securityDefinitions":
                if let components, !hasComponents { out.append(key: .string("components", mark: key.mark), value: components) }
                hasComponents = true
            default:
                out.append(key: key, value: value)
            }
        }
        documents[entry] = Node(.mapping(out), tag: whole.tag, mark: whole.mark)
    }

    /// The one server `host`, `basePath` and `schemes` describe, with the root's endpoint
    /// configuration; `nil` when the document has none of them.
    ///
    /// The scheme is `https` when the list has it (API Gateway serves HTTPS only), else the
    /// first one listed; without a `host` the URL is the base path alone, which is all API
    /// Gateway reads of it.
    func serverList(_ root: Mapping) -> Node? {
        let host = root["host"]
        let basePath = root["basePath"]
        let endpoint = root["x-amazon-apigateway-endpoint-configuration"]
        guard host != nil || basePath != nil || endpoint != nil else { return nil }
        let schemes = root["schemes"]?.sequence?.compactMap(\.string) ?? []
        let scheme = schemes.contains("https") ? "https" : schemes.first ?? "https"
        var path = basePath?.string ?? ""
        if !path.isEmpty, !path.hasPrefix("/") { path = "/" + path }
        var url = path.isEmpty ? "/" : path
        if let name = host?.string, !name.isEmpty { url = "\(scheme)://\(name)\(path)" }
        let mark = host?.mark ?? basePath?.mark ?? endpoint?.mark ?? .synthetic
        var server = Mapping()
        server.append(key: .string("url", mark: mark), value: .string(url, mark: mark))
        if let endpoint, let key = root.entries.first(where: { $0.key.text == "x-amazon-apigateway-endpoint-configuration" })?.key {
            server.append(key: key, value: endpoint)
        }
        return .sequence([.mapping(server, mark: mark)], mark: mark)
    }

    /// `components` made of the root's `definitions`, `parameters`, `responses` and
    /// `securityDefinitions`, in the order they are written; shared body parameters go to
    /// `requestBodies`, and shared form parameters, which 3.0 cannot share, are left out
    /// (each operation that uses one has it in its form body).
    mutating func componentsSection(_ root: Mapping) -> Node? {
        var sections = Mapping()
        for (key, value) in root.entries {
            guard let name = key.text, let items = value.mapping else { continue }
            switch name {
            case "definitions":
                sections.append(key: .string("schemas", mark: key.mark), value: Self.mapped(items, like: value) { upgradedSchema($0, in: entry) })
            case "parameters":
                var parameters = Mapping()
                var bodies = Mapping()
                for (name, parameter) in items.entries {
                    let location = original.dereferenced(parameter, in: entry)?.node["in"]?.text
                    if location == "body" {
                        bodies.append(key: name, value: requestBody(fromBody: parameter, in: entry, mediaTypes: consumes))
                    } else if location != "formData" {
                        parameters.append(key: name, value: upgradedParameter(parameter, in: entry))
                    }
                }
                if !parameters.isEmpty { sections.append(key: .string("parameters", mark: key.mark), value: .mapping(parameters, mark: value.mark)) }
                if !bodies.isEmpty { sections.append(key: .string("requestBodies", mark: key.mark), value: .mapping(bodies, mark: value.mark)) }
            case "responses":
                sections.append(key: key, value: Self.mapped(items, like: value) { upgradedResponse($0, in: entry, mediaTypes: produces) })
            case "securityDefinitions":
                sections.append(key: .string("securitySchemes", mark: key.mark), value: Self.mapped(items, like: value) { upgradedSecurityScheme($0) })
            default:
                continue
            }
        }
        return sections.isEmpty ? nil : .mapping(sections, mark: sections.entries.first?.value.mark ?? .synthetic)
    }

    /// `items` with each value made by `body`, extensions as they are.
    static func mapped(_ items: Mapping, like node: Node, _ body: (Node) -> Node) -> Node {
        var out = Mapping()
        for (key, value) in items.entries {
            out.append(key: key, value: key.text.map(isExtension) == true ? value : body(value))
        }
        return Node(.mapping(out), tag: node.tag, mark: node.mark)
    }

    static func isExtension(_ key: String) -> Bool { key.hasPrefix("x-") }

    // MARK: - Other files

    /// Upgrades the parts of other files that `$ref`s reach, each as what its `$ref` stands
    /// for; upgrading one may reach more.
    mutating func upgradeReachedParts() {
        var next = 0
        while next < pending.count {
            let (file, pointer, kind) = pending[next]
            next += 1
            guard let root = original.documents[file], let node = pointer.resolve(in: root) else { continue }
            let made: Node
            switch kind {
            case .schema: made = upgradedSchema(node, in: file)
            case .parameter: made = upgradedParameter(node, in: file)
            case .requestBody: made = requestBody(fromBody: node, in: file, mediaTypes: consumes)
            case .response: made = upgradedResponse(node, in: file, mediaTypes: produces)
            case .pathItem: made = upgradedPathItem(node, in: file)
            }
            if let current = documents[file], let replaced = Self.replacing(pointer.tokens[...], in: current, with: made) {
                documents[file] = replaced
            }
        }
    }

    /// `root` with the node at `tokens` replaced; `nil` when the place does not exist.
    static func replacing(_ tokens: ArraySlice<String>, in root: Node, with node: Node) -> Node? {
        guard let token = tokens.first else { return node }
        switch root.content {
        case .mapping(var mapping):
            guard let index = mapping.index(of: token),
                let made = replacing(tokens.dropFirst(), in: mapping[valueAt: index], with: node)
            else { return nil }
            mapping[valueAt: index] = made
            return Node(.mapping(mapping), tag: root.tag, mark: root.mark)
        case .sequence(var items):
            guard let index = Int(token), items.indices.contains(index),
                let made = replacing(tokens.dropFirst(), in: items[index], with: node)
            else { return nil }
            items[index] = made
            return Node(.sequence(items), tag: root.tag, mark: root.mark)
        case .scalar:
            return nil
        }
    }

    // MARK: - References

    /// A `$ref` value written in `file`, rewritten where it points into a section of the
    /// entry that moved; a target in another file is queued to be upgraded as `kind`.
    mutating func rewritten(reference value: Node, in file: String, as kind: Kind) -> Node {
        guard let text = value.string, let reference = SpecReference(text, relativeTo: file), !reference.isRemote else {
            return value
        }
        guard reference.file == entry else {
            if queued.insert(reference.file + reference.pointer.description).inserted {
                pending.append((reference.file, reference.pointer, kind))
            }
            return value
        }
        let tokens = reference.pointer.tokens
        guard tokens.count >= 2 else { return value }
        let section: String
        switch tokens[0] {
        case "definitions": section = "schemas"
        case "parameters": section = bodyParameterNames.contains(tokens[1]) ? "requestBodies" : "parameters"
        case "responses": section = "responses"
        case "securityDefinitions": section = "securitySchemes"
        default: return value
        }
        let pointer = JSONPointer(tokens: ["components", section] + tokens.dropFirst())
        let filePart = text.firstIndex(of: "#").map { String(text[..<$0]) } ?? text
        return .string(filePart + pointer.description, mark: value.mark)
    }

    /// A Reference object for `reference` written in `file`: only the `$ref`, rewritten, with
    /// `node`'s tag and mark (the siblings 2.0 allowed there mean nothing in 3.0).
    mutating func referenceObject(_ reference: Node, of node: Node, in file: String, as kind: Kind) -> Node {
        var out = Mapping()
        out.append(key: .string("$ref", mark: reference.mark), value: rewritten(reference: reference, in: file, as: kind))
        return Node(.mapping(out), tag: node.tag, mark: node.mark)
    }

    /// `node`, made in `from`, with every `$ref` in it written as seen from `to`: a part
    /// moved into another file keeps pointing at the same places.
    static func rebased(_ node: Node, from: String, to: String) -> Node {
        guard from != to else { return node }
        switch node.content {
        case .scalar:
            return node
        case .sequence(let items):
            return Node(.sequence(items.map { rebased($0, from: from, to: to) }), tag: node.tag, mark: node.mark)
        case .mapping(let mapping):
            var out = Mapping()
            for (key, value) in mapping.entries {
                if key.text == "$ref", let text = value.string, let reference = SpecReference(text, relativeTo: from), !reference.isRemote {
                    let filePart = reference.file == to ? "" : relativePath(from: to, to: reference.file)
                    out.append(key: key, value: .string(filePart + reference.pointer.description, mark: value.mark))
                } else if key.text.map(isExtension) == true || key.text == "example" {
                    out.append(key: key, value: value)
                } else {
                    out.append(key: key, value: rebased(value, from: from, to: to))
                }
            }
            return Node(.mapping(out), tag: node.tag, mark: node.mark)
        }
    }

    /// The path of `target` relative to the folder of `file`, both normalised paths as the
    /// loader names them.
    static func relativePath(from file: String, to target: String) -> String {
        var folder = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        var parts = target.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while let first = folder.first, first == parts.first, parts.count > 1 {
            folder.removeFirst()
            parts.removeFirst()
        }
        return (Array(repeating: "..", count: folder.count) + parts).joined(separator: "/")
    }
}

extension LoadedSpec {
    /// Puts an upgraded tree in place of a file's.
    mutating func replace(file: String, root: Node) {
        add(file: file, root: root)
    }
}
