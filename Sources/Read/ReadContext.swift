import Diagnostics
import YAML
import Plan

/// What a reader carries while it walks one definition: the file, the diagnostics, the
/// locations table and, inside a CloudFormation template, the function resolver.
///
/// A class, because every helper of a reader adds to the same diagnostics and table.
final class ReadContext {
    let file: String
    var resolver: IntrinsicResolver?
    var diagnostics = DiagnosticEngine()
    var locations = PlanLocations()
    /// The OpenAPI document being read, for following its `$ref`s.
    var openAPIRoot: Node?
    /// Where a SAM template decides the API that was read, when it is one.
    var sam: SAMSource?

    init(file: String, resolver: IntrinsicResolver? = nil) {
        self.file = file
        self.resolver = resolver
    }

    func location(_ node: Node?) -> SourceLocation? {
        guard let node, !node.mark.isSynthetic else { return nil }
        return SourceLocation(file: file, mark: node.mark)
    }

    func warning(_ code: DiagnosticCode, _ message: String, at node: Node?) {
        diagnostics.report(.warning(code, message, at: location(node)))
    }

    func error(_ code: DiagnosticCode, _ message: String, at node: Node?) {
        diagnostics.report(.error(code, message, at: location(node)))
    }

    /// A value that must be text (a path part, a header value, a status code).
    ///
    /// Functions are evaluated; one that cannot be is reported and stands as its short
    /// form (`!Ref AllowedOrigin`), so a check can still see that a value is there.
    func text(_ node: Node?, _ what: String, warnsUnresolved: Bool = true) -> String? {
        guard let node else { return nil }
        if node.tag == nil {
            if let text = node.text, !node.isNull { return text }
            if node.isNull { return nil }
            warning(ReadDiagnosticCode.malformed, "\(what) is \(node.kindDescription), not text; write it as a string", at: node)
            return nil
        }
        guard let resolver else {
            // A value no check reads (a request template) is no news when it is left for
            // CloudFormation to evaluate.
            guard warnsUnresolved else { return Self.shortForm(node) }
            warning(
                ReadDiagnosticCode.unresolvedValue,
                "\(what) is the CloudFormation function \(node.tag ?? ""), which nothing evaluates outside a template; write the value out",
                at: node)
            return Self.shortForm(node)
        }
        switch resolver.resolve(node) {
        case .value(let value):
            if let text = value.text { return text }
            warning(ReadDiagnosticCode.malformed, "\(what) evaluates to \(value.kindDescription), not text; correct it", at: node)
            return nil
        case .noValue:
            return nil
        case .unresolved(let reason):
            if warnsUnresolved {
                warning(
                    ReadDiagnosticCode.unresolvedValue,
                    "\(what) cannot be evaluated before deployment: \(reason); pass the value with --parameter NAME=VALUE or write it out",
                    at: node)
            }
            return Self.shortForm(node)
        }
    }

    /// A value the plan keeps as a node (an integration URI, credentials, the API's name):
    /// evaluated when it can be, kept as written when not, with a warning only when it
    /// refers to something the template does not define.
    func node(_ node: Node?, _ what: String) -> Node? {
        guard let node else { return nil }
        guard let resolver, node.containsTag else { return node }
        switch resolver.resolve(node) {
        case .value(let value):
            return value
        case .noValue:
            return nil
        case .unresolved:
            for name in IntrinsicResolver.referencedNames(in: node)
            where !name.hasPrefix("AWS::") && !resolver.resourceNames.contains(name)
                && resolver.parameterValues[name] == nil && !resolver.parametersWithoutValue.contains(name)
            {
                warning(
                    ReadDiagnosticCode.undefinedReference,
                    "\(what) refers to \(name), which the template does not define; define it or correct the name", at: node)
            }
            return node
        }
    }

    func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let text = text(node, what) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            warning(ReadDiagnosticCode.malformed, "\(what) is \"\(text)\", not true or false; correct it", at: node)
            return nil
        }
    }

    func int(_ node: Node?, _ what: String) -> Int? {
        guard let text = text(node, what) else { return nil }
        guard let value = Int(text) else {
            warning(ReadDiagnosticCode.malformed, "\(what) is \"\(text)\", not a whole number; correct it", at: node)
            return nil
        }
        return value
    }

    /// A mapping, or `nil` with a warning when the node is something else.
    func mapping(_ node: Node?, _ what: String) -> Mapping? {
        guard let node, !node.isNull else { return nil }
        if let mapping = node.mapping, node.tag == nil { return mapping }
        if let resolver, node.tag != nil, case .value(let value) = resolver.resolve(node), let mapping = value.mapping {
            return mapping
        }
        warning(ReadDiagnosticCode.malformed, "\(what) is \(Self.noun(node)), not a mapping; correct it", at: node)
        return nil
    }

    /// A list, or `nil` with a warning when the node is something else.
    func sequence(_ node: Node?, _ what: String) -> [Node]? {
        guard let node, !node.isNull else { return nil }
        if let items = node.sequence, node.tag == nil { return items }
        if let resolver, node.tag != nil, case .value(let value) = resolver.resolve(node), let items = value.sequence {
            return items
        }
        warning(ReadDiagnosticCode.malformed, "\(what) is \(Self.noun(node)), not a list; correct it", at: node)
        return nil
    }

    /// Texts of a list, in order.
    func texts(_ node: Node?, _ what: String) -> [String] {
        (sequence(node, what) ?? []).compactMap { text($0, "an item of \(what)") }
    }

    /// A mapping of names to texts as ordered pairs, recording where each value is.
    /// A mapping of names to text. `warnsUnresolved: false` for values no check reads
    /// (request templates), where a function left for deployment is no news.
    func pairs(
        _ node: Node?, _ what: String, warnsUnresolved: Bool = true, locate: ((String) -> PlanLocations.Key)? = nil
    ) -> [Mapped] {
        guard let mapping = mapping(node, what) else { return [] }
        var result: [Mapped] = []
        for (key, value) in mapping.entries {
            guard let name = key.text else { continue }
            guard let text = text(value, "\(what) \"\(name)\"", warnsUnresolved: warnsUnresolved) else { continue }
            if let locate { locations[locate(name)] = location(value) ?? location(key) }
            // A function a template cannot evaluate yet is kept, as the planner keeps the
            // functions a spec writes; its text is what the checks read.
            if value.tag != nil, resolver.map({ if case .unresolved = $0.resolve(value) { true } else { false } }) ?? true {
                result.append(Mapped(name, function: value))
            } else {
                result.append(Mapped(name, text))
            }
        }
        return result
    }

    private static func noun(_ node: Node) -> String {
        node.tag.map { "the function \($0)" } ?? node.kindDescription
    }

    /// `!Ref Name`, `!Sub text`: how an unevaluated function reads in a message or a plan.
    static func shortForm(_ node: Node) -> String {
        let argument = node.text ?? node.sequence?.compactMap(\.text).joined(separator: ", ") ?? "…"
        return "\(node.tag ?? "") \(argument)"
    }
}
