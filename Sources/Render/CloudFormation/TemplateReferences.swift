import Diagnostics
import YAML
import Support

/// Finds the names a template's functions refer to that it does not define.
///
/// A spec written for a larger template (`uri: !Sub …${OrdersFunction.Arn}…`) refers to
/// resources of that template; the generated template stands alone, so CloudFormation
/// would refuse it. Pseudo parameters (`AWS::Region`) and `${!Literal}` escapes are fine.
public enum TemplateReferences {
    public static let undefined = DiagnosticCode(
        "CFN004", .error,
        "The diagnostic code for a reference to something the template does not define.")

    /// One error per undefined name, at the first place it is used.
    public static func undefinedNames(in template: Node, file: String) -> [Diagnostic] {
        var defined: Set<String> = []
        for section in ["Parameters", "Resources"] {
            for key in template[section]?.mapping?.keys ?? [] { if let name = key.text { defined.insert(name) } }
        }
        var reported: Set<String> = []
        var diagnostics = DiagnosticEngine()
        func check(_ name: String, at node: Node) {
            guard !name.hasPrefix("AWS::"), !defined.contains(name), reported.insert(name).inserted else { return }
            diagnostics.report(
                .error(
                    undefined,
                    "the spec refers to \(name), which the generated template does not define; "
                        + "write the value out, or deploy with --cfn-style body inside the template that defines it",
                    at: node.mark.isSynthetic ? nil : SourceLocation(file: file, mark: node.mark)))
        }
        for reference in IntrinsicFunctions.references(in: template) { check(reference.name, at: reference.node) }
        return diagnostics.diagnostics
    }
}

extension TemplateReferences: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        undefined,
    ]
}
