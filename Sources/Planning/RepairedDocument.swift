import YAML
import Plan
import Spec

/// Rewrites the spec's document for the paths `--repair` changed, so the OpenAPI output
/// describes the API as API Gateway will hold it.
///
/// API Gateway's import builds a resource per `paths` key segment and a method request
/// parameter per declared path parameter; both must carry the gateway's names, or the
/// import refuses the conflicting variables again. So a repaired key is written under its
/// gateway path, each path parameter of a renamed variable is renamed (a `$ref`'d one is
/// copied inline first, since the shared definition may serve paths that keep the name),
/// and a repeated variable's second name gets a parameter of its own. The integrations,
/// rendered from the plan, map the names back.
enum RepairedDocument {
    /// `document` with each repaired key under its gateway path, in the keys' own order;
    /// the document itself when nothing was repaired.
    static func rewrite(_ document: Node, repairs: [PathRepair]) -> Node {
        guard !repairs.isEmpty, var root = document.mapping, let paths = root["paths"]?.mapping else { return document }
        var rewritten = Mapping()
        for (key, item) in paths.entries {
            guard let repair = repairs.first(where: { $0.specPath == key.text }) else {
                rewritten.append(key: key, value: item)
                continue
            }
            let newKey = Node(.scalar(Scalar(text: repair.gatewayPath, kind: .string)), tag: key.tag, mark: key.mark)
            rewritten.append(key: newKey, value: rewrite(item, repair: repair, root: document))
        }
        root["paths"] = .mapping(rewritten)
        return Node(.mapping(root), tag: document.tag, mark: document.mark)
    }

    /// One path item: its own parameters and each operation's.
    static func rewrite(_ item: Node, repair: PathRepair, root: Node) -> Node {
        guard var map = item.mapping else { return item }
        for (key, value) in map.entries {
            guard let name = key.text else { continue }
            if name == "parameters" {
                map[name] = rewriteParameters(value, repair: repair, root: root)
            } else if HTTPMethod(pathItemKey: name) != nil, var operation = value.mapping, let list = operation["parameters"] {
                operation["parameters"] = rewriteParameters(list, repair: repair, root: root)
                map[name] = Node(.mapping(operation), tag: value.tag, mark: value.mark)
            }
        }
        return Node(.mapping(map), tag: item.tag, mark: item.mark)
    }

    /// A `parameters` list with renamed path parameters and one more for each repeat.
    static func rewriteParameters(_ list: Node, repair: PathRepair, root: Node) -> Node {
        guard let items = list.sequence else { return list }
        var result: [Node] = []
        for item in items {
            let definition = resolved(item, root: root)
            guard definition["in"]?.text == "path", let name = definition["name"]?.text, var map = definition.mapping else {
                result.append(item)
                continue
            }
            if let rename = repair.variables.first(where: { !$0.isRepeat && $0.isRenamed && $0.specName == name }) {
                map["name"] = .string(rename.gatewayName)
                result.append(Node(.mapping(map), tag: definition.tag, mark: definition.mark))
            } else {
                result.append(item)
            }
            // The second value of a repeated variable arrives under its own name, declared
            // like the first.
            for repeatRepair in repair.variables where repeatRepair.isRepeat && repeatRepair.specName == name {
                var copy = definition.mapping ?? Mapping()
                copy["name"] = .string(repeatRepair.gatewayName)
                result.append(.mapping(copy))
            }
        }
        return Node(.sequence(result), tag: list.tag, mark: list.mark)
    }

    /// The parameter a local `$ref` names, or the item itself.
    static func resolved(_ item: Node, root: Node) -> Node {
        guard let reference = item["$ref"]?.string, reference.hasPrefix("#"),
            let pointer = JSONPointer(fragment: String(reference.dropFirst())),
            let target = pointer.resolve(in: root)
        else { return item }
        return target
    }
}
