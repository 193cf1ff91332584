import ArgumentParser
import Diagnostics
import YAML
import CORS

extension OAS2APIGW {
    /// `oas2apigw cors-check`: validate a CORS policy and show what each path would answer.
    struct CORSCheck: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cors-check",
            abstract: "Check a CORS policy file and show what each path of a spec would answer.",
            discussion: HelpText.discussion(
                """
                Reads the policy (YAML or JSON) and reports every problem in it with its place \
                and fix. With --spec, the policy is applied to the spec's paths and the outcome \
                is printed per path: whether CORS is on, the origins, methods and headers \
                allowed, credentials, max age and the rules that matched. The format is \
                described in docs/cors-policy.md.

                Nothing is printed on standard output when the policy has errors.
                """,
                examples: [
                    "oas2apigw cors-check cors.yaml",
                    "oas2apigw cors-check cors.yaml --spec openapi.yaml",
                ],
                exitCodes: [
                    (0, "the policy has no errors (warnings allowed)"),
                    (2, "the policy or the spec has errors, or a file could not be read"),
                ])
        )

        @Argument(help: "The policy file to check, or - for standard input.")
        var policy: String

        @Option(help: "An OpenAPI spec whose paths the policy is applied to.")
        var spec: String?

        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            var summary: String?
            try diagnostics.run { engine in
                let limit = ReadLimits.default.maxDocumentBytes
                let policyName = policy == "-" ? "<stdin>" : policy
                let reading = try CORSPolicyReader.read(try Files.read(policy, limit: limit), file: policyName)
                var resources: [CORSResource] = []
                if let spec {
                    let specName = spec == "-" ? "<stdin>" : spec
                    let root = try DocumentReader.read(try Files.read(spec, limit: limit), file: specName)
                    resources = CORSResource.resources(ofSpec: root, file: specName)
                }
                let resolution = CORSResolver.resolve(reading, resources: resources)
                engine.report(contentsOf: resolution.diagnostics)
                if !resolution.hasErrors, spec != nil {
                    try Files.write(resolution.report(), to: "-")
                }
                if !diagnostics.stops(resolution.diagnostics) {
                    let warnings = diagnostics.counted(resolution.diagnostics).filter { $0.severity == .warning }.count
                    let found = warnings == 0 ? "no problems" : "\(warnings) warning\(warnings == 1 ? "" : "s"), no errors"
                    let applied = spec == nil ? "" : ", applied to \(resources.count) path\(resources.count == 1 ? "" : "s")"
                    summary = "checked \(policyName): \(found)\(applied)"
                }
            }
            // After the diagnostics, as the last line of the run.
            summary.map(diagnostics.summary)
        }
    }
}
