import YAML
import Plan
import Support

/// Evaluates CloudFormation's intrinsic functions in a template, as far as they can be
/// evaluated before a stack exists.
///
/// `Ref` to a parameter takes the value passed in or the parameter's `Default`; pseudo
/// parameters (`AWS::Region`) take a value only when one is passed in; `Fn::Sub`,
/// `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::FindInMap` and `Fn::If` on the template's
/// `Conditions` are computed from those. What depends on a deployed resource (`Ref` to a
/// resource, `Fn::GetAtt`, `Fn::ImportValue`) cannot be known and comes back unresolved
/// with the reason, so the reader can keep the node or report the place.
///
/// The template must already have its long forms collapsed into tags
/// (`IntrinsicFunctions.collapsingLongForms`).
struct IntrinsicResolver {
    /// The result of evaluating one node.
    enum Outcome: Equatable {
        /// A plain value without functions.
        case value(Node)
        /// `AWS::NoValue`: the property is to be left out.
        case noValue
        /// Cannot be evaluated here; `reason` says why in words a message can use.
        case unresolved(reason: String)
    }

    /// Parameter values: those passed in, then each parameter's `Default`.
    private(set) var parameterValues: [String: Node] = [:]
    /// Parameters without a value (no default, none passed in).
    private(set) var parametersWithoutValue: Set<String> = []
    /// The logical IDs of the template's resources.
    private(set) var resourceNames: Set<String> = []
    private var conditions: [String: Node] = [:]
    private var mappings: Node?
    private var passedIn: [String: String]

