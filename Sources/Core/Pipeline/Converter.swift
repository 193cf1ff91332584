import Diagnostics
import YAML

/// The main job, from spec files to output text: load, model, plan, render, write.
///
/// It reads through a `SpecFileReader` and returns text, so it never touches the disk
/// itself; the command line supplies the reader and writes the result. Data flows one way:
/// files → nodes → model → plan → nodes → text.
public enum Converter {
    /// What to produce.
    public struct Request: Sendable {
        public enum Target: String, Sendable, CaseIterable {
            case cloudformation
            case openapi
        }

        public var target: Target
        public var format: SourceFormat
        public var cloudFormationStyle: CloudFormationRenderer.Style
        public var integrations: IntegrationSettings
        public var loadOptions: LoadOptions
        /// `--repair`: fix the path problems that have a safe fix, each with a note, instead
        /// of stopping at them. Off by default, because it changes what the backend sees.
        public var repairsPaths: Bool

        public init(
            target: Target, format: SourceFormat = .yaml, cloudFormationStyle: CloudFormationRenderer.Style = .resources,
            integrations: IntegrationSettings = IntegrationSettings(), loadOptions: LoadOptions = LoadOptions(),
            repairsPaths: Bool = false
        ) {
            self.target = target
            self.format = format
            self.cloudFormationStyle = cloudFormationStyle
            self.integrations = integrations
            self.loadOptions = loadOptions
            self.repairsPaths = repairsPaths
        }
    }

    /// A CORS policy file's bytes and name.
    public struct PolicyInput: Sendable {
        public var bytes: [UInt8]
        public var file: String

        public init(bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
        }
    }

    /// The output text, or `nil` when any diagnostic is an error; every diagnostic found
    /// along the way, in the order the stages reported them.
    public static func convert(
        entry: String, reader: some SpecFileReader, policy: PolicyInput?, request: Request
    ) -> (output: String?, diagnostics: [Diagnostic]) {
        var diagnostics = DiagnosticEngine()
        do {
            let loaded = try SpecLoader.load(entry: entry, reader: reader, options: request.loadOptions)
            diagnostics.report(contentsOf: loaded.warnings)
            let (model, modelDiagnostics) = APIModelBuilder.build(from: loaded.spec, repairingPaths: request.repairsPaths)
            diagnostics.report(contentsOf: modelDiagnostics)
            var cors: CORSPolicy?
            if let policy {
                let reading = try CORSPolicyReader.read(policy.bytes, file: policy.file)
                diagnostics.report(contentsOf: reading.diagnostics)
                cors = reading.policy
            } else {
                diagnostics.report(
                    .note(
                        CORSDiagnosticCode.noPolicy,
                        "no CORS policy given, so the output adds no CORS; pass --cors POLICY to add preflights and CORS headers"))
            }
            if request.target == .openapi, case .lambdaProxy(nil) = request.integrations.backend {
                diagnostics.report(
                    .error(
                        PipelineError.lambdaWithoutARN,
                        "an OpenAPI output cannot ask for the Lambda function the way a template parameter does; "
                            + "give it with --backend lambda:arn:aws:lambda:REGION:ACCOUNT:function:NAME"))
            }
            guard !diagnostics.hasErrors else { return (nil, diagnostics.diagnostics) }
            let (document, preparation) = DocumentPreparation.prepare(SpecBundler.bundle(loaded.spec))
            diagnostics.report(contentsOf: preparation)
            let (plan, planDiagnostics) = GatewayPlanner(settings: request.integrations).plan(model, document: document, cors: cors)
            diagnostics.report(contentsOf: planDiagnostics)
            guard !diagnostics.hasErrors else { return (nil, diagnostics.diagnostics) }
            let output = try render(plan, request: request, entry: entry, diagnostics: &diagnostics)
            return (diagnostics.hasErrors ? nil : output, diagnostics.diagnostics)
        } catch let error as DiagnosticError {
            diagnostics.report(contentsOf: error.diagnostics)
            return (nil, diagnostics.diagnostics)
        } catch {
            diagnostics.report(.error(PipelineError.internal, "unexpected failure: \(error); please report it"))
            return (nil, diagnostics.diagnostics)
        }
    }

    /// The plan rendered to the requested target and written in the requested format.
    static func render(
        _ plan: GatewayPlan, request: Request, entry: String, diagnostics: inout DiagnosticEngine
    ) throws -> String {
        switch request.target {
        case .cloudformation:
            let (template, renderDiagnostics) = CloudFormationRenderer(style: request.cloudFormationStyle).render(plan)
            diagnostics.report(contentsOf: renderDiagnostics)
            if request.cloudFormationStyle == .resources {
                diagnostics.report(contentsOf: TemplateReferences.undefinedNames(in: template, file: entry))
            }
            let text =
                switch request.format {
                case .yaml: YAMLWriter.write(template)
                case .json: try JSONWriter.write(IntrinsicFunctions.expandingShortForms(template), file: entry)
                }
            diagnostics.report(contentsOf: CloudFormationRenderer.sizeDiagnostics(templateBytes: text.utf8.count))
            return text
        case .openapi:
            let document = OpenAPIRenderer().render(plan)
            // Outside CloudFormation nothing resolves `!Sub` or `!GetAtt`: the import would
            // take them as text and fail, so say where they are instead.
            if let tagged = firstTag(in: document) {
                diagnostics.report(
                    .error(
                        PipelineError.intrinsicInOpenAPI,
                        "\(tagged.tag ?? "") is a CloudFormation function, which API Gateway's import cannot resolve; "
                            + "convert --to cloudformation, or write the value out",
                        at: tagged.mark.isSynthetic ? nil : SourceLocation(file: entry, mark: tagged.mark)))
                return ""
            }
            return switch request.format {
            case .yaml: YAMLWriter.write(document)
            case .json: try JSONWriter.write(document, file: entry)
            }
        }
    }

    /// The first node carrying a tag, depth first.
    static func firstTag(in node: Node) -> Node? {
        if node.tag != nil { return node }
        switch node.content {
        case .scalar: return nil
        case .sequence(let items): return items.lazy.compactMap(firstTag).first
        case .mapping(let mapping): return mapping.values.lazy.compactMap(firstTag).first
        }
    }
}

/// The stable diagnostic codes of the conversion pipeline.
public enum PipelineError {
    /// A CloudFormation intrinsic function in an OpenAPI output.
    public static let intrinsicInOpenAPI = "CONV002"
    /// A Lambda backend without a function ARN for an OpenAPI output.
    public static let lambdaWithoutARN = "CONV003"
    /// A failure that is the tool's fault.
    public static let `internal` = "CONV999"
}
