import Diagnostics
import YAML
import Plan
import Spec
import Planning
import Intake

extension PlanSource {
    /// The plan of a command's SOURCE argument, read from disk with the policy and backend
    /// given, or `nil` after reporting why into `engine`. `asked` is the kind `--api` names,
    /// which a definition must be (a spec is planned as `api.kind` says).
    static func plan(
        _ source: String, cors: String?, backend: IntegrationSettings.Backend, stageName: String?,
        allowsRefsOutsideFolder: Bool, parameters: [String: String] = [:], repairsPaths: Bool = false,
        api: APISettings = APISettings(), asked: APIKind? = nil, ignoring ignored: [String] = [], into engine: inout DiagnosticEngine
    ) throws -> (plan: GatewayPlan, isPlanned: Bool)? {
        var options = SpecPlanning.Options(
            integrations: IntegrationSettings(
                backend: backend, stageName: stageName ?? api.kind.defaultStageName, parameterValues: parameters),
            loadOptions: LoadOptions(allowsRefsOutsideFolder: allowsRefsOutsideFolder), repairsPaths: repairsPaths)
        options.api = api
        let result = try plan(
            DiskSpecFiles.entryName(for: source), reader: DiskSpecFiles(), policy: cors,
            readPolicy: { try Files.read($0, limit: ReadLimits.default.maxDocumentBytes) }, options: options,
            asked: asked)
        engine.report(contentsOf: DiagnosticOptions.dropping(ignored, from: result.diagnostics))
        return result.plan.map { ($0, result.isPlanned) }
    }
}
