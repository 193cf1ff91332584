import Diagnostics
import YAML
import Plan
import Support
import Spec

/// Makes a spec's document importable by API Gateway's REST import: OpenAPI 3.0.3, and
/// nothing the import refuses.
///
/// A 3.1 document goes down to 3.0.3 in one step, `OpenAPI31Downlevel`, which says what it
/// rewrote and what it had to leave out; every document then has what 3.0 does not allow
/// (Swagger 2.0's parameter form, JSON Schema keywords) put in 3.0's form
/// (`OpenAPI30Conformance`). Then, whatever the version: path-item keys that are
/// not methods API Gateway has (`trace`, `query`, `GET`) are removed (the model has already
/// said they are dropped); a path item that is a local `$ref` is copied in place, since the
/// renderer adds integrations to it; every path parameter says `required: true`, which
/// OpenAPI and API Gateway need (GW014 has warned where the spec did not); and what the
/// import tolerates missing but OpenAPI requires (`info`, its `title` and `version`, a
/// `servers` list) is filled in as the model's warnings (OAS107, OAS108) say.
public enum DocumentPreparation {
    /// The diagnostic code for something 3.0 cannot say, removed on the way down.
    public static let droppedForOpenAPI30 = OpenAPI31Downlevel.droppedCode
    /// The diagnostic code for a `mutualTLS` security scheme removed on the way down.
    public static let mutualTLSDropped = OpenAPI31Downlevel.mutualTLSCode

    /// The document as API Gateway will import it, and what changed on the way. `file` is
    /// the entry file when the spec is that one file, so warnings can point into it.
    public static func prepare(_ document: Node, file: String? = nil) -> (Node, [Diagnostic]) {
        prepare(document, locator: PlaceLocator(file: file))
    }

    /// The bundle of a spec of several files prepared: `origins` (from
    /// `SpecBundler.bundleTracingOrigins`) lets each warning name the file it is about.
    public static func prepare(bundle document: Node, origins: BundleOrigins) -> (Node, [Diagnostic]) {
        prepare(document, locator: PlaceLocator(origins: (origins, document)))
    }

    static func prepare(_ document: Node, locator: PlaceLocator) -> (Node, [Diagnostic]) {
        guard var root = document.mapping else { return (document, []) }
        var diagnostics: [Diagnostic] = []
        let isVersion31 = root["openapi"]?.text?.hasPrefix("3.1") == true
        var downlevel = OpenAPI31Downlevel(locator: locator)
        if isVersion31 { downlevel.apply(to: &root) }
        downlevel.conform(&root)
        diagnostics = downlevel.diagnostics
        fillRequiredFields(&root)
        if root["paths"] == nil { root["paths"] = .mapping(Mapping()) }
        if var paths = root["paths"]?.mapping {
            let whole = Node.mapping(root)
            var changed = false
            for index in 0..<paths.count {
                let item = paths[valueAt: index]
                // A 3.1 document's path items are copied in place already.
                let inlined = !isVersion31 && item["$ref"] != nil
                let resolved = inlined ? OpenAPI31Downlevel.inlinedPathItem(item, in: whole) : item
                // Most path items keep every key and say `required: true` already: they stay
                // as they are, and `paths` is copied only when one of them changes.
                let path = paths[position: index].key.text ?? ""
                if let made = resolved.mapping.flatMap({ preparedPathItem($0, path: path) }) {
                    paths[valueAt: index] = Node(.mapping(made), tag: resolved.tag, mark: resolved.mark)
                } else if inlined {
                    paths[valueAt: index] = resolved
                } else {
                    continue
                }
                changed = true
            }
            if changed { root["paths"] = .mapping(paths) }
        }
        if var components = root["components"]?.mapping, var parameters = components["parameters"]?.mapping {
            var changed = false
            for index in 0..<parameters.count {
                if let required = requiringPathParameter(parameters[valueAt: index]) {
                    parameters[valueAt: index] = required
                    changed = true
                }
            }
            if changed {
                components["parameters"] = .mapping(parameters)
                root["components"] = .mapping(components)
            }
        }
        return (.mapping(root, tag: document.tag, mark: document.mark), diagnostics)
    }

    /// A path item with only the keys it keeps, and `required: true` on each path
    /// parameter; `nil` when it has nothing else. Read in one pass: the copy is started at
    /// the first entry that changes, so the common path item is not copied at all.
    static func preparedPathItem(_ item: Mapping, path: String? = nil) -> Mapping? {
        var kept: Mapping?
        for index in 0..<item.count {
            let (name, value) = item[position: index]
            let change = entryChange(name, value, path: path)
            if case .keep = change, kept == nil { continue }
            if kept == nil { kept = Mapping((0..<index).map { item[position: $0] }) }
            switch change {
            case .keep: kept!.append(key: name, value: value)
            case .drop: break
            case .replace(let made): kept!.append(key: name, value: made)
            }
        }
        return kept
    }

    /// What becomes of one entry of a path item.
    private enum EntryChange {
        case keep
        /// Not a method API Gateway has, nor a field of a path item; or a parameters list
        /// emptied of parameters the path does not have.
        case drop
        /// Its path parameters made `required: true`.
        case replace(Node)
    }

