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
        guard let tag = node.tag, let key = longFormKeys[tag] else { return node }
        let mark = node.mark
        node.tag = nil
        var argument = node
        // `!GetAtt Resource.Attribute` is the one short form whose scalar splits in two.
        if tag == "!GetAtt", let text = node.string, let dot = text.firstIndex(of: ".") {
            argument = .sequence(
                [.string(String(text[..<dot]), mark: mark), .string(String(text[text.index(after: dot)...]), mark: mark)],
                mark: mark)
        }
        var long = Mapping()
        long.append(key: .string(key, mark: mark), value: argument)
        return Node(.mapping(long), mark: mark)
    }
}
