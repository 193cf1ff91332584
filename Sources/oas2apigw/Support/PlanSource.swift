import Core
import Diagnostics
import YAML
import Plan
import Read
import Spec
import Planning

/// Turns a command's SOURCE argument into the gateway plan commands such as `preflight`
/// work on.
///
/// SOURCE is a CloudFormation template or an OpenAPI document with x-amazon-apigateway
/// extensions, read as API Gateway would hold them, or an OpenAPI spec planned with the CORS
/// policy and backend given, the way `convert` plans it. An OpenAPI document given with a
/// policy is a spec: specs may carry their own integrations.
enum PlanSource {
    /// The plan for `source`, or `nil` after reporting why into `engine`.
    static func plan(
        _ source: String, cors: String?, backend: IntegrationSettings.Backend, stageName: String?,
        allowsRefsOutsideFolder: Bool, parameters: [String: String] = [:], repairsPaths: Bool = false,
        into engine: inout DiagnosticEngine
    ) throws -> GatewayPlan? {
        let entry = DiskSpecFiles.entryName(for: source)
        let root = try DocumentReader.read(try DiskSpecFiles().read(entry), file: entry)
        let kind = GatewayPlanReader.kind(of: root)
        // A spec may carry its own x-amazon-apigateway-integration and still be the input of
        // convert: with a policy, an OpenAPI document is planned as convert plans it.
        if kind == .cloudFormationTemplate || (kind == .gatewayOpenAPI && cors == nil) {
            // A template already says what API Gateway holds: a policy would have nothing
            // to apply to.
            if let cors {
                engine.report(
                    .warning(
                        ReadDiagnosticCode.policyWithDefinition,
                        "\(entry) is a CloudFormation template, so the CORS policy \(cors) is not applied; "
                            + "drop --cors, or give the OpenAPI spec the template was made from"))
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
            integrations: IntegrationSettings(backend: backend, stageName: stageName ?? "v1", parameterValues: parameters),
            loadOptions: LoadOptions(allowsRefsOutsideFolder: allowsRefsOutsideFolder), repairsPaths: repairsPaths)
        let planned = Converter.plan(entry: entry, reader: DiskSpecFiles(), policy: policy, request: request)
        engine.report(contentsOf: planned.diagnostics)
        return planned.plan
    }
}
