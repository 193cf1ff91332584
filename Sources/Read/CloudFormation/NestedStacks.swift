import YAML
import Support

/// A parent template's child stacks read into it: each `AWS::CloudFormation::Stack` whose
/// `TemplateURL` names a file beside the template (as a split template from `convert -o FILE`
/// does, and as `aws cloudformation package` takes them) is replaced by the child's resources,
/// with each of the child's parameters replaced by what the parent passes. The API is then read
/// as if it were written in one template.
///
/// A child's nodes are placed at its `TemplateURL`, as an included file's are: a finding in a
/// child is reported at the line of the parent that brings the child in.
public enum NestedStacks {
    /// `template` with the children `include` can read (by the `TemplateURL` text) inlined;
    /// the template itself when it has none.
    public static func inlined(_ template: Node, include: ((String) -> Node?)?) -> Node {
        guard let include, let resources = template["Resources"]?.mapping,
            resources.values.contains(where: { $0["Type"]?.text == "AWS::CloudFormation::Stack" })
        else { return template }
        var merged = Mapping()
        var made: [String: [String]] = [:]
        for (key, value) in resources.entries {
            guard value["Type"]?.text == "AWS::CloudFormation::Stack", let url = value["Properties"]?["TemplateURL"],
                url.tag == nil, let location = url.text, !location.contains("://"),
                let child = include(location), let childResources = child["Resources"]?.mapping
            else {
                merged.append(key: key, value: value)
                continue
            }
            let passed = value["Properties"]?["Parameters"]?.mapping ?? Mapping()
            var values: [String: Node] = [:]
            for (name, given) in passed.entries { if let name = name.text { values[name] = given } }
            for (id, resource) in childResources.entries {
                merged.append(key: id, value: TemplateInclude.placed(substituting(values, in: resource), at: url.mark))
            }
            made[key.text ?? ""] = childResources.keys.compactMap(\.text)
        }
        // Waiting for a stack is waiting for everything it makes.
        var waiting = Mapping()
        for (key, value) in merged.entries {
            guard let depends = value["DependsOn"], var fields = value.mapping else {
                waiting.append(key: key, value: value)
                continue
            }
            let names = depends.sequence?.compactMap(\.text) ?? [depends.text].compactMap { $0 }
            guard names.contains(where: { made[$0] != nil }) else {
                waiting.append(key: key, value: value)
                continue
            }
            fields["DependsOn"] = Node(.sequence(names.flatMap { made[$0] ?? [$0] }.map { .string($0, mark: depends.mark) }), mark: depends.mark)
            waiting.append(key: key, value: Node(.mapping(fields), tag: value.tag, mark: value.mark))
        }
        merged = waiting
        var result = template.mapping ?? Mapping()
        result["Resources"] = Node(.mapping(merged), mark: template["Resources"]?.mark ?? .synthetic)
        return Node(.mapping(result), tag: template.tag, mark: template.mark)
    }

    /// `node` with each `!Ref` to a parameter in `values` replaced by its value, and each
    /// `${name}` of a `!Sub` by the name or attribute the value refers to.
    static func substituting(_ values: [String: Node], in node: Node) -> Node {
        if node.tag == "!Ref", let name = node.text, let value = values[name] { return value }
        if node.tag == "!Sub" {
            if node.isScalar, let text = node.text {
                return Node(.scalar(Scalar(text: substituted(values, in: text), kind: .string)), tag: "!Sub", mark: node.mark)
            }
            if var items = node.sequence, let text = items.first?.text {
                items[0] = .string(substituted(values, in: text))
                return Node(.sequence(items), tag: "!Sub", mark: node.mark)
            }
        }
        switch node.content {
        case .scalar: return node
        case .sequence(let items): return Node(.sequence(items.map { substituting(values, in: $0) }), tag: node.tag, mark: node.mark)
        case .mapping(let fields):
            var out = Mapping()
            for (key, value) in fields.entries { out.append(key: key, value: substituting(values, in: value)) }
            return Node(.mapping(out), tag: node.tag, mark: node.mark)
        }
    }

    /// `${Parameter}` in a `!Sub` text made what the parameter stands for: `${Api}` for
    /// `!Ref Api`, `${Api.RootResourceId}` for `!GetAtt Api.RootResourceId`, the text itself
    /// for a plain value.
    static func substituted(_ values: [String: Node], in text: String) -> String {
        IntrinsicFunctions.replacingSubstitutions(in: text) { name in
            guard let value = values[name], let target = value.text else { return "${" + name + "}" }
            return value.tag == nil ? target : "${" + target + "}"
        }
    }
}
