import Diagnostics
import YAML
import Plan
import Support
import Render
import CORS
import Spec
import Planning

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
        /// The name of the definition file a `body-s3` template deploys, as its default S3 key
        /// (`api.definition.yaml` beside `api.yaml`).
        public var definitionName = "definition.yaml"
        /// The output's own file name, which names the child templates of a split template
        /// (`api.stack-1.yaml` beside `api.yaml`).
        public var outputName = "template.yaml"
        /// The most resources a template of the resource-by-resource style holds; over it, the
        /// template is split into nested stacks when there is a place for their files.
        /// CloudFormation's limit by default; the settings file may lower it (headroom, tests).
        public var stackResourceLimit = CloudFormationRenderer.maxResources
        /// How the spec is planned: its integrations, how it is loaded, `--repair`, how many
        /// threads work on it (the output's parts are made on as many), and whether its memory
        /// is left to the end of the process (`SpecPlanning.Options` says what each means).
        public var planning: SpecPlanning.Options

        public var integrations: IntegrationSettings {
            get { planning.integrations }
            set { planning.integrations = newValue }
        }
        public var loadOptions: LoadOptions {
            get { planning.loadOptions }
            set { planning.loadOptions = newValue }
        }
        public var repairsPaths: Bool {
            get { planning.repairsPaths }
            set { planning.repairsPaths = newValue }
        }
        public var workers: Int {
            get { planning.workers }
            set { planning.workers = newValue }
        }
        public var leavesMemoryToExit: Bool {
            get { planning.leavesMemoryToExit }
            set { planning.leavesMemoryToExit = newValue }
        }
        public var trimsDefinition: Bool {
            get { planning.trimsDefinition }
            set { planning.trimsDefinition = newValue }
        }

        /// Whether the output is two files: a `body-s3` template and the definition it deploys.
        public var writesDefinitionFile: Bool { target == .cloudformation && cloudFormationStyle == .bodyS3 }

        public init(
            target: Target, format: SourceFormat = .yaml, cloudFormationStyle: CloudFormationRenderer.Style = .resources,
            integrations: IntegrationSettings = IntegrationSettings(), loadOptions: LoadOptions = LoadOptions(),
            repairsPaths: Bool = false, workers: Int = ParallelMap.processorCount
        ) {
            self.target = target
            self.format = format
            self.cloudFormationStyle = cloudFormationStyle
            planning = SpecPlanning.Options(
                integrations: integrations, loadOptions: loadOptions, repairsPaths: repairsPaths, workers: workers)
        }
    }

    /// A CORS policy file's bytes and name.
    public typealias PolicyInput = Planning.PolicyInput

    /// How `request` plans: the settings that reach the planner.
    static func planningOptions(_ request: Request) -> SpecPlanning.Options {
        var options = request.planning
        // An OpenAPI document is imported as it is: nobody fills its placeholders later. So
        // is the definition a body-s3 template reads from S3: CloudFormation does not look inside.
        options.integrations.placeholders = request.writesDefinitionFile || request.target == .openapi ? .beforeImport : .cloudFormation
        return options
    }

    /// What a conversion wrote, for the line a command prints when it succeeds.
    public struct Summary: Sendable, Equatable {
        /// The resources of the API, the root included.
        public var resources: Int
        /// The spec's operations, as methods (an OPTIONS operation the spec defines among them).
        public var operations: Int
        /// The OPTIONS methods the tool added for CORS preflights.
        public var preflights: Int
        /// API Gateway's own responses given CORS headers or other settings.
        public var gatewayResponses: Int
        /// The bytes written.
        public var bytes: Int
        /// A REST API or an HTTP API, whose methods are routes.
        public var kind: APIKind = .rest
        /// An HTTP API's authorizers.
        public var authorizers = 0
        /// Whether an HTTP API has a CORS configuration.
        public var hasCORSConfiguration = false

        init(_ plan: GatewayPlan, bytes: Int) {
            // Counted where the methods lie: `plan.methods` copies every method of a large API.
            var (operations, preflights) = (0, 0)
            for resource in plan.resources {
                for index in resource.methods.indices {
                    if resource.methods[index].role == .preflight { preflights += 1 } else { operations += 1 }
                }
            }
            resources = plan.resources.count
            self.operations = operations
            self.preflights = preflights
            gatewayResponses = plan.gatewayResponses.count
            self.bytes = bytes
            kind = plan.kind
            authorizers = plan.authorizers.count
            hasCORSConfiguration = plan.cors != nil
        }
    }

    /// A step of the conversion, reported to an observer as it ends, so the benchmark runner
    /// can say where the time goes without a profiler.
    public enum Stage: String, Sendable, CaseIterable {
        case load, model, policy, bundle, prepare, plan, render, check, write

        init(_ stage: SpecPlanning.Stage) {
            switch stage {
            case .load: self = .load
            case .model: self = .model
            case .policy: self = .policy
            case .bundle: self = .bundle
            case .prepare: self = .prepare
            case .plan: self = .plan
            }
        }
    }

    /// The output text, or `nil` when any diagnostic is an error; every diagnostic found
    /// along the way, in the order the stages reported them.
    ///
    /// `observe` is called after each stage that ran; it must not throw or reach back.
    public static func convert(
        entry: String, reader: some SpecFileReader, policy: PolicyInput?, request: Request,
        observe: (Stage) -> Void = { _ in }
    ) -> (output: String?, diagnostics: [Diagnostic]) {
        let sink = TextSink()
        let result = convert(entry: entry, reader: reader, policy: policy, request: request, into: sink, observe: observe)
        return (result.succeeded ? sink.text : nil, result.diagnostics)
    }

    /// The file beside a body-s3 template that holds the definition it deploys:
    /// `cloudformation.yaml` → `cloudformation.definition.yaml`, `api` → `api.definition`.
    public static func definitionName(of template: String) -> String {
        named(template, inserting: ".definition")
    }

    /// Child `index` (from 1) of a split template: `api.yaml` → `api.stack-1.yaml`.
    public static func stackFileName(of template: String, index: Int) -> String {
        named(template, inserting: ".stack-\(index)")
    }

    /// A file beside `template` named after it: `infix` before the extension, or at the end
    /// of a name without one (`api.yaml` → `api.definition.yaml`, `api` → `api.definition`).
    static func named(_ template: String, inserting infix: String) -> String {
        let slash = template.lastIndex(of: "/")
        let name = slash.map { template[template.index(after: $0)...] } ?? Substring(template)
        let folder = slash.map { String(template[...$0]) } ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return folder + name + infix }
        return folder + name[..<dot] + infix + name[dot...]
    }

    /// `convert` for a request that writes two files (`writesDefinitionFile`): the template
    /// and the definition, or `nil` for both when any diagnostic is an error.
    public static func convertWithDefinition(
        entry: String, reader: some SpecFileReader, policy: PolicyInput?, request: Request
    ) -> (output: String?, definition: String?, diagnostics: [Diagnostic]) {
        let converted = convertToFiles(entry: entry, reader: reader, policy: policy, request: request)
        guard let files = converted.files else { return (nil, nil, converted.diagnostics) }
        return (files.first?.text, files.first { $0.name == request.definitionName }?.text, converted.diagnostics)
    }

    /// `convert` with every file it writes: the output first (named `request.outputName`),
    /// then the files beside it (a body-s3 definition, a split template's children); `nil`
    /// when any diagnostic is an error.
    public static func convertToFiles(
        entry: String, reader: some SpecFileReader, policy: PolicyInput?, request: Request
    ) -> (files: [(name: String, text: String)]?, diagnostics: [Diagnostic]) {
        let (sink, companions) = (TextSink(), CompanionTexts())
        let result = convert(entry: entry, reader: reader, policy: policy, request: request, into: sink, companions: companions)
        guard result.succeeded else { return (nil, result.diagnostics) }
        return ([(request.outputName, sink.text)] + companions.texts, result.diagnostics)
    }

    /// Converts, writing the output into `sink` as it is made, so a large output is never
    /// whole in memory; every diagnostic found along the way, in the order the stages
    /// reported them.
    ///
    /// When it does not succeed (any diagnostic is an error) the sink may hold part of an
    /// output, or all of one that must not be used: the caller throws it away, as the
    /// command line does with its temporary file.
    ///
    /// `companions` takes the files written beside the output: the definition of a `body-s3`
    /// template, or the children of a template split into nested stacks. The definition is
    /// written first (the
    /// template names its MD5); without one such a request fails (CONV014).
    public static func convert(
        entry: String, reader: some SpecFileReader, policy: PolicyInput?, request: Request, into sink: ByteSink,
        companions: CompanionFiles? = nil, observe: (Stage) -> Void = { _ in }
    ) -> (succeeded: Bool, diagnostics: [Diagnostic], summary: Summary?) {
        var diagnostics = DiagnosticEngine()
        var paths: SourceLocation?
        guard
            let plan = plan(
                entry: entry, reader: reader, policy: policy, request: request, diagnostics: &diagnostics,
                pathsAt: &paths, observe: observe)
        else { return (false, diagnostics.diagnostics, nil) }
        let counted = CountingSink(sink)
        if request.writesDefinitionFile {
            guard let companions else {
                diagnostics.report(
                    .error(
                        PipelineError.definitionFileNeeded,
                        "--cfn-style body-s3 writes two files, the template and the definition it deploys; give -o FILE, "
                            + "and the definition goes beside it"))
                return (false, diagnostics.diagnostics, nil)
            }
            writeWithDefinition(
                plan, request: request, entry: entry, pathsAt: paths, into: counted,
                definition: companions.file(named: request.definitionName),
                diagnostics: &diagnostics, observe: observe)
        } else {
            write(
                plan, request: request, entry: entry, pathsAt: paths, into: counted, companions: companions, diagnostics: &diagnostics,
                observe: observe)
        }
        let summary = diagnostics.hasErrors ? nil : Summary(plan, bytes: counted.count)
        if request.leavesMemoryToExit { LeftToExit.keep(plan) }
        return (!diagnostics.hasErrors, diagnostics.diagnostics, summary)
    }

    /// The gateway plan for a spec and policy, as `convert` plans it (`SpecPlanning`);
    /// `nil` when any diagnostic is an error.
    public static func plan(
        entry: String, reader: some SpecFileReader, policy: PolicyInput?, request: Request
    ) -> (plan: GatewayPlan?, diagnostics: [Diagnostic]) {
        SpecPlanning.plan(entry: entry, reader: reader, policy: policy, options: planningOptions(request))
    }

    static func plan(
        entry: String, reader: some SpecFileReader, policy: PolicyInput?, request: Request,
        diagnostics: inout DiagnosticEngine, pathsAt: inout SourceLocation?, observe: (Stage) -> Void
    ) -> GatewayPlan? {
        SpecPlanning.plan(
            entry: entry, reader: reader, policy: policy, options: planningOptions(request), diagnostics: &diagnostics,
            pathsAt: &pathsAt, observe: { observe(Stage($0)) })
    }

    /// The plan rendered to the requested target and written in the requested format.
    ///
    /// The largest part of a large output, the path items, is made in parts while it is
    /// written (`SplicedDocument`), so the `render` stage only lays the document out and
    /// `write` makes and writes the rest.
    static func write(
        _ plan: GatewayPlan, request: Request, entry: String, pathsAt: SourceLocation?, into sink: ByteSink,
        companions: CompanionFiles?, diagnostics: inout DiagnosticEngine, observe: (Stage) -> Void
    ) {
        // The renderers judge the template as a whole; its size comes from the spec's paths.
        func located(_ found: [Diagnostic]) -> [Diagnostic] {
            found.map { var diagnostic = $0; diagnostic.location = diagnostic.location ?? pathsAt; return diagnostic }
        }
        switch request.target {
        case .cloudformation:
            var (template, renderDiagnostics) = CloudFormationRenderer(style: request.cloudFormationStyle).renderForWriting(plan)
            if case .whole(let tree) = template, request.cloudFormationStyle == .resources,
                case let count = tree["Resources"]?.mapping?.count ?? 0, count > request.stackResourceLimit
            {
                let split = companions.flatMap { _ in
                    CloudFormationRenderer.split(
                        tree, of: plan, limit: request.stackResourceLimit, childFile: { stackFileName(of: request.outputName, index: $0) })
                }
                if let split, let companions {
                    renderDiagnostics.removeAll { $0.code == RenderError.tooManyResources.id }
                    writeChildren(split, request: request, entry: entry, pathsAt: pathsAt, to: companions, diagnostics: &diagnostics)
                    template = .whole(split.parent)
                } else if !renderDiagnostics.contains(where: { $0.code == RenderError.tooManyResources.id }) {
                    let why = companions == nil
                        ? "is written whole on standard output; give -o FILE to split it into nested stacks"
                        : "cannot be split under it: the parent alone (the API, its authorizers, models, gateway responses and stage, "
                            + "and one stack per child) would be over it; it is written whole"
                    diagnostics.report(
                        contentsOf: located([
                            .warning(
                                RenderError.notSplit,
                                "the template has \(count) resources, over stackResourceLimit \(request.stackResourceLimit), and " + why)
                        ]))
                }
            }
            diagnostics.report(contentsOf: located(renderDiagnostics))
            observe(.render)
            if case .whole(let tree) = template, request.cloudFormationStyle == .resources {
                diagnostics.report(contentsOf: TemplateReferences.undefinedNames(in: tree, file: entry))
            }
            observe(.check)
            // A template over CloudFormation's limit is refused (CFN002) and never kept: its
            // bytes past the limit are counted, for the message, but not written.
            let counter = CountingSink(sink, forwardingUpTo: CloudFormationRenderer.maxTemplateBytes)
            switch (template, request.format) {
            case (.whole(let tree), .yaml):
                YAMLWriter.write(tree, to: counter)
            case (.whole(let tree), .json):
                diagnostics.report(
                    contentsOf: JSONWriter.write(tree, to: counter, file: entry, replacingTagged: IntrinsicFunctions.longForm(of:))
                        .problems)
            case (.inParts(let document), let format):
                let outcome = DocumentWriter.write(
                    document, format: format, to: counter, file: entry,
                    replacingTagged: format == .json ? IntrinsicFunctions.longForm(of:) : nil, workers: request.workers)
                diagnostics.report(contentsOf: outcome.problems)
            }
            diagnostics.report(contentsOf: located(CloudFormationRenderer.sizeDiagnostics(templateBytes: counter.count)))
            observe(.write)
        case .openapi:
            if plan.stage.hasSettings || !plan.usagePlans.isEmpty {
                diagnostics.report(
                    .warning(
                        PipelineError.stageSettingsNotInDocument,
                        "the settings file's stage settings (access log, tracing, throttling, caching, the CloudWatch role) and usage "
                            + "plans belong to a stage, which an OpenAPI document for import does not create, so they are not written; convert --to "
                            + "cloudformation, or set them on the stage you deploy the imported API to"))
            }
            let document = OpenAPIRenderer().renderInParts(plan)
            observe(.render)
            // Outside CloudFormation nothing resolves `!Sub` or `!GetAtt`: the import would
            // take them as text and fail, so say where they are instead. The writers meet
            // every node anyway, so they find the tags, where a second walk of a large document
            // would cost a large part of writing it. JSON, which has no tags, would refuse them
            // too; CONV002 says it the way the YAML output does.
            let counter = CountingSink(sink)
            let outcome = DocumentWriter.write(
                document, format: request.format, to: counter, file: entry, workers: request.workers)
            if let (tag, mark) = outcome.firstTag {
                diagnostics.report(intrinsicInOpenAPI(tag: tag, mark: mark, entry: entry))
            } else {
                diagnostics.report(contentsOf: outcome.problems)
            }
            diagnostics.report(contentsOf: definitionSize(counter.count, what: "the document", at: pathsAt))
            observe(.write)
        }
    }

    /// The `body-s3` style: the definition as an OpenAPI output (functions refused, as there:
    /// nothing resolves them in a file S3 holds), then the template that names its MD5.
    static func writeWithDefinition(
        _ plan: GatewayPlan, request: Request, entry: String, pathsAt: SourceLocation?, into sink: ByteSink,
        definition: ByteSink, diagnostics: inout DiagnosticEngine, observe: (Stage) -> Void
    ) {
        let document = OpenAPIRenderer().renderInParts(plan)
        observe(.render)
        let digest = DigestSink(definition)
        let definitionCounter = CountingSink(digest)
        let outcome = DocumentWriter.write(document, format: request.format, to: definitionCounter, file: entry, workers: request.workers)
        if let (tag, mark) = outcome.firstTag {
            diagnostics.report(intrinsicInOpenAPI(tag: tag, mark: mark, entry: entry, target: "a body-s3 definition"))
            return
        }
        diagnostics.report(contentsOf: outcome.problems)
        diagnostics.report(contentsOf: definitionSize(definitionCounter.count, what: "the definition", at: pathsAt))
        let (template, renderDiagnostics) = CloudFormationRenderer(style: .bodyS3).renderWithDefinitionInS3(
            plan, definition: CloudFormationRenderer.DefinitionFile(name: request.definitionName, md5: digest.md5.hex()))
        diagnostics.report(contentsOf: renderDiagnostics.map { var found = $0; found.location = found.location ?? pathsAt; return found })
        observe(.check)
        let counter = CountingSink(sink, forwardingUpTo: CloudFormationRenderer.maxTemplateBytes)
        switch request.format {
        case .yaml: YAMLWriter.write(template, to: counter)
        case .json:
            diagnostics.report(
                contentsOf: JSONWriter.write(template, to: counter, file: entry, replacingTagged: IntrinsicFunctions.longForm(of:)).problems)
        }
        diagnostics.report(contentsOf: CloudFormationRenderer.sizeDiagnostics(templateBytes: counter.count))
        observe(.write)
    }

    /// The child templates of a split template, each into its file beside the output, with
    /// the size checks the output has.
    static func writeChildren(
        _ split: SplitTemplate, request: Request, entry: String, pathsAt: SourceLocation?, to companions: CompanionFiles,
        diagnostics: inout DiagnosticEngine
    ) {
        for (index, child) in split.children.enumerated() {
            let name = stackFileName(of: request.outputName, index: index + 1)
            let counter = CountingSink(companions.file(named: name), forwardingUpTo: CloudFormationRenderer.maxTemplateBytes)
            switch request.format {
            case .yaml: YAMLWriter.write(child, to: counter)
            case .json:
                diagnostics.report(
                    contentsOf: JSONWriter.write(child, to: counter, file: entry, replacingTagged: IntrinsicFunctions.longForm(of:)).problems)
            }
            for found in CloudFormationRenderer.sizeDiagnostics(templateBytes: counter.count) where found.severity == .error {
                var placed = found
                placed.message = "\(name): " + placed.message
                placed.location = placed.location ?? pathsAt
                diagnostics.report(placed)
            }
        }
    }

    /// CONV015 when a definition for import is larger than API Gateway takes (6 MB, which AWS
    /// does not raise).
    public static func definitionSize(_ bytes: Int, what: String, at place: SourceLocation?) -> [Diagnostic] {
        guard bytes > GatewayQuotas.definitionBytes else { return [] }
        return [
            .error(
                PipelineError.definitionTooLarge,
                "\(what) is \(bytes) bytes, more than the \(GatewayQuotas.definitionBytes) (6 MB) API Gateway imports, which AWS "
                    + "does not raise; split the spec into several APIs",
                at: place)
        ]
    }

    /// CONV002 for a CloudFormation function found in an OpenAPI output.
    static func intrinsicInOpenAPI(tag: String, mark: Mark, entry: String, target: String? = nil) -> Diagnostic {
        .error(
            PipelineError.intrinsicInOpenAPI,
            target.map { "\(tag) is a CloudFormation function, which nothing resolves in \($0) (API Gateway imports the file as it is); "
                + "give its value with --parameter, or use --cfn-style body (\(Diagnostic.repairCannotFix))" }
                ?? "\(tag) is a CloudFormation function, which API Gateway's import cannot resolve; "
                + "convert --to cloudformation, or write the value out (\(Diagnostic.repairCannotFix))",
            at: mark.isSynthetic ? nil : SourceLocation(file: entry, mark: mark))
    }
}

