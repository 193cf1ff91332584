import Diagnostics
import YAML
import Plan
import Spec

/// API Gateway's quotas on one REST API that a definition can break, checked on the plan
/// before anything is written (docs/api-gateway-limits.md#quotas, with the AWS page each
/// figure comes from).
///
/// A quota AWS raises on request is a warning with the figure the spec reaches; one it
/// cannot raise is an error. Two kinds are checked elsewhere: the size of the written
/// definition (6 MB) is known only once it is written, so the writer checks it
/// (`PipelineError.definitionTooLarge`); stage variables and the access log format are
/// written in the settings file, whose reader checks them where they are written.
public enum GatewayQuotas {
    /// Resources per API, the root included; adjustable.
    public static let resourcesPerAPI = 300
    /// Routes per HTTP API; adjustable.
    public static let routesPerHTTPAPI = 300
    /// Lambda and Cognito authorizers per API; adjustable.
    public static let authorizersPerAPI = 10
    /// The size of one mapping template, 300 KB; not adjustable.
    public static let mappingTemplateBytes = 300 * 1024
    /// The size of all the API's models together, 400 KB; not adjustable.
    public static let modelBytesPerAPI = 400 * 1024
    /// Stage variables per stage, and the length of a key and a value; not adjustable. The
    /// settings file, where they are written, checks them.
    public static let stageVariables = 100
    public static let stageVariableKeyLength = 64
    public static let stageVariableValueLength = 512
    /// The size of an access log's format, 3 KB; not adjustable. The settings file checks it.
    public static let accessLogFormatBytes = 3 * 1024
    /// The length of the resource policy as JSON, in characters; adjustable.
    public static let resourcePolicyCharacters = 8192
    /// The length of a method's ARN, in bytes; not adjustable.
    public static let methodARNBytes = 1600
    /// An integration's timeout: at least 50 ms (fixed) and at most 29 s, which AWS raises for
    /// regional and private APIs but not for edge-optimized ones.
    public static let integrationTimeoutMillis = 50...29_000
    /// An API definition file for import (`restapi:import`, `restapi:put`), 6 MB; not adjustable.
    public static let definitionBytes = 6 * 1024 * 1024