    /// The resolver for `template`, with `passedIn` values for parameters and pseudo
    /// parameters (`["Stage": "prod", "AWS::Region": "eu-west-1"]`).
    init(template: Node, passedIn: [String: String] = [:]) {
        self.passedIn = passedIn
        for (key, definition) in template["Parameters"]?.mapping?.entries ?? Mapping().entries {
            guard let name = key.text else { continue }
            let type = definition["Type"]?.text ?? "String"
            let text = passedIn[name] ?? definition["Default"]?.text
            guard let text else {
                parametersWithoutValue.insert(name)
                continue
            }
            // List parameters are lists to `Ref`; `Fn::Join` and `Fn::Select` take them.
            if type.hasPrefix("List<") || type == "CommaDelimitedList" {
                parameterValues[name] = .sequence(text.split(separator: ",", omittingEmptySubsequences: false).map {
                    .string(String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()))
                })
            } else {
                parameterValues[name] = .string(text)
            }
        }
        resourceNames = Set(template["Resources"]?.mapping?.keys.compactMap(\.text) ?? [])
        for (key, value) in template["Conditions"]?.mapping?.entries ?? Mapping().entries {
            if let name = key.text { conditions[name] = value }
        }
        mappings = template["Mappings"]
    }

    /// Whether the template defines a condition with this name.
    func hasCondition(_ name: String) -> Bool { conditions[name] != nil }

    /// The value of condition `name`, or `nil` when it depends on something unknown.
    func condition(_ name: String) -> Bool? {
        var visiting: Set<String> = []
        return condition(name, visiting: &visiting)
    }

    private func condition(_ name: String, visiting: inout Set<String>) -> Bool? {
        guard let expression = conditions[name], visiting.insert(name).inserted else { return nil }
        defer { visiting.remove(name) }
        return evaluate(expression, visiting: &visiting)
    }

    /// A condition expression: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`.
    private func evaluate(_ expression: Node, visiting: inout Set<String>) -> Bool? {
        switch expression.tag {
        case "!Equals":
            guard let items = expression.sequence, items.count == 2,
                case .value(let a) = resolve(items[0]), case .value(let b) = resolve(items[1])
            else { return nil }
            return a == b || (a.text != nil && a.text == b.text)
        case "!And", "!Or":
            guard let items = expression.sequence else { return nil }
            var results: [Bool] = []
            for item in items {
                guard let result = evaluate(item, visiting: &visiting) else { return nil }
                results.append(result)
            }
            return expression.tag == "!And" ? !results.contains(false) : results.contains(true)
        case "!Not":
            guard let item = expression.sequence?.first, let result = evaluate(item, visiting: &visiting)
            else { return nil }
            return !result
        case "!Condition":
            guard let name = expression.text else { return nil }
            return condition(name, visiting: &visiting)
        default:
            if let text = expression.text, expression.scalar?.kind == .bool { return text.lowercased() == "true" }
            return nil
        }
    }

    /// Evaluates every function in `node`.
    func resolve(_ node: Node) -> Outcome {
        guard let tag = node.tag else {
            switch node.content {
            case .scalar:
                return .value(node)
            case .sequence(let items):
                var resolved: [Node] = []
                for item in items {
                    switch resolve(item) {
                    case .value(let value): resolved.append(value)
                    case .noValue: continue
                    case .unresolved(let reason): return .unresolved(reason: reason)
                    }
                }
                return .value(Node(.sequence(resolved), mark: node.mark))
            case .mapping(let mapping):
                var resolved = Mapping()
                for (key, value) in mapping.entries {
                    switch resolve(value) {
                    case .value(let value): resolved.append(key: key, value: value)
                    case .noValue: continue
                    case .unresolved(let reason): return .unresolved(reason: reason)
                    }
                }
                return .value(Node(.mapping(resolved), mark: node.mark))
            }
        }
        switch tag {
        case "!Ref":
            return reference(node.text ?? "", mark: node.mark)
        case "!GetAtt":
            let target = node.text ?? node.sequence?.compactMap(\.text).joined(separator: ".") ?? ""
            return .unresolved(reason: "!GetAtt \(target) is known only once the stack exists")
        case "!Sub":
            return substitute(node)
        case "!Join":
            guard let items = node.sequence, items.count == 2, let delimiter = items[0].text else {
                return .unresolved(reason: "!Join takes [delimiter, [values]]")
            }
            switch resolve(items[1]) {
            case .value(let list):
                guard let parts = list.sequence?.map({ $0.text }), !parts.contains(nil) else {
                    return .unresolved(reason: "!Join takes a list of strings")
                }
                return .value(.string(parts.compactMap { $0 }.joined(separator: delimiter), mark: node.mark))
            case .noValue: return .value(.string("", mark: node.mark))
            case .unresolved(let reason): return .unresolved(reason: reason)
            }
        case "!Select":
            guard let items = node.sequence, items.count == 2, case .value(let index) = resolve(items[0]),
                let position = index.text.flatMap({ Int($0) })
            else { return .unresolved(reason: "!Select takes [index, [values]]") }
            switch resolve(items[1]) {
            case .value(let list):
                guard let values = list.sequence, values.indices.contains(position) else {
                    return .unresolved(reason: "!Select index \(position) is outside its list")
                }
                return .value(values[position])
            case .noValue: return .unresolved(reason: "!Select of an empty list")
            case .unresolved(let reason): return .unresolved(reason: reason)
            }
        case "!Split":
            guard let items = node.sequence, items.count == 2, let delimiter = items[0].text, !delimiter.isEmpty else {
                return .unresolved(reason: "!Split takes [delimiter, text]")
            }
            guard case .value(let source) = resolve(items[1]), let text = source.text else {
                return .unresolved(reason: "the text !Split splits cannot be evaluated")
            }
            return .value(.sequence(text.split(separator: delimiter, omittingEmptySubsequences: false).map { Node.string(String($0)) }, mark: node.mark))
        case "!FindInMap":
            guard let items = node.sequence, items.count == 3 else {
                return .unresolved(reason: "!FindInMap takes [map, key, key]")
            }
            var keys: [String] = []
            for item in items {
                guard case .value(let key) = resolve(item), let text = key.text else {
                    return .unresolved(reason: "a key of !FindInMap cannot be evaluated")
                }
                keys.append(text)
            }
            guard let found = mappings?[keys[0]]?[keys[1]]?[keys[2]] else {
                return .unresolved(reason: "!FindInMap finds no \(keys.joined(separator: "."))")
            }
            return .value(found)
        case "!If":
            guard let items = node.sequence, items.count == 3, let name = items[0].text else {
                return .unresolved(reason: "!If takes [condition, value if true, value if false]")
            }
            guard hasCondition(name) else { return .unresolved(reason: "!If names condition \(name), which the template does not define") }
            guard let holds = condition(name) else {
                return .unresolved(reason: "condition \(name) depends on a value that is not known before deployment")
            }
            return resolve(items[holds ? 1 : 2])
        default:
            return .unresolved(reason: "\(tag) cannot be evaluated before deployment")
        }
    }

    /// `Ref` to a parameter, a pseudo parameter or a resource.
    private func reference(_ name: String, mark: Mark) -> Outcome {
        if name == "AWS::NoValue" { return .noValue }
        if let value = passedIn[name], name.hasPrefix("AWS::") { return .value(.string(value, mark: mark)) }
        if var value = parameterValues[name] {
            value.mark = mark
            return .value(value)
        }
        if parametersWithoutValue.contains(name) {
            return .unresolved(reason: "parameter \(name) has no Default and no value was passed in")
        }
        if name.hasPrefix("AWS::") { return .unresolved(reason: "pseudo parameter \(name) is known only at deployment") }
        if resourceNames.contains(name) { return .unresolved(reason: "!Ref \(name) is the ID of a resource created at deployment") }
        return .unresolved(reason: "!Ref \(name) names nothing the template defines")
    }

    /// `Fn::Sub` with `${Name}`, `${Resource.Attribute}`, `${!Literal}` and local variables.
    private func substitute(_ node: Node) -> Outcome {
        let text: String
        var locals: [String: Node] = [:]
        if let scalar = node.string {
            text = scalar
        } else if let items = node.sequence, items.count == 2, let scalar = items[0].string {
            text = scalar
            for (key, value) in items[1].mapping?.entries ?? Mapping().entries {
                if let name = key.text { locals[name] = value }
            }
        } else {
            return .unresolved(reason: "!Sub takes a string or [string, {variables}]")
        }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "${") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                result += rest[open.lowerBound...]
                rest = ""
                break
            }
            let variable = String(rest[open.upperBound..<close])
            rest = rest[rest.index(after: close)...]
            // `${!Literal}` writes `${Literal}`.
            if variable.hasPrefix("!") {
                result += "${" + variable.dropFirst() + "}"
                continue
            }
            let outcome: Outcome
            if let local = locals[variable] {
                outcome = resolve(local)
            } else if variable.contains("."), !variable.hasPrefix("AWS::") {
                outcome = .unresolved(reason: "${\(variable)} is known only once the stack exists")
            } else {
                outcome = reference(variable, mark: node.mark)
            }
            switch outcome {
            case .value(let value):
                guard let piece = value.text else { return .unresolved(reason: "${\(variable)} is not a string") }
                result += piece
            case .noValue:
                continue
            case .unresolved(let reason):
                return .unresolved(reason: reason)
            }
        }
        result += rest
        return .value(.string(result, mark: node.mark))
    }

    /// The logical IDs a node refers to with `Ref`, `GetAtt` or `Sub`, depth first: the names
    /// a reader checks against the template.
    static func referencedNames(in node: Node) -> [String] {
        IntrinsicFunctions.references(in: node).map(\.name)
    }
}
