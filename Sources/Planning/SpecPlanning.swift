import Diagnostics
import YAML
import Plan
import Support
import CORS
import Spec

/// Spec files and a CORS policy to a gateway plan: load the files with their `$ref`s
/// checked, model the paths and operations, read the policy, bundle and prepare the
/// document API Gateway imports, and plan.
///
/// This is the producer half of `convert`; the converter renders what it returns, and the
/// doctor, `preflight` and the round-trip tests use it alone.
public enum SpecPlanning {
    /// How to plan.
    public struct Options: Sendable {
        public var integrations: IntegrationSettings
        /// The API's own settings (request validation, …), from the settings file.
        public var api = APISettings()
        public var loadOptions: LoadOptions
        /// `--repair`: fix the path problems that have a safe fix, each with a note, instead
        /// of stopping at them. Off by default, because it changes what the backend sees.
        public var repairsPaths: Bool
        /// How many threads model a large spec at once; the plan is the same for any number.
        public var workers: Int
        /// Leave the loaded spec, its model and (in a conversion) the plan to the end of the
        /// process instead of freeing them node by node (`LeftToExit`): a command that exits
        /// right after gives the memory back at once, where freeing a large spec's tree took
        /// longer than planning it. Off for a library caller, which goes on running.
        public var leavesMemoryToExit = false
        /// `--trim`: the plan's document, which the definition is written from, without what
        /// API Gateway does not use (`DefinitionTrimming`).
        public var trimsDefinition = false

        public init(
            integrations: IntegrationSettings = IntegrationSettings(), loadOptions: LoadOptions = LoadOptions(),
            repairsPaths: Bool = false, workers: Int = ParallelMap.processorCount
        ) {
            self.integrations = integrations
            self.loadOptions = loadOptions
            self.repairsPaths = repairsPaths
            self.workers = workers
        }
    }

    /// A step of planning, reported to an observer as it ends.
    public enum Stage: String, Sendable, CaseIterable {
        case load, model, policy, bundle, prepare, plan
    }

    /// The plan, or `nil` when any diagnostic is an error; every diagnostic found along the
    /// way, in the order the stages reported them.
    public static func plan(
        entry: String, reader: some SpecFileReader, policy: PolicyInput?, options: Options = Options()
    ) -> (plan: GatewayPlan?, diagnostics: [Diagnostic]) {
        var diagnostics = DiagnosticEngine()
        var paths: SourceLocation?
        let plan = plan(
            entry: entry, reader: reader, policy: policy, options: options, diagnostics: &diagnostics, pathsAt: &paths,
            observe: { _ in })
        return (plan, diagnostics.diagnostics)
    }

    /// The plan of the spec under the policy; `nil` when a stage found errors. `pathsAt` is
    /// set to the spec's `paths` key, where a refusal of the API as a whole (too many
    /// resources, too large a template) points.
    package static func plan(
        entry: String, reader: some SpecFileReader, policy: PolicyInput?, options: Options,
        diagnostics: inout DiagnosticEngine, pathsAt: inout SourceLocation?, observe: (Stage) -> Void
    ) -> GatewayPlan? {
        do {
            var headStart = EntryFileHeadStart(options: options)
            let loaded = try SpecLoader.load(entry: entry, reader: reader, options: options.loadOptions) { entrySpec in
                headStart.begin(with: entrySpec)
            }
            diagnostics.report(contentsOf: loaded.warnings)
            pathsAt = pathsKey(of: loaded.spec.entryRoot, in: loaded.spec.entryFile)
            observe(.load)

            let (model, modelDiagnostics) =
                headStart.model(of: loaded.spec)
                ?? APIModelBuilder.build(from: loaded.spec, repairingPaths: options.repairsPaths, workers: options.workers)
            diagnostics.report(contentsOf: modelDiagnostics)
            observe(.model)

            let cors = try read(policy, into: &diagnostics)
            observe(.policy)
            if options.integrations.placeholders == .beforeImport, case .lambdaProxy(nil) = options.integrations.backend {
                diagnostics.report(
                    .error(
                        PipelineError.lambdaWithoutARN,
                        "an OpenAPI output cannot ask for the Lambda function the way a template parameter does; "
                            + "give it with --backend lambda:arn:aws:lambda:REGION:ACCOUNT:function:NAME"))
            }
            guard !diagnostics.hasErrors else { return nil }

            let document: Node
            let preparation: [Diagnostic]
            if let early = headStart.document(of: loaded.spec) {
                observe(.bundle)
                (document, preparation) = early
            } else {
                let (bundled, origins) = SpecBundler.bundleTracingOrigins(loaded.spec)
                observe(.bundle)
                (document, preparation) =
                    loaded.spec.hasOnlyFragmentReferences
                    ? DocumentPreparation.prepare(bundled, file: loaded.spec.entryFile)
                    : DocumentPreparation.prepare(bundle: bundled, origins: origins)
            }
            diagnostics.report(contentsOf: preparation)
            observe(.prepare)

            var (plan, planDiagnostics) = GatewayPlanner(settings: options.integrations, api: options.api).plan(model, document: document, cors: cors)
            diagnostics.report(contentsOf: planDiagnostics)
            diagnostics.report(contentsOf: GatewayQuotas.check(plan, pathsAt: pathsAt, file: loaded.spec.entryFile))
            // After the checks, which place what they find in the document as written.
            if options.trimsDefinition { DefinitionTrimming.trim(&plan) }
            observe(.plan)
            // The spec as loaded and its model are spent; a command leaves them to the end of
            // the process with the plan rather than free them node by node now.
            if options.leavesMemoryToExit { LeftToExit.keep((loaded, model)) }
            return diagnostics.hasErrors ? nil : plan
        } catch let error as DiagnosticError {
            diagnostics.report(contentsOf: error.diagnostics)
            return nil
        } catch {
            diagnostics.report(.error(PipelineError.internal, "unexpected failure: \(error); please report it"))
            return nil
        }
    }