    private static func entryChange(_ name: Node, _ value: Node, path: String?) -> EntryChange {
        guard let text = name.text, pathItemKeys.contains(text) || text.hasPrefix("x-") else { return .drop }
        if text == "parameters" {
            guard let required = requiringPathParameters(value, path: path) else { return .keep }
            return required.sequence?.isEmpty == true ? .drop : .replace(required)
        }
        guard operationKeys.contains(text), var operation = value.mapping, let parameters = operation["parameters"],
            let required = requiringPathParameters(parameters, path: path)
        else { return .keep }
        operation["parameters"] = required.sequence?.isEmpty == true ? nil : required
        return .replace(Node(.mapping(operation), tag: value.tag, mark: value.mark))
    }

    /// The keys a path item keeps: API Gateway's methods and the item's own fields.
    static let pathItemKeys: Set<String> = [
        "get", "put", "post", "delete", "options", "head", "patch", "parameters", "summary", "description", "servers",
        "$ref",
    ]

    /// The keys of a path item that hold an operation.
    static let operationKeys: Set<String> = [
        "get", "put", "post", "delete", "options", "head", "patch", HTTPMethod.any.pathItemKey,
    ]

    /// `info` with a `title` and a `version` (the model's placeholders where the spec has
    /// none, and text where it wrote a number), and `servers` as a list.
    static func fillRequiredFields(_ root: inout Mapping) {
        var info = root["info"]?.mapping ?? Mapping()
        let before = info
        for (key, placeholder) in [("title", APIModel.placeholderTitle), ("version", APIModel.placeholderVersion)] {
            if let value = info[key], value.isScalar, !value.isNull {
                // `version: 1.0` is a number in YAML; OpenAPI wants the text the author wrote.
                if let scalar = value.scalar, scalar.kind != .string, value.tag == nil {
                    info[key] = .string(scalar.text, mark: value.mark)
                }
            } else if let value = info[key], value.mapping != nil, IntrinsicFunctions.functionText(value) != nil {
                // `Fn::Sub:` in long form: as a tag, the template writes it as a function and
                // an OpenAPI output refuses it (CONV002) instead of writing a mapping for a title.
                info[key] = IntrinsicFunctions.collapsingLongForms(value)
            } else if info[key] == nil || info[key]?.isNull == true {
                info[key] = .string(placeholder)
            }
        }
        if info != before || root["info"]?.mapping == nil {
            if root["info"] == nil {
                // `info` comes first in every OpenAPI document, after `openapi`.
                var reordered = Mapping()
                for (key, value) in root.entries {
                    reordered.append(key: key, value: value)
                    if key.text == "openapi" { reordered.append(key: .string("info"), value: .mapping(info)) }
                }
                if reordered["info"] == nil { reordered["info"] = .mapping(info) }
                root = reordered
            } else if root["info"]?.mapping != nil {
                root["info"] = .mapping(info)
            }
        }
        if let servers = root["servers"], servers.mapping != nil {
            root["servers"] = .sequence([servers], mark: servers.mark)
        }
    }

    /// A `parameters` list with `required: true` on each path parameter; `nil` when each
    /// has it already.
    /// `list` with its path parameters required, and without those that name no variable
    /// of `path` (when known): the model has warned (GW013), and OpenAPI refuses a path
    /// parameter its path does not have.
    static func requiringPathParameters(_ list: Node, path: String? = nil) -> Node? {
        guard var items = list.sequence else { return nil }
        var changed = false
        var absent: [Int] = []
        for index in items.indices {
            guard let fields = items[index].mapping, fields["in"]?.string == "path" else { continue }
            if let path, let name = fields["name"]?.string, !hasVariable(name, in: path) {
                absent.append(index)
            } else if let required = requiringPathParameter(items[index]) {
                items[index] = required
                changed = true
            }
        }
        for index in absent.reversed() { items.remove(at: index) }
        return changed || !absent.isEmpty ? Node(.sequence(items), tag: list.tag, mark: list.mark) : nil
    }

    /// Whether `path` has the variable `name`, as `{name}` or `{name+}`, wherever it stands in
    /// a segment (`{Sid}.json`). Read as bytes, without building the path's variables: this
    /// runs for every path parameter of a spec.
    static func hasVariable(_ name: String, in path: String) -> Bool {
        var path = path
        var name = name
        return path.withUTF8 { bytes in
            name.withUTF8 { wanted in
                guard !wanted.isEmpty, bytes.count >= wanted.count + 2 else { return false }
                var i = 0
                while i + wanted.count + 1 < bytes.count {
                    defer { i += 1 }
                    guard bytes[i] == UInt8(ascii: "{") else { continue }
                    var j = 0
                    while j < wanted.count, bytes[i + 1 + j] == wanted[j] { j += 1 }
                    guard j == wanted.count else { continue }
                    let after = i + 1 + j
                    if bytes[after] == UInt8(ascii: "}") { return true }
                    if bytes[after] == UInt8(ascii: "+"), after + 1 < bytes.count, bytes[after + 1] == UInt8(ascii: "}") { return true }
                }
                return false
            }
        }
    }

    /// A path parameter with `required: true`; `nil` for any other parameter or one that
    /// has it (a `$ref` is made right where it leads, in `components.parameters`).
    static func requiringPathParameter(_ parameter: Node) -> Node? {
        guard var fields = parameter.mapping, fields["in"]?.string == "path",
            !(fields["required"]?.scalar.map { $0.kind == .bool && ($0.text == "true" || $0.text == "True" || $0.text == "TRUE") } ?? false)
        else { return nil }
        fields["required"] = .bool(true)
        return Node(.mapping(fields), tag: parameter.tag, mark: parameter.mark)
    }
}
