import Diagnostics
import YAML
import Plan
import Spec

/// What a method's integration receives after `--repair` renamed or widened its path
/// variables, and the note that says so.
extension GatewayPlanner {
    /// The integration with the spec's names mapped back from the gateway's.
    ///
    /// API Gateway fills `integration.request.path.N` only from what a mapping names, so
    /// for non-proxy (AWS, HTTP, MOCK) and HTTP proxy integrations the mapping is what
    /// keeps the backend's view unchanged: its URI keeps the spec's `{name}`, and
    /// `integration.request.path.<spec name>` comes from `method.request.path.<gateway
    /// name>`. A Lambda proxy reads `pathParameters`, which API Gateway keys by the method
    /// request's names; no mapping reaches it, so the note names what the function sees.
    /// The default mock has no backend to hand anything to and gets no mapping.
    func repaired(
        _ integration: Integration, for operation: Operation, isDefault: Bool, diagnostics: inout DiagnosticEngine
    ) -> Integration {
        var result = integration
        let repairs = operation.variableRepairs
        let label = "\(operation.method.rawValue) \(operation.path)"
        if integration.kind == .awsProxy {
            let seen = repairs.map { repair -> String in
                var text = "\"\(repair.gatewayName)\""
                if repair.isRepeat {
                    text += " (the second \(repair.specName))"
                } else if repair.isRenamed {
                    text += " (the spec's \(repair.specName))"
                }
                if repair.isGlued { text += " with the whole segment, \(Self.gluedText(repair)) included" }
                return text
            }
            diagnostics.report(
                .note(
                    PlanError.repairedPathParameters,
                    "the Lambda function behind \(label) now finds pathParameters " + seen.joined(separator: ", ")
                        + "; read them under these names",
                    at: operation.location))
            return result
        }
        if isDefault && integration.kind == .mock { return result }

        // A mapping the spec wrote reads the method request parameter by the spec's name
        // (the default integrations are built with the gateway's names already).
        let renamed = repairs.filter { $0.isRenamed && !$0.isRepeat }
        if !isDefault {
            result.requestParameters = integration.requestParameters.map { pair in
                guard let repair = renamed.first(where: { pair.value == "method.request.path.\($0.specName)" }) else { return pair }
                return Mapped(pair.name, "method.request.path.\(repair.gatewayName)")
            }
            result.cacheKeyParameters = integration.cacheKeyParameters.map { key in
                renamed.first { key == "method.request.path.\($0.specName)" }.map { "method.request.path.\($0.gatewayName)" } ?? key
            }
        }
        var mapped: [String] = []
        for repair in repairs where repair.isRenamed || repair.isGlued || repair.isRepeat {
            let target = "integration.request.path.\(repair.integrationName)"
            let source = "method.request.path.\(repair.gatewayName)"
            if !result.requestParameters.contains(where: { $0.name == target }) {
                result.requestParameters.append(Mapped(target, source))
            }
            var item = "\(source) as \(target)"
            if repair.isRepeat { item += " (the second \(repair.specName))" }
            if repair.isGlued { item += " (the whole segment, \(Self.gluedText(repair)) included)" }
            mapped.append(item)
        }
        // A URI the spec wrote with the glued text around the variable would now get that
        // text twice; the variable already carries the whole segment. A repeated variable's
        // later places take the values that now travel under their own names.
        if var uri = result.uri, let text = uri.scalar?.text {
            var changed = text
            for repair in repairs where repair.isGlued {
                changed = changed.replacing(repair.specSegment, with: "{\(repair.integrationName)}")
            }
            changed = Self.renamingRepeats(in: changed, repairs: repairs)
            if changed != text {
                uri.content = .scalar(Scalar(text: changed, kind: .string))
                result.uri = uri
            }
        }
        for template in integration.requestTemplates {
            for repair in renamed where Self.mentions(template.value, repair.specName) {
                diagnostics.report(
                    .warning(
                        PlanError.templateReadsSpecName,
                        "the \(template.name) request template of \(label) reads the path parameter \(repair.specName), which API Gateway now names \(repair.gatewayName); read \(repair.gatewayName) there",
                        at: operation.location))
            }
        }
        if !mapped.isEmpty {
            diagnostics.report(
                .note(
                    PlanError.repairedPathParameters,
                    "\(label) passes " + mapped.joined(separator: ", ") + " to its \(integration.kind.rawValue) integration",
                    at: operation.location))
        }
        return result
    }

    /// `uri` with the second and later `{name}` of each repeated variable renamed to the
    /// name its value now travels under, when the URI has exactly one place per occurrence;
    /// otherwise unchanged, since which place is which cannot be told.
    static func renamingRepeats(in uri: String, repairs: [VariableRepair]) -> String {
        var result = uri
        var names: [String] = []
        for repair in repairs where repair.isRepeat && !names.contains(repair.specName) { names.append(repair.specName) }
        for name in names {
            let later = repairs.filter { $0.isRepeat && $0.specName == name }.map(\.integrationName)
            let places = result.ranges(of: "{\(name)}")
            guard places.count == later.count + 1 else { continue }
            // From the last place back, so the earlier ranges stay valid.
            for (place, newName) in zip(places.dropFirst(), later).reversed() {
                result.replaceSubrange(place, with: "{\(newName)}")
            }
        }
        return result
    }

    /// `the ".json" suffix`, `the "v" prefix`, or both.
    static func gluedText(_ repair: VariableRepair) -> String {
        [repair.prefix.isEmpty ? nil : "the \"\(repair.prefix)\" prefix", repair.suffix.isEmpty ? nil : "the \"\(repair.suffix)\" suffix"]
            .compactMap { $0 }.joined(separator: " and ")
    }

    /// Whether a mapping template reads the parameter `name` (`$input.params('id')`,
    /// `$input.params().path.id`, `$method.request.path.id`).
    static func mentions(_ template: String, _ name: String) -> Bool {
        ["'\(name)'", "\"\(name)\"", "path.\(name)", "path.get('\(name)')"].contains { template.contains($0) }
    }
}
