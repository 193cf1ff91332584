import ArgumentParser
import Diagnostics
import YAML
import Spec
import CORS
import Planning

extension OAS2APIGW {
    /// `oas2apigw inspect`: show what API Gateway would make of a spec, before converting it.
    struct Inspect: ParsableCommand {
        /// How the model is printed.
        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
        }

        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Show the resources, methods and auth API Gateway would build from a spec.",
            discussion: HelpText.discussion(
                """
                Prints the spec's resource tree, one line per path segment, with each method's \
                operationId and the security that applies to it, and reports what an API Gateway \
                import would refuse (errors) or silently drop (warnings). With --format json the \
                model is printed as one JSON document for tools.

                The tree is printed even when there are errors, so you can see what clashes.
                """,
                examples: [
                    "oas2apigw inspect openapi.yaml",
                    "oas2apigw inspect openapi.yaml --repair",
                    "oas2apigw inspect openapi.yaml --format json",
                ],
                exitCodes: [
                    (0, "no errors (warnings allowed)"),
                    (2, "the spec has errors (the tree is printed all the same), or a file could not be read"),
                ])
        )

        @OptionGroup var spec: SpecInput

        @Option(help: "How to print the model: text (a tree for people) or json (a document for tools).")
        var format: OutputFormat = .text

        @Flag(help: "Show the tree as convert --repair would build it, with a note for each repair.")
        var repair = false

        @Option(help: "A CORS policy: show the preflight it adds to each path, and the origins it answers.")
        var cors: String?

        @OptionGroup var diagnostics: DiagnosticOptions

        /// The line under each path that says what the policy adds there; `ownOptions`, the
        /// paths whose OPTIONS the spec writes itself, which the policy keeps unless it says
        /// `existingOptions: replace`.
        static func preflights(_ resolution: CORSResolution, ownOptions: Set<String> = []) -> [String: [String]] {
            var lines: [String: [String]] = [:]
            for resource in resolution.resources {
                guard let policy = resource.policy else {
                    lines[resource.path] = ["(no CORS: the policy turns it off here)"]
                    continue
                }
                if ownOptions.contains(resource.path), policy.existingOptions != .replace {
                    lines[resource.path] = [
                        "OPTIONS kept as the spec writes it (existingOptions: \(policy.existingOptions.rawValue)): it must send the policy's "
                            + "CORS headers itself"
                    ]
                    continue
                }
                let origins = policy.origins.descriptions.joined(separator: ", ")
                let credentials = policy.allowsCredentials ? ", with credentials" : ""
                let verb = ownOptions.contains(resource.path) ? "replaced" : "added"
                lines[resource.path] = ["OPTIONS preflight \(verb): \(origins)\(credentials); \(policy.allowMethods.joined(separator: ", "))"]
            }
            return lines
        }

        func run() throws {
            try diagnostics.run { engine in
                let loaded = try spec.load(into: &engine)
                let (model, problems) = APIModelBuilder.build(from: loaded, repairingPaths: repair)
                engine.report(contentsOf: problems)
                if !problems.contains(where: { $0.severity == .error }) {
                    engine.report(contentsOf: GatewayQuotas.check(model: model, document: loaded.entryRoot, file: loaded.entryFile))
                }
                switch format {
                case .text:
                    var annotations: [String: [String]] = [:]
                    if let cors {
                        let reading = try CORSPolicyReader.read(try Files.read(cors, limit: ReadLimits.default.maxDocumentBytes), file: cors)
                        let resources = CORSResource.resources(ofSpec: loaded.entryRoot, file: loaded.entryFile)
                        let resolution = CORSResolver.resolve(reading, resources: resources)
                        engine.report(contentsOf: resolution.diagnostics)
                        let own = Set(resources.filter { $0.methods.contains { $0.uppercased() == "OPTIONS" } }.map(\.path))
                        annotations = Self.preflights(resolution, ownOptions: own)
                        // Under --repair the tree shows the gateway's paths; the policy was
                        // resolved on the spec's, so each note moves to the path it became.
                        for repair in model.pathRepairs where repair.specPath != repair.gatewayPath {
                            if let lines = annotations.removeValue(forKey: repair.specPath) { annotations[repair.gatewayPath] = lines }
                        }
                    }
                    try Files.write(model.inspectionText(annotations: annotations), to: "-")
                case .json:
                    try Files.write(try JSONWriter.write(model.jsonNode()), to: "-")
                }
            }
        }
    }
}
