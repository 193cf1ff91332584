import Diagnostics
import YAML
import Plan
import Read
import Spec
import Planning

/// Finds the CORS faults of an API Gateway REST API, generated or hand-written, and says
/// for each what a browser will do and how to fix it.
///
/// It reads only the gateway plan (and where its elements are written), so it works the
/// same on a CloudFormation template, an exported OpenAPI document, or a spec planned
/// with a CORS policy. Each finding is a diagnostic with a `DOC` code, the fault and its
/// fix in the message, and the browser's behaviour in a note at the same place.
public enum Doctor {
    /// Every CORS fault of `plan`, in resource, method and response order, then the
    /// gateway responses, the binary media types and the deployment.
    public static func examine(_ plan: GatewayPlan, locations: PlanLocations = PlanLocations()) -> [Diagnostic] {
        var examination = Examination(plan: plan, locations: locations)
        examination.run()
        return examination.findings
    }

    /// Reads `source` (a template, a document with extensions, or a spec planned with
    /// `policy`) and examines it: the reader's problems, then the findings.
    public static func examine(
        source: String, reader: some SpecFileReader, policy: Converter.PolicyInput?, parameters: [String: String] = [:]
    ) -> [Diagnostic] {
        let root: Node
        do {
            root = try DocumentReader.read(try reader.read(source), file: source)
        } catch let error as DiagnosticError {
            return error.diagnostics
        } catch {
            return [.error(PipelineError.internal, "unexpected failure: \(error); please report it")]
        }
        let kind = GatewayPlanReader.kind(of: root)
        // A spec may carry its own x-amazon-apigateway-integration: given with a policy, an
        // OpenAPI document is planned as convert plans it, not read as a finished definition.
        if kind == .openAPISpec || (kind == .gatewayOpenAPI && policy != nil) {
            let planned = Converter.plan(entry: source, reader: reader, policy: policy, request: Converter.Request(target: .cloudformation))
            guard let plan = planned.plan else { return planned.diagnostics }
            // The notes of headers added beyond the policy are what the policy forgot, kept
            // as the answer to "why does my browser say CORS"; the other notes are the converter's.
            let problems = planned.diagnostics.filter { $0.severity != .note || $0.code == PlanError.requestHeaderAllowed }
            return problems + examine(plan, locations: specLocations(plan, file: source))
        }
        let reading = GatewayPlanReader.reading(root, file: source, parameters: parameters)
        guard let plan = reading.plan else { return reading.diagnostics }
        return reading.diagnostics + examine(plan, locations: reading.locations)
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
