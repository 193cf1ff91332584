import YAML

/// CloudFormation's intrinsic functions and their YAML short forms.
///
/// YAML templates may write `!Ref Name` or `!GetAtt Fn.Arn`; JSON has no tags, so before a
/// template is written as JSON every short form becomes the long form CloudFormation
/// defines (`{"Ref": "Name"}`, `{"Fn::GetAtt": ["Fn", "Arn"]}`).
public enum IntrinsicFunctions {
    /// The short-form tags CloudFormation accepts, each with the key of its long form.
    public static let longFormKeys: [String: String] = {
        var keys = ["!Ref": "Ref", "!Condition": "Condition"]
        for name in [
            "And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs", "GetAtt", "If", "ImportValue", "Join",
            "Length", "Not", "Or", "Select", "Split", "Sub", "ToJsonString", "Transform",
        ] {
            keys["!\(name)"] = "Fn::\(name)"
        }
        return keys
    }()

    /// The tree with every short-form tag replaced by its long form, at any depth.
    ///
    /// Tags that are not CloudFormation's are left in place, so a writer that cannot
    /// express them still reports them.
    public static func expandingShortForms(_ node: Node) -> Node {
        var node = node
        switch node.content {
        case .scalar:
            break
        case .sequence(let items):
            node.content = .sequence(items.map(expandingShortForms))
        case .mapping(let mapping):
            var expanded = Mapping()
            for (key, value) in mapping.entries {
                expanded.append(key: key, value: expandingShortForms(value))
            }
            node.content = .mapping(expanded)
        }
        return longForm(of: node) ?? node
    }

    /// The long form of one node written in a short form (`!Ref Api` → `{Ref: Api}`), its
    /// children left as they are; `nil` for a node without a CloudFormation tag.
    ///
    /// `JSONWriter` calls this on each tagged node as it writes, so a large template is
    /// written as JSON without first being copied whole with its short forms expanded.
    public static func longForm(of node: Node) -> Node? {
        guard let tag = node.tag, let key = longFormKeys[tag] else { return nil }
        let mark = node.mark
        var argument = node
        argument.tag = nil
        // `!GetAtt Resource.Attribute` is the one short form whose scalar splits in two.
        if tag == "!GetAtt", let text = argument.string, let dot = text.firstIndex(of: ".") {
            argument = .sequence(
                [.string(String(text[..<dot]), mark: mark), .string(String(text[text.index(after: dot)...]), mark: mark)],
                mark: mark)
        }
        var long = Mapping()
        long.append(key: .string(key, mark: mark), value: argument)
        return Node(.mapping(long), mark: mark)
    }
}
