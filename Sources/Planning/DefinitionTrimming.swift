import YAML
import Spec
import Plan

/// `--trim`: the definition API Gateway deploys, without what API Gateway does not use.
///
/// An OpenAPI document carries a great deal for readers: descriptions, summaries, examples,
/// links to documentation, tags, other vendors' extensions, and schemas that no operation
/// uses any more. API Gateway builds the API from the paths, the operations' parameters,
/// bodies, responses and security, the schemas those refer to, and its own
/// `x-amazon-apigateway-*` extensions. The rest only makes the definition larger, and a large
/// API's definition meets the 6 MB API Gateway imports, or CloudFormation's 1 MB for a template
/// with the definition inside (docs/large-apis.md#smaller-definitions).
///
/// What is left out:
/// - `description`, `summary`, `example`, `examples`, `externalDocs`, `tags` and every `x-`
///   extension that is not API Gateway's, wherever they are keywords (a schema property named
///   `description` is a name, and stays);
/// - `info`'s `contact`, `license` and `termsOfService`;
/// - every entry of `components` that nothing the document keeps refers to, followed through
///   the components themselves.
///
/// What stays although it reads like documentation: `info.title` and `info.description`
/// (the RestApi's name and description), and a response's `description`, which OpenAPI
/// requires: it is made empty.
public enum DefinitionTrimming {
    /// Keywords API Gateway does not read, left out wherever they are keywords.
    static let unused: Set<String> = ["description", "summary", "example", "examples", "externalDocs", "tags"]
    /// Keys whose value maps names (of properties, paths, media types, status codes, …) to
    /// objects: the names are never keywords, the objects are walked.
    static let namedObjects: Set<String> = [
        "paths", "properties", "patternProperties", "responses", "content", "headers", "encoding", "securitySchemes",
        "variables", "links", "schemas", "parameters", "requestBodies", "definitions", "$defs", "dependentSchemas", "callbacks",
    ]
    /// Keys whose value is data (an enum's values, a default), or names mapped to plain
    /// values: kept as written.
    static let data: Set<String> = ["enum", "default", "const", "security", "mapping", "scopes", "required"]
    /// The kinds of `components` whose unused entries are left out. Security schemes stay:
    /// API Gateway reads them for authorizers, and they are small.
    static let componentKinds = ["schemas", "responses", "parameters", "requestBodies", "headers", "links", "callbacks"]

    /// The plan's document and the schemas of its models (which the definition carries in
    /// `components`, and a template as `AWS::ApiGateway::Model`) without what API Gateway
    /// does not use.
    public static func trim(_ plan: inout GatewayPlan) {
        if let document = plan.document { plan.document = trim(document) }
        for index in plan.models.indices { plan.models[index].schema = object(plan.models[index].schema) }
    }

    /// `document` without what API Gateway does not use.
    public static func trim(_ document: Node) -> Node {
        guard var root = document.mapping else { return document }
        var trimmed = Mapping()
        for (key, value) in root.entries {
            let name = key.text ?? ""
            switch name {
            case "tags", "externalDocs":
                continue
            case "info":
                trimmed.append(key: key, value: trimmedInfo(value))
            case "paths", "webhooks":
                trimmed.append(key: key, value: names(value, extensible: true, object: { object($0) }))
            case "components":
                trimmed.append(key: key, value: trimmedComponents(value))
            default:
                if isForeignExtension(name) { continue }
                trimmed.append(key: key, value: name.hasPrefix("x-") ? value : object(value))
            }
        }
        root = trimmed
        return Node(.mapping(withoutUnusedComponents(root)), tag: document.tag, mark: document.mark)
    }

    /// An extension API Gateway does not read.
    static func isForeignExtension(_ key: String) -> Bool {
        key.hasPrefix("x-") && !key.hasPrefix("x-amazon-apigateway-")
    }

    static func trimmedInfo(_ info: Node) -> Node {
        guard let fields = info.mapping else { return info }
        var kept = Mapping()
        for (key, value) in fields.entries {
            let name = key.text ?? ""
            if ["contact", "license", "termsOfService"].contains(name) || isForeignExtension(name) { continue }
            kept.append(key: key, value: value)
        }
        return Node(.mapping(kept), tag: info.tag, mark: info.mark)
    }

    static func trimmedComponents(_ components: Node) -> Node {
        guard let kinds = components.mapping else { return components }
        var kept = Mapping()
        for (key, value) in kinds.entries {
            let name = key.text ?? ""
            if name == "examples" || isForeignExtension(name) { continue }
            switch name {
            case "callbacks": kept.append(key: key, value: names(value, object: callback))
            case "responses": kept.append(key: key, value: names(value, object: { object($0, isResponse: true) }))
            default: kept.append(key: key, value: names(value, object: { object($0) }))
            }
        }
        return Node(.mapping(kept), tag: components.tag, mark: components.mark)
    }

