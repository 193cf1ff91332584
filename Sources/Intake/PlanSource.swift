import Diagnostics
import YAML
import Plan
import Spec
import Read
import Planning

/// Any SOURCE a command takes, turned into the gateway plan: the one place that decides
/// whether a file is read as a finished definition or planned from a spec, for the CLI's
/// commands and the doctor alike.
///
/// A CloudFormation template, or an OpenAPI document with `x-amazon-apigateway-*`
/// extensions given without a policy, is read as API Gateway would hold it (`Read`). Any
/// other OpenAPI document is planned with the policy as `convert` plans it (`Planning`): a
/// spec may carry its own integrations and still be convert's input.
public enum PlanSource {
    /// The plan of one source and what came with it.
    public struct Result: Sendable {
        public var kind: DefinitionKind
        /// Whether the plan was made from a spec (and a policy) rather than read.
        public var isPlanned: Bool
        /// `nil` when any diagnostic is an error.
        public var plan: GatewayPlan?
        /// Where each element of the plan is written in the source.
        public var locations: PlanLocations
        public var diagnostics: [Diagnostic]
        /// Where a SAM template decides the API, when the source is one.
        public var sam: SAMSource? = nil
    }

    /// The plan of `entry`, read through `reader`. `policy` names the CORS policy, read
    /// with `readPolicy` only when the source is a spec to plan with it; `options` are the
    /// planner's, and their parameter values also fill a template's parameters.
    ///
    /// Throws when `entry` or the policy cannot be read at all.
    public static func plan(
        _ entry: String, reader: some SpecFileReader, policy: String?, readPolicy: (String) throws -> [UInt8],
        options: SpecPlanning.Options = SpecPlanning.Options()
    ) throws -> Result {
        let root = try DocumentReader.read(try reader.read(entry), file: entry)
        let kind = GatewayPlanReader.kind(of: root)
        if kind == .cloudFormationTemplate || (kind == .gatewayOpenAPI && policy == nil) {
            var diagnostics = DiagnosticEngine()
            // A template already says what API Gateway holds: a policy would have nothing
            // to apply to.
            if let policy {
                diagnostics.report(
                    .warning(
                        IntakeCode.policyWithDefinition,
                        "\(entry) is a CloudFormation template, so the CORS policy \(policy) is not applied; "
                            + "drop --cors, or give the OpenAPI spec the template was made from"))
            }
            let reading = GatewayPlanReader.reading(
                root, file: entry, parameters: options.integrations.parameterValues,
                include: GatewayPlanReader.includes(from: entry) { try reader.read($0) })
            return Result(
                kind: kind, isPlanned: false, plan: reading.plan, locations: reading.locations,
                diagnostics: diagnostics.diagnostics + reading.diagnostics, sam: reading.sam)
        }
        let input = try policy.map { PolicyInput(bytes: try readPolicy($0), file: $0) }
        let planned = SpecPlanning.plan(entry: entry, reader: reader, policy: input, options: options)
        return Result(
            kind: kind, isPlanned: true, plan: planned.plan,
            locations: planned.plan.map { specLocations($0, file: entry) } ?? PlanLocations(),
            diagnostics: planned.diagnostics)
    }

    /// Where each planned method's operation is written in the spec it was planned from.
    static func specLocations(_ plan: GatewayPlan, file: String) -> PlanLocations {
        var locations = PlanLocations()
        if let title = plan.document?["info"]?["title"], !title.mark.isSynthetic {
            locations[.api] = SourceLocation(file: file, mark: title.mark)
        }
        guard let paths = plan.document?["paths"]?.mapping else { return locations }
        for (resource, method) in plan.methods {
            guard let source = method.source, let pathIndex = paths.index(of: source.path) else { continue }
            let pathKey = paths[position: pathIndex].key
            if !pathKey.mark.isSynthetic {
                locations[.resource(resource.path)] = SourceLocation(file: file, mark: pathKey.mark)
            }
            // A preflight the planner added has no operation in the spec; its path stands for it.
            guard let item = paths[position: pathIndex].value.mapping, let index = item.index(of: source.method) else { continue }
            let key = item[position: index].key
            if !key.mark.isSynthetic {
                locations[.method(method.httpMethod, resource.path)] = SourceLocation(file: file, mark: key.mark)
            }
        }
        return locations
    }
}

/// The stable diagnostic codes of turning a SOURCE into a plan.
public enum IntakeCode: DiagnosticDomain {
    public static let policyWithDefinition = DiagnosticCode(
        "READ006", .warning,
        "A CORS policy given with a definition, which already says what API Gateway holds.")

    public static let codes: [DiagnosticCode] = [policyWithDefinition]
}
