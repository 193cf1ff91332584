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

    /// A step of the conversion, reported to an observer as it ends, so the benchmark runner
    /// can say where the time goes without a profiler.
    public enum Stage: String, Sendable, CaseIterable {
        case load, model, policy, bundle, prepare, plan, render, check, write
    }

    /// The output text, or `nil` when any diagnostic is an error; every diagnostic found
    /// along the way, in the order the stages reported them.
    ///
    /// `observe` is called after each stage that ran; it must not throw or reach back.
    public static func convert(
        entry: String, reader: some SpecFileReader, policy: PolicyInput?, request: Request,
        observe: (Stage) -> Void = { _ in }
    ) -> (output: String?, diagnostics: [Diagnostic]) {
        var diagnostics = DiagnosticEngine()
        // The spec's tree and the stages' copies of it end with `plan`, before the output is
        // rendered and written: on a large spec they are most of the memory.
        guard
            let plan = plan(
                entry: entry, reader: reader, policy: policy, request: request, diagnostics: &diagnostics, observe: observe)
        else { return (nil, diagnostics.diagnostics) }
        do {
            let output = try render(plan, request: request, entry: entry, diagnostics: &diagnostics, observe: observe)
            return (diagnostics.hasErrors ? nil : output, diagnostics.diagnostics)
        } catch let error as DiagnosticError {
            diagnostics.report(contentsOf: error.diagnostics)
            return (nil, diagnostics.diagnostics)
        } catch {
            diagnostics.report(.error(PipelineError.internal, "unexpected failure: \(error); please report it"))
            return (nil, diagnostics.diagnostics)
        }
    }

    /// The gateway plan for a spec and policy: the first half of `convert`, which the
    /// doctor, the preflight simulator and the round-trip tests use without rendering;
    /// `nil` when any diagnostic is an error.
    public static func plan(
        entry: String, reader: some SpecFileReader, policy: PolicyInput?, request: Request
    ) -> (plan: GatewayPlan?, diagnostics: [Diagnostic]) {
        var diagnostics = DiagnosticEngine()
        let plan = plan(entry: entry, reader: reader, policy: policy, request: request, diagnostics: &diagnostics, observe: { _ in })
        return (plan, diagnostics.diagnostics)
    }

    /// The gateway plan of the spec under the policy; `nil` when a stage found errors.
    static func plan(
        entry: String, reader: some SpecFileReader, policy: PolicyInput?, request: Request,
        diagnostics: inout DiagnosticEngine, observe: (Stage) -> Void
    ) -> GatewayPlan? {
        do {
            let loaded = try SpecLoader.load(entry: entry, reader: reader, options: request.loadOptions)
            diagnostics.report(contentsOf: loaded.warnings)
            observe(.load)
            let (model, modelDiagnostics) = APIModelBuilder.build(from: loaded.spec, repairingPaths: request.repairsPaths)
            diagnostics.report(contentsOf: modelDiagnostics)
            observe(.model)
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
            observe(.policy)
            if request.target == .openapi, case .lambdaProxy(nil) = request.integrations.backend {
                diagnostics.report(
                    .error(
                        PipelineError.lambdaWithoutARN,
                        "an OpenAPI output cannot ask for the Lambda function the way a template parameter does; "
                            + "give it with --backend lambda:arn:aws:lambda:REGION:ACCOUNT:function:NAME"))
            }
            guard !diagnostics.hasErrors else { return nil }
            let bundled = SpecBundler.bundle(loaded.spec)
            observe(.bundle)
            let (document, preparation) = DocumentPreparation.prepare(bundled)
            diagnostics.report(contentsOf: preparation)
            observe(.prepare)
            let (plan, planDiagnostics) = GatewayPlanner(settings: request.integrations).plan(model, document: document, cors: cors)
            diagnostics.report(contentsOf: planDiagnostics)
            observe(.plan)
            return diagnostics.hasErrors ? nil : plan
        } catch let error as DiagnosticError {
            diagnostics.report(contentsOf: error.diagnostics)
            return nil
        } catch {
            diagnostics.report(.error(PipelineError.internal, "unexpected failure: \(error); please report it"))
            return nil
        }
    }

    /// The plan rendered to the requested target and written in the requested format.
    static func render(
        _ plan: consuming GatewayPlan, request: Request, entry: String, diagnostics: inout DiagnosticEngine,
        observe: (Stage) -> Void
    ) throws -> String {
        switch request.target {
        case .cloudformation:
            let (template, renderDiagnostics) = CloudFormationRenderer(style: request.cloudFormationStyle).render(plan)
            _ = consume plan  // only the template is written; the spec's tree can go
            diagnostics.report(contentsOf: renderDiagnostics)
            observe(.render)
            if request.cloudFormationStyle == .resources {
                diagnostics.report(contentsOf: TemplateReferences.undefinedNames(in: template, file: entry))
            }
            observe(.check)
            let text =
                switch request.format {
                case .yaml: YAMLWriter.write(template)
                case .json: try JSONWriter.write(template, file: entry, replacingTagged: IntrinsicFunctions.longForm(of:))
                }
            diagnostics.report(contentsOf: CloudFormationRenderer.sizeDiagnostics(templateBytes: text.utf8.count))
            observe(.write)
            return text
        case .openapi:
            let document = OpenAPIRenderer().render(plan)
            _ = consume plan  // only the rendered document is written; the spec's tree can go
            observe(.render)
            // Outside CloudFormation nothing resolves `!Sub` or `!GetAtt`: the import would
            // take them as text and fail, so say where they are instead. The writers meet
            // every node anyway, so they find the tags; a second walk of a large document
            // cost half as much as writing it.
            let text: String
            switch request.format {
            case .yaml:
                let written = YAMLWriter.writeFindingTags(document)
                if let (tag, mark) = written.firstTag {
                    diagnostics.report(intrinsicInOpenAPI(tag: tag, mark: mark, entry: entry))
                    return ""
                }
                text = written.text
            case .json:
                do {
                    text = try JSONWriter.write(document, file: entry)
                } catch let error as DiagnosticError {
                    // JSON has no tags: its writer refuses them. Say it the way the YAML
                    // output does, and keep any other refusal as it is.
                    guard let tagged = firstTag(in: document), let tag = tagged.tag else { throw error }
                    diagnostics.report(intrinsicInOpenAPI(tag: tag, mark: tagged.mark, entry: entry))
                    return ""
                }
            }
            observe(.write)
            return text
        }
    }

    /// CONV002 for a CloudFormation function found in an OpenAPI output.
    static func intrinsicInOpenAPI(tag: String, mark: Mark, entry: String) -> Diagnostic {
        .error(
            PipelineError.intrinsicInOpenAPI,
            "\(tag) is a CloudFormation function, which API Gateway's import cannot resolve; "
                + "convert --to cloudformation, or write the value out",
            at: mark.isSynthetic ? nil : SourceLocation(file: entry, mark: mark))
    }

    /// The first node carrying a tag, depth first, keys before their values.
    static func firstTag(in node: Node) -> Node? {
        if node.tag != nil { return node }
        switch node.content {
        case .scalar: return nil
        case .sequence(let items): return items.lazy.compactMap(firstTag).first
        case .mapping(let mapping):
            return mapping.entries.lazy.compactMap { firstTag(in: $0.key) ?? firstTag(in: $0.value) }.first
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
