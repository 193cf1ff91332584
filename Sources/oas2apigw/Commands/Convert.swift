import ArgumentParser
import Convert
import Diagnostics
import YAML
import Render
import Spec
import Planning
import Plan

extension Converter.Request.Target: ExpressibleByArgument {}
extension CloudFormationRenderer.Style: ExpressibleByArgument {}
extension APIKind {
    /// What `--api` says in every command that takes it.
    static let helpText =
        "rest (the default) or http: a REST API, or an HTTP API (API Gateway v2) with native CORS (docs/http-apis.md)."

    /// `--api NAME` as the commands take it: as text, read here. As an enum option,
    /// argument-parser spent 0.35M more instructions at every start than for text, a sixth of a
    /// small conversion's own work (docs/benchmarks.md, issue 24).
    static func option(_ name: String?) throws -> APIKind? {
        guard let name else { return nil }
        guard let kind = APIKind(rawValue: name) else { throw ValidationError("--api takes rest or http, not \(name)") }
        return kind
    }
}

extension OAS2APIGW {
    /// `oas2apigw convert`: the main job.
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "convert",
            abstract: "Write a CloudFormation template or an API Gateway OpenAPI document from a spec and a CORS policy.",
            discussion: HelpText.discussion(
                """
                The spec (YAML or JSON, one file or many joined by $ref) becomes the REST API as \
                API Gateway will hold it, with the CORS policy applied: an OPTIONS mock on every \
                CORS-enabled resource, CORS headers on non-proxy responses and on API Gateway's \
                own 4XX/5XX responses. Operations without an x-amazon-apigateway-integration get \
                the backend chosen with --backend (a MOCK answer by default, so any spec converts \
                and deploys).

                The CORS policy's format, with an example of every key, is in docs/cors-policy.md; \
                oas2apigw cors-check POLICY checks one alone. Nothing is written when there is an \
                error.
                """,
                examples: [
                    "oas2apigw convert openapi.yaml --cors cors.yaml -o template.yaml",
                    "oas2apigw convert openapi.yaml --cors cors.yaml --cfn-style body\n--format json -o template.json",
                    "oas2apigw convert openapi.yaml --cors cors.yaml --to openapi\n--backend http:https://api.example.com -o api.yaml",
                ],
                exitCodes: [
                    (0, "the output was written (warnings may have been printed)"),
                    (2, "the spec, the policy or the settings have errors, or a file could not be read or written"),
                ])
        )

        @Argument(help: "The spec's entry file (YAML or JSON), or - for standard input.")
        var spec: String

        @Option(help: "The CORS policy file (YAML or JSON). Without it no CORS is added.")
        var cors: String?

        @Option(help: "What to write: cloudformation or openapi.")
        var to: Converter.Request.Target = .cloudformation

        @Option(help: "The output format: yaml (the default) or json.")
        var format: SourceFormat?

        @Option(
            name: .customLong("cfn-style"),
            help: """
                resources (one Resource and Method per path and verb, the default), body (one RestApi with the OpenAPI \
                Body) or body-s3 (one RestApi reading the definition from S3; the definition is written beside -o FILE).
                """)
        var cloudFormationStyle: CloudFormationRenderer.Style?

        @Option(
            help: "A settings file (YAML or JSON): backend, stageName, cfnStyle, requestValidation, … (docs/settings.md); options given here win.")
        var config: String?

        @Option(name: .customLong("api"), help: ArgumentHelp(APIKind.helpText, valueName: "kind"))
        var apiName: String?

        @Option(
            help: """
                The backend of operations without an x-amazon-apigateway-integration: mock (the default), \
                http:URL (HTTP proxy to URL plus the operation's path) or lambda[:ARN] (Lambda proxy; without \
                an ARN the CloudFormation template asks for one).
                """)
        var backend: String?

        @Option(
            name: .customLong("parameter"),
            help: """
                A value for a name the spec's values leave open, NAME=VALUE; repeat for more. The name as the spec \
                writes it (lambda_arn, ApiRole.Arn, AWS::Region) or as the template parameter (LambdaArn, ApiRoleArn). \
                Without one, a CloudFormation template asks for it as a parameter; an OpenAPI output needs every one.
                """)
        var parameters: [String] = []

        @Option(name: .customLong("stage-name"), help: "The stage to deploy to (the template parameter's default; v1 unless set).")
        var stageName: String?

        @Flag(name: .customLong("allow-ref-outside"), help: "Let $refs read files outside the spec's folder.")
        var allowsRefsOutsideFolder = false

        @Flag(
            help: """
                Fix the path problems API Gateway refuses that have a safe fix (conflicting or repeated \
                variable names, text glued to a variable), each reported as a note; off by default, \
                because it changes the names the backend sees. See docs/api-gateway-limits.md.
                """)
        var repair = false

        @Flag(
            help: """
                Leave out of the written definition what API Gateway does not use: descriptions, summaries, \
                examples, tags, other vendors' x- extensions and unused components (body, body-s3 and openapi \
                outputs). For a large API that meets the 6 MB import or the 1 MB template; see docs/large-apis.md.
                """)
        var trim = false

        @Option(name: .shortAndLong, help: "Where to write: a file (replaced atomically) or - for standard output.")
        var output: String = "-"

        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            _ = try APIKind.option(apiName)
            if let backend, ConvertConfig.backend(from: backend) == nil {
                throw ValidationError("--backend takes mock, http:URL or lambda[:ARN], not \(backend); \(ConvertConfig.backendProblem(backend))")
            }
            if let stageName, !ConvertConfig.isStageName(stageName) {
                throw ValidationError("--stage-name takes 1 to 128 letters, digits, - and _ (or $default, an HTTP API's)")
            }
            if cloudFormationStyle != nil, to == .openapi {
                throw ValidationError("--cfn-style lays out a CloudFormation template; drop it, or convert --to cloudformation")
            }
        }

        /// `wrote template.yaml: 12 resources, 18 methods, 6 preflights, 3 gateway responses (24.1 kB)`.
        static func line(_ summary: Converter.Summary, output: String, target: Converter.Request.Target) -> String {
            func count(_ n: Int, _ one: String) -> String { "\(n) \(one)\(n == 1 ? "" : "s")" }
            let kind = target == .openapi ? "an OpenAPI document" : "a CloudFormation template"
            let size = summary.bytes < 10_000 ? "\(summary.bytes) bytes" : "\(summary.bytes / 1000) kB"
            let place = output == "-" ? "standard output" : output
            if summary.kind == .http {
                let added = summary.preflights > 0 ? " (\(summary.preflights) for preflights)" : ""
                let cors = summary.hasCORSConfiguration ? "a CORS configuration" : "no CORS configuration"
                return "wrote \(kind) of an HTTP API to \(place): \(count(summary.operations + summary.preflights, "route"))\(added), "
                    + "\(count(summary.authorizers, "authorizer")), \(cors) (\(size))"
            }
            return "wrote \(kind) to \(place): \(count(summary.resources, "resource")), \(count(summary.operations, "method")), "
                + "\(count(summary.preflights, "preflight")), \(count(summary.gatewayResponses, "gateway response")) (\(size))"
        }

        func run() throws {
            var line: String?
            try diagnostics.run { engine in
                var settings = try ConvertConfig.read(config, reportingTo: &engine)
                if let api = try APIKind.option(apiName) { settings.api.kind = api }
                guard !diagnostics.stops(engine.diagnostics) else { return }
                // The command line's values win over the file's, name by name.
                let values = settings.parameters.merging(try TemplateParameterArguments.values(parameters)) { $1 }
                let policy = try cors.map {
                    Converter.PolicyInput(bytes: try Files.read($0, limit: ReadLimits.default.maxDocumentBytes), file: $0)
                }
                var request = Converter.Request(
                    target: to, format: format ?? settings.format ?? .yaml,
                    cloudFormationStyle: cloudFormationStyle ?? settings.cloudFormationStyle ?? .resources,
                    integrations: settings.integrations(
                        backend: backend.flatMap(ConvertConfig.backend(from:)), stageName: stageName, parameterValues: values),
                    loadOptions: LoadOptions(allowsRefsOutsideFolder: allowsRefsOutsideFolder),
                    repairsPaths: repair)
                settings.apply(to: &request)
                if trim { request.trimsDefinition = true }
                // The process ends right after: the system takes the memory back faster
                // than the tree can be freed.
                request.leavesMemoryToExit = true
                // The output streams into a temporary file as it is made; it replaces the
                // target only if the conversion succeeded.
                var summary: Converter.Summary?
                // A body-s3 template's definition, or a split template's children, go beside it.
                let folder = output.lastIndex(of: "/").map { String(output[...$0]) } ?? ""
                if output != "-" {
                    request.outputName = String(output.split(separator: "/").last ?? "")
                    request.definitionName = String(Converter.definitionName(of: request.outputName))
                }
                var companionProblem: Error?
                var companions: BesideOutput?
                let written = try Files.write(to: output) { sink in
                    let beside = output == "-" ? nil : BesideOutput(folder: folder)
                    companions = beside
                    let result = Converter.convert(
                        entry: DiskSpecFiles.entryName(for: spec), reader: DiskSpecFiles(), policy: policy, request: request,
                        into: sink, companions: beside)
                    let kept = DiagnosticOptions.dropping(settings.ignore, from: result.diagnostics)
                    engine.report(contentsOf: kept)
                    summary = result.summary
                    // Under --strict a warning keeps the output from being written, as an error does.
                    let keeps = result.succeeded && !diagnostics.stops(kept)
                    guard keeps else {
                        beside?.discard()
                        return false
                    }
                    do {
                        try beside?.commit()
                    } catch {
                        companionProblem = error
                        return false
                    }
                    return true
                }
                if let companionProblem { throw companionProblem }
                if written, let summary {
                    let names = companions?.names.map { folder + $0 } ?? []
                    let extra: String
                    if request.writesDefinitionFile, let first = names.first {
                        extra = ", and its definition to \(first)"
                    } else if !names.isEmpty {
                        extra = ", split into nested stacks: \(names.count) child template\(names.count == 1 ? "" : "s") beside it (\(names[0])…)"
                    } else {
                        extra = ""
                    }
                    line = Self.line(summary, output: output, target: to) + extra
                }
            }
            // After the diagnostics, as the last line of the run.
            line.map(diagnostics.summary)
        }
    }
}

/// The files a conversion writes beside its output, each into a temporary file that replaces
/// its target only when the whole conversion is kept.
final class BesideOutput: CompanionFiles {
    let folder: String
    private var sinks: [(name: String, sink: TemporaryFileSink)] = []

    init(folder: String) {
        self.folder = folder
    }

    func file(named name: String) -> ByteSink {
        let sink = TemporaryFileSink(replacing: folder + name)
        sinks.append((name, sink))
        return sink
    }

    var names: [String] { sinks.map(\.name) }

    func commit() throws {
        for (_, sink) in sinks { try sink.commit() }
    }

    func discard() {
        for (_, sink) in sinks { sink.discard() }
    }
}