    /// The policy read and checked; without one, the note that the output adds no CORS.
    static func read(_ policy: PolicyInput?, into diagnostics: inout DiagnosticEngine) throws -> CORSPolicy? {
        guard let policy else {
            diagnostics.report(
                .note(
                    CORSDiagnosticCode.noPolicy,
                    "no CORS policy given, so the output adds no CORS; pass --cors POLICY to add preflights and CORS headers"))
            return nil
        }
        let reading = try CORSPolicyReader.read(policy.bytes, file: policy.file)
        diagnostics.report(contentsOf: reading.diagnostics)
        return reading.policy
    }

    /// The `paths` key of the entry file, or its first line when it has none.
    package static func pathsKey(of root: Node, in file: String) -> SourceLocation {
        let key = root.mapping?.entries.first { $0.key.text == "paths" }?.key
        guard let key, !key.mark.isSynthetic else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, mark: key.mark)
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

/// The fast path of planning a large spec of one file: its model and its import document
/// are made on other cores from the entry file's tree while the loader is still checking
/// its `$ref`s, and used if the spec turns out to be that one file with local `$ref`s only.
///
/// Without it the same functions run in order after loading, with the same results
/// (`EarlyDocumentTests`); `docs/benchmarks.md` has what it saves.
struct EntryFileHeadStart {
    /// Below this many paths a thread costs more than it saves.
    static let minimumPaths = 32

    let options: SpecPlanning.Options
    private var model: BackgroundValue<(APIModel, [Diagnostic])>?
    private var document: BackgroundValue<(Node, [Diagnostic])>?

    init(options: SpecPlanning.Options) {
        self.options = options
    }

    /// Starts the work on `entrySpec`, the entry file alone, when it is worth a thread.
    mutating func begin(with entrySpec: LoadedSpec) {
        guard options.workers > 1, (entrySpec.entryRoot["paths"]?.mapping?.count ?? 0) >= Self.minimumPaths else { return }
        let (repairs, workers) = (options.repairsPaths, options.workers)
        model = BackgroundValue { APIModelBuilder.build(from: entrySpec, repairingPaths: repairs, workers: workers) }
        document = BackgroundValue { DocumentPreparation.prepare(entrySpec.entryRoot, file: entrySpec.entryFile) }
    }

    /// The model made early, when `spec` is the entry file alone.
    func model(of spec: LoadedSpec) -> (APIModel, [Diagnostic])? {
        spec.fileOrder.count == 1 ? model?.value : nil
    }

    /// The prepared document made early, when the entry file is its own bundle.
    func document(of spec: LoadedSpec) -> (Node, [Diagnostic])? {
        spec.hasOnlyFragmentReferences ? document?.value : nil
    }
}
