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

extension IntrinsicFunctions {
    /// The long-form keys (`Ref`, `Fn::Sub`, …), each with its short-form tag.
    package static let shortFormTags: [String: String] = Dictionary(
        uniqueKeysWithValues: longFormKeys.map { ($0.value, $0.key) })

    /// The tree with every long-form function (`{"Fn::Sub": …}`) written as its short-form
    /// tag (`!Sub …`), at any depth: the inverse of `expandingShortForms`.
    ///
    /// Readers of templates collapse first, so a JSON template and a YAML one that says the
    /// same thing become the same tree, and each function is recognised by its tag alone.
    public static func collapsingLongForms(_ node: Node) -> Node {
        var node = node
        switch node.content {
        case .scalar:
            return node
        case .sequence(let items):
            node.content = .sequence(items.map(collapsingLongForms))
            return node
        case .mapping(let mapping):
            var collapsed = Mapping()
            for (key, value) in mapping.entries {
                collapsed.append(key: key, value: collapsingLongForms(value))
            }
            node.content = .mapping(collapsed)
            guard node.tag == nil, collapsed.count == 1, let key = collapsed[position: 0].key.text,
                let tag = shortFormTags[key]
            else { return node }
            // A function whose argument is itself a function (`Fn::Base64: !Sub …`) has no
            // short form: one node carries one tag.
            var argument = collapsed[position: 0].value
            guard argument.tag == nil else { return node }
            // `Fn::GetAtt: [Resource, Attribute]` is `!GetAtt Resource.Attribute` in short form.
            if tag == "!GetAtt", let items = argument.sequence, items.count == 2, let resource = items[0].string,
                let attribute = items[1].string
            {
                argument = Node(.scalar(Scalar(text: "\(resource).\(attribute)", kind: .string)), mark: argument.mark)
            }
            argument.tag = tag
            if argument.mark.isSynthetic { argument.mark = node.mark }
            return argument
        }
    }

    /// Whether `node` holds a long-form function (`{"Fn::Sub": …}`, `{"Ref": …}`) anywhere:
    /// what `collapsingLongForms` would change.
    public static func hasLongForm(_ node: Node) -> Bool {
        switch node.content {
        case .scalar:
            return false
        case .sequence(let items):
            return items.contains(where: hasLongForm)
        case .mapping(let mapping):
            if mapping.count == 1, let key = mapping[position: 0].key.text, shortFormTags[key] != nil { return true }
            return mapping.withInterleavedEntries { buffer in
                stride(from: 1, to: buffer.count, by: 2).contains { hasLongForm(buffer[$0]) }
            }
        }
    }

    /// How a value written as one CloudFormation function reads in a message
    /// (`!Sub Api-${AWS::StackName}`), in either form; `nil` for any other value.
    public static func functionText(_ node: Node) -> String? {
        // Asked of every path item: only a one-key mapping whose key is a long form is
        // collapsed, never a whole subtree.
        if node.tag == nil {
            guard let fields = node.mapping, fields.count == 1, let key = fields[position: 0].key.text,
                shortFormTags[key] != nil
            else { return nil }
        }
        let function = node.tag != nil ? node : collapsingLongForms(node)
        guard let tag = function.tag, longFormKeys[tag] != nil else { return nil }
        guard let text = function.string else { return tag }
        return "\(tag) \(text)"
    }

    /// The logical IDs and parameters a tree refers to with `!Ref`, `!GetAtt` or `!Sub`,
    /// depth first, each with the node that refers to it. Pseudo parameters (`AWS::Region`)
    /// are included; `${!Literal}` escapes and a `!Sub`'s own variables are not.
    ///
    /// The renderer checks these against the template it wrote, the reader against the
    /// template it reads.
    public static func references(in tree: Node) -> [(name: String, node: Node)] {
        var found: [(name: String, node: Node)] = []
        func visit(_ node: Node) {
            switch node.tag {
            case "!Ref":
                if let name = node.text { found.append((name, node)) }
            case "!GetAtt":
                // `!GetAtt Fn.Arn` or `!GetAtt [Fn, Arn]`: the resource is before the dot.
                if let target = node.text ?? node[0]?.text {
                    found.append((String(target.split(separator: ".").first ?? ""), node))
                }
            case "!Sub":
                if let text = node.text ?? node[0]?.text {
                    let locals = Set(node[1]?.mapping?.keys.compactMap(\.text) ?? [])
                    for name in substitutions(in: text) where !locals.contains(name) { found.append((name, node)) }
                }
            default:
                break
            }
            switch node.content {
            case .scalar: break
            case .sequence(let items): items.forEach(visit)
            case .mapping(let mapping): mapping.values.forEach(visit)
            }
        }
        visit(tree)
        return found
    }

    /// The names in a `!Sub` string's `${Name}` and `${Name.Attribute}` variables; `${!Text}`
    /// is the escape for a literal `${Text}` and names nothing.
    public static func substitutions(in text: String) -> [String] {
        var names: [String] = []
        let characters = Array(text)
        var i = 0
        while i + 1 < characters.count {
            guard characters[i] == "$", characters[i + 1] == "{" else {
                i += 1
                continue
            }
            guard let close = characters[(i + 2)...].firstIndex(of: "}") else { break }
            let variable = String(characters[(i + 2)..<close])
            i = close + 1
            if variable.hasPrefix("!") { continue }
            names.append(String(variable.split(separator: ".").first ?? ""))
        }
        return names
    }

    /// `text` (a `!Sub` string) with each `${variable}` replaced by what `replace` returns
    /// for the variable (`Api`, `Api.RootResourceId`), braces and all; `${!literal}` escapes
    /// are kept. Used where a template's names move: into a nested stack's parameters, and
    /// back when its children are read into the parent.
    public static func replacingSubstitutions(in text: String, _ replace: (String) -> String) -> String {
        var result = ""
        var rest = text[...]
        while let dollar = rest.firstIndex(of: "$") {
            let brace = rest.index(after: dollar)
            guard brace < rest.endIndex, rest[brace] == "{", let close = rest[brace...].firstIndex(of: "}") else {
                result += rest[...dollar]
                rest = rest[brace...]
                continue
            }
            result += rest[..<dollar]
            let variable = String(rest[rest.index(after: brace)..<close])
            result += variable.hasPrefix("!") ? "${" + variable + "}" : replace(variable)
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// `text` as a `!Sub` that gives `text` back with only the pseudo parameters
    /// (`${AWS::Region}`) filled: any other `${name}` (a Velocity reference, an OpenAPI
    /// server variable's neighbour) is escaped as `${!name}`, since the template defines no
    /// such name. For text a spec wrote plainly where CloudFormation substitutes only
    /// inside a `!Sub` (cfn-lint E1029).
    public static func pseudoParameterSub(_ text: String, mark: Mark = .synthetic) -> Node {
        Node(.scalar(Scalar(text: subText(text), kind: .string)), tag: "!Sub", mark: mark)
    }

    /// `text` as a `!Sub` string that gives `text` back with only `${AWS::…}` filled.
    package static func subText(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "${") {
            result += rest[..<open.lowerBound]
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: "}") else {
                result += "${"
                continue
            }
            let name = rest[..<close]
            result += name.hasPrefix("AWS::") || name.hasPrefix("!") ? "${\(name)}" : "${!\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
