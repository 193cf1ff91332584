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
///
/// A definition says which kind of API it is: a template by its resource types, a document
/// by what it writes that only one kind's import reads. The kind a user names (`--api`) only
/// decides for a document that could be either; naming the other kind is an error, because
/// the answer for the API they did not deploy would mislead.
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
    /// `asked` is the kind of API the user named, if any: a spec is planned as
    /// `options.api.kind` says (the caller sets both), a definition is held to it.
    ///
    /// Throws when `entry` or the policy cannot be read at all.
    public static func plan(
        _ entry: String, reader: some SpecFileReader, policy: String?, readPolicy: (String) throws -> [UInt8],
        options: SpecPlanning.Options = SpecPlanning.Options(), asked: APIKind? = nil
    ) throws -> Result {
        let root = try DocumentReader.read(try reader.read(entry), file: entry)
        let kind = GatewayPlanReader.kind(of: root)
        if kind == .cloudFormationTemplate || (kind == .gatewayOpenAPI && policy == nil) {
            var diagnostics = DiagnosticEngine()
            if let asked, kind == .gatewayOpenAPI, let written = writtenKind(ofDocument: root), written.kind != asked {
                diagnostics.report(conflict(entry, is: written.kind, because: written.because, at: written.node, asked: asked))
                return Result(kind: kind, isPlanned: false, plan: nil, locations: PlanLocations(), diagnostics: diagnostics.diagnostics)
            }
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
                include: GatewayPlanReader.includes(from: entry) { try reader.read($0) }, kind: asked)
            if let asked, let read = reading.plan?.kind, read != asked {
                // What the reader said about the API the user did not ask for would only
                // bury the one thing to correct.
                let types = read == .http ? "AWS::ApiGatewayV2::Api" : "AWS::ApiGateway::RestApi or AWS::Serverless::Api"
                diagnostics.report(
                    .error(
                        IntakeCode.apiKindConflict,
                        "the template's API is \(read.article) (\(types)), but --api \(asked.rawValue) asks for \(asked.article); "
                            + "a template says its kind by its resource types, so drop --api or give the template of \(asked.article)",
                        at: reading.locations[.api] ?? SourceLocation(file: entry, mark: root.mark)))
                return Result(kind: kind, isPlanned: false, plan: nil, locations: reading.locations, diagnostics: diagnostics.diagnostics)
            }
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

    /// The kind of API an OpenAPI document with extensions must be, with why and where, or
    /// `nil` when it could be either: an HTTP API when it writes what only the HTTP import
    /// reads (`GatewayPlanReader.apiKind(ofDocument:)`, which the reader follows too); a REST
    /// API when it is Swagger 2, which the HTTP import refuses, writes a root extension only a
    /// REST API has, or has an integration of a type an HTTP API lacks.
    static func writtenKind(ofDocument root: Node) -> (kind: APIKind, because: String, node: Node)? {
        var operations: [(path: Node, verb: Node, operation: Node)] = []
        for (path, item) in root["paths"]?.mapping?.entries.map({ ($0.key, $0.value) }) ?? [] {
            for (verb, operation) in item.mapping?.entries.map({ ($0.key, $0.value) }) ?? [] { operations.append((path, verb, operation)) }
        }
        if GatewayPlanReader.apiKind(ofDocument: root) == .http {
            for key in ["x-amazon-apigateway-cors", "x-amazon-apigateway-importexport-version"] {
                if let node = root.mapping?.keys.first(where: { $0.text == key }) { return (.http, "it writes \(key)", node) }
            }
            if let path = root["paths"]?.mapping?.keys.first(where: { $0.text == "/$default" }) {
                return (.http, "it has the path /$default", path)
            }
            for (path, verb, operation) in operations {
                if let version = operation["x-amazon-apigateway-integration"]?["payloadFormatVersion"] {
                    return (.http, "the integration of \(verb.text ?? "") \(path.text ?? "") has a payloadFormatVersion", version)
                }
            }
            // What is left: a jwt authorizer, or one with a payload format or simple responses.
            return (.http, "it has an authorizer only an HTTP API has", root["components"]?["securitySchemes"] ?? root)
        }
        if let swagger = root.mapping?.keys.first(where: { $0.text == "swagger" }) {
            return (.rest, "it is Swagger 2, and an HTTP API imports OpenAPI \(APIKind.http.importedOpenAPIVersions.joined(separator: ", ")) only", swagger)
        }
        for key in restOnlyExtensions {
            if let node = root.mapping?.keys.first(where: { $0.text == key }) { return (.rest, "it writes \(key)", node) }
        }
        let httpTypes = APIKind.http.integrationKinds.map(\.rawValue)
        for (path, verb, operation) in operations {
            guard let type = operation["x-amazon-apigateway-integration"]?["type"], let text = type.text,
                !httpTypes.contains(text.uppercased())
            else { continue }
            return (.rest, "the integration of \(verb.text ?? "") \(path.text ?? "") is of type \(text)", type)
        }
        return nil
    }

    /// The root extensions of what only a REST API has (`APIKind`: gateway responses, request
    /// validation, binary media types, API keys, a resource policy, compression).
    static let restOnlyExtensions = [
        "x-amazon-apigateway-gateway-responses", "x-amazon-apigateway-request-validators",
        "x-amazon-apigateway-binary-media-types", "x-amazon-apigateway-api-key-source", "x-amazon-apigateway-policy",
        "x-amazon-apigateway-minimum-compression-size",
    ]

    /// The error for a document that is `written` when the user asked for the other kind.
    static func conflict(_ entry: String, is written: APIKind, because: String, at node: Node, asked: APIKind) -> Diagnostic {
        .error(
            IntakeCode.apiKindConflict,
            "the document describes \(written.article) (\(because)), but --api \(asked.rawValue) asks for \(asked.article); "
                + "drop --api, which decides only for a document that could be either kind",
            at: node.mark.isSynthetic ? nil : SourceLocation(file: entry, mark: node.mark))
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

    public static let apiKindConflict = DiagnosticCode(
        "READ007", .error,
        "`--api` names the other kind of API than the template or document describes.")

    public static let codes: [DiagnosticCode] = [policyWithDefinition, apiKindConflict]
}

extension APIKind {
    /// `a REST API`, `an HTTP API`: the kind in a sentence.
    fileprivate var article: String { self == .rest ? "a REST API" : "an HTTP API" }
}
