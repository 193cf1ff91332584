import Diagnostics
import YAML
import Plan
import Read
import Spec
import Planning
import Intake

/// Finds the CORS faults of an API Gateway REST API, generated or hand-written, and says
/// for each what a browser will do and how to fix it.
///
/// It reads only the gateway plan (and where its elements are written), so it works the
/// same on a CloudFormation template, an exported OpenAPI document, or a spec planned
/// with a CORS policy. Each finding is a diagnostic with a `DOC` code, the fault and its
/// fix in the message, and the browser's behaviour in a note at the same place.
public enum Doctor {
    /// Every CORS fault of `plan`, in the order of the places they are written (file, line,
    /// column), as an editor lists them; findings at one place, and those with no place
    /// (after the rest), keep the order of the checks: resources, methods and responses,
    /// then the gateway responses, the binary media types and the deployment.
    public static func examine(_ plan: GatewayPlan, locations: PlanLocations = PlanLocations()) -> [Diagnostic] {
        var examination = Examination(plan: plan, locations: locations)
        examination.run()
        return inPlaceOrder(examination.findings.diagnostics)
    }

    /// `findings` sorted by place, stably.
    static func inPlaceOrder(_ findings: [Diagnostic]) -> [Diagnostic] {
        findings.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (left?, right?) where left != right: return left < right
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// Reads `source` (a template, a document with extensions, or a spec planned with the
    /// policy, as `PlanSource` decides) and examines it: the reader's problems, then the
    /// findings.
    public static func examine(
        source: String, reader: some SpecFileReader, policy: PolicyInput?, parameters: [String: String] = [:]
    ) -> [Diagnostic] {
        let result: PlanSource.Result
        do {
            result = try PlanSource.plan(
                source, reader: reader, policy: policy?.file, readPolicy: { _ in policy?.bytes ?? [] },
                options: SpecPlanning.Options(integrations: IntegrationSettings(parameterValues: parameters)))
        } catch let error as DiagnosticError {
            return error.diagnostics
        } catch {
            return [.error(PipelineError.internal, "unexpected failure: \(error); please report it")]
        }
        guard let plan = result.plan else { return result.diagnostics }
        // Of the planner's notes, those of headers added beyond the policy are what the policy
        // forgot, kept as the answer to "why does my browser say CORS"; the others are the
        // converter's.
        let problems =
            result.isPlanned
            ? result.diagnostics.filter { $0.severity != .note || $0.code == PlanError.requestHeaderAllowed }
            : result.diagnostics
        return problems + examine(plan, locations: result.locations)
    }
}
