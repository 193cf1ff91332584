import Diagnostics
import YAML

/// Finds the names a template's functions refer to that it does not define.
///
/// A spec written for a larger template (`uri: !Sub …${OrdersFunction.Arn}…`) refers to
/// resources of that template; the generated template stands alone, so CloudFormation
/// would refuse it. Pseudo parameters (`AWS::Region`) and `${!Literal}` escapes are fine.
public enum TemplateReferences {
    /// The diagnostic code for a reference to something the template does not define.
    public static let undefined = "CFN004"

    /// One error per undefined name, at the first place it is used.
    public static func undefinedNames(in template: Node, file: String) -> [Diagnostic] {
        var defined: Set<String> = []
        for section in ["Parameters", "Resources"] {
            for key in template[section]?.mapping?.keys ?? [] { if let name = key.text { defined.insert(name) } }
        }
        var reported: Set<String> = []
        var diagnostics: [Diagnostic] = []
        func check(_ name: String, at node: Node) {
            guard !name.hasPrefix("AWS::"), !defined.contains(name), reported.insert(name).inserted else { return }
            diagnostics.append(
                .error(
                    undefined,
                    "the spec refers to \(name), which the generated template does not define; "
                        + "write the value out, or deploy with --cfn-style body inside the template that defines it",
                    at: node.mark.isSynthetic ? nil : SourceLocation(file: file, mark: node.mark)))
        }
        func visit(_ node: Node) {
            switch node.tag {
            case "!Ref":
                if let name = node.text { check(name, at: node) }
            case "!GetAtt":
                if let target = node.text ?? node[0]?.text {
                    check(String(target.split(separator: ".").first ?? ""), at: node)
                }
            case "!Sub":
                if let text = node.text ?? node[0]?.text {
                    let locals = Set(node[1]?.mapping?.keys.compactMap(\.text) ?? [])
                    for name in substitutions(in: text) where !locals.contains(name) { check(name, at: node) }
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
        visit(template)
        return diagnostics
    }

    /// The names in a `!Sub` string's `${Name}` and `${Name.Attribute}` variables.
    static func substitutions(in text: String) -> [String] {
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
}