/// Passes bytes on to another sink and takes their MD5 on the way: a body-s3 template names
/// the digest of the definition written before it.
final class DigestSink: ByteSink {
    private let destination: ByteSink
    private(set) var md5 = MD5()

    init(_ destination: ByteSink) {
        self.destination = destination
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        md5.combine(bytes)
        destination.write(bytes)
    }
}

/// Passes bytes on to another sink and counts them: the size of a template is known only
/// once it is written.
/// The files a conversion writes beside its output: a `body-s3` template's definition, the
/// children of a template split into nested stacks.
public protocol CompanionFiles: AnyObject {
    /// Where the file `name` (a file name, beside the output) is written.
    func file(named name: String) -> ByteSink
}

/// Companion files kept as text, in the order they were written.
public final class CompanionTexts: CompanionFiles {
    private var sinks: [(name: String, sink: TextSink)] = []

    public init() {}

    public func file(named name: String) -> ByteSink {
        let sink = TextSink()
        sinks.append((name, sink))
        return sink
    }

    /// Each file's name and text.
    public var texts: [(name: String, text: String)] { sinks.map { ($0.name, $0.sink.text) } }
}

final class CountingSink: ByteSink {
    private let destination: ByteSink
    /// How many bytes at most go on to `destination`; the rest are only counted.
    private let limit: Int
    private(set) var count = 0

    init(_ destination: ByteSink, forwardingUpTo limit: Int = .max) {
        self.destination = destination
        self.limit = limit
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        let room = max(0, limit - count)
        count += bytes.count
        if room >= bytes.count {
            destination.write(bytes)
        } else if room > 0 {
            destination.write(UnsafeBufferPointer(rebasing: bytes[..<room]))
        }
    }
}