    /// A callback: runtime expressions mapped to path items.
    static func callback(_ node: Node) -> Node {
        names(node, extensible: true, object: { object($0) })
    }

    /// A mapping of names to objects: each name kept, each object trimmed. `extensible`:
    /// the mapping is one of the three OpenAPI objects whose `x-` keys are extensions rather
    /// than names (paths, responses, a callback); elsewhere `x-fapi-auth-date` is a name.
    static func names(_ node: Node, extensible: Bool = false, object trim: (Node) -> Node) -> Node {
        guard let entries = node.mapping else { return node }
        var kept = Mapping()
        for (key, value) in entries.entries {
            if extensible, let name = key.text, name.hasPrefix("x-") {
                if !isForeignExtension(name) { kept.append(key: key, value: value) }
                continue
            }
            kept.append(key: key, value: trim(value))
        }
        return Node(.mapping(kept), tag: node.tag, mark: node.mark)
    }

    /// An object of the document (an operation, a parameter, a schema, …), trimmed.
    /// `isResponse`: a response, whose `description` OpenAPI requires.
    static func object(_ node: Node, isResponse: Bool = false) -> Node {
        switch node.content {
        case .sequence(let items):
            return Node(.sequence(items.map { object($0) }), tag: node.tag, mark: node.mark)
        case .scalar:
            return node
        case .mapping(let fields):
            var kept = Mapping()
            for (key, value) in fields.entries {
                guard let name = key.text else {
                    kept.append(key: key, value: value)
                    continue
                }
                if name.hasPrefix("x-") {
                    if !isForeignExtension(name) { kept.append(key: key, value: value) }
                } else if unused.contains(name) {
                    if isResponse, name == "description" { kept.append(key: key, value: .string("", mark: value.mark)) }
                } else if data.contains(name) {
                    kept.append(key: key, value: value)
                } else if name == "responses" {
                    kept.append(key: key, value: names(value, extensible: true, object: { object($0, isResponse: true) }))
                } else if name == "callbacks" {
                    kept.append(key: key, value: names(value, object: callback))
                } else if namedObjects.contains(name), value.mapping != nil {
                    kept.append(key: key, value: names(value, object: { object($0) }))
                } else {
                    kept.append(key: key, value: object(value))
                }
            }
            return Node(.mapping(kept), tag: node.tag, mark: node.mark)
        }
    }

    // MARK: - Unused components

    /// `root` without the components nothing kept refers to: the references outside
    /// `components` are the roots, and each component found brings in those it refers to.
    static func withoutUnusedComponents(_ root: Mapping) -> Mapping {
        guard let components = root["components"]?.mapping else { return root }
        var used: Set<String> = []
        var pending: [String] = []
        func visit(_ node: Node) {
            switch node.content {
            case .scalar:
                return
            case .sequence(let items):
                items.forEach(visit)
            case .mapping(let fields):
                for (key, value) in fields.entries {
                    if key.text == "$ref", let target = value.text, let component = componentName(of: target), used.insert(component).inserted {
                        pending.append(component)
                    } else {
                        visit(value)
                    }
                }
            }
        }
        for (key, value) in root.entries where key.text != "components" { visit(value) }
        while let next = pending.popLast() {
            let parts = next.split(separator: "/", maxSplits: 1).map(String.init)
            if parts.count == 2, let component = components[parts[0]]?[parts[1]] { visit(component) }
        }
        var kept = Mapping()
        for (key, value) in components.entries {
            guard let kind = key.text, componentKinds.contains(kind), let entries = value.mapping else {
                kept.append(key: key, value: value)
                continue
            }
            var left = Mapping()
            for (name, component) in entries.entries where used.contains(kind + "/" + (name.text ?? "")) {
                left.append(key: name, value: component)
            }
            if !left.isEmpty { kept.append(key: key, value: Node(.mapping(left), tag: value.tag, mark: value.mark)) }
        }
        var result = Mapping()
        for (key, value) in root.entries {
            if key.text == "components" {
                if !kept.isEmpty { result.append(key: key, value: Node(.mapping(kept), tag: value.tag, mark: value.mark)) }
            } else {
                result.append(key: key, value: value)
            }
        }
        return result
    }

    /// `schemas/Pet` for `#/components/schemas/Pet` (or a pointer inside it); `nil` for a
    /// reference that is not to a component.
    static func componentName(of reference: String) -> String? {
        guard reference.hasPrefix("#/components/"), let tokens = JSONPointer(fragment: reference)?.tokens, tokens.count >= 3 else { return nil }
        return tokens[1] + "/" + tokens[2]
    }
}