    /// Every quota `plan` breaks. `pathsAt` (the spec's `paths` key) stands for the API as a
    /// whole; a mapping template is placed at its operation in `file`.
    public static func check(_ plan: GatewayPlan, pathsAt: SourceLocation?, file: String) -> [Diagnostic] {
        var found = DiagnosticEngine()
        if plan.kind == .http {
            httpQuotas(plan, pathsAt: pathsAt, into: &found)
            return found.diagnostics
        }
        if plan.resources.count > resourcesPerAPI {
            found.report(
                .warning(
                    PlanError.tooManyResourcesForAPI,
                    "the API has \(plan.resources.count) resources (the root and one per path segment), more than API Gateway's "
                        + "default quota of \(resourcesPerAPI) per API; ask AWS to raise \"Resources per API\" for the account "
                        + "before deploying (Service Quotas, API Gateway), or split the spec into several APIs",
                    at: pathsAt))
        }
        let counted = plan.authorizers.filter { $0.type != "AWS_IAM" }
        if counted.count > authorizersPerAPI {
            found.report(
                .warning(
                    PlanError.tooManyAuthorizers,
                    "the API has \(counted.count) Lambda and Cognito authorizers, more than API Gateway's default quota of "
                        + "\(authorizersPerAPI) per API; ask AWS Support to raise \"Authorizers per API\", or let several schemes share one",
                    at: pathsAt))
        }
        // The spec's endpoint, or the settings file's, as the template deploys it.
        let edge = plan.api.endpointTypes.contains("EDGE")
        for resource in plan.resources {
            // Each method is read in place: a copy of every method of a large API costs more
            // than the checks.
            for index in resource.methods.indices where isOverAQuota(resource.methods[index].integration) {
                methodQuotas(resource.methods[index], of: resource.path, edge: edge, plan: plan, pathsAt: pathsAt, file: file, into: &found)
            }
        }
        let modelBytes = plan.models.reduce(0) { $0 + ((try? JSONWriter.write($1.schema))?.utf8.count ?? 0) }
        if modelBytes > modelBytesPerAPI {
            found.report(
                .error(
                    PlanError.modelsTooLarge,
                    "the API's \(plan.models.count) models take \(modelBytes) bytes of JSON Schema, more than the \(modelBytesPerAPI) "
                        + "(400 KB) API Gateway takes for the models of one API, which AWS does not raise; validate fewer bodies "
                        + "(requestValidation in the settings file) or simplify their schemas",
                    at: pathsAt))
        }
        if let policy = plan.api.policy, let text = try? JSONWriter.write(policy), text.count > resourcePolicyCharacters {
            found.report(
                .warning(
                    PlanError.resourcePolicyTooLong,
                    "the resource policy (x-amazon-apigateway-policy) is \(text.count) characters as JSON, more than API Gateway's "
                        + "default quota of \(resourcePolicyCharacters); ask AWS to raise \"Length of API Gateway resource policy\", "
                        + "or shorten the policy (one statement for several resources)",
                    at: policyPlace(in: plan, file: file) ?? pathsAt))
        }
        for resource in plan.resources {
            // The longest verb on the resource breaks the quota first.
            guard let longest = resource.methods.indices.max(by: { resource.methods[$0].httpMethod.utf8.count < resource.methods[$1].httpMethod.utf8.count })
            else { continue }
            let shortest = shortestMethodARN(path: resource.path, stage: plan.stage.name, method: resource.methods[longest].httpMethod)
            guard shortest > methodARNBytes else { continue }
            let method = resource.methods[longest]
            found.report(
                .error(
                    PlanError.methodARNTooLong,
                    "the ARN of \(method.httpMethod) \(resource.path.prefix(80))… is at least \(shortest) bytes (in us-east-1, with a "
                        + "12-digit account and a 10-character API id), more than the \(methodARNBytes) API Gateway takes, which AWS "
                        + "does not raise; shorten the path",
                    at: place(of: method, in: plan, file: file) ?? pathsAt))
        }
        return found.diagnostics
    }

    /// An HTTP API's quotas: routes and authorizers per API, both raised by AWS on request (an
    /// HTTP API's integrations have no mapping templates, and their timeout is checked where
    /// they are planned).
    static func httpQuotas(_ plan: GatewayPlan, pathsAt: SourceLocation?, into found: inout DiagnosticEngine) {
        let routes = plan.resources.reduce(0) { $0 + $1.methods.count }
        if routes > routesPerHTTPAPI {
            found.report(
                .warning(
                    PlanError.tooManyResourcesForAPI,
                    "the HTTP API has \(routes) routes, more than API Gateway's default quota of \(routesPerHTTPAPI) per API; ask "
                        + "AWS to raise \"Routes per API\" for the account before deploying, or split the spec into several APIs",
                    at: pathsAt))
        }
        if plan.authorizers.count > authorizersPerAPI {
            found.report(
                .warning(
                    PlanError.tooManyAuthorizers,
                    "the HTTP API has \(plan.authorizers.count) authorizers, more than API Gateway's default quota of "
                        + "\(authorizersPerAPI) per API; ask AWS to raise \"Authorizers per API\", or let several schemes share one",
                    at: pathsAt))
        }
    }

    /// Whether an integration breaks one of the quotas `methodQuotas` describes.
    static func isOverAQuota(_ integration: Integration) -> Bool {
        if let timeout = integration.timeoutInMillis, !integrationTimeoutMillis.contains(timeout) { return true }
        return integration.requestTemplates.contains { $0.value.utf8.count > mappingTemplateBytes }
            || integration.responses.contains { $0.responseTemplates.contains { $0.value.utf8.count > mappingTemplateBytes } }
    }

