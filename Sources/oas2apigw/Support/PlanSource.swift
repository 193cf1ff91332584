import Core
import Diagnostics
import YAML

/// Turns a command's SOURCE argument into the gateway plan commands such as `preflight`
/// work on.
///
/// SOURCE is a CloudFormation template, an OpenAPI document with x-amazon-apigateway
/// extensions (both read as API Gateway would hold them), or a plain OpenAPI spec, planned
/// with the CORS policy and backend given, the way `convert` plans it.
enum PlanSource {
    /// The plan for `source`, or `nil` after reporting why into `engine`.
    static func plan(
        _ source: String, cors: String?, backend: IntegrationSettings.Backend, stageName: String?,
        allowsRefsOutsideFolder: Bool, parameters: [String: String] = [:], repairsPaths: Bool = false,
        into engine: inout DiagnosticEngine
    ) throws -> GatewayPlan? {
        let entry = DiskSpecFiles.entryName(for: source)
        let root = try DocumentReader.read(try DiskSpecFiles().read(entry), file: entry)
        if GatewayPlanReader.kind(of: root) != .openAPISpec {
            // A definition already says what API Gateway holds: a policy or backend would
            // have nothing to apply to.
            if let cors {
                engine.report(
                    .warning(
                        ReadDiagnosticCode.policyWithDefinition,
                        "\(entry) is an API Gateway definition, so the CORS policy \(cors) is not applied; "
                            + "drop --cors, or give the OpenAPI spec the definition was made from"))
            }
            let read = GatewayPlanReader.read(root, file: entry, parameters: parameters)
            engine.report(contentsOf: read.diagnostics)
            return read.plan
        }
        let policy = try cors.map {
            Converter.PolicyInput(bytes: try Files.read($0, limit: ReadLimits.default.maxDocumentBytes), file: $0)
        }
        let request = Converter.Request(
            target: .cloudformation,
            integrations: IntegrationSettings(backend: backend, stageName: stageName ?? "v1"),
            loadOptions: LoadOptions(allowsRefsOutsideFolder: allowsRefsOutsideFolder), repairsPaths: repairsPaths)
        let planned = Converter.plan(entry: entry, reader: DiskSpecFiles(), policy: policy, request: request)
        engine.report(contentsOf: planned.diagnostics)
        return planned.plan
    }
}
