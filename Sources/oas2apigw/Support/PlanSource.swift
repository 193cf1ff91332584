import Core
import Diagnostics
import YAML

/// Turns a command's SOURCE argument into the gateway plan commands such as `preflight`
/// work on.
///
/// Today SOURCE is an OpenAPI spec, planned with the CORS policy and backend given, the way
/// `convert` plans it. This is the one place to add the other kinds of SOURCE (a
/// CloudFormation template, an OpenAPI document with x-amazon-apigateway extensions): read
/// the file, ask the reader which kind it is, and return its plan instead.
enum PlanSource {
    /// The plan for `source`, or `nil` after reporting why into `engine`.
    static func plan(
        _ source: String, cors: String?, backend: IntegrationSettings.Backend, stageName: String?,
        allowsRefsOutsideFolder: Bool, repairsPaths: Bool = false, into engine: inout DiagnosticEngine
    ) throws -> GatewayPlan? {
        let policy = try cors.map {
            Converter.PolicyInput(bytes: try Files.read($0, limit: ReadLimits.default.maxDocumentBytes), file: $0)
        }
        let request = Converter.Request(
            target: .cloudformation,
            integrations: IntegrationSettings(backend: backend, stageName: stageName ?? "v1"),
            loadOptions: LoadOptions(allowsRefsOutsideFolder: allowsRefsOutsideFolder), repairsPaths: repairsPaths)
        let planned = Converter.plan(
            entry: DiskSpecFiles.entryName(for: source), reader: DiskSpecFiles(), policy: policy, request: request)
        engine.report(contentsOf: planned.diagnostics)
        return planned.plan
    }
}