    /// The quotas on one method's integration: its timeout and its mapping templates.
    static func methodQuotas(
        _ method: PlanMethod, of path: String, edge: Bool, plan: GatewayPlan, pathsAt: SourceLocation?, file: String,
        into found: inout DiagnosticEngine
    ) {
        if let timeout = method.integration.timeoutInMillis, !integrationTimeoutMillis.contains(timeout) {
            let raisable = timeout > integrationTimeoutMillis.upperBound && !edge
            let message =
                "the integration of \(method.httpMethod) \(path) waits \(timeout) ms (timeoutInMillis); API Gateway takes "
                + "\(integrationTimeoutMillis.lowerBound) to \(integrationTimeoutMillis.upperBound) ms"
                + (raisable
                    ? ", and AWS raises the upper bound for a regional or private API on request (Service Quotas, which may lower "
                        + "the account's throttle); ask first, or lower the timeout"
                    : timeout < integrationTimeoutMillis.lowerBound
                        ? ", and the lower bound is fixed; raise the timeout"
                        : ", and for an edge-optimized API AWS does not raise it; lower the timeout, or make the API regional")
            let place = place(of: method, in: plan, file: file) ?? pathsAt
            found.report(
                raisable
                    ? .warning(PlanError.integrationTimeoutQuota, message, at: place)
                    : .error(PlanError.integrationTimeoutQuota, message, at: place))
        }
        // Measured first; described only when one is over, as every preflight has templates.
        var over: [(what: String, bytes: Int)] = []
        for template in method.integration.requestTemplates where template.value.utf8.count > mappingTemplateBytes {
            over.append(("request template \(template.name)", template.value.utf8.count))
        }
        for response in method.integration.responses {
            for template in response.responseTemplates where template.value.utf8.count > mappingTemplateBytes {
                over.append(("response template \(template.name) of status \(response.statusCode)", template.value.utf8.count))
            }
        }
        for (what, bytes) in over {
            found.report(
                .error(
                    PlanError.mappingTemplateTooLarge,
                    "the \(what) of \(method.httpMethod) \(path) is \(bytes) bytes, more than the "
                        + "\(mappingTemplateBytes) (300 KB) API Gateway takes for a mapping template, which AWS does not raise; "
                        + "move the work to the backend or split the template",
                    at: place(of: method, in: plan, file: file) ?? pathsAt))
        }
    }

    /// The quotas a spec's model breaks, for `inspect`, which shows a spec before any settings
    /// or policy: the API as the spec alone plans it.
    public static func check(model: APIModel, document: Node, file: String) -> [Diagnostic] {
        let (plan, _) = GatewayPlanner().plan(model, document: document)
        return check(plan, pathsAt: SpecPlanning.pathsKey(of: document, in: file), file: file)
    }

    /// The length of the shortest ARN a method on `path` can have:
    /// `arn:aws:execute-api:us-east-1:<12-digit account>:<10-character API id>/<stage>/<METHOD>/<path>`.
    /// Every real ARN of the method is at least this long, so a path over the quota here is
    /// over it in every region and account.
    public static func shortestMethodARN(path: String, stage: String, method: String) -> Int {
        "arn:aws:execute-api:us-east-1:".utf8.count + 12 + 1 + 10 + 1 + stage.utf8.count + 1 + method.utf8.count + path.utf8.count
    }

    /// Where the spec writes its resource policy.
    static func policyPlace(in plan: GatewayPlan, file: String) -> SourceLocation? {
        let key = plan.document?.mapping?.entries.first { $0.key.text == "x-amazon-apigateway-policy" }?.key
        guard let key, !key.mark.isSynthetic else { return nil }
        return SourceLocation(file: file, mark: key.mark)
    }

    /// Where the operation a method was planned from is written.
    static func place(of method: PlanMethod, in plan: GatewayPlan, file: String) -> SourceLocation? {
        guard let source = method.source, let operation = plan.document?["paths"]?[source.path]?[source.method],
            !operation.mark.isSynthetic
        else { return nil }
        return SourceLocation(file: file, mark: operation.mark)
    }
}
