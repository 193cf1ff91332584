import Diagnostics
import YAML
import Plan
import Support

extension GatewayPlanner {
    /// The template parameters that stand for the names the values refer to and the
    /// template does not define, in the order of their first use, each with a note there.
    /// Before an import, each name without a value is an error instead.
    static func placeholderParameters(
        _ uses: [PlaceholderUse], resolution: PlaceholderResolution, diagnostics: inout DiagnosticEngine
    ) -> [TemplateParameter] {
        var parameters: [TemplateParameter] = []
        // The spec's name each parameter stands for, by parameter.
        var standsFor: [String: String] = [:]
        var reported: Set<String> = []
        for use in uses where !use.isFilled {
            switch resolution {
            case .beforeImport:
                guard reported.insert(use.name).inserted else { continue }
                diagnostics.report(
                    .error(
                        PlanError.placeholderWithoutValue,
                        "\(use.written) has no value in an OpenAPI output, and API Gateway's import would take it as text; "
                            + "give --parameter \(use.name)=VALUE or write the value out, or use --to cloudformation (\(Diagnostic.repairCannotFix))",
                        at: use.location))
            case .cloudFormation:
                guard let parameter = use.parameter else { continue }
                if let other = standsFor[parameter] {
                    if other != use.name, reported.insert(use.name).inserted {
                        diagnostics.report(
                            .error(
                                PlanError.placeholderNameClash,
                                "\(use.written) and \(other) would both become template parameter \(parameter); "
                                    + "fill one with --parameter \(use.name)=VALUE or rename it in the spec",
                                at: use.location))
                    }
                    continue
                }
                standsFor[parameter] = use.name
                parameters.append(
                    TemplateParameter(
                        name: parameter,
                        description: Self.truncated("What \(use.name) stands for in the spec; this template does not define it.")))
                diagnostics.report(
                    .note(
                        PlanError.placeholderParameter,
                        "\(use.written) names nothing the generated template defines, so it becomes template parameter "
                            + "\(parameter); pass it at deploy time or fill it with --parameter \(parameter)=VALUE",
                        at: use.location))
            }
        }
        return parameters
    }

    /// A warning for each `--parameter` value no value refers to, by the spec's name or the
    /// parameter's: most likely a misspelt name, which would leave the real one open.
    static func unusedValues(
        _ values: [String: String], uses: [PlaceholderUse], placeholders: Placeholders
    ) -> [Diagnostic] {
        guard !values.isEmpty else { return [] }
        var known: [String] = []
        for use in uses {
            known.append(use.name)
            if !use.name.hasPrefix("AWS::") { known.append(placeholders.parameterName(for: use.name)) }
        }
        let used = Set(known)
        // Sorted: the values come from a dictionary, whose order must not reach the output.
        return values.keys.sorted().filter { !used.contains($0) }.map { name in
            let hint = Suggestion.closest(to: name, among: known).map { "; did you mean \($0)?" } ?? "; check the name or remove it"
            return .warning(PlanError.unusedParameterValue, "--parameter \(name) fills nothing the spec refers to\(hint)")
        }
    }

    /// CloudFormation takes a parameter description of at most 4,000 characters.
    private static func truncated(_ text: String) -> String {
        text.count > 4_000 ? String(text.prefix(3_997)) + "..." : text
    }
}
